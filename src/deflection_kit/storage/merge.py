"""Merge a bundle into the store: a bundle adds records; it never rewrites what is here.

- Rows are matched by their UUIDs. A person known under two ids (two facilitators each added
  them) becomes one person under the smaller id; the other id is kept as an alias.
- A person already here keeps their details, and a session this installation created keeps its
  details and attendance. Where a bundle's newer copy differs, the difference is kept as a
  conflict for a person to accept or decline (``storage.conflicts``), never applied silently.
- A session that came from another installation follows its latest copy, and its attendance
  joins (earliest check-in, latest check-out), so bundles merge in any order.
- Deleted sessions and people never come back, nor anything about them, events included: by
  their tombstones, and for a person under another laptop's id, by the fingerprints of their
  email and name (``storage.tombstones``).
- A certificate's ending (revoked, replaced) is taken only when its issuing key signed it, as
  the caller's ``CertificateChecks`` decide (storage never reads a signature itself).

Importing a bundle twice changes nothing, and bundles give the same records in any order;
the one exception is which of two differing copies of a person arrived first (the other waits
as a conflict).
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from sqlite_utils import Database

from deflection_kit.errors import InputFileError
from deflection_kit.storage.attendance import recompute_session
from deflection_kit.storage.attendance_history import CHECK_IN, CHECK_OUT, UNDO, session_history
from deflection_kit.storage.bundle_file import bundle_info, open_untrusted
from deflection_kit.storage.bundle_rows import rows_of
from deflection_kit.storage.clock import store_time
from deflection_kit.storage.conflicts import (
    ATTENDANCE_FIELDS,
    HELD_EVENTS,
    PERSON_FIELDS,
    SESSION_FIELDS,
    TIME_FIELDS,
    ConflictKind,
    insert_events,
    record_conflict,
)
from deflection_kit.storage.connection import write_transaction
from deflection_kit.storage.merge_rows import (
    PERSON_COLUMNS,
    SESSION_COLUMNS,
    clean_attendance,
    clean_certificate,
    clean_person,
    clean_session,
    merge_attendance,
    merge_certificate,
    normal_stamp,
    person_fields,
    rank,
    without_ending,
)
from deflection_kit.storage.names import clean_text
from deflection_kit.storage.participants import AmbiguousPersonError
from deflection_kit.storage.store import Store
from deflection_kit.storage.tombstones import Graveyard


class CertificateChecks(Protocol):
    """How the caller checks the certificates a bundle carries (``certificates.revocation``)."""

    def payload_problem(self, row: Mapping[str, Any]) -> str | None:
        """Return what is wrong with a register row's payload, or None."""

    def ending_signed(self, row: Mapping[str, Any]) -> bool:
        """Return True when a row's ending (revoked or replaced) is signed by its issuer."""


@dataclass
class MergeReport:
    """What a bundle import changed."""

    sessions_added: int = 0
    sessions_updated: int = 0
    people_added: int = 0
    people_matched: int = 0
    attendance_added: int = 0
    attendance_merged: int = 0
    certificates_added: int = 0
    certificates_updated: int = 0
    forms_added: int = 0
    forms_updated: int = 0
    skipped_deleted: int = 0
    unsigned_endings: int = 0
    conflicts: int = 0

    def summary(self) -> str:
        """Return the counts as one line."""
        return (
            f"merged: {self.sessions_added} new and {self.sessions_updated} updated sessions, "
            f"{self.people_added} new and {self.people_matched} known people, "
            f"{self.attendance_added} new and {self.attendance_merged} merged attendance records"
            + (
                f", {self.certificates_added} new and {self.certificates_updated} updated "
                "certificates"
                if self.certificates_added or self.certificates_updated
                else ""
            )
            + (
                f", {self.forms_added} new and {self.forms_updated} updated paper forms"
                if self.forms_added or self.forms_updated
                else ""
            )
            + (f"; {self.skipped_deleted} deleted records left out" if self.skipped_deleted else "")
            + (
                f"; {self.unsigned_endings} revocations without their issuer's signature left out"
                if self.unsigned_endings
                else ""
            )
            + (
                f"; {self.conflicts} changes to records here wait for your decision"
                if self.conflicts
                else ""
            )
        )


def _person_changes(current: dict[str, Any], row: dict[str, Any]) -> dict[str, Any]:
    """Return what a bundle's copy of a person would change: never an erasure (a field the
    bundle leaves empty is not a proposal), and credential IDs added to the ones here."""
    changes = {
        f: row[f] for f in PERSON_FIELDS if f != "credentials" and row[f] and row[f] != current[f]
    }
    here = json.loads(current["credentials"])
    joined = {**here, **json.loads(row["credentials"])}
    if joined != here:
        changes["credentials"] = json.dumps(joined, sort_keys=True, ensure_ascii=False)
    return changes


CHECK_KINDS = (CHECK_IN, CHECK_OUT, UNDO)


class _Merger:
    def __init__(self, store: Store, checks: CertificateChecks, source: str) -> None:
        self.store = store
        self.db: Database = store.db
        self.checks = checks
        self.source = source
        self.report = MergeReport()
        self.graveyard = Graveyard(self.db)
        self.touched: set[str] = set()
        # At a session created here, a known person's attendance and check events wait until
        # the whole bundle is read: they become one conflict per person, never applied silently.
        self.local_rows: dict[tuple[str, str], dict[str, Any]] = {}
        self.held_events: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self.added_here: set[tuple[str, str]] = set()

    def _row(self, table: str, key: str, value: str) -> dict[str, Any] | None:
        cursor = self.db.execute(f"SELECT * FROM {table} WHERE {key} = ?", [value])
        found = cursor.fetchone()
        if found is None:
            return None
        return dict(zip([d[0] for d in cursor.description], found, strict=True))

    def _local(self, session_id: str) -> bool:
        """Return True for a session this installation created (it has no bundle origin)."""
        return self._row("session_origins", "session_id", session_id) is None

    def _conflict(
        self,
        kind: ConflictKind,
        proposed: dict[str, Any],
        session_id: str | None,
        participant_id: str | None,
    ) -> None:
        if record_conflict(
            self.db,
            kind,
            session_id=session_id,
            participant_id=participant_id,
            proposed=proposed,
            source=self.source,
        ):
            self.report.conflicts += 1

    # --- sessions ------------------------------------------------------------------------

    def session(self, row: dict[str, Any], origin: dict[str, str]) -> None:
        if row["id"] in self.graveyard.ids:
            self.report.skipped_deleted += 1
            return
        current = self._row("sessions", "id", row["id"])
        self.touched.add(row["id"])
        if current is None:
            self.db.table("sessions").insert(
                {"id": row["id"], **{f: row[f] for f in SESSION_COLUMNS}}
            )
            self.db.table("session_origins").insert({"session_id": row["id"], **origin})
            self.report.sessions_added += 1
            return
        if self._local(row["id"]):
            differing = {f: row[f] for f in SESSION_FIELDS if row[f] != current[f]}
            if differing and row["updated_at"] > current["updated_at"]:
                self._conflict("session", differing, session_id=row["id"], participant_id=None)
        elif rank(row, SESSION_COLUMNS) > rank(current, SESSION_COLUMNS):
            self.db.table("sessions").update(row["id"], {f: row[f] for f in SESSION_COLUMNS})
            self.report.sessions_updated += 1

    # --- people --------------------------------------------------------------------------

    def participant(self, row: dict[str, Any]) -> str | None:
        """Merge one person; return the local id their records now belong to (None: deleted)."""
        if self.graveyard.person_deleted(row["id"], row["email"], row["name"], row["agency"]):
            self.report.skipped_deleted += 1
            return None
        alias = self.db.execute(
            "SELECT participant_id FROM participant_aliases WHERE alias_id = ?", [row["id"]]
        ).fetchone()
        current = self._row("participants", "id", alias[0] if alias else row["id"])
        if current is None:
            try:
                match = self.store.participants.find_match(person_fields(row))
            except AmbiguousPersonError:
                match = None  # several candidates: keep this person apart rather than guess
            current = self._row("participants", "id", match.id) if match else None
        if current is None:
            self.db.table("participants").insert(
                {"id": row["id"], **{f: row[f] for f in PERSON_COLUMNS}}
            )
            self.report.people_added += 1
            return str(row["id"])
        self.report.people_matched += 1
        differing = _person_changes(current, row)
        newer = row["updated_at"] > current["updated_at"]
        times = {
            "created_at": min(row["created_at"], current["created_at"]),
            "updated_at": max(row["updated_at"], current["updated_at"]),
        }
        keep = min(current["id"], row["id"])
        if keep == current["id"]:
            if times != {k: current[k] for k in times}:
                self.db.table("participants").update(keep, times)
            if row["id"] != keep:
                self._alias(row["id"], keep)
        else:  # the same person under a smaller id: their details as here, under that id
            self.db.table("participants").insert(
                {**{f: current[f] for f in PERSON_COLUMNS}, **times, "id": keep}
            )
            self._rekey(current["id"], keep)
        if differing and newer:
            self._conflict("participant", differing, session_id=None, participant_id=keep)
        return str(keep)

    def _alias(self, alias_id: str, person_id: str) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO participant_aliases (alias_id, participant_id) VALUES (?, ?)",
            [alias_id, person_id],
        )

    def _rekey(self, old: str, new: str) -> None:
        """Move everything of person ``old`` to ``new``, then remove ``old`` (kept as an alias)."""
        for att in self._attendance_of(old):
            clash = self._attendance_at(att["session_id"], new)
            if clash is None:
                self.db.execute(
                    "UPDATE attendance SET participant_id = ? WHERE id = ?", [new, att["id"]]
                )
            else:
                self.db.execute("DELETE FROM attendance WHERE id = ?", [att["id"]])
                self._join_attendance(clash, {**att, "participant_id": new})
        for table in ("events", "certificates", "participant_aliases", "conflicts"):
            self.db.execute(
                f"UPDATE {table} SET participant_id = ? WHERE participant_id = ?", [new, old]
            )
        self.db.execute("DELETE FROM participants WHERE id = ?", [old])
        self._alias(old, new)

    def _attendance_of(self, person_id: str) -> list[dict[str, Any]]:
        cursor = self.db.execute("SELECT * FROM attendance WHERE participant_id = ?", [person_id])
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]

    def _attendance_at(self, session_id: str, person_id: str) -> dict[str, Any] | None:
        cursor = self.db.execute(
            "SELECT * FROM attendance WHERE session_id = ? AND participant_id = ?",
            [session_id, person_id],
        )
        found = cursor.fetchone()
        if found is None:
            return None
        return dict(zip([d[0] for d in cursor.description], found, strict=True))

    # --- attendance and events -----------------------------------------------------------

    def attendance(self, row: dict[str, Any], people: dict[str, str | None]) -> None:
        person = people.get(row["participant_id"])
        session = row["session_id"]
        if person is None or session in self.graveyard.ids:
            self.report.skipped_deleted += 1
            return
        if self._row("sessions", "id", session) is None:
            return
        incoming = clean_attendance(row, person)
        self.touched.add(session)
        current = self._attendance_at(session, person)
        if current is None:
            self.db.table("attendance").insert(incoming)
            self.report.attendance_added += 1
            self.added_here.add((session, person))
            return
        if self._local(session):
            self.local_rows[(session, person)] = incoming
            return
        self._join_attendance(current, incoming)

    def _join_attendance(self, current: dict[str, Any], incoming: dict[str, Any]) -> None:
        merged = merge_attendance(current, incoming)
        if merged == current:
            return
        self.db.execute("DELETE FROM attendance WHERE id = ?", [current["id"]])
        self.db.table("attendance").insert(merged)
        self.report.attendance_merged += 1

    def event(self, row: dict[str, Any], people: dict[str, str | None]) -> None:
        session = row["session_id"]
        if session is not None and (
            session in self.graveyard.ids or self._row("sessions", "id", session) is None
        ):
            return
        person = None
        if row["participant_id"] is not None:
            person = people.get(row["participant_id"])
            if person is None:  # about someone deleted here (or not in the bundle): left out
                self.report.skipped_deleted += 1
                return
        event = {
            "id": row["id"], "at": normal_stamp(row["at"]), "kind": clean_text(row["kind"], 60),
            "session_id": session, "participant_id": person, "actor": clean_text(row["actor"]),
            "data": row["data"],
        }  # fmt: skip
        key = (session, person) if session is not None and person is not None else None
        if (
            key is not None
            and event["kind"] in CHECK_KINDS
            and key not in self.added_here
            and self._local(key[0])
            and self._row("events", "id", event["id"]) is None
        ):
            self.held_events.setdefault(key, []).append(event)
            return
        insert_events(self.db, [event])

    def settle_local_attendance(self) -> None:
        """Turn what the bundle would change in a known person's attendance at a session created
        here into one conflict per person: the fields, and the check events that would give the
        new times (accepting adds them to the log, so the replayed times are what was shown)."""
        for key in sorted(set(self.local_rows) | set(self.held_events)):
            session, person = key
            current = self._attendance_at(session, person)
            held = self.held_events.get(key, [])
            if current is None:  # no attendance here to protect: the events are records
                insert_events(self.db, held)
                continue
            incoming = self.local_rows.get(key)
            merged = merge_attendance(current, incoming) if incoming else current
            proposed = {
                f: merged[f]
                for f in ATTENDANCE_FIELDS
                if f not in TIME_FIELDS and merged[f] != current[f]
            }
            if held:
                times = self._replayed_with(session, person, held)
            elif incoming and not self._has_check_events(session, person):
                times = (merged["check_in"], merged["check_out"])
            else:
                times = (current["check_in"], current["check_out"])
            for name, value in zip(TIME_FIELDS, times, strict=True):
                if value != current[name]:
                    proposed[name] = value
            if proposed:
                self._conflict(
                    "attendance",
                    {**proposed, HELD_EVENTS: held} if held else proposed,
                    session_id=session,
                    participant_id=person,
                )

    def _has_check_events(self, session: str, person: str) -> bool:
        found = self.db.execute(
            "SELECT 1 FROM events WHERE session_id = ? AND participant_id = ? AND kind IN "
            f"({', '.join('?' * len(CHECK_KINDS))}) LIMIT 1",
            [session, person, *CHECK_KINDS],
        ).fetchone()
        return found is not None

    def _replayed_with(
        self, session: str, person: str, held: list[dict[str, Any]]
    ) -> tuple[str | None, str | None]:
        """Return the person's stored check-in and check-out if ``held`` joined the log."""
        self.db.execute("SAVEPOINT replay_held")
        try:
            insert_events(self.db, held)
            replayed = session_history(self.db, session).replayed().get(person, (None, None))
        finally:
            self.db.execute("ROLLBACK TO SAVEPOINT replay_held")
            self.db.execute("RELEASE SAVEPOINT replay_held")
        return (
            store_time(replayed[0]) if replayed[0] else None,
            store_time(replayed[1]) if replayed[1] else None,
        )

    # --- paper forms and certificates ----------------------------------------------------

    def paper_form(self, table: str, row: dict[str, Any]) -> None:
        """Merge a typed-in form: the copy changed last wins, the same in either order."""
        session = row["session_id"]
        if session in self.graveyard.ids or not self._row("sessions", "id", session):
            self.report.skipped_deleted += 1
            return
        incoming = {
            **row,
            "entered_by": clean_text(row["entered_by"]),
            "created_at": normal_stamp(row["created_at"]),
            "updated_at": normal_stamp(row["updated_at"]),
        }
        current = self._row(table, "id", row["id"])
        if current is None:
            self.db.table(table).insert(incoming)
            self.report.forms_added += 1
            return
        if current["session_id"] != session:
            raise ValueError(f"{table} {row['id']} belongs to another session here")
        newest = max(current, incoming, key=lambda r: rank(r, tuple(sorted(r))))
        if newest != current:
            self.db.table(table).update(row["id"], newest)
            self.report.forms_updated += 1

    def certificate(self, row: dict[str, Any], people: dict[str, str | None]) -> None:
        """Merge one register record: an ending counts only when its issuer signed it."""
        person = people.get(row["participant_id"])
        session = row["session_id"]
        if (
            person is None
            or session in self.graveyard.ids
            or not self._row("sessions", "id", session)
        ):
            self.report.skipped_deleted += 1
            return
        incoming = clean_certificate(row, person)
        if not self.checks.ending_signed(incoming):
            incoming = without_ending(incoming)
            self.report.unsigned_endings += 1
        current = self._row("certificates", "id", row["id"])
        if current is None:
            self.db.table("certificates").insert(incoming)
            self.report.certificates_added += 1
            return
        if (current["session_id"], current["payload"]) != (row["session_id"], row["payload"]):
            raise ValueError(f"certificate {row['id']} differs from the one recorded here")
        merged = merge_certificate(current, incoming)
        if merged != current:
            self.db.table("certificates").update(row["id"], merged)
            self.report.certificates_updated += 1


@dataclass
class _Contents:
    """A checked bundle's rows, cleaned, ready to merge."""

    info: dict[str, str]
    sessions: list[dict[str, Any]]
    people: list[dict[str, Any]]
    attendance: list[dict[str, Any]]
    events: list[dict[str, Any]]
    certificates: list[dict[str, Any]]
    forms: list[tuple[str, dict[str, Any]]]


def _read(path: str | os.PathLike[str], checks: CertificateChecks) -> _Contents:
    """Read and check a whole bundle; raise InputFileError before anything is merged."""
    where = str(path)
    with open_untrusted(path) as conn:
        contents = _Contents(
            info=bundle_info(conn),
            sessions=[clean_session(r) for r in rows_of(conn, "sessions")],
            people=[clean_person(r, where) for r in rows_of(conn, "participants")],
            attendance=list(rows_of(conn, "attendance")),
            events=list(rows_of(conn, "events")),
            certificates=list(rows_of(conn, "certificates")),
            forms=[(t, r) for t in ("feedback_forms", "check_sheets") for r in rows_of(conn, t)],
        )
    for row in contents.certificates:
        problem = checks.payload_problem(row)
        if problem is not None:
            ident = str(row["id"])[:40]
            raise InputFileError(where, None, f"bundle certificate {ident!r}: {problem}")
    return contents


def import_bundle(
    store: Store, path: str | os.PathLike[str], checks: CertificateChecks
) -> MergeReport:
    """Check a bundle whole, then merge it in one transaction, or reject it and change nothing.

    ``checks`` reads the certificates in it (``certificates.revocation.BundleCertificateChecks``).
    """
    where = str(path)
    contents = _read(path, checks)
    info = contents.info
    origin = {"installation_id": info.get("origin", info.get("installation_id", ""))}
    merger = _Merger(store, checks, Path(path).name)
    try:
        with write_transaction(store.db):
            for session in contents.sessions:
                merger.session(session, origin)
            mapping = {p["id"]: merger.participant(p) for p in contents.people}
            for row in contents.attendance:
                merger.attendance(row, mapping)
            for row in contents.events:
                merger.event(row, mapping)
            merger.settle_local_attendance()
            for row in contents.certificates:
                merger.certificate(row, mapping)
            for table, row in contents.forms:
                merger.paper_form(table, row)
            for session_id in sorted(merger.touched):
                if session_id not in merger.graveyard.ids:
                    recompute_session(store.db, store.sessions.get(session_id))
    except (sqlite3.IntegrityError, ValueError) as error:
        raise InputFileError(where, None, f"bundle conflicts with records here ({error})") from None
    return merger.report
