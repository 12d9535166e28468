"""Attendance in bulk, flat: each session and person once, one plain tuple per attendance.

Exports read 100,000 records; building an Attendance object (two parsed datetimes, a frozen
dataclass) for each took longer than writing the CSV, so exports work on the stored values.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from deflection_kit.storage.clock import store_time
from deflection_kit.storage.models import (
    Attendance,
    AttendanceRecord,
    Override,
    Participant,
    Session,
)

ATTENDANCE_COLUMNS = (
    "id", "session_id", "participant_id", "expected", "check_in", "check_out", "excused",
    "status", "credited_minutes", "completed", "override_completed", "override_by",
    "override_reason", "override_at", "updated_at",
)  # fmt: skip
# Positions in a stored attendance row (ATTENDANCE_COLUMNS), for code that reads rows in bulk.
(ROW_ID, ROW_SESSION, ROW_PARTICIPANT, ROW_EXPECTED, ROW_CHECK_IN, ROW_CHECK_OUT, ROW_EXCUSED,
 ROW_STATUS, ROW_MINUTES, ROW_COMPLETED, ROW_OVERRIDE, ROW_OVERRIDE_BY, ROW_OVERRIDE_REASON,
 ROW_OVERRIDE_AT, ROW_UPDATED_AT) = range(len(ATTENDANCE_COLUMNS))  # fmt: skip

StoredRow = tuple[Any, ...]


def attendance_from_row(row: StoredRow) -> Attendance:
    """Build an Attendance from a stored row (ATTENDANCE_COLUMNS, positional)."""
    (att_id, session_id, participant_id, expected, check_in, check_out, excused, status,
     minutes, completed, override_completed, override_by, override_reason, override_at,
     updated_at) = row  # fmt: skip
    override = None
    if override_completed is not None:
        override = Override(
            bool(override_completed), override_by, override_reason, override_at or ""
        )
    return Attendance(
        att_id,
        session_id,
        participant_id,
        bool(expected),
        dt.datetime.fromisoformat(check_in) if check_in else None,
        dt.datetime.fromisoformat(check_out) if check_out else None,
        bool(excused),
        status,
        int(minutes),
        bool(completed),
        override,
        updated_at,
    )


def row_from_attendance(att: Attendance) -> StoredRow:
    """Return an Attendance as the row the database stores (the inverse of attendance_from_row)."""
    override = att.override
    return (
        att.id,
        att.session_id,
        att.participant_id,
        int(att.expected),
        store_time(att.check_in) if att.check_in is not None else None,
        store_time(att.check_out) if att.check_out is not None else None,
        int(att.excused),
        att.status,
        att.credited_minutes,
        int(att.completed),
        None if override is None else int(override.completed),
        "" if override is None else override.by,
        "" if override is None else override.reason,
        None if override is None else (override.at or None),
        att.updated_at,
    )


@dataclass(frozen=True)
class AttendanceRows:
    """Attendance records for exports: rows in order, with the sessions and people they name."""

    sessions: Mapping[str, Session]
    participants: Mapping[str, Participant]
    rows: Sequence[StoredRow]  # stored values, ATTENDANCE_COLUMNS order

    def __len__(self) -> int:
        return len(self.rows)

    def records(self) -> list[AttendanceRecord]:
        """Return the rows as full records (sessions and people shared, not copied)."""
        sessions, people = self.sessions, self.participants
        return [
            AttendanceRecord(
                sessions[row[ROW_SESSION]], people[row[ROW_PARTICIPANT]], attendance_from_row(row)
            )
            for row in self.rows
        ]

    @classmethod
    def from_records(cls, records: Iterable[AttendanceRecord]) -> AttendanceRows:
        """Return records (already read, or filtered) in the flat form."""
        sessions: dict[str, Session] = {}
        people: dict[str, Participant] = {}
        rows: list[StoredRow] = []
        for record in records:
            sessions.setdefault(record.session.id, record.session)
            people.setdefault(record.participant.id, record.participant)
            rows.append(row_from_attendance(record.attendance))
        return cls(sessions, people, rows)
