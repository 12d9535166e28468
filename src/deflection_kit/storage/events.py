"""The events log: what happened to sessions and attendance, when, and by whom.

Events hold ids and facts, never a person's name or email, so deleting a person leaves no trace.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass

from sqlite_utils import Database

from deflection_kit.storage.clock import stamp


@dataclass(frozen=True)
class Event:
    """One entry of the events log."""

    id: str
    at: str
    kind: str
    session_id: str | None
    participant_id: str | None
    actor: str
    data: Mapping[str, object]


def log_event(
    db: Database,
    kind: str,
    *,
    session_id: str | None = None,
    participant_id: str | None = None,
    actor: str = "",
    data: Mapping[str, object] | None = None,
) -> str:
    """Append an event (inside the caller's transaction); return its id."""
    event_id = str(uuid.uuid4())
    db.execute(
        "INSERT INTO events (id, at, kind, session_id, participant_id, actor, data) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            event_id,
            stamp(),
            kind,
            session_id,
            participant_id,
            actor,
            json.dumps(dict(data or {}), sort_keys=True, ensure_ascii=False),
        ],
    )
    return event_id


def list_events(db: Database, session_id: str | None = None) -> list[Event]:
    """Return events, oldest first, for one session or all."""
    where, params = ("WHERE session_id = ?", [session_id]) if session_id else ("", [])
    rows = db.execute(
        "SELECT id, at, kind, session_id, participant_id, actor, data FROM events "
        f"{where} ORDER BY at, id",
        params,
    ).fetchall()
    return [
        Event(row[0], row[1], row[2], row[3], row[4], row[5], json.loads(row[6])) for row in rows
    ]
