"""Sessions: plan, list, look up and edit training sessions."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, cast

from sqlite_utils import Database

from deflection_kit.errors import UsageError
from deflection_kit.storage.clock import local_offset, stamp
from deflection_kit.storage.completion import default_credit_hours
from deflection_kit.storage.connection import write_transaction
from deflection_kit.storage.events import log_event
from deflection_kit.storage.models import (
    SESSION_STATUSES,
    CourseFacts,
    Session,
    SessionFields,
    SessionStatus,
)
from deflection_kit.storage.names import clean_text

SESSION_COLUMNS = (
    "id", "title", "date", "start", "minutes", "location", "host_agency", "facilitators",
    "audience", "pathways", "credit_hours", "status", "course_id", "course_title",
    "course_version", "completion_share", "utc_offset", "created_at", "updated_at",
)  # fmt: skip
SELECT_SESSION = "SELECT " + ", ".join(SESSION_COLUMNS) + " FROM sessions"
MIN_PREFIX = 4


@dataclass(frozen=True)
class SessionCounts:
    """Live counts for a session: in the room now, ever checked in, expected on the roster,
    completed, and walk-ins (checked in without being on the roster)."""

    here: int
    checked_in: int
    expected: int
    completed: int
    walk_ins: int = 0

    @property
    def attending(self) -> int:
        """Return everyone the session counts: the expected and the walk-ins."""
        return self.expected + self.walk_ins


def session_from_row(row: Mapping[str, Any] | tuple[Any, ...]) -> Session:
    """Build a Session from a row of SESSION_COLUMNS."""
    data = dict(zip(SESSION_COLUMNS, row, strict=True)) if isinstance(row, tuple) else row
    return Session(
        id=data["id"],
        title=data["title"],
        date=dt.date.fromisoformat(data["date"]),
        start=dt.time.fromisoformat(data["start"]) if data["start"] else None,
        minutes=int(data["minutes"]),
        location=data["location"],
        host_agency=data["host_agency"],
        facilitators=tuple(json.loads(data["facilitators"])),
        audience=data["audience"],
        pathways=tuple(json.loads(data["pathways"])),
        credit_hours=None if data["credit_hours"] is None else float(data["credit_hours"]),
        status=cast(SessionStatus, data["status"]),
        course_id=data["course_id"],
        course_title=data["course_title"],
        course_version=data["course_version"],
        completion_share=float(data["completion_share"]),
        utc_offset=data["utc_offset"],
        created_at=data["created_at"],
        updated_at=data["updated_at"],
    )


def check_session_fields(fields: SessionFields) -> SessionFields:
    """Return the fields cleaned, or raise UsageError naming the first bad one."""
    title = clean_text(fields.title)
    if not title:
        raise UsageError("a session needs a title")
    if fields.minutes is not None and not 1 <= fields.minutes <= 24 * 60:
        raise UsageError(f"session minutes must be 1 to 1440, not {fields.minutes}")
    if fields.credit_hours is not None and not 0 <= fields.credit_hours <= 24:
        raise UsageError(f"credit hours must be 0 to 24, not {fields.credit_hours:g}")
    if fields.status not in SESSION_STATUSES:
        raise UsageError(f"unknown session status {fields.status!r}")
    return SessionFields(
        title=title,
        date=fields.date,
        start=fields.start.replace(second=0, microsecond=0) if fields.start else None,
        minutes=fields.minutes,
        location=clean_text(fields.location),
        host_agency=clean_text(fields.host_agency),
        facilitators=tuple(f for f in (clean_text(n) for n in fields.facilitators) if f),
        audience=clean_text(fields.audience),
        pathways=tuple(p for p in (clean_text(n) for n in fields.pathways) if p),
        credit_hours=fields.credit_hours,
        status=fields.status,
    )


class SessionRepository:
    """Create, find, list and edit sessions."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def create(self, fields: SessionFields, course: CourseFacts) -> Session:
        """Record a new session; course facts fill what the fields leave out.

        Without credit hours, a session is worth the course's hours or its own length,
        whichever is shorter: nobody can be credited for more time than the session lasts.
        """
        fields = check_session_fields(fields)
        now = stamp()
        session_id = str(uuid.uuid4())
        hours = default_credit_hours(course.credit_hours, fields.minutes or course.minutes)
        row = {
            "id": session_id,
            **self._field_values(fields, course.minutes, hours),
            "course_id": course.id,
            "course_title": course.title,
            "course_version": course.version,
            "completion_share": course.completion_share,
            "created_at": now,
            "updated_at": now,
        }
        with write_transaction(self.db):
            self.db.table("sessions").insert(row)
            log_event(self.db, "session.created", session_id=session_id)
        return self.get(session_id)

    def _field_values(
        self, fields: SessionFields, default_minutes: int, default_hours: float | None
    ) -> dict[str, Any]:
        return {
            "title": fields.title,
            "date": fields.date.isoformat(),
            "start": fields.start.strftime("%H:%M") if fields.start else None,
            "minutes": fields.minutes or default_minutes,
            "location": fields.location,
            "host_agency": fields.host_agency,
            "facilitators": json.dumps(list(fields.facilitators), ensure_ascii=False),
            "audience": fields.audience,
            "pathways": json.dumps(list(fields.pathways), ensure_ascii=False),
            "credit_hours": fields.credit_hours
            if fields.credit_hours is not None
            else default_hours,
            "status": fields.status,
            "utc_offset": local_offset(fields.date, fields.start),
        }

    def update(self, session_id: str, fields: SessionFields) -> Session:
        """Replace a session's planned fields; attendance outcomes follow the new times."""
        from deflection_kit.storage.attendance import recompute_session

        current = self.get(session_id)
        fields = check_session_fields(fields)
        values = self._field_values(fields, current.minutes, current.credit_hours)
        if (fields.date, fields.start) == (current.date, current.start):
            values["utc_offset"] = current.utc_offset  # same moment: keep where it was planned
        values["updated_at"] = stamp()
        with write_transaction(self.db):
            self.db.table("sessions").update(session_id, values)
            recompute_session(self.db, self.get(session_id))
            log_event(self.db, "session.updated", session_id=session_id)
        return self.get(session_id)

    def set_status(self, session_id: str, status: SessionStatus) -> Session:
        """Mark a session planned, open, closed or cancelled."""
        if status not in SESSION_STATUSES:
            raise UsageError(f"unknown session status {status!r}")
        self.get(session_id)
        with write_transaction(self.db):
            self.db.execute(
                "UPDATE sessions SET status = ?, updated_at = ? WHERE id = ?",
                [status, stamp(), session_id],
            )
            log_event(self.db, "session.status", session_id=session_id, data={"status": status})
        return self.get(session_id)

    def get(self, session_id: str) -> Session:
        """Return the session with this id."""
        row = self.db.execute(f"{SELECT_SESSION} WHERE id = ?", [session_id]).fetchone()
        if row is None:
            raise UsageError(f"no session {session_id!r} (see 'deflection-kit session list')")
        return session_from_row(tuple(row))

    def resolve(self, ref: str) -> Session:
        """Return the session whose id is ``ref`` or starts with it (at least 4 characters)."""
        ref = ref.strip().lower()
        row = self.db.execute(f"{SELECT_SESSION} WHERE id = ?", [ref]).fetchone()
        if row is not None:
            return session_from_row(tuple(row))
        if len(ref) >= MIN_PREFIX:
            rows = self.db.execute(
                f"{SELECT_SESSION} WHERE id >= ? AND id < ? LIMIT 2", [ref, ref + "\uffff"]
            ).fetchall()
            if len(rows) == 1:
                return session_from_row(tuple(rows[0]))
            if len(rows) > 1:
                raise UsageError(f"session {ref!r} is ambiguous: give more of its id")
        raise UsageError(f"no session {ref!r} (see 'deflection-kit session list')")

    def list(
        self, date_from: dt.date | None = None, date_to: dt.date | None = None
    ) -> list[Session]:
        """Return sessions, newest first, optionally within dates (inclusive)."""
        clauses, params = [], []
        if date_from is not None:
            clauses.append("date >= ?")
            params.append(date_from.isoformat())
        if date_to is not None:
            clauses.append("date <= ?")
            params.append(date_to.isoformat())
        where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
        rows = self.db.execute(
            f"{SELECT_SESSION}{where} ORDER BY date DESC, start DESC, title", params
        ).fetchall()
        return [session_from_row(tuple(row)) for row in rows]

    def counts(self, session_id: str) -> SessionCounts:
        """Return live counts for a session."""
        row = self.db.execute(
            "SELECT "
            "COALESCE(SUM(check_in IS NOT NULL AND check_out IS NULL), 0), "
            "COALESCE(SUM(check_in IS NOT NULL), 0), "
            "COALESCE(SUM(expected), 0), COALESCE(SUM(completed), 0), "
            "COALESCE(SUM(check_in IS NOT NULL AND expected = 0), 0) "
            "FROM attendance WHERE session_id = ?",
            [session_id],
        ).fetchone()
        return SessionCounts(*(int(value) for value in row))
