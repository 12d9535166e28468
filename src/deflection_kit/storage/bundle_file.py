"""Bundle files: one session's records in a small SQLite file, and the checks an untrusted one
must pass before anything in it is read (integrity, exact schema, well-formed values)."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
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
from deflection_kit.storage.clock import stamp
from deflection_kit.storage.connection import owner_only_umask
from deflection_kit.storage.models import ATTENDANCE_STATUSES, SESSION_STATUSES
from deflection_kit.storage.store import Store

BUNDLE_FORMAT = "deflection-kit-bundle"
BUNDLE_VERSION = "1"
MAX_BUNDLE_BYTES = 200 * 1024 * 1024
MAX_ROWS = {
    "sessions": 1,
    "participants": 50_000,
    "attendance": 50_000,
    "events": 500_000,
    "certificates": 100_000,
    "feedback_forms": 50_000,
    "check_sheets": 100_000,
}
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
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_TEXT_LIMIT = 2_000


def _new_bundle(path: Path) -> Database:
    conn = sqlite3.connect(str(path))
    conn.execute("PRAGMA journal_mode = DELETE")  # a bundle is one self-contained file
    conn.execute("PRAGMA foreign_keys = ON")
    db = Database(conn, execute_plugins=False)
    schema.apply(db)
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
                    "session_id": session.id,
                    "created_at": stamp(),
                    "kit_version": __version__,
                }
                out.conn.executemany("INSERT INTO bundle_info VALUES (?, ?)", info.items())
        finally:
            out.close()
    return path


def _copy(src: Database, out: Database, table: str, where: str, params: list[Any]) -> None:
    columns = [c.name for c in src.table(table).columns]
    names = ", ".join(columns)
    rows = src.execute(f"SELECT {names} FROM {table} WHERE {where}", params).fetchall()
    marks = ", ".join("?" for _ in columns)
    out.conn.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)


def _expected_schema() -> set[tuple[str, str, str]]:
    conn = sqlite3.connect(":memory:")
    try:
        db = Database(conn, execute_plugins=False)
        schema.apply(db)
        db.execute(_INFO_SQL)
        return _schema_of(conn)
    finally:
        conn.close()


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
            if _schema_of(conn) != _expected_schema():
                raise InputFileError(
                    where, None, "bundle has an unexpected structure; it was not made by this kit"
                )
            if conn.execute("PRAGMA foreign_key_check").fetchall():
                raise InputFileError(where, None, "bundle has records that point nowhere")
            _check_info(conn, where)
            _check_rows(conn, where)
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


def _bad(where: Path, table: str, row_id: object, message: str) -> InputFileError:
    return InputFileError(where, None, f"bundle {table} {str(row_id)[:40]!r}: {message}")


def _text(value: object, limit: int = _TEXT_LIMIT) -> bool:
    return isinstance(value, str) and len(value) <= limit


def _uuid(value: object) -> bool:
    return isinstance(value, str) and bool(_UUID.match(value))


def _moment(value: object, optional: bool = True) -> bool:
    """Return True for an aware ISO 8601 time (or None when allowed)."""
    if value is None:
        return optional
    if not _text(value, 40):
        return False
    try:
        return dt.datetime.fromisoformat(str(value)).tzinfo is not None
    except ValueError:
        return False


def _check_rows(conn: sqlite3.Connection, where: Path) -> None:
    for table, limit in MAX_ROWS.items():
        count = conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
        if count > limit:
            raise InputFileError(where, None, f"bundle holds too many {table} ({count})")
    for row in rows_of(conn, "sessions"):
        _check_session(where, row)
    for row in rows_of(conn, "participants"):
        _check_participant(where, row)
    for row in rows_of(conn, "attendance"):
        _check_attendance(where, row)
    for row in rows_of(conn, "certificates"):
        _check_certificate(where, row)
    for table in ("feedback_forms", "check_sheets"):
        for row in rows_of(conn, table):
            _check_paper_form(where, table, row)
    for row in rows_of(conn, "events"):
        ok = (
            _uuid(row["id"])
            and _moment(row["at"], False)
            and _text(row["kind"], 60)
            and _text(row["actor"], 200)
            and _text(row["data"], 10_000)
            and _json(row["data"], dict)
        )
        if not ok:
            raise _bad(where, "event", row["id"], "malformed")


def rows_of(conn: sqlite3.Connection, table: str) -> Iterator[dict[str, Any]]:
    """Yield a bundle table's rows as dicts (``table`` is one of ours, never user text)."""
    cursor = conn.execute(f"SELECT * FROM {table} ORDER BY rowid")
    names = [d[0] for d in cursor.description]
    for row in cursor:
        yield dict(zip(names, row, strict=True))


def _json(value: object, kind: type) -> bool:
    try:
        return isinstance(json.loads(str(value)), kind)
    except ValueError:
        return False


def _check_session(where: Path, row: dict[str, Any]) -> None:
    ok = (
        _uuid(row["id"])
        and _text(row["title"], 500)
        and _text(row["date"], 10)
        and (row["start"] is None or bool(re.fullmatch(r"\d\d:\d\d", str(row["start"]))))
        and isinstance(row["minutes"], int)
        and 0 < row["minutes"] <= 1440
        and row["status"] in SESSION_STATUSES
        and _json(row["facilitators"], list)
        and _json(row["pathways"], list)
        and isinstance(row["completion_share"], float | int)
        and re.fullmatch(r"[+-]\d\d:\d\d", str(row["utc_offset"]))
        and _moment(row["created_at"], False)
        and _moment(row["updated_at"], False)
        and all(
            _text(row[k])
            for k in (
                "location",
                "host_agency",
                "audience",
                "course_id",
                "course_title",
                "course_version",
            )
        )
    )
    if ok:
        try:
            dt.date.fromisoformat(row["date"])
        except ValueError:
            ok = False
    if not ok:
        raise _bad(where, "session", row["id"], "malformed")


def _check_participant(where: Path, row: dict[str, Any]) -> None:
    ok = (
        _uuid(row["id"])
        and all(_text(row[k], 500) for k in ("name", "email", "phone", "agency", "discipline"))
        and _json(row["credentials"], dict)
        and _moment(row["created_at"], False)
        and _moment(row["updated_at"], False)
    )
    if not ok:
        raise _bad(where, "participant", row["id"], "malformed")


_CERTIFICATE_ID = re.compile(r"^[0-9A-HJKMNP-TV-Z]{16}$")


def _certificate_id(value: object, optional: bool = False) -> bool:
    if value is None:
        return optional
    return isinstance(value, str) and bool(_CERTIFICATE_ID.match(value))


def _check_certificate(where: Path, row: dict[str, Any]) -> None:
    ok = (
        _certificate_id(row["id"])
        and _uuid(row["session_id"])
        and _uuid(row["participant_id"])
        and _text(row["key_id"], 40)
        and _text(row["payload"], 8192)
        and str(row["payload"]).startswith("DK1:")
        and _text(row["participant_name"], 500)
        and row["status"] in ("issued", "revoked", "superseded")
        and _moment(row["issued_at"], False)
        and _text(row["issued_by"], 200)
        and _moment(row["revoked_at"])
        and _text(row["revoked_by"], 200)
        and _text(row["revoke_reason"], 1000)
        and _certificate_id(row["replaces"], True)
        and _certificate_id(row["replaced_by"], True)
        and _moment(row["updated_at"], False)
    )
    if not ok:
        raise _bad(where, "certificate", row["id"], "malformed")


def _check_paper_form(where: Path, table: str, row: dict[str, Any]) -> None:
    """Check a typed-in evaluation form or knowledge-check sheet."""
    if table == "feedback_forms":
        shape = _json(row["ratings"], dict) and _json(row["comments"], dict)
        sizes = _text(row["ratings"], 10_000) and _text(row["comments"], 20_000)
    else:
        shape = row["phase"] in ("pre", "post") and _text(row["code"], 40)
        shape = shape and _json(row["answers"], dict)
        sizes = _text(row["answers"], 10_000)
    ok = (
        _uuid(row["id"])
        and _uuid(row["session_id"])
        and bool(shape)
        and sizes
        and _text(row["entered_by"], 200)
        and _moment(row["created_at"], False)
        and _moment(row["updated_at"], False)
    )
    if not ok:
        raise _bad(where, table.replace("_", " ")[:-1], row["id"], "malformed")


def _check_attendance(where: Path, row: dict[str, Any]) -> None:
    ok = (
        _uuid(row["id"])
        and _uuid(row["session_id"])
        and _uuid(row["participant_id"])
        and row["expected"] in (0, 1)
        and row["excused"] in (0, 1)
        and row["status"] in ATTENDANCE_STATUSES
        and _moment(row["check_in"])
        and _moment(row["check_out"])
        and row["override_completed"] in (None, 0, 1)
        and _text(row["override_by"], 200)
        and _text(row["override_reason"], 1000)
        and _moment(row["override_at"])
        and _moment(row["updated_at"], False)
    )
    if not ok:
        raise _bad(where, "attendance", row["id"], "malformed")
