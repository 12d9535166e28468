"""The fields an attendance export can show, each with a label, a kind and how to read it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from deflection_kit.exports.table import Kind, Value, as_text, safe_text
from deflection_kit.storage import AttendanceRecord, Session
from deflection_kit.storage.attendance_rows import StoredRow
from deflection_kit.storage.credentials import CREDENTIAL_TYPES, credential_type


@dataclass(frozen=True)
class ExportContext:
    """Choices that shape values: which credential types count as "the" credential ID."""

    credential_types: Sequence[str] = tuple(c.key for c in CREDENTIAL_TYPES)


Getter = Callable[[AttendanceRecord, ExportContext], Value]


@dataclass(frozen=True)
class FieldSpec:
    """One exportable field."""

    key: str
    label: str
    kind: Kind
    get: Getter

    @property
    def level(self) -> str:
        """Return what the value depends on: the session, the participant or the attendance."""
        return self.key.split(".", 1)[0]


def _local(record: AttendanceRecord, moment: dt.datetime | None) -> dt.datetime | None:
    # Spreadsheets have no time zones: show the session's wall-clock time.
    return None if moment is None else moment.astimezone(record.session.tz).replace(tzinfo=None)


def _credential(record: AttendanceRecord, ctx: ExportContext) -> tuple[str, str]:
    held = record.participant.credentials
    for key in ctx.credential_types:
        if held.get(key):
            return credential_type(key).label, held[key]
    return "", ""


def _hours_awarded(record: AttendanceRecord, _ctx: ExportContext) -> float:
    return (record.session.credit_hours or 0.0) if record.attendance.completed else 0.0


def _credential_field(key: str, label: str) -> FieldSpec:
    def get(record: AttendanceRecord, _ctx: ExportContext) -> Value:
        return record.participant.credentials.get(key, "")

    return FieldSpec(f"participant.credential.{key}", label, "text", get)


_SPECS: list[FieldSpec] = [
    FieldSpec("session.id", "Session ID", "text", lambda r, c: r.session.id),
    FieldSpec("session.title", "Session", "text", lambda r, c: r.session.title),
    FieldSpec("session.date", "Date", "date", lambda r, c: r.session.date),
    FieldSpec(
        "session.start",
        "Start",
        "text",
        lambda r, c: r.session.start.strftime("%H:%M") if r.session.start else "",
    ),
    FieldSpec("session.minutes", "Session minutes", "int", lambda r, c: r.session.minutes),
    FieldSpec("session.location", "Location", "text", lambda r, c: r.session.location),
    FieldSpec("session.host_agency", "Host agency", "text", lambda r, c: r.session.host_agency),
    FieldSpec(
        "session.facilitators",
        "Facilitators",
        "text",
        lambda r, c: "; ".join(r.session.facilitators),
    ),
    FieldSpec("session.audience", "Audience", "text", lambda r, c: r.session.audience),
    FieldSpec("session.credit_hours", "Credit hours", "float", lambda r, c: r.session.credit_hours),
    FieldSpec("session.course_id", "Course ID", "text", lambda r, c: r.session.course_id),
    FieldSpec("session.course_title", "Course title", "text", lambda r, c: r.session.course_title),
    FieldSpec(
        "session.course_version", "Course version", "text", lambda r, c: r.session.course_version
    ),
    FieldSpec("participant.id", "Participant ID", "text", lambda r, c: r.participant.id),
    FieldSpec("participant.name", "Name", "text", lambda r, c: r.participant.name),
    FieldSpec("participant.email", "Email", "text", lambda r, c: r.participant.email),
    FieldSpec("participant.phone", "Phone", "text", lambda r, c: r.participant.phone),
    FieldSpec("participant.agency", "Agency", "text", lambda r, c: r.participant.agency),
    FieldSpec(
        "participant.discipline", "Discipline", "text", lambda r, c: r.participant.discipline
    ),
    FieldSpec("participant.credential", "Credential ID", "text", lambda r, c: _credential(r, c)[1]),
    FieldSpec(
        "participant.credential_type", "Credential type", "text", lambda r, c: _credential(r, c)[0]
    ),
    *(_credential_field(ct.key, ct.label) for ct in CREDENTIAL_TYPES),
    FieldSpec("attendance.expected", "On roster", "bool", lambda r, c: r.attendance.expected),
    FieldSpec(
        "attendance.check_in", "Check-in", "datetime", lambda r, c: _local(r, r.attendance.check_in)
    ),
    FieldSpec(
        "attendance.check_out",
        "Check-out",
        "datetime",
        lambda r, c: _local(r, r.attendance.check_out),
    ),
    FieldSpec("attendance.status", "Status", "text", lambda r, c: r.attendance.status),
    FieldSpec(
        "attendance.credited_minutes",
        "Credited minutes",
        "int",
        lambda r, c: r.attendance.credited_minutes,
    ),
    FieldSpec(
        "attendance.credited_hours",
        "Credited hours",
        "float",
        lambda r, c: round(r.attendance.credited_minutes / 60, 2),
    ),
    FieldSpec("attendance.completed", "Completed", "bool", lambda r, c: r.attendance.completed),
    FieldSpec("attendance.hours_awarded", "Hours awarded", "float", _hours_awarded),
    FieldSpec(
        "attendance.override_by",
        "Override by",
        "text",
        lambda r, c: r.attendance.override.by if r.attendance.override else "",
    ),
    FieldSpec(
        "attendance.override_reason",
        "Override reason",
        "text",
        lambda r, c: r.attendance.override.reason if r.attendance.override else "",
    ),
]

FIELDS: dict[str, FieldSpec] = {spec.key: spec for spec in _SPECS}

# Every attendance-level field at once, in this order: exports call one function per stored
# row instead of one per cell (100,000 rows × 10 fields). Tests check it agrees with FIELDS.
ATTENDANCE_ORDER = (
    "attendance.expected", "attendance.check_in", "attendance.check_out", "attendance.status",
    "attendance.credited_minutes", "attendance.credited_hours", "attendance.completed",
    "attendance.hours_awarded", "attendance.override_by", "attendance.override_reason",
)  # fmt: skip


class LocalTimes:
    """Stored times (UTC text) as a session's wall-clock time, each minute worked out once.

    Exports convert 200,000 times; people arrive in the same few minutes, and the local minute
    depends only on the stored minute and the session's offset, so a cache does most of them.
    The store writes "2025-03-04T14:58:07+00:00"; other forms are converted without the cache.
    """

    def __init__(self) -> None:
        self._minutes: dict[str, dt.datetime] = {}
        self._texts: dict[str, str] = {}
        self._hours: dict[str, str] = {}

    @staticmethod
    def _exact(stored: str, session: Session) -> dt.datetime:
        return dt.datetime.fromisoformat(stored).astimezone(session.tz).replace(tzinfo=None)

    @staticmethod
    def _cacheable(stored: str) -> bool:
        return len(stored) == 25 and stored[19] in "+-"

    def moment(self, stored: str | None, session: Session) -> dt.datetime | None:
        """Return a stored time as a naive local datetime, or None."""
        if not stored:
            return None
        if not self._cacheable(stored):
            return self._exact(stored, session)
        key = session.utc_offset + stored[:16] + stored[19:]  # the seconds are added back
        minute = self._minutes.get(key)
        if minute is None:
            minute = self._minutes[key] = self._exact(stored, session).replace(second=0)
        seconds = stored[17:19]
        return minute if seconds == "00" else minute.replace(second=int(seconds))

    def text(self, stored: str | None, session: Session) -> str:
        """Return a stored time as local "YYYY-MM-DD HH:MM", or "" when there is none."""
        if not stored:
            return ""
        # Only a cacheable form is ever stored under its key, so other forms always miss.
        key = session.utc_offset + stored[:16] + stored[19:]
        found = self._texts.get(key)
        if found is None:
            if not self._cacheable(stored):
                return self._exact(stored, session).isoformat(" ", "minutes")
            if session.utc_offset.endswith(":00") and stored.endswith(":00"):
                # Whole-hour offsets (most zones): the minutes are the stored minutes, and
                # the local date and hour are worked out once per stored hour.
                hour = session.utc_offset + stored[:13] + stored[19:]
                prefix = self._hours.get(hour)
                if prefix is None:
                    local = self._exact(stored, session).isoformat(" ", "minutes")
                    prefix = self._hours[hour] = local[:13]
                found = prefix + stored[13:16]
            else:
                found = self._exact(stored, session).isoformat(" ", "minutes")
            self._texts[key] = found
        return found


@lru_cache(maxsize=4096)
def _number_text(value: float) -> str:
    return as_text(value, "float")


@lru_cache(maxsize=4096)
def _hours_text(minutes: int) -> str:
    return as_text(round(minutes / 60, 2), "float")


def attendance_values(row: StoredRow, session: Session, times: LocalTimes) -> tuple[Value, ...]:
    """Return the attendance-level values of a stored row, in ATTENDANCE_ORDER."""
    (_, _, _, expected, check_in, check_out, _, status, minutes, completed, override,
     override_by, override_reason, _, _) = row  # fmt: skip
    return (
        bool(expected),
        times.moment(check_in, session),
        times.moment(check_out, session),
        status,
        minutes,
        round(minutes / 60, 2),
        bool(completed),
        (session.credit_hours or 0.0) if completed else 0.0,
        override_by if override is not None else "",
        override_reason if override is not None else "",
    )


def attendance_texts(row: StoredRow, session: Session, times: LocalTimes) -> tuple[str, ...]:
    """Return the attendance-level values of a stored row as CSV text (formula-safe)."""
    (_, _, _, expected, check_in, check_out, _, status, minutes, completed, override,
     override_by, override_reason, _, _) = row  # fmt: skip
    return (
        "yes" if expected else "no",
        times.text(check_in, session),
        times.text(check_out, session),
        status,  # a fixed word: never a formula
        str(minutes),
        _hours_text(minutes),
        "yes" if completed else "no",
        _number_text((session.credit_hours or 0.0) if completed else 0.0),
        safe_text(override_by) if override is not None else "",
        safe_text(override_reason) if override is not None else "",
    )
