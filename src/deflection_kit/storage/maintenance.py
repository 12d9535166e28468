"""Backups, retention purges and scrubbing deleted data out of every file the kit wrote.

A deletion (``participant delete``) or a purge removes the records from the database, then
scrubs the file (secure delete, VACUUM, an emptied write-ahead log), then does the same to every
copy the kit made of the database: the automatic backups taken before upgrades
(``backups/<db>-before-*.sqlite3``) and the backups written on request (recorded in the
``copies`` table). Lines of the crash log that name a deleted person go too. Afterwards the
person's name and email are in no file the kit wrote.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from deflection_kit import paths, privatefiles
from deflection_kit.storage.clock import stamp
from deflection_kit.storage.connection import (
    StoreError,
    snapshot,
    upgrade_backups,
    write_transaction,
)
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
    written = snapshot(store.db, path)
    with write_transaction(store.db):  # remembered, so deleting a person scrubs it too
        store.db.execute(
            "INSERT OR REPLACE INTO copies (path, kind, made_at) VALUES (?, 'backup', ?)",
            [str(written), stamp()],
        )
    return written


def scrub(store: Store) -> None:
    """Remove every trace of deleted rows: rebuild the file and empty the write-ahead log.

    secure_delete zeroes deleted records, but older copies of their pages can still sit in
    the WAL until a checkpoint; VACUUM also drops free pages.
    """
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.db.conn.execute("VACUUM")
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")


CRASH_LOG = "crash.log"  # in the user data folder (see cli._log_crash)


@dataclass(frozen=True)
class CopiesReport:
    """What scrubbing the kit's copies of the database did."""

    scrubbed: int = 0
    problems: tuple[str, ...] = ()

    def summary(self) -> str:
        """Return what was scrubbed (and what could not be) as one clause."""
        text = f"{self.scrubbed} {'copy' if self.scrubbed == 1 else 'copies'} scrubbed"
        if self.problems:
            text += f"; could not scrub {'; '.join(self.problems)}"
        return text


@dataclass(frozen=True)
class PurgeReport:
    """What a retention purge removed."""

    sessions: int
    participants: int
    attendance: int
    copies: CopiesReport = field(default_factory=CopiesReport)

    def summary(self) -> str:
        """Return the counts as one line."""
        return (
            f"purged {self.sessions} sessions, {self.attendance} attendance records and "
            f"{self.participants} people with no later attendance ({self.copies.summary()})"
        )


def _known_copies(store: Store) -> list[Path]:
    """Return the copies of this database the kit made that are still there."""
    found = list(upgrade_backups(store.path)) if store.path is not None else []
    for (recorded,) in store.db.execute("SELECT path FROM copies ORDER BY path"):
        path = Path(str(recorded))
        if path.is_file() and path not in found:
            found.append(path)
    return found


def _scrub_copy(path: Path, session_ids: list[str], person_ids: list[str]) -> None:
    """Delete the buried sessions and people from one copy, then rebuild it without a trace."""
    with open(path, "rb") as handle:
        if handle.read(16) != b"SQLite format 3\x00":
            raise StoreError(f"{path}: is no longer a database")
    conn = sqlite3.connect(str(path), isolation_level=None, timeout=5)
    try:
        conn.execute("PRAGMA journal_mode = DELETE")  # a copy is one file; no -wal stays behind
        conn.execute("PRAGMA secure_delete = ON")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA trusted_schema = OFF")
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not {"sessions", "participants"} <= tables:
            raise StoreError(f"{path}: is not a Deflection Kit database any more")
        conn.execute("BEGIN IMMEDIATE")
        for table, ids in (("participants", person_ids), ("sessions", session_ids)):
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                marks = ", ".join("?" for _ in chunk)
                conn.execute(f"DELETE FROM {table} WHERE id IN ({marks})", chunk)
        conn.execute("COMMIT")
        conn.execute("VACUUM")
    finally:
        conn.close()


def scrub_copies(store: Store) -> CopiesReport:
    """Apply every deletion recorded here (tombstones) to the copies the kit made."""
    buried = store.db.execute("SELECT id, kind FROM tombstones").fetchall()
    session_ids = [str(i) for i, kind in buried if kind == "session"]
    person_ids = [str(i) for i, kind in buried if kind == "participant"]
    scrubbed, problems = 0, []
    for path in _known_copies(store):
        try:
            _scrub_copy(path, session_ids, person_ids)
        except (OSError, sqlite3.Error, StoreError) as error:
            problems.append(f"{path} ({error})")
            continue
        scrubbed += 1
    return CopiesReport(scrubbed, tuple(problems))


def _scrub_crash_log(words: Iterable[str]) -> None:
    """Remove the crash log's lines that mention any of ``words`` (names, emails)."""
    log = paths.user_data_dir() / CRASH_LOG
    wanted = [w.casefold() for w in words if w and len(w) >= 3]
    try:
        text = log.read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return
    kept = [line for line in text.splitlines(True) if not any(w in line.casefold() for w in wanted)]
    if len(kept) != len(text.splitlines(True)):
        privatefiles.write_text(log, "".join(kept))


def _traces(store: Store, person_ids: Iterable[str]) -> list[str]:
    """Return the names and emails of people about to be deleted (to scrub logs of them)."""
    words: list[str] = []
    for pid in person_ids:
        row = store.db.execute(
            "SELECT name, email FROM participants WHERE id = ?", [pid]
        ).fetchone()
        if row is not None:
            words.extend(str(v) for v in row if v)
    return words


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
        words = _traces(store, gone)
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
    copies = scrub_copies(store)
    _scrub_crash_log(words)
    return PurgeReport(len(session_ids), len(gone), attendance, copies)


def delete_participant(store: Store, participant_id: str, actor: str = "") -> CopiesReport:
    """Delete a person everywhere, then scrub the file and the kit's copies of it."""
    person = store.participants.get(participant_id)
    words = _traces(store, [person.id])
    store.participants.delete(person.id, actor)
    scrub(store)
    copies = scrub_copies(store)
    _scrub_crash_log(words)
    return copies
