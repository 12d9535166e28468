"""Check-ins and check-outs as the events log holds them, and undoing one as a new event.

An undo never deletes history: the check-in or check-out stays in the log and an
``attendance.undo`` event names it. A person whose events at a session include an undo has
their times replayed from the check-ins and check-outs that still stand. Events travel in
bundles and merge as a union, so every database that holds the same events replays the same
times, whichever order bundles arrive in and however often.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sqlite_utils import Database

from deflection_kit.storage.models import Attendance, Participant

CHECK_IN = "checkin"
CHECK_OUT = "checkout"
UNDO = "attendance.undo"


@dataclass(frozen=True)
class CheckEvent:
    """One check-in or check-out in the log: when it was recorded and the time it gave."""

    id: str
    recorded: str  # the log's own timestamp: the order things were done in
    kind: str  # CHECK_IN or CHECK_OUT
    participant_id: str
    moment: dt.datetime  # the check-in or check-out time it recorded


@dataclass(frozen=True)
class Undone:
    """What an undo took back: whose check-in or check-out, and the time it had recorded."""

    participant: Participant
    kind: str  # CHECK_IN or CHECK_OUT
    moment: dt.datetime
    attendance: Attendance  # as it is after the undo


@dataclass(frozen=True)
class SessionHistory:
    """A session's check-ins and check-outs (oldest first) and the ids of those undone."""

    events: tuple[CheckEvent, ...]
    undone: frozenset[str]

    def standing(self) -> list[CheckEvent]:
        """Return the check-ins and check-outs not undone, oldest first."""
        return [e for e in self.events if e.id not in self.undone]

    def replayed(self) -> dict[str, tuple[dt.datetime | None, dt.datetime | None]]:
        """Return check-in and check-out times of each person who has an undone event."""
        touched = {e.participant_id for e in self.events if e.id in self.undone}
        by_person: dict[str, list[CheckEvent]] = {}
        for event in self.standing():
            by_person.setdefault(event.participant_id, []).append(event)
        return {person: replay(by_person.get(person, ())) for person in touched}


def replay(events: Iterable[CheckEvent]) -> tuple[dt.datetime | None, dt.datetime | None]:
    """Return (check-in, check-out) from check events in the order they were recorded.

    The same rules as checking in and out one at a time, and as merging two copies: the
    earliest arrival counts; a check-in after a check-out clears it (back in the room); of
    two check-outs the later counts; a check-out before any check-in counts for nothing.
    """
    check_in: dt.datetime | None = None
    check_out: dt.datetime | None = None
    for event in events:
        if event.kind == CHECK_IN:
            check_in = event.moment if check_in is None else min(check_in, event.moment)
            check_out = None
        elif check_in is not None:
            check_out = event.moment if check_out is None else max(check_out, event.moment)
    return check_in, check_out


def _moment(data: Mapping[str, object]) -> dt.datetime | None:
    value = data.get("at")
    if not isinstance(value, str):
        return None
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def session_history(db: Database, session_id: str) -> SessionHistory:
    """Read a session's check events and undos from the log (ill-formed entries are skipped:
    a merged bundle's event data is only known to be a JSON object)."""
    rows = db.execute(
        "SELECT id, at, kind, participant_id, data FROM events "
        "WHERE session_id = ? AND kind IN (?, ?, ?) ORDER BY at, id",
        [session_id, CHECK_IN, CHECK_OUT, UNDO],
    ).fetchall()
    events: list[CheckEvent] = []
    undone: set[str] = set()
    for event_id, recorded, kind, participant_id, text in rows:
        try:
            data = json.loads(text)
        except ValueError:
            continue
        if not isinstance(data, dict):
            continue
        if kind == UNDO:
            if isinstance(data.get("event"), str):
                undone.add(data["event"])
            continue
        moment = _moment(data)
        if moment is not None and participant_id:
            events.append(CheckEvent(event_id, recorded, kind, participant_id, moment))
    return SessionHistory(tuple(events), frozenset(undone))
