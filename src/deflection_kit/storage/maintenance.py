"""Backups, retention purges and scrubbing deleted data out of the file for good."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from deflection_kit.storage.clock import stamp
from deflection_kit.storage.connection import StoreError, snapshot, write_transaction
from deflection_kit.storage.events import log_event
from deflection_kit.storage.store import Store
from deflection_kit.storage.tombstones import bury_participant, bury_sessions


def backup(store: Store, target: str | os.PathLike[str]) -> Path:
    """Write a consistent, compact snapshot of the database to ``target`` (owner-only, atomic).

    VACUUM INTO reads one snapshot, so check-ins committed meanwhile are either in or out,
    never half; the copy goes to a temporary file, is flushed, then renamed over ``target``.
    """
    path = Path(target).expanduser().absolute()
    if store.path is not None and path == store.path:
        raise StoreError(f"{path}: a backup cannot overwrite the database itself")
    return snapshot(store.db, path)


def scrub(store: Store) -> None:
    """Remove every trace of deleted rows: rebuild the file and empty the write-ahead log.

    secure_delete zeroes deleted records, but older copies of their pages can still sit in
    the WAL until a checkpoint; VACUUM also drops free pages.
    """
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.db.conn.execute("VACUUM")
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")


@dataclass(frozen=True)
class PurgeReport:
    """What a retention purge removed."""

    sessions: int
    participants: int
    attendance: int

    def summary(self) -> str:
        """Return the counts as one line."""
        return (
            f"purged {self.sessions} sessions, {self.attendance} attendance records and "
            f"{self.participants} people with no later attendance"
        )


def purge_before(store: Store, before: dt.date, actor: str = "") -> PurgeReport:
    """Delete sessions dated before ``before``, their attendance, and people left with none."""
    db = store.db
    cutoff = before.isoformat()
    with write_transaction(db):
        session_ids = [r[0] for r in db.execute("SELECT id FROM sessions WHERE date < ?", [cutoff])]
        attendance = int(
            db.execute(
                "SELECT COUNT(*) FROM attendance WHERE session_id IN "
                "(SELECT id FROM sessions WHERE date < ?)",
                [cutoff],
            ).fetchone()[0]
        )
        touched = [
            r[0]
            for r in db.execute(
                "SELECT DISTINCT participant_id FROM attendance WHERE session_id IN "
                "(SELECT id FROM sessions WHERE date < ?)",
                [cutoff],
            )
        ]
        now = stamp()
        bury_sessions(db, session_ids, now)
        db.execute("DELETE FROM sessions WHERE date < ?", [cutoff])
        gone = [
            pid
            for pid in touched
            if db.execute(
                "SELECT 1 FROM attendance WHERE participant_id = ? LIMIT 1", [pid]
            ).fetchone()
            is None
        ]
        for pid in gone:
            bury_participant(db, pid, now)
            db.execute("DELETE FROM participants WHERE id = ?", [pid])
        log_event(
            db,
            "purge",
            actor=actor,
            data={"before": cutoff, "sessions": len(session_ids), "participants": len(gone)},
        )
    scrub(store)
    return PurgeReport(len(session_ids), len(gone), attendance)


def delete_participant(store: Store, participant_id: str, actor: str = "") -> None:
    """Delete a person everywhere and scrub the file so no trace of them remains."""
    store.participants.delete(participant_id, actor)
    scrub(store)
