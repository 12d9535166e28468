"""Closing a session: when it really ended, and what checking out those still here would credit.

A session ends when presenting ended (the live ``ended`` event), or, if it was not presented
from the app, when the facilitator closes it: never at the planned end, which may be before
someone arrived or long before the session actually finished. Each person still here is
checked out at that moment, or at their own check-in if they came after it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from sqlite_utils import Database

from deflection_kit.storage.clock import now
from deflection_kit.storage.completion import Outcome, Shortfall, outcome, shortfall
from deflection_kit.storage.models import Attendance, Participant, RosterEntry, Session

EndSource = Literal["given", "presented", "now"]


@dataclass(frozen=True)
class Closing:
    """One person who came: what closing does to them and what they are credited after it."""

    participant: Participant
    attendance: Attendance  # as it is before closing
    check_out: dt.datetime | None  # when closing checks them out (None: not here any more)
    outcome: Outcome  # status, credited minutes and completion after closing
    shortfall: Shortfall | None  # why they do not complete (None: they do)


@dataclass(frozen=True)
class ClosePlan:
    """What closing a session at a moment would do, worked out before anything is written."""

    session: Session
    ends_at: dt.datetime  # the moment those still here are checked out
    source: EndSource  # where that moment comes from
    presented_from: dt.datetime | None  # when presenting started, if it was presented
    people: tuple[Closing, ...]  # everyone who checked in, by name

    @property
    def still_here(self) -> tuple[Closing, ...]:
        """Return the people closing checks out."""
        return tuple(p for p in self.people if p.check_out is not None)

    @property
    def short(self) -> tuple[Closing, ...]:
        """Return the people who will not complete, with their reasons."""
        return tuple(p for p in self.people if p.shortfall is not None)


def presented_times(db: Database, session_id: str) -> tuple[dt.datetime | None, dt.datetime]:
    """Return (start, end) of the last time the session was presented to its end, or raise
    LookupError when it never was."""
    row = db.execute(
        "SELECT MAX(at) FROM events WHERE session_id = ? AND kind = 'live.ended'", [session_id]
    ).fetchone()
    if row is None or row[0] is None:
        raise LookupError(session_id)
    end = dt.datetime.fromisoformat(row[0])
    start_row = db.execute(
        # The clock's last (re)start before the end: a reset follows a rehearsal run.
        "SELECT MAX(at) FROM events WHERE session_id = ? "
        "AND kind IN ('live.started', 'live.clock-reset') AND at <= ?",
        [session_id, row[0]],
    ).fetchone()
    start = dt.datetime.fromisoformat(start_row[0]) if start_row and start_row[0] else None
    return start, end


def session_end(
    db: Database, session: Session, at: dt.datetime | None = None
) -> tuple[dt.datetime, EndSource, dt.datetime | None]:
    """Return when the session ended, where that comes from, and when presenting started."""
    if at is not None:
        return at, "given", None
    try:
        start, end = presented_times(db, session.id)
    except LookupError:
        return now(), "now", None
    return end, "presented", start


def plan_close(
    session: Session,
    roster: Sequence[RosterEntry],
    ends_at: dt.datetime,
    source: EndSource,
    presented_from: dt.datetime | None = None,
) -> ClosePlan:
    """Return what closing at ``ends_at`` would do to everyone on the roster who came."""
    people = []
    for entry in roster:
        att = entry.attendance
        if att.check_in is None:
            continue
        check_out = max(ends_at, att.check_in) if att.check_out is None else None
        leaves = att.check_out if check_out is None else check_out
        people.append(
            Closing(
                participant=entry.participant,
                attendance=att,
                check_out=check_out,
                outcome=outcome(session, att.check_in, leaves, att.excused, att.override),
                shortfall=shortfall(session, att.check_in, leaves, att.override),
            )
        )
    return ClosePlan(session, ends_at, source, presented_from, tuple(people))
