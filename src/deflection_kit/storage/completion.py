"""Credited minutes, attendance status and completion, computed from times alone (no SQL)."""

from __future__ import annotations

import datetime as dt
import math
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


def required_minutes(session: Session) -> int:
    """Return the whole minutes a participant must be credited to complete."""
    return math.ceil(session.required_minutes - _EPSILON)


@dataclass(frozen=True)
class Shortfall:
    """Why an attendance does not complete: the facts a message is worded from."""

    credited_minutes: int
    required_minutes: int
    late_minutes: int  # arrived this long after the planned start (0: on time, or no start)
    early_minutes: int  # left this long before the planned end (0: stayed, or no end)
    after_end: bool  # arrived after the planned end: no time inside the session
    override: Override | None  # a recorded decision that they did not complete


def shortfall(
    session: Session,
    check_in: dt.datetime | None,
    check_out: dt.datetime | None,
    override: Override | None,
) -> Shortfall | None:
    """Return why attendance falls short of completion, or None when it completes."""
    minutes = credited_minutes(session, check_in, check_out)
    if is_completed(session, minutes, override):
        return None
    start, end = session.starts_at, session.ends_at
    late = early = 0
    if check_in is not None and start is not None and check_in > start + GRACE:
        late = int((check_in - start).total_seconds() // 60)
    if check_out is not None and end is not None and check_out < end - GRACE:
        early = math.ceil((end - check_out).total_seconds() / 60)
    return Shortfall(
        credited_minutes=minutes,
        required_minutes=required_minutes(session),
        late_minutes=late,
        early_minutes=early,
        after_end=check_in is not None and end is not None and check_in >= end,
        override=override if override is not None and not override.completed else None,
    )


def hours_for_minutes(minutes: int) -> float:
    """Return what ``minutes`` of attendance are worth in credit hours: one hour per 60 minutes,
    rounded down to the hundredth, so hours never exceed the time (the one home of the rule)."""
    return (max(0, minutes) * 100 // 60) / 100


def default_credit_hours(course_hours: float | None, minutes: int) -> float | None:
    """Return a new session's credit hours when none are given: the course's, but never more
    than the session lasts (a 10-minute session is worth 0.16 hours, not the course's 1.5)."""
    if course_hours is None:
        return None
    return min(course_hours, hours_for_minutes(minutes))


def awarded_hours(session: Session, minutes: int, completed: bool) -> float:
    """Return the credit hours a person earns at a session: the session's hours when they
    completed, but never more than the minutes credited to them (CE boards grant partial credit
    only for time actually spent), rounded down to the hundredth; none when they did not."""
    if not completed:
        return 0.0
    return min(session.credit_hours or 0.0, hours_for_minutes(minutes))
