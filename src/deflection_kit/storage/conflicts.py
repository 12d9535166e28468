"""Conflicts: what a bundle would have changed in records already here, for a person to decide.

A bundle never changes a person already in the database, nor a session this installation created
(or its attendance). Where its copy differs, and is newer, the difference is kept here as a
conflict: the fields and the bundle's values. Accepting one applies exactly those values (and
logs it); rejecting keeps ours. Either way the proposed values are then emptied, and the same
bundle imported again raises nothing (a conflict's id is a digest of what it proposes).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from sqlite_utils import Database

from deflection_kit.errors import UsageError
from deflection_kit.storage.attendance import recompute_session
from deflection_kit.storage.clock import stamp
from deflection_kit.storage.connection import write_transaction
from deflection_kit.storage.events import log_event
from deflection_kit.storage.models import PersonFields
from deflection_kit.storage.names import clean_text
from deflection_kit.storage.participants import check_person
from deflection_kit.storage.store import Store

ConflictKind = Literal["participant", "session", "attendance"]
ConflictStatus = Literal["open", "accepted", "rejected"]
# What a conflict may propose, per kind: the fields a person sees and decides on.
PERSON_FIELDS = ("name", "email", "phone", "agency", "discipline", "credentials")
SESSION_FIELDS = (
    "title", "date", "start", "minutes", "location", "host_agency", "facilitators", "audience",
    "pathways", "credit_hours", "status", "course_id", "course_title", "course_version",
    "completion_share", "utc_offset",
)  # fmt: skip
ATTENDANCE_FIELDS = (
    "expected", "check_in", "check_out", "excused", "override_completed", "override_by",
    "override_reason", "override_at",
)  # fmt: skip
TIME_FIELDS = ("check_in", "check_out")
# In an attendance conflict's proposal: the bundle's check events that give the proposed times
# (not a field a person decides on; accepting adds them to the events log).
HELD_EVENTS = "_events"
_EVENT_COLUMNS = ("id", "at", "kind", "session_id", "participant_id", "actor", "data")
_FIELDS: dict[str, tuple[str, ...]] = {
    "participant": PERSON_FIELDS,
    "session": SESSION_FIELDS,
    "attendance": ATTENDANCE_FIELDS,
}
# How a field is named for people (any other: its column name with spaces).
_FIELD_LABELS = {
    "check_in": "check-in",
    "check_out": "check-out",
    "override_completed": "completion override",
    "override_by": "override by",
    "override_reason": "override reason",
    "override_at": "override time",
    "utc_offset": "time zone",
    "start": "start time",
}
_COLUMNS = (
    "id", "kind", "session_id", "participant_id", "fields", "proposed", "source", "status",
    "found_at", "decided_at", "decided_by",
)  # fmt: skip
MIN_PREFIX = 4


@dataclass(frozen=True)
class Conflict:
    """One difference a bundle brought, with the values here now and the bundle's."""

    id: str
    kind: ConflictKind
    session_id: str | None
    participant_id: str | None
    fields: tuple[str, ...]
    proposed: Mapping[str, Any]
    source: str
    status: ConflictStatus
    found_at: str
    decided_at: str | None
    decided_by: str
    label: str = ""
    current: Mapping[str, Any] = field(default_factory=dict)

    @property
    def short_id(self) -> str:
        """Return the first characters of the id, enough to name it."""
        return self.id[:8]

    def changes(self) -> list[str]:
        """Return one ``field: here → bundle`` phrase a field (values only while undecided)."""
        labels = [_FIELD_LABELS.get(name, name.replace("_", " ")) for name in self.fields]
        if not self.proposed:
            return labels
        return [
            f"{label}: {_shown(self.current.get(name))} → {_shown(self.proposed.get(name))}"
            for label, name in zip(labels, self.fields, strict=True)
        ]

    def outcome(self) -> str:
        """Return what deciding it did, as one line for people."""
        done = {"accepted": "updated", "rejected": "kept as it was"}.get(self.status, "open")
        return f"{self.status} {self.short_id}: {self.kind} {self.label} {done}"

    def describe(self) -> str:
        """Return the conflict as one line for people."""
        where = f" (from {self.source})" if self.source else ""
        return f"{self.kind} {self.label}: {'; '.join(self.changes())}{where}"


def _shown(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, str) and value[:1] in "[{":
        try:
            parsed = json.loads(value)
        except ValueError:
            return repr(value)
        if isinstance(parsed, dict):
            return ", ".join(f"{k} {v}" for k, v in parsed.items()) or "—"
        if isinstance(parsed, list):
            return ", ".join(str(v) for v in parsed) or "—"
    return repr(value) if isinstance(value, str) else str(value)


def conflict_id(
    kind: str, session_id: str | None, participant_id: str | None, proposed: Mapping[str, Any]
) -> str:
    """Return the id of a conflict: a digest of whose record and what it proposes."""
    text = json.dumps([kind, session_id, participant_id, proposed], sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def record_conflict(
    db: Database,
    kind: ConflictKind,
    *,
    session_id: str | None,
    participant_id: str | None,
    proposed: Mapping[str, Any],
    source: str,
) -> bool:
    """Keep a conflict (inside the caller's transaction); return True if it is a new one."""
    ident = conflict_id(kind, session_id, participant_id, proposed)
    before = db.conn.total_changes
    db.execute(
        "INSERT OR IGNORE INTO conflicts (id, kind, session_id, participant_id, fields, "
        "proposed, source, status, found_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'open', ?)",
        [
            ident,
            kind,
            session_id,
            participant_id,
            json.dumps(sorted(name for name in proposed if name != HELD_EVENTS)),
            json.dumps(dict(proposed), sort_keys=True, ensure_ascii=False),
            clean_text(source),
            stamp(),
        ],
    )
    return db.conn.total_changes > before


def insert_events(db: Database, events: Sequence[Mapping[str, Any]]) -> None:
    """Add events to the log (those already there, by id, are left as they are)."""
    for event in events:
        db.execute(
            f"INSERT OR IGNORE INTO events ({', '.join(_EVENT_COLUMNS)}) "
            f"VALUES ({', '.join('?' * len(_EVENT_COLUMNS))})",
            [event[name] for name in _EVENT_COLUMNS],
        )


def _row(db: Database, sql: str, params: list[Any]) -> dict[str, Any] | None:
    cursor = db.execute(sql, params)
    found = cursor.fetchone()
    if found is None:
        return None
    return dict(zip([d[0] for d in cursor.description], found, strict=True))


def _target(db: Database, conflict: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """Return a label for the conflict's record and its current values."""
    person = session = None
    if conflict["participant_id"]:
        person = _row(db, "SELECT * FROM participants WHERE id = ?", [conflict["participant_id"]])
    if conflict["session_id"]:
        session = _row(db, "SELECT * FROM sessions WHERE id = ?", [conflict["session_id"]])
    if conflict["kind"] == "participant" and person is not None:
        return str(person["name"]), person
    if conflict["kind"] == "session" and session is not None:
        return f"{session['title']} ({session['date']})", session
    if conflict["kind"] == "attendance" and person is not None and session is not None:
        current = _row(
            db,
            "SELECT * FROM attendance WHERE session_id = ? AND participant_id = ?",
            [conflict["session_id"], conflict["participant_id"]],
        )
        label = f"{person['name']} at {session['title']} ({session['date']})"
        return label, current or {}
    return "(record no longer here)", {}


def _conflict(db: Database, row: dict[str, Any]) -> Conflict:
    label, current = _target(db, row)
    return Conflict(
        id=row["id"],
        kind=row["kind"],
        session_id=row["session_id"],
        participant_id=row["participant_id"],
        fields=tuple(json.loads(row["fields"])),
        proposed=json.loads(row["proposed"]),
        source=row["source"],
        status=row["status"],
        found_at=row["found_at"],
        decided_at=row["decided_at"],
        decided_by=row["decided_by"],
        label=label,
        current=current,
    )


def list_conflicts(store: Store, include_decided: bool = False) -> list[Conflict]:
    """Return the conflicts waiting for a decision (or all), oldest first."""
    where = "" if include_decided else "WHERE status = 'open'"
    cursor = store.db.execute(
        f"SELECT {', '.join(_COLUMNS)} FROM conflicts {where} ORDER BY found_at, id"
    )
    names = [d[0] for d in cursor.description]
    rows = [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]
    return [_conflict(store.db, row) for row in rows]


def find_conflict(store: Store, ref: str) -> Conflict:
    """Return the conflict whose id is ``ref`` or starts with it (4+ characters)."""
    ref = ref.strip().lower()
    if len(ref) < MIN_PREFIX:
        raise UsageError(f"conflict {ref!r}: give at least {MIN_PREFIX} characters of its id")
    cursor = store.db.execute(
        f"SELECT {', '.join(_COLUMNS)} FROM conflicts WHERE id >= ? AND id < ? LIMIT 2",
        [ref, ref + "\uffff"],
    )
    names = [d[0] for d in cursor.description]
    rows = [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]
    if len(rows) > 1:
        raise UsageError(f"conflict {ref!r} is ambiguous: give more of the id")
    if not rows:
        raise UsageError(f"no conflict {ref!r} (see 'deflection-kit bundle conflicts')")
    return _conflict(store.db, rows[0])


def _decide(store: Store, conflict: Conflict, status: ConflictStatus, by: str) -> None:
    store.db.execute(
        "UPDATE conflicts SET status = ?, decided_at = ?, decided_by = ?, proposed = '{}' "
        "WHERE id = ?",
        [status, stamp(), clean_text(by), conflict.id],
    )
    log_event(
        store.db,
        f"conflict.{status}",
        session_id=conflict.session_id,
        participant_id=conflict.participant_id,
        actor=clean_text(by),
        data={"conflict": conflict.id, "kind": conflict.kind, "fields": list(conflict.fields)},
    )


def _open(store: Store, ref: str) -> Conflict:
    conflict = find_conflict(store, ref)
    if conflict.status != "open":
        raise UsageError(f"conflict {conflict.short_id} was {conflict.status} already")
    if not conflict.current:
        raise UsageError(f"conflict {conflict.short_id}: its record is no longer here")
    return conflict


def reject_conflict(store: Store, ref: str, by: str = "") -> Conflict:
    """Keep the values here and close the conflict (the bundle's values are forgotten)."""
    conflict = find_conflict(store, ref)
    if conflict.status != "open":
        raise UsageError(f"conflict {conflict.short_id} was {conflict.status} already")
    with write_transaction(store.db):
        _decide(store, conflict, "rejected", by)
    return find_conflict(store, conflict.id)


def accept_conflict(store: Store, ref: str, by: str = "") -> Conflict:
    """Apply the bundle's values to the record, in one transaction, and close the conflict."""
    conflict = _open(store, ref)
    values = {
        name: conflict.proposed[name]
        for name in _FIELDS[conflict.kind]
        if name in conflict.proposed
    }
    with write_transaction(store.db):
        if conflict.kind == "participant":
            _accept_person(store, conflict, values, by)
        elif conflict.kind == "session":
            assert conflict.session_id is not None
            changed = {**values, "updated_at": stamp()}
            store.db.table("sessions").update(conflict.session_id, changed)
            log_event(store.db, "session.updated", session_id=conflict.session_id, actor=by)
        else:
            # The bundle's check events first: the times are replayed from the log below.
            insert_events(store.db, list(conflict.proposed.get(HELD_EVENTS, [])))
            store.db.execute(
                "UPDATE attendance SET "
                + ", ".join(f"{name} = ?" for name in values)
                + ", updated_at = ? WHERE session_id = ? AND participant_id = ?",
                [*values.values(), stamp(), conflict.session_id, conflict.participant_id],
            )
        if conflict.session_id is not None:
            recompute_session(store.db, store.sessions.get(conflict.session_id))
        _decide(store, conflict, "accepted", by)
    return find_conflict(store, conflict.id)


def _accept_person(store: Store, conflict: Conflict, values: dict[str, Any], by: str) -> None:
    assert conflict.participant_id is not None
    person = store.participants.get(conflict.participant_id)
    chosen = {
        "name": person.name,
        "email": person.email,
        "phone": person.phone,
        "agency": person.agency,
        "discipline": person.discipline,
        "credentials": dict(person.credentials),
        **values,
    }
    if isinstance(chosen["credentials"], str):
        chosen["credentials"] = json.loads(chosen["credentials"])
    try:
        fields = check_person(PersonFields(**chosen))
    except ValueError as error:
        raise UsageError(f"conflict {conflict.short_id}: {error}") from None
    store.participants.update(person.id, fields, actor=by)


def decide_conflict(store: Store, ref: str, accept: bool, by: str = "") -> Conflict:
    """Accept or reject one conflict (see ``accept_conflict`` and ``reject_conflict``)."""
    return accept_conflict(store, ref, by) if accept else reject_conflict(store, ref, by)
