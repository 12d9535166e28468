"""Open the database the one safe way: owner-only, WAL, full sync, foreign keys, secure delete."""

from __future__ import annotations

import contextlib
import os
import secrets
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from sqlite_utils import Database

from deflection_kit.errors import DeflectionKitError
from deflection_kit.privatefiles import OWNER_ONLY
from deflection_kit.storage import schema
from deflection_kit.storage.netshare import network_share_type

BUSY_TIMEOUT_MS = 10_000
SIDECARS = ("-wal", "-shm", "-journal")


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
                schema.apply(db)
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
