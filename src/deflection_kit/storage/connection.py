"""Open the database the one safe way: owner-only, WAL, full sync, foreign keys, secure delete."""

from __future__ import annotations

import contextlib
import os
import secrets
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from sqlite_utils import Database

from deflection_kit import privatefiles
from deflection_kit.errors import DeflectionKitError
from deflection_kit.privatefiles import OWNER_ONLY
from deflection_kit.storage import schema
from deflection_kit.storage.clock import now
from deflection_kit.storage.events import log_event
from deflection_kit.storage.netshare import network_share_type

BUSY_TIMEOUT_MS = 10_000
SIDECARS = ("-wal", "-shm", "-journal")
# Before a newer version changes the layout of a database, a copy goes here (beside it).
UPGRADE_BACKUPS = "backups"
UPGRADE_BACKUPS_KEPT = 3  # the newest few per database: they hold records about people too


class StoreError(DeflectionKitError):
    """The database cannot be opened or used as it is."""


def network_share_message(path: Path, fs_type: str) -> str:
    """Return why a database on a network share is refused, and what to do instead."""
    return (
        f"{path}: the folder is on a network share ({fs_type}); SQLite cannot lock files "
        "reliably there and check-ins could be lost or the file corrupted. Keep the database "
        "on this computer's own disk (the default location, or --db PATH on a local drive) "
        "and use 'deflection-kit bundle export' to share records"
    )


def _refuse_network_share(path: Path) -> None:
    fs_type = network_share_type(path.parent)
    if fs_type:
        raise StoreError(network_share_message(path, fs_type))


def make_owner_only(path: Path) -> None:
    """Make a database file and its WAL/SHM sidecars owner-only (0600) where they exist."""
    for candidate in (path, *(path.with_name(path.name + s) for s in SIDECARS)):
        with contextlib.suppress(FileNotFoundError):
            os.chmod(candidate, OWNER_ONLY)


@contextlib.contextmanager
def owner_only_umask() -> Iterator[None]:
    """Create files owner-only inside the block, whatever library creates them."""
    previous = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(previous)


def _set_pragmas(conn: sqlite3.Connection, path: Path | None) -> None:
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    if path is not None:
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise StoreError(f"{path}: cannot switch the database to WAL mode (got {mode})")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA cache_size = -16000")  # 16 MB: a 10,000-row roster fits
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA secure_delete = ON")
    conn.execute("PRAGMA trusted_schema = OFF")


def open_database(path: str | os.PathLike[str] | None) -> Database:
    """Open (creating if needed) and migrate the database at ``path``; None means in memory."""
    if path is None:
        conn = sqlite3.connect(":memory:")
        _set_pragmas(conn, None)
        db = Database(conn, execute_plugins=False)
        schema.apply(db)
        return db
    target = Path(path).expanduser().absolute()
    _refuse_network_share(target)
    if target.is_dir():
        raise StoreError(f"{target}: is a folder, not a database file")
    try:
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        with owner_only_umask():
            if not target.exists():
                os.close(os.open(target, os.O_CREAT | os.O_WRONLY, OWNER_ONLY))
            conn = sqlite3.connect(str(target), timeout=BUSY_TIMEOUT_MS / 1000)
            try:
                _set_pragmas(conn, target)
                db = Database(conn, execute_plugins=False)
                _check_version(db, target)
                _migrate_with_backup(db, target)
            except BaseException:
                conn.close()
                raise
        make_owner_only(target)
    except sqlite3.DatabaseError as error:
        raise StoreError(f"{target}: not a usable Deflection Kit database ({error})") from None
    except OSError as error:
        raise StoreError(f"{target}: cannot open the database ({error.strerror})") from None
    return db


def _check_version(db: Database, path: Path) -> None:
    unknown = [
        m.name for m in schema.migrations.applied(db) if m.name not in schema.KNOWN_MIGRATIONS
    ]
    if unknown:
        raise StoreError(
            f"{path}: made by a newer Deflection Kit (schema {unknown[-1]}); update the kit"
        )


def snapshot(db: Database, target: Path) -> Path:
    """Write a consistent, compact copy of the database to ``target`` (owner-only, atomic).

    VACUUM INTO reads one snapshot, so changes committed meanwhile are either in or out, never
    half; the copy goes to a temporary file, is flushed, then renamed over ``target``.
    """
    with privatefiles.atomic_path(target, suffix=".sqlite3") as tmp, owner_only_umask():
        # atomic_path made an empty file; VACUUM INTO accepts an empty file as its target.
        db.execute("VACUUM INTO ?", [str(tmp)])
    return target


def upgrade_backups(path: Path) -> list[Path]:
    """Return the copies taken before upgrades of the database at ``path``, oldest first."""
    folder = path.parent / UPGRADE_BACKUPS
    return sorted(folder.glob(f"{path.stem}-before-*.sqlite3")) if folder.is_dir() else []


def _migrate_with_backup(db: Database, path: Path) -> None:
    """Apply pending migrations; first copy a database that has any, so an upgrade can be undone.

    A new database has nothing to lose and is not copied. If the copy cannot be made (disk
    full, folder not writable) nothing is migrated and the database stays as it was.
    """
    applied = schema.migrations.applied(db)
    pending = [migration.name for migration in schema.migrations.pending(db)]
    if not applied or not pending:
        schema.apply(db)
        return
    when = now().strftime("%Y%m%dT%H%M%S%fZ")  # sorts by time; microseconds keep names unique
    target = path.parent / UPGRADE_BACKUPS / f"{path.stem}-before-{pending[0]}-{when}.sqlite3"
    try:
        target.parent.mkdir(mode=0o700, exist_ok=True)
        snapshot(db, target)
    except (OSError, sqlite3.Error) as error:
        raise StoreError(
            f"{path}: this version of Deflection Kit must update the database, but could not "
            f"first save a copy in {target.parent} ({error}); the database was not changed. "
            "Free some disk space or make that folder writable, then start again"
        ) from None
    schema.apply(db)
    with write_transaction(db):
        log_event(
            db,
            "schema.upgrade",
            data={"from": applied[-1].name, "to": pending[-1], "backup": target.name},
        )
    for old in upgrade_backups(path)[:-UPGRADE_BACKUPS_KEPT]:
        old.unlink(missing_ok=True)


@contextlib.contextmanager
def write_transaction(db: Database) -> Iterator[Database]:
    """Run the block as one durable transaction (a savepoint when nested).

    ``BEGIN IMMEDIATE`` takes the write lock up front, so two processes wait their turn
    (busy timeout) instead of failing half-way; the commit returns once the WAL is on disk.
    """
    conn = db.conn
    if conn.in_transaction:
        name = f"sp_{secrets.token_hex(8)}"
        conn.execute(f"SAVEPOINT {name}")
        try:
            yield db
        except BaseException:
            if conn.in_transaction:
                conn.execute(f"ROLLBACK TO SAVEPOINT {name}")
                conn.execute(f"RELEASE SAVEPOINT {name}")
            raise
        conn.execute(f"RELEASE SAVEPOINT {name}")
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


@contextlib.contextmanager
def read_snapshot(db: Database) -> Iterator[Database]:
    """Run several reads against one snapshot, so a check-in committed meanwhile is in all or none.

    Inside a transaction already, the reads share that transaction's view.
    """
    conn = db.conn
    if conn.in_transaction:
        yield db
        return
    conn.execute("BEGIN")  # deferred: the snapshot starts at the first read
    try:
        yield db
    finally:
        if conn.in_transaction:
            conn.execute("COMMIT")
