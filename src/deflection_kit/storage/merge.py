"""Merge a bundle into the store: the same result whatever the order, and twice changes nothing.

Rows are matched by their UUIDs. When two copies of a row differ, the one updated last wins
(ties broken by content), so merging is a commutative "max". A person known under two ids (two
facilitators each added them) becomes one person under the smaller id; the other id is kept as
an alias. Attendance of the same person at the same session keeps the earliest check-in and the
latest check-out. Deleted or purged ids (tombstones) are never brought back.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from deflection_kit.errors import InputFileError
from deflection_kit.storage.attendance import recompute_session
from deflection_kit.storage.bundle_file import open_untrusted, rows_of
from deflection_kit.storage.clock import stamp, store_time
from deflection_kit.storage.connection import write_transaction
from deflection_kit.storage.models import PersonFields
from deflection_kit.storage.names import clean_text
from deflection_kit.storage.participants import (
    AmbiguousPersonError,
    check_person,
    person_row,
)
from deflection_kit.storage.store import Store

SESSION_FIELDS = (
    "title", "date", "start", "minutes", "location", "host_agency", "facilitators", "audience",
    "pathways", "credit_hours", "status", "course_id", "course_title", "course_version",
    "completion_share", "utc_offset", "created_at", "updated_at",
)  # fmt: skip
PERSON_FIELDS = (
    "name", "match_key", "email", "email_key", "phone", "agency", "agency_key", "discipline",
    "credentials", "search_words", "created_at", "updated_at",
)  # fmt: skip


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
        )


def _rank(row: dict[str, Any], fields: tuple[str, ...]) -> tuple[str, str]:
    content = json.dumps([row[f] for f in fields], sort_keys=True, ensure_ascii=False, default=str)
    return str(row["updated_at"]), content


def _normal_stamp(value: str) -> str:
    return stamp(dt.datetime.fromisoformat(value))


def _clean_session(row: dict[str, Any]) -> dict[str, Any]:
    clean = dict(row)
    for key in ("title", "location", "host_agency", "audience", "course_id", "course_title",
                "course_version"):  # fmt: skip
        clean[key] = clean_text(row[key], 500 if key == "course_title" else 200)
    clean["facilitators"] = json.dumps(
        [clean_text(x) for x in json.loads(row["facilitators"]) if clean_text(x)],
        ensure_ascii=False,
    )
    clean["pathways"] = json.dumps(
        [clean_text(x) for x in json.loads(row["pathways"]) if clean_text(x)], ensure_ascii=False
    )
    share = float(row["completion_share"])
    clean["completion_share"] = min(max(share, 0.01), 1.0)
    hours = row["credit_hours"]
    clean["credit_hours"] = None if hours is None else min(max(float(hours), 0.0), 24.0)
    clean["created_at"] = _normal_stamp(row["created_at"])
    clean["updated_at"] = _normal_stamp(row["updated_at"])
    return clean


def _clean_person(row: dict[str, Any], where: str) -> dict[str, Any]:
    credentials = json.loads(row["credentials"])
    try:
        fields = check_person(
            PersonFields(
                name=row["name"],
                email=row["email"],
                phone=row["phone"],
                agency=row["agency"],
                discipline=row["discipline"],
                credentials={str(k): str(v) for k, v in credentials.items()},
            )
        )
    except ValueError as error:
        raise InputFileError(where, None, f"bundle participant {row['id']}: {error}") from None
    return {
        "id": row["id"],
        **person_row(fields),
        "created_at": _normal_stamp(row["created_at"]),
        "updated_at": _normal_stamp(row["updated_at"]),
    }


def _fields_of(row: dict[str, Any]) -> PersonFields:
    return PersonFields(
        name=row["name"], email=row["email"], phone=row["phone"], agency=row["agency"],
        discipline=row["discipline"], credentials=json.loads(row["credentials"]),
    )  # fmt: skip


class _Merger:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.db: Database = store.db
        self.report = MergeReport()
        self.tombstones = {r[0] for r in self.db.execute("SELECT id FROM tombstones")}
        self.touched: set[str] = set()

    def _row(self, table: str, key: str, value: str) -> dict[str, Any] | None:
        cursor = self.db.execute(f"SELECT * FROM {table} WHERE {key} = ?", [value])
        found = cursor.fetchone()
        if found is None:
            return None
        return dict(zip([d[0] for d in cursor.description], found, strict=True))

    def session(self, row: dict[str, Any]) -> None:
        if row["id"] in self.tombstones:
            self.report.skipped_deleted += 1
            return
        incoming = _clean_session(row)
        current = self._row("sessions", "id", row["id"])
        self.touched.add(row["id"])
        if current is None:
            self.db.table("sessions").insert(incoming)
            self.report.sessions_added += 1
        elif _rank(incoming, SESSION_FIELDS) > _rank(current, SESSION_FIELDS):
            self.db.table("sessions").update(row["id"], {f: incoming[f] for f in SESSION_FIELDS})
            self.report.sessions_updated += 1

    def participant(self, row: dict[str, Any]) -> str | None:
        """Merge one person; return the local id their records now belong to."""
        if row["id"] in self.tombstones:
            self.report.skipped_deleted += 1
            return None
        alias = self.db.execute(
            "SELECT participant_id FROM participant_aliases WHERE alias_id = ?", [row["id"]]
        ).fetchone()
        local_id = alias[0] if alias else row["id"]
        current = self._row("participants", "id", local_id)
        if current is None:
            try:
                match = self.store.participants.find_match(_fields_of(row))
            except AmbiguousPersonError:
                match = None  # several candidates: keep this person apart rather than guess
            current = self._row("participants", "id", match.id) if match else None
        if current is None:
            self._insert_person(row["id"], row)
            self.report.people_added += 1
            return str(row["id"])
        self.report.people_matched += 1
        winner = row if _rank(row, PERSON_FIELDS) > _rank(current, PERSON_FIELDS) else current
        keep = min(current["id"], row["id"])
        if keep == current["id"]:
            if winner is row:
                self._update_person(keep, row)
            if row["id"] != keep:
                self._alias(row["id"], keep)
            return str(keep)
        self._insert_person(keep, winner)
        self._rekey(current["id"], keep)
        return str(keep)

    def _insert_person(self, person_id: str, row: dict[str, Any]) -> None:
        self.db.table("participants").insert(
            {"id": person_id, **{f: row[f] for f in PERSON_FIELDS}}
        )

    def _update_person(self, person_id: str, row: dict[str, Any]) -> None:
        self.db.table("participants").update(person_id, {f: row[f] for f in PERSON_FIELDS})

    def _alias(self, alias_id: str, person_id: str) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO participant_aliases (alias_id, participant_id) VALUES (?, ?)",
            [alias_id, person_id],
        )

    def _rekey(self, old: str, new: str) -> None:
        """Move everything of person ``old`` to ``new``, then remove ``old`` (kept as an alias)."""
        for att in list(self._attendance_of(old)):
            clash = self.db.execute(
                "SELECT * FROM attendance WHERE session_id = ? AND participant_id = ?",
                [att["session_id"], new],
            ).fetchone()
            if clash is None:
                self.db.execute(
                    "UPDATE attendance SET participant_id = ? WHERE id = ?", [new, att["id"]]
                )
            else:
                self.db.execute("DELETE FROM attendance WHERE id = ?", [att["id"]])
                self.attendance({**att, "participant_id": new}, {new: new})
        self.db.execute("UPDATE events SET participant_id = ? WHERE participant_id = ?", [new, old])
        self.db.execute(
            "UPDATE certificates SET participant_id = ? WHERE participant_id = ?", [new, old]
        )
        self.db.execute(
            "UPDATE participant_aliases SET participant_id = ? WHERE participant_id = ?", [new, old]
        )
        self.db.execute("DELETE FROM participants WHERE id = ?", [old])
        self._alias(old, new)

    def _attendance_of(self, person_id: str) -> list[dict[str, Any]]:
        cursor = self.db.execute("SELECT * FROM attendance WHERE participant_id = ?", [person_id])
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]

    def attendance(self, row: dict[str, Any], people: dict[str, str | None]) -> None:
        person = people.get(row["participant_id"])
        if person is None or row["session_id"] in self.tombstones:
            self.report.skipped_deleted += 1
            return
        if self._row("sessions", "id", row["session_id"]) is None:
            return
        incoming = {
            **row,
            "participant_id": person,
            "check_in": store_time(dt.datetime.fromisoformat(row["check_in"]))
            if row["check_in"]
            else None,
            "check_out": store_time(dt.datetime.fromisoformat(row["check_out"]))
            if row["check_out"]
            else None,
            "override_at": _normal_stamp(row["override_at"]) if row["override_at"] else None,
            "override_by": clean_text(row["override_by"]),
            "override_reason": clean_text(row["override_reason"], 500),
            "updated_at": _normal_stamp(row["updated_at"]),
        }
        self.touched.add(row["session_id"])
        cursor = self.db.execute(
            "SELECT * FROM attendance WHERE session_id = ? AND participant_id = ?",
            [row["session_id"], person],
        )
        found = cursor.fetchone()
        if found is None:
            self.db.table("attendance").insert(incoming)
            self.report.attendance_added += 1
            return
        current = dict(zip([d[0] for d in cursor.description], found, strict=True))
        merged = _merge_attendance(current, incoming)
        if merged != current:
            self.db.execute("DELETE FROM attendance WHERE id = ?", [current["id"]])
            self.db.table("attendance").insert(merged)
        self.report.attendance_merged += 1

    def event(self, row: dict[str, Any], people: dict[str, str | None]) -> None:
        session = row["session_id"]
        if session is not None and (
            session in self.tombstones or self._row("sessions", "id", session) is None
        ):
            return
        person = people.get(row["participant_id"]) if row["participant_id"] else None
        self.db.execute(
            "INSERT OR IGNORE INTO events (id, at, kind, session_id, participant_id, actor, data) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [row["id"], _normal_stamp(row["at"]), clean_text(row["kind"], 60), session, person,
             clean_text(row["actor"]), row["data"]],
        )  # fmt: skip

    def paper_form(self, table: str, row: dict[str, Any]) -> None:
        """Merge a typed-in form: the copy changed last wins, the same in either order."""
        session = row["session_id"]
        if session in self.tombstones or not self._row("sessions", "id", session):
            self.report.skipped_deleted += 1
            return
        incoming = {
            **row,
            "entered_by": clean_text(row["entered_by"]),
            "created_at": _normal_stamp(row["created_at"]),
            "updated_at": _normal_stamp(row["updated_at"]),
        }
        current = self._row(table, "id", row["id"])
        if current is None:
            self.db.table(table).insert(incoming)
            self.report.forms_added += 1
            return
        if current["session_id"] != session:
            raise ValueError(f"{table} {row['id']} belongs to another session here")
        newest = max(current, incoming, key=lambda r: _rank(r, tuple(sorted(r))))
        if newest != current:
            self.db.table(table).update(row["id"], newest)
            self.report.forms_updated += 1

    def certificate(self, row: dict[str, Any], people: dict[str, str | None]) -> None:
        """Merge one register record: a revocation or replacement made anywhere wins."""
        person = people.get(row["participant_id"])
        session = row["session_id"]
        if person is None or session in self.tombstones or not self._row("sessions", "id", session):
            self.report.skipped_deleted += 1
            return
        incoming = {
            **row,
            "participant_id": person,
            "participant_name": clean_text(row["participant_name"], 500),
            "issued_by": clean_text(row["issued_by"]),
            "revoked_by": clean_text(row["revoked_by"]),
            "revoke_reason": clean_text(row["revoke_reason"], 500),
            "issued_at": _normal_stamp(row["issued_at"]),
            "revoked_at": _normal_stamp(row["revoked_at"]) if row["revoked_at"] else None,
            "updated_at": _normal_stamp(row["updated_at"]),
        }
        current = self._row("certificates", "id", row["id"])
        if current is None:
            self.db.table("certificates").insert(incoming)
            self.report.certificates_added += 1
            return
        if (current["session_id"], current["payload"]) != (row["session_id"], row["payload"]):
            raise ValueError(f"certificate {row['id']} differs from the one recorded here")
        merged = _merge_certificate(current, incoming)
        if merged != current:
            self.db.table("certificates").update(row["id"], merged)
            self.report.certificates_updated += 1


_CERTIFICATE_STATES = {"issued": 0, "superseded": 1, "revoked": 2}
_ENDING = ("status", "revoked_at", "revoked_by", "revoke_reason")


def _ending(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    """Return the copy whose ending stands: revoked over replaced over valid, then the earlier."""
    state_a, state_b = _CERTIFICATE_STATES[a["status"]], _CERTIFICATE_STATES[b["status"]]
    if state_a != state_b:
        return a if state_a > state_b else b
    key_a = (a["revoked_at"] or "", json.dumps([a[k] for k in _ENDING]))
    key_b = (b["revoked_at"] or "", json.dumps([b[k] for k in _ENDING]))
    return a if key_a <= key_b else b


def _merge_certificate(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    """Return one register record from two copies, the same whichever comes first."""
    ending = _ending(a, b)
    return {
        **a,
        **{k: ending[k] for k in _ENDING},
        "replaces": a["replaces"] or b["replaces"],
        "replaced_by": a["replaced_by"] or b["replaced_by"],
        "issued_at": min(a["issued_at"], b["issued_at"]),
        "updated_at": max(a["updated_at"], b["updated_at"]),
    }


def _earliest(a: str | None, b: str | None) -> str | None:
    return min(x for x in (a, b) if x) if (a or b) else None


def _latest(a: str | None, b: str | None) -> str | None:
    return max(x for x in (a, b) if x) if (a or b) else None


_OVERRIDE = ("override_completed", "override_by", "override_reason", "override_at")


def _override_rank(row: dict[str, Any]) -> tuple[str, str]:
    return row["override_at"] or "", json.dumps([row[k] for k in _OVERRIDE])


def _merge_attendance(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    """Return one attendance from two copies: a max over each field, so order never matters."""
    decided = a if _override_rank(a) >= _override_rank(b) else b
    return {
        "id": min(a["id"], b["id"]),
        "session_id": a["session_id"],
        "participant_id": a["participant_id"],
        "expected": max(a["expected"], b["expected"]),
        "check_in": _earliest(a["check_in"], b["check_in"]),
        "check_out": _latest(a["check_out"], b["check_out"]),
        "excused": max(a["excused"], b["excused"]),
        "status": a["status"],  # recomputed once everything is merged
        "credited_minutes": a["credited_minutes"],
        "completed": a["completed"],
        **{k: decided[k] for k in _OVERRIDE},
        "updated_at": max(a["updated_at"], b["updated_at"]),
    }


def import_bundle(store: Store, path: str | os.PathLike[str]) -> MergeReport:
    """Check a bundle whole, then merge it in one transaction, or reject it and change nothing."""
    where = str(path)
    with open_untrusted(path) as conn:
        sessions = [_clean_session(r) | {"id": r["id"]} for r in rows_of(conn, "sessions")]
        people = [_clean_person(r, where) for r in rows_of(conn, "participants")]
        attendance = list(rows_of(conn, "attendance"))
        events = list(rows_of(conn, "events"))
        certificates = list(rows_of(conn, "certificates"))
        forms = [(t, r) for t in ("feedback_forms", "check_sheets") for r in rows_of(conn, t)]
    merger = _Merger(store)
    try:
        with write_transaction(store.db):
            for session in sessions:
                merger.session(session)
            mapping = {p["id"]: merger.participant(p) for p in people}
            for row in attendance:
                merger.attendance(row, mapping)
            for row in events:
                merger.event(row, mapping)
            for row in certificates:
                merger.certificate(row, mapping)
            for table, row in forms:
                merger.paper_form(table, row)
            for session_id in sorted(merger.touched):
                if session_id not in merger.tombstones:
                    recompute_session(store.db, store.sessions.get(session_id))
    except (sqlite3.IntegrityError, ValueError) as error:
        raise InputFileError(where, None, f"bundle conflicts with records here ({error})") from None
    return merger.report
