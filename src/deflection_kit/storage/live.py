"""The live presentation's saved state, and its events in the events log.

The state is plain JSON from the live session (``LiveSession.to_dict``); each change is one
committed transaction together with the events it added, so after a crash the state and the
record agree. Events of a session go to the events log as kind ``live.<kind>``; a rehearsal
(no session) keeps only its state.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from deflection_kit.storage.clock import stamp
from deflection_kit.storage.connection import write_transaction

REHEARSAL_KEY = "rehearsal"
LIVE_PREFIX = "live."
LIVE_STATUSES = ("ready", "running", "ended")


@dataclass(frozen=True)
class LiveStateRecord:
    """One saved live state."""

    key: str
    session_id: str | None
    status: str
    slide: int
    state: Mapping[str, Any]
    updated_at: str


def live_key(session_id: str | None) -> str:
    """Return the key a session's live state is saved under."""
    return session_id or REHEARSAL_KEY


def _record(row: tuple[Any, ...]) -> LiveStateRecord:
    try:
        state = json.loads(row[4])
    except (TypeError, ValueError):
        state = {}
    return LiveStateRecord(
        key=row[0],
        session_id=row[1],
        status=row[2],
        slide=int(row[3]),
        state=state if isinstance(state, dict) else {},
        updated_at=row[5],
    )


_SELECT = "SELECT key, session_id, status, slide, state, updated_at FROM live_state"


class LiveRepository:
    """Save and read live states and live events."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def save(
        self,
        session_id: str | None,
        state: Mapping[str, Any],
        events: Sequence[Mapping[str, Any]] = (),
    ) -> None:
        """Save the state and append its new events, in one transaction."""
        status = str(state.get("status", "ready"))
        if status not in LIVE_STATUSES:
            raise ValueError(f"unknown live status {status!r}")
        slide = int(state.get("slide", 0))
        key = live_key(session_id)
        with write_transaction(self.db):
            self.db.execute(
                "INSERT INTO live_state (key, session_id, status, slide, state, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET "
                "session_id = excluded.session_id, status = excluded.status, "
                "slide = excluded.slide, state = excluded.state, "
                "updated_at = excluded.updated_at",
                [key, session_id, status, slide, json.dumps(dict(state)), stamp()],
            )
            if session_id:
                self.db.conn.executemany(
                    "INSERT INTO events (id, at, kind, session_id, participant_id, actor, data) "
                    "VALUES (?, ?, ?, ?, NULL, '', ?)",
                    [_event_row(session_id, event) for event in events],
                )

    def get(self, session_id: str | None) -> LiveStateRecord | None:
        """Return the saved state of a session (None: a rehearsal), if any."""
        row = self.db.execute(f"{_SELECT} WHERE key = ?", [live_key(session_id)]).fetchone()
        return _record(tuple(row)) if row else None

    def unfinished(self) -> list[LiveStateRecord]:
        """Return the states left running (the app stopped mid-session), newest first."""
        rows = self.db.execute(
            f"{_SELECT} WHERE status = 'running' ORDER BY updated_at DESC"
        ).fetchall()
        return [_record(tuple(row)) for row in rows]

    def presented(self) -> list[LiveStateRecord]:
        """Return the live states of sessions (not rehearsals), most recently changed first."""
        rows = self.db.execute(
            f"{_SELECT} WHERE session_id IS NOT NULL ORDER BY updated_at DESC"
        ).fetchall()
        return [_record(tuple(row)) for row in rows]

    def presented_sessions(self) -> list[str]:
        """Return the ids of sessions with a live record (state or events), latest first.

        Events come with bundles from other computers; the saved state stays where it ran.
        """
        rows = self.db.execute(
            "SELECT session_id, MAX(at) AS last FROM ("
            " SELECT session_id, at FROM events"
            " WHERE kind LIKE 'live.%' AND session_id IS NOT NULL"
            " UNION ALL SELECT session_id, updated_at FROM live_state"
            " WHERE session_id IS NOT NULL"
            ") GROUP BY session_id ORDER BY last DESC"
        ).fetchall()
        return [str(row[0]) for row in rows]

    def discard(self, session_id: str | None) -> None:
        """Forget a saved state (its events stay in the log)."""
        with write_transaction(self.db):
            self.db.execute("DELETE FROM live_state WHERE key = ?", [live_key(session_id)])

    def events(self, session_id: str) -> list[dict[str, Any]]:
        """Return a session's live events as the live session wrote them, in order."""
        rows = self.db.execute(
            "SELECT kind, data FROM events WHERE session_id = ? AND kind LIKE 'live.%' "
            "ORDER BY at, id",
            [session_id],
        ).fetchall()
        found: list[dict[str, Any]] = []
        for kind, data in rows:
            try:
                body = json.loads(data)
            except ValueError:
                continue
            if isinstance(body, dict):
                found.append({**body, "kind": str(kind)[len(LIVE_PREFIX) :]})
        found.sort(key=lambda event: (float(event.get("at", 0)), int(event.get("seq", 0))))
        return found


def _event_row(session_id: str, event: Mapping[str, Any]) -> tuple[str, str, str, str, str]:
    at = float(event.get("at", 0.0))
    when = dt.datetime.fromtimestamp(at, tz=dt.UTC).isoformat(timespec="microseconds")
    body = {key: value for key, value in event.items() if key != "kind"}
    return (
        str(uuid.uuid4()),
        when,
        LIVE_PREFIX + str(event["kind"]),
        session_id,
        json.dumps(body, sort_keys=True, ensure_ascii=False),
    )
