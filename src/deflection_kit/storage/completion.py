"""Credited minutes, attendance status and completion, computed from times alone (no SQL)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from deflection_kit.storage.models import AttendanceStatus, Override, Session

# Arriving up to this late, or leaving this early, still counts as "present".
GRACE = dt.timedelta(minutes=5)
# Floating-point shares (0.9 × 90) must not fail someone by a rounding hair.
_EPSILON = 1e-6


@dataclass(frozen=True)
class Outcome:
    """The computed part of an attendance row."""

    status: AttendanceStatus
    credited_minutes: int
    completed: bool


def credited_minutes(
    session: Session, check_in: dt.datetime | None, check_out: dt.datetime | None
) -> int:
    """Return whole minutes attended: within the session's hours when it has a start time."""
    if check_in is None or check_out is None or check_out <= check_in:
        return 0
    start, end = session.starts_at, session.ends_at
    if start is not None and end is not None:
        begin, finish = max(check_in, start), min(check_out, end)
        seconds = max(0.0, (finish - begin).total_seconds())
    else:
        seconds = min((check_out - check_in).total_seconds(), session.minutes * 60.0)
    return int(seconds // 60)


def attendance_status(
    session: Session,
    check_in: dt.datetime | None,
    check_out: dt.datetime | None,
    excused: bool,
) -> AttendanceStatus:
    """Return present, late, left early, absent or excused."""
    if check_in is None:
        return "excused" if excused else "absent"
    start, end = session.starts_at, session.ends_at
    if check_out is not None:
        if end is not None and check_out < end - GRACE:
            return "left early"
        if end is None and (check_out - check_in) < dt.timedelta(minutes=session.minutes) - GRACE:
            return "left early"
    if start is not None and check_in > start + GRACE:
        return "late"
    return "present"


def is_completed(session: Session, minutes: int, override: Override | None) -> bool:
    """Return whether attendance completes the course: enough minutes, or a recorded override."""
    if override is not None:
        return override.completed
    return minutes + _EPSILON >= session.required_minutes


def outcome(
    session: Session,
    check_in: dt.datetime | None,
    check_out: dt.datetime | None,
    excused: bool,
    override: Override | None,
) -> Outcome:
    """Return status, credited minutes and completion for one attendance."""
    minutes = credited_minutes(session, check_in, check_out)
    return Outcome(
        status=attendance_status(session, check_in, check_out, excused),
        credited_minutes=minutes,
        completed=is_completed(session, minutes, override),
    )
