"""Bundle files: one session's records in a small SQLite file, and the checks an untrusted one
must pass before anything in it is read (integrity, exact schema, well-formed values)."""

from __future__ import annotations

import contextlib
import functools
import os
import sqlite3
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlite_utils import Database

from deflection_kit import __version__, privatefiles
from deflection_kit.errors import InputFileError
from deflection_kit.storage import schema
from deflection_kit.storage.bundle_rows import check_created, check_rows
from deflection_kit.storage.clock import stamp
from deflection_kit.storage.connection import owner_only_umask
from deflection_kit.storage.store import Store
from deflection_kit.storage.tombstones import installation_id

BUNDLE_FORMAT = "deflection-kit-bundle"
BUNDLE_VERSION = "1"
MAX_BUNDLE_BYTES = 200 * 1024 * 1024
# The oldest schema a bundle may have: bundles from kits with certificates, paper forms and live
# state (every table a bundle carries) are read; older ones must be exported again.
OLDEST_BUNDLE_SCHEMA = "0005_live_state"
TABLES = (
    "sessions",
    "participants",
    "attendance",
    "events",
    "certificates",
    "feedback_forms",
    "check_sheets",
)
_INFO_SQL = "CREATE TABLE bundle_info (key TEXT PRIMARY KEY, value TEXT NOT NULL)"


def _new_bundle(path: Path) -> Database:
    conn = sqlite3.connect(str(path))
    conn.execute("PRAGMA journal_mode = DELETE")  # a bundle is one self-contained file
    conn.execute("PRAGMA foreign_keys = ON")
    db = Database(conn, execute_plugins=False)
    schema.apply(db)
    db.execute("DELETE FROM installation")  # a bundle carries the exporter's id in bundle_info
    db.execute(_INFO_SQL)
    return db


def export_bundle(store: Store, session_id: str, target: str | os.PathLike[str]) -> Path:
    """Write one session with its people, attendance and events to a bundle file."""
    session = store.sessions.get(session_id)
    src = store.db
    path = Path(target)
    with privatefiles.atomic_path(path, suffix=".dkbundle") as tmp, owner_only_umask():
        out = _new_bundle(tmp)
        try:
            with out.conn:
                _copy(src, out, "sessions", "id = ?", [session.id])
                _copy(
                    src,
                    out,
                    "participants",
                    "id IN (SELECT participant_id FROM attendance WHERE session_id = ?)",
                    [session.id],
                )
                _copy(src, out, "attendance", "session_id = ?", [session.id])
                events = src.execute(
                    "SELECT id, at, kind, session_id, CASE WHEN participant_id IN "
                    "(SELECT participant_id FROM attendance WHERE session_id = ?) "
                    "THEN participant_id END, actor, data FROM events WHERE session_id = ?",
                    [session.id, session.id],
                ).fetchall()
                out.conn.executemany("INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?)", events)
                # The register travels with the session: codes and revocations (public data).
                _copy(src, out, "certificates", "session_id = ?", [session.id])
                # Paper evaluations and checks typed in: anonymous, and what a report needs.
                _copy(src, out, "feedback_forms", "session_id = ?", [session.id])
                _copy(src, out, "check_sheets", "session_id = ?", [session.id])
                info = {
                    "format": BUNDLE_FORMAT,
                    "version": BUNDLE_VERSION,
                    "bundle_id": str(uuid.uuid4()),
                    "installation_id": installation_id(src),
                    # the installation that created the session (this one, or where it came from)
                    "origin": _origin(src, session.id),
                    "session_id": session.id,
                    "created_at": stamp(),
                    "kit_version": __version__,
                }
                out.conn.executemany("INSERT INTO bundle_info VALUES (?, ?)", info.items())
        finally:
            out.close()
    return path


def _origin(db: Database, session_id: str) -> str:
    row = db.execute(
        "SELECT installation_id FROM session_origins WHERE session_id = ?", [session_id]
    ).fetchone()
    return str(row[0]) if row is not None else installation_id(db)


def _copy(src: Database, out: Database, table: str, where: str, params: list[Any]) -> None:
    columns = [c.name for c in src.table(table).columns]
    names = ", ".join(columns)
    rows = src.execute(f"SELECT {names} FROM {table} WHERE {where}", params).fetchall()
    marks = ", ".join("?" for _ in columns)
    out.conn.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)


@functools.lru_cache(maxsize=8)
def _expected_schema(last: str) -> frozenset[tuple[str, str, str]]:
    """Return the schema a bundle made by a kit whose last migration was ``last`` has."""
    conn = sqlite3.connect(":memory:")
    try:
        db = Database(conn, execute_plugins=False)
        known = schema.KNOWN_MIGRATIONS
        later = known[known.index(last) + 1 :]
        if later:
            schema.migrations.apply(db, stop_before=later[0])
        else:
            schema.apply(db)
        db.execute(_INFO_SQL)
        return frozenset(_schema_of(conn))
    finally:
        conn.close()


def _bundle_level(conn: sqlite3.Connection, where: Path) -> str:
    """Return the last migration the bundle's maker had applied; refuse unknown or old ones."""
    try:
        names = [
            str(r[0])
            for r in conn.execute(
                "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY id",
                [schema.MIGRATION_SET],
            )
        ]
    except sqlite3.DatabaseError:
        names = []
    known = list(schema.KNOWN_MIGRATIONS)
    if len(names) > len(known) and names[: len(known)] == known:
        raise InputFileError(
            where, None, "bundle made by a newer Deflection Kit; update the kit to read it"
        )
    if not names or names != known[: len(names)]:
        raise InputFileError(
            where, None, "bundle has an unexpected structure; it was not made by this kit"
        )
    if len(names) < known.index(OLDEST_BUNDLE_SCHEMA) + 1:
        raise InputFileError(
            where, None, "bundle made by an older Deflection Kit; export it again with this one"
        )
    return names[-1]


def _schema_of(conn: sqlite3.Connection) -> set[tuple[str, str, str]]:
    rows = conn.execute("SELECT type, name, COALESCE(sql, '') FROM sqlite_master").fetchall()
    return {(str(t), str(n), " ".join(str(s).split())) for t, n, s in rows}


@contextlib.contextmanager
def open_untrusted(path: str | os.PathLike[str]) -> Iterator[sqlite3.Connection]:
    """Open a bundle read-only after checking it is a sound bundle; raise InputFileError if not.

    The file could be damaged or made to attack the kit: it is opened immutable and read-only,
    with untrusted schema features off, checked for integrity, and its schema must equal ours
    exactly (no triggers, views or extra tables) before a single row is read.
    """
    where = Path(path)
    try:
        size = where.stat().st_size
        with open(where, "rb") as handle:
            header = handle.read(16)
    except OSError as error:
        raise InputFileError(where, None, f"cannot read: {error.strerror}") from None
    if header != b"SQLite format 3\x00":
        raise InputFileError(where, None, "not a Deflection Kit bundle (not an SQLite file)")
    if size > MAX_BUNDLE_BYTES:
        raise InputFileError(where, None, "bundle is larger than 200 MB")
    uri = f"file:{quote(str(where.absolute()))}?mode=ro&immutable=1"
    conn = sqlite3.connect(uri, uri=True)
    try:
        conn.execute("PRAGMA trusted_schema = OFF")
        conn.execute("PRAGMA cell_size_check = ON")
        try:
            check = conn.execute("PRAGMA integrity_check").fetchall()
            if [tuple(r) for r in check] != [("ok",)]:
                raise InputFileError(where, None, "bundle is damaged (integrity check failed)")
            if _schema_of(conn) != _expected_schema(_bundle_level(conn, where)):
                raise InputFileError(
                    where, None, "bundle has an unexpected structure; it was not made by this kit"
                )
            if conn.execute("PRAGMA foreign_key_check").fetchall():
                raise InputFileError(where, None, "bundle has records that point nowhere")
            _check_info(conn, where)
            check_rows(conn, where)
        except sqlite3.DatabaseError as error:
            raise InputFileError(where, None, f"bundle is damaged ({error})") from None
        yield conn
    finally:
        conn.close()


def _check_info(conn: sqlite3.Connection, where: Path) -> None:
    info = dict(conn.execute("SELECT key, value FROM bundle_info").fetchall())
    if info.get("format") != BUNDLE_FORMAT:
        raise InputFileError(where, None, "not a Deflection Kit bundle")
    if info.get("version") != BUNDLE_VERSION:
        raise InputFileError(where, None, f"bundle version {info.get('version')!r} is not known")
    check_created(info.get("created_at"), where)


def bundle_info(conn: sqlite3.Connection) -> dict[str, str]:
    """Return a checked bundle's facts: its id, who made it, when."""
    return {str(k): str(v) for k, v in conn.execute("SELECT key, value FROM bundle_info")}
