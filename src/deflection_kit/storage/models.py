"""Plain records the store hands out: frozen dataclasses, no SQL, no Qt."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal, Protocol

from deflection_kit.storage.clock import parse_offset

SessionStatus = Literal["planned", "open", "closed", "cancelled"]
AttendanceStatus = Literal["present", "late", "left early", "absent", "excused"]
SESSION_STATUSES: tuple[str, ...] = ("planned", "open", "closed", "cancelled")
ATTENDANCE_STATUSES: tuple[str, ...] = ("present", "late", "left early", "absent", "excused")


class CourseInfoLike(Protocol):
    """The parts of the content model's ``CourseInfo`` a session records (storage never imports
    content: the two are independent layers)."""

    @property
    def id(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def version(self) -> str: ...
    @property
    def minutes(self) -> int: ...
    @property
    def credit_hours(self) -> float: ...
    @property
    def completion_share(self) -> float: ...


@dataclass(frozen=True)
class CourseFacts:
    """What a session records about its course, so old records never change with the content."""

    id: str = ""
    title: str = ""
    version: str = ""
    minutes: int = 90
    credit_hours: float | None = None
    completion_share: float = 0.9

    @classmethod
    def from_info(cls, info: CourseInfoLike) -> CourseFacts:
        """Return the facts of a course manifest (``Course.info``)."""
        return cls(
            id=info.id,
            title=info.title,
            version=info.version,
            minutes=info.minutes,
            credit_hours=info.credit_hours,
            completion_share=info.completion_share,
        )


@dataclass(frozen=True)
class SessionFields:
    """What a facilitator fills in to plan a session."""

    title: str
    date: dt.date
    start: dt.time | None = None
    minutes: int | None = None  # None: the course's length
    location: str = ""
    host_agency: str = ""
    facilitators: tuple[str, ...] = ()
    audience: str = ""
    pathways: tuple[str, ...] = ()
    credit_hours: float | None = None  # None: the course's credit hours
    status: SessionStatus = "planned"


@dataclass(frozen=True)
class Session:
    """A training session as stored."""

    id: str
    title: str
    date: dt.date
    start: dt.time | None
    minutes: int
    location: str
    host_agency: str
    facilitators: tuple[str, ...]
    audience: str
    pathways: tuple[str, ...]
    credit_hours: float | None
    status: SessionStatus
    course_id: str
    course_title: str
    course_version: str
    completion_share: float
    utc_offset: str
    created_at: str
    updated_at: str

    @property
    def starts_at(self) -> dt.datetime | None:
        """Return the aware start time, when the session has one."""
        if self.start is None:
            return None
        return dt.datetime.combine(self.date, self.start, tzinfo=parse_offset(self.utc_offset))

    @property
    def ends_at(self) -> dt.datetime | None:
        """Return the aware end time, when the session has a start."""
        start = self.starts_at
        return None if start is None else start + dt.timedelta(minutes=self.minutes)

    @property
    def required_minutes(self) -> float:
        """Return the minutes a participant must attend to complete."""
        return self.minutes * self.completion_share

    @cached_property
    def tz(self) -> dt.tzinfo:
        """Return the session's time zone (its UTC offset when planned)."""
        return parse_offset(self.utc_offset)

    def local(self, moment: dt.datetime) -> dt.datetime:
        """Return a stored UTC time in the session's local time."""
        return moment.astimezone(self.tz)


@dataclass(frozen=True)
class PersonFields:
    """What is known about a person when they check in or appear on a roster."""

    name: str
    email: str = ""
    phone: str = ""
    agency: str = ""
    discipline: str = ""
    credentials: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Participant:
    """A person as stored."""

    id: str
    name: str
    email: str
    phone: str
    agency: str
    discipline: str
    credentials: Mapping[str, str]
    created_at: str
    updated_at: str


@dataclass(frozen=True)
class Override:
    """A facilitator's decision on completion, with who and why."""

    completed: bool
    by: str
    reason: str
    at: str


@dataclass(frozen=True)
class Attendance:
    """One person's attendance at one session."""

    id: str
    session_id: str
    participant_id: str
    expected: bool
    check_in: dt.datetime | None
    check_out: dt.datetime | None
    excused: bool
    status: AttendanceStatus
    credited_minutes: int
    completed: bool
    override: Override | None
    updated_at: str

    @property
    def checked_in(self) -> bool:
        """Return True while the person is in the room (checked in, not out)."""
        return self.check_in is not None and self.check_out is None


@dataclass(frozen=True)
class RosterEntry:
    """A row of a session's roster: the person and their attendance."""

    participant: Participant
    attendance: Attendance


@dataclass(frozen=True)
class AttendanceRecord:
    """One flat attendance record for exports: session, person and attendance together."""

    session: Session
    participant: Participant
    attendance: Attendance


@dataclass(frozen=True)
class CheckResult:
    """What a check-in or check-out did; ``changed`` is False when it repeated one."""

    participant: Participant
    attendance: Attendance
    changed: bool
    created_participant: bool = False


@dataclass(frozen=True)
class PersonHours:
    """One person's credited time across sessions (the per-person roll-up)."""

    participant: Participant
    sessions: int
    completed: int
    credited_minutes: int
    credit_hours: float
