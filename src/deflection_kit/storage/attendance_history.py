"""Check-ins and check-outs as the events log holds them, and undoing one as a new event.

The log is the record of what happened: each check-in and check-out is an event, and an undo
never deletes one but adds an ``attendance.undo`` event naming it. A person's check-in and
check-out times are the replay of their events that still stand. Events travel in bundles and
merge as a union, so every database holding the same events replays the same times, whichever
order bundles arrive in and however often: an undo holds everywhere, and so does a return to
the room after a check-out (which a merge of the stored times alone would lose).
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
        """Return each person's check-in and check-out times replayed from the log."""
        by_person: dict[str, list[CheckEvent]] = {e.participant_id: [] for e in self.events}
        for event in self.standing():
            by_person[event.participant_id].append(event)
        return {person: replay(events) for person, events in by_person.items()}


def replay(events: Iterable[CheckEvent]) -> tuple[dt.datetime | None, dt.datetime | None]:
    """Return (check-in, check-out) from check events in the order they were recorded.

    The rules of checking in and out one at a time: a check-in after a check-out clears it
    and keeps the first arrival (back in the room); a check-out counts only after a check-in.
    Two copies of the same action, as two laptops record them, keep the earlier check-in and
    the later check-out.
    """
    check_in: dt.datetime | None = None
    check_out: dt.datetime | None = None
    for event in events:
        if event.kind == CHECK_IN:
            if check_in is None:
                check_in = event.moment
            elif check_out is not None:
                check_out = None
            else:
                check_in = min(check_in, event.moment)
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
