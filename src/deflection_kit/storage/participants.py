"""Participants: the people who attend, found by id, email or name, and searched by name."""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from sqlite_utils import Database

from deflection_kit.errors import UsageError
from deflection_kit.storage.clock import stamp
from deflection_kit.storage.connection import write_transaction
from deflection_kit.storage.credentials import check_credentials
from deflection_kit.storage.events import log_event
from deflection_kit.storage.models import Participant, PersonFields
from deflection_kit.storage.names import (
    clean_name,
    clean_text,
    email_key,
    fold,
    is_email,
    match_key,
    name_tokens,
)
from deflection_kit.storage.tombstones import bury_participant

PARTICIPANT_COLUMNS = (
    "id", "name", "email", "phone", "agency", "discipline", "credentials", "created_at",
    "updated_at",
)  # fmt: skip
SELECT_PARTICIPANT = (
    "SELECT " + ", ".join(f"p.{c}" for c in PARTICIPANT_COLUMNS) + " FROM participants p"
)
MIN_PREFIX = 4


class AmbiguousPersonError(UsageError):
    """More than one stored person fits the name given."""


def participant_from_row(row: tuple[Any, ...]) -> Participant:
    """Build a Participant from a row of PARTICIPANT_COLUMNS."""
    data = dict(zip(PARTICIPANT_COLUMNS, row, strict=True))
    data["credentials"] = json.loads(data["credentials"])
    return Participant(**data)


def check_person(fields: PersonFields) -> PersonFields:
    """Return the person's fields cleaned; raise ValueError saying what is wrong."""
    name = clean_name(fields.name)
    if not fold(name):
        raise ValueError("a name is required")
    email = clean_text(fields.email)
    if email and not is_email(email):
        raise ValueError(f"{email!r} is not an email address")
    return PersonFields(
        name=name,
        email=email,
        phone=clean_text(fields.phone, 40),
        agency=clean_text(fields.agency),
        discipline=clean_text(fields.discipline),
        credentials=check_credentials(dict(fields.credentials)),
    )


def person_row(fields: PersonFields) -> dict[str, Any]:
    """Return the stored columns (with their comparison keys) for cleaned fields."""
    return {
        "name": fields.name,
        "match_key": match_key(fields.name),
        "email": fields.email,
        "email_key": email_key(fields.email),
        "phone": fields.phone,
        "agency": fields.agency,
        "agency_key": fold(fields.agency),
        "discipline": fields.discipline,
        "credentials": json.dumps(dict(fields.credentials), sort_keys=True, ensure_ascii=False)
        if fields.credentials
        else "{}",
        "search_words": search_words(fields.name),
    }


def search_words(name: str) -> str:
    """Return the words a name is found by, space-separated with a space at each end.

    Searching scans this one column for " word" (a word start): 50,000 people take a few
    milliseconds, and there is no separate index to keep in step or to scrub on deletion.
    """
    return f" {' '.join(name_tokens(name))} "


def _chunks(values: list[str], size: int = 500) -> list[list[str]]:
    return [values[i : i + size] for i in range(0, len(values), size)]


class ParticipantRepository:
    """Find, create, update, search and delete participants."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def get(self, participant_id: str) -> Participant:
        """Return the participant with this id (or an id merged into it)."""
        row = self.db.execute(
            f"{SELECT_PARTICIPANT} WHERE p.id = ? OR p.id = "
            "(SELECT participant_id FROM participant_aliases WHERE alias_id = ?)",
            [participant_id, participant_id],
        ).fetchone()
        if row is None:
            raise UsageError(f"no participant {participant_id!r}")
        return participant_from_row(tuple(row))

    def resolve(self, ref: str) -> Participant:
        """Return the participant whose id is ``ref`` or starts with it (4+ characters)."""
        ref = ref.strip().lower()
        try:
            return self.get(ref)
        except UsageError:
            if len(ref) < MIN_PREFIX:
                raise
        rows = self.db.execute(
            f"{SELECT_PARTICIPANT} WHERE p.id >= ? AND p.id < ? LIMIT 2", [ref, ref + "\uffff"]
        ).fetchall()
        if len(rows) > 1:
            raise UsageError(f"participant {ref!r} is ambiguous: give more of the id")
        if not rows:
            raise UsageError(f"no participant {ref!r}")
        return participant_from_row(tuple(rows[0]))

    def find_match(self, fields: PersonFields) -> Participant | None:
        """Return the stored person these fields describe: same email, or same name and agency.

        A stored person with a different email is someone else, even with the same name.
        """
        if fields.email:
            row = self.db.execute(
                # "!= ''" lets SQLite use the partial index on emails.
                f"{SELECT_PARTICIPANT} WHERE p.email_key = ? AND p.email_key != '' "
                "ORDER BY p.id LIMIT 1",
                [email_key(fields.email)],
            ).fetchone()
            if row is not None:
                return participant_from_row(tuple(row))
        rows = self.db.execute(
            f"{SELECT_PARTICIPANT} WHERE p.match_key = ? AND p.agency_key = ? "
            "AND (p.email_key = '' OR ? = '') ORDER BY p.id",
            [match_key(fields.name), fold(fields.agency), email_key(fields.email)],
        ).fetchall()
        if len(rows) > 1:
            raise AmbiguousPersonError(
                f"{len(rows)} people named {fields.name!r}"
                + (f" at {fields.agency!r}" if fields.agency else "")
                + ": give an email or a participant id"
            )
        return participant_from_row(tuple(rows[0])) if rows else None

    def find_matches(
        self, people: Sequence[PersonFields]
    ) -> list[Participant | AmbiguousPersonError | None]:
        """Return ``find_match`` for many people at once (a few queries, not two per person)."""
        by_email: dict[str, Participant] = {}
        by_name: dict[tuple[str, str], list[Participant]] = {}
        emails = sorted({email_key(p.email) for p in people if p.email})
        keys = sorted({match_key(p.name) for p in people})
        for chunk in _chunks(emails):
            marks = ", ".join("?" for _ in chunk)
            for row in self.db.execute(
                f"{SELECT_PARTICIPANT} WHERE p.email_key IN ({marks}) ORDER BY p.id DESC", chunk
            ):
                person = participant_from_row(tuple(row))
                by_email[email_key(person.email)] = person  # the lowest id wins, as in find_match
        for chunk in _chunks(keys):
            marks = ", ".join("?" for _ in chunk)
            for row in self.db.execute(
                f"{SELECT_PARTICIPANT} WHERE p.match_key IN ({marks}) ORDER BY p.id", chunk
            ):
                person = participant_from_row(tuple(row))
                by_name.setdefault((match_key(person.name), fold(person.agency)), []).append(person)
        results: list[Participant | AmbiguousPersonError | None] = []
        for fields in people:
            wanted = email_key(fields.email)
            if wanted and wanted in by_email:
                results.append(by_email[wanted])
                continue
            candidates = [
                p
                for p in by_name.get((match_key(fields.name), fold(fields.agency)), [])
                if not p.email or not wanted
            ]
            if len(candidates) > 1:
                results.append(
                    AmbiguousPersonError(
                        f"{len(candidates)} people named {fields.name!r}"
                        + (f" at {fields.agency!r}" if fields.agency else "")
                        + ": give an email or a participant id"
                    )
                )
            else:
                results.append(candidates[0] if candidates else None)
        return results

    def create(self, fields: PersonFields, actor: str = "") -> Participant:
        """Store a new person (fields must be cleaned with ``check_person``)."""
        participant_id = str(uuid.uuid4())
        now = stamp()
        with write_transaction(self.db):
            self.db.table("participants").insert(
                {"id": participant_id, **person_row(fields), "created_at": now, "updated_at": now}
            )
            log_event(self.db, "participant.created", participant_id=participant_id, actor=actor)
        return self.get(participant_id)

    def find_or_create(self, fields: PersonFields, actor: str = "") -> tuple[Participant, bool]:
        """Return the matching person, filling fields they lacked, or a new one; and if new."""
        with write_transaction(self.db):
            found = self.find_match(fields)
            if found is None:
                return self.create(fields, actor), True
            return self.fill_missing(found, fields), False

    def fill_missing(self, person: Participant, fields: PersonFields) -> Participant:
        """Add what ``fields`` know and the stored person lacks; never overwrite."""
        merged = PersonFields(
            name=person.name,
            email=person.email or fields.email,
            phone=person.phone or fields.phone,
            agency=person.agency or fields.agency,
            discipline=person.discipline or fields.discipline,
            credentials={**dict(fields.credentials), **dict(person.credentials)},
        )
        if merged == self._fields_of(person):
            return person
        return self.update(person.id, merged)

    def update(self, participant_id: str, fields: PersonFields, actor: str = "") -> Participant:
        """Replace a person's details (fields must be cleaned with ``check_person``)."""
        self.get(participant_id)
        with write_transaction(self.db):
            self.db.table("participants").update(
                participant_id, {**person_row(fields), "updated_at": stamp()}
            )
            log_event(self.db, "participant.updated", participant_id=participant_id, actor=actor)
        return self.get(participant_id)

    @staticmethod
    def _fields_of(person: Participant) -> PersonFields:
        return PersonFields(
            name=person.name,
            email=person.email,
            phone=person.phone,
            agency=person.agency,
            discipline=person.discipline,
            credentials=dict(person.credentials),
        )

    def search(
        self, text: str, session_id: str | None = None, limit: int = 50
    ) -> list[Participant]:
        """Return people whose name has words starting with each word typed (any order)."""
        words = fold(text).split()[:6]
        if not words:
            return []
        clauses = ["instr(p.search_words, ?) > 0" for _ in words]
        params: list[object] = [f" {word}" for word in words]
        if session_id is not None:
            clauses.append("p.id IN (SELECT participant_id FROM attendance WHERE session_id = ?)")
            params.append(session_id)
        rows = self.db.execute(
            f"{SELECT_PARTICIPANT} WHERE {' AND '.join(clauses)} "
            "ORDER BY p.match_key, p.id LIMIT ?",
            [*params, limit],
        ).fetchall()
        return [participant_from_row(tuple(row)) for row in rows]

    def count(self) -> int:
        """Return how many people are stored."""
        return int(self.db.execute("SELECT COUNT(*) FROM participants").fetchone()[0])

    def all(self) -> list[Participant]:
        """Return everyone, by name."""
        rows = self.db.execute(f"{SELECT_PARTICIPANT} ORDER BY p.match_key, p.id").fetchall()
        return [participant_from_row(tuple(row)) for row in rows]

    def delete(self, participant_id: str, actor: str = "") -> None:
        """Delete a person everywhere: details, attendance, search words and their events."""
        person = self.get(participant_id)
        with write_transaction(self.db):
            # Tombstones and fingerprints, so no later bundle brings them back.
            bury_participant(self.db, person.id)
            self.db.execute("DELETE FROM participants WHERE id = ?", [person.id])
            log_event(self.db, "participant.deleted", actor=actor)

    def credentials_of(self, participant_id: str) -> Mapping[str, str]:
        """Return a person's credential IDs by type."""
        return self.get(participant_id).credentials
