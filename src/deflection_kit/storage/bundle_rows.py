"""Check every row of an untrusted bundle before anything in it is merged.

A row must have the shape the kit writes: ids, known statuses, texts of sane length, JSON that
parses into plain values where plain values belong, finite numbers, and aware times that are not
in the future. A bundle with one bad row is refused whole, with one line saying which row and why.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from deflection_kit.errors import InputFileError
from deflection_kit.storage.clock import now
from deflection_kit.storage.models import ATTENDANCE_STATUSES, SESSION_STATUSES

# Two laptops' clocks rarely agree to the second; a time further ahead than this is refused.
MAX_CLOCK_SKEW = dt.timedelta(minutes=5)
MAX_ROWS = {
    "sessions": 1,
    "participants": 50_000,
    "attendance": 50_000,
    "events": 500_000,
    "certificates": 100_000,
    "feedback_forms": 50_000,
    "check_sheets": 100_000,
}
TIMES = {
    "sessions": ("created_at", "updated_at"),
    "participants": ("created_at", "updated_at"),
    "attendance": ("check_in", "check_out", "override_at", "updated_at"),
    "events": ("at",),
    "certificates": ("issued_at", "revoked_at", "updated_at"),
    "feedback_forms": ("created_at", "updated_at"),
    "check_sheets": ("created_at", "updated_at"),
}
OPTIONAL_TIMES = frozenset({"check_in", "check_out", "override_at", "revoked_at"})
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_CERTIFICATE_ID = re.compile(r"^[0-9A-HJKMNP-TV-Z]{16}$")
_TEXT_LIMIT = 2_000
_LABELS = {
    "sessions": "session",
    "participants": "participant",
    "attendance": "attendance",
    "events": "event",
    "certificates": "certificate",
    "feedback_forms": "feedback form",
    "check_sheets": "check sheet",
}


class RowError(ValueError):
    """What is wrong with one row."""


def rows_of(conn: sqlite3.Connection, table: str) -> Iterator[dict[str, Any]]:
    """Yield a bundle table's rows as dicts (``table`` is one of ours, never user text)."""
    cursor = conn.execute(f"SELECT * FROM {table} ORDER BY rowid")
    names = [d[0] for d in cursor.description]
    for row in cursor:
        yield dict(zip(names, row, strict=True))


def check_rows(conn: sqlite3.Connection, where: Path) -> None:
    """Raise InputFileError naming the first row of the bundle that is not sound."""
    latest = now() + MAX_CLOCK_SKEW
    for table, limit in MAX_ROWS.items():
        count = conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
        if count > limit:
            raise InputFileError(where, None, f"bundle holds too many {table} ({count})")
    for table, check in _CHECKS.items():
        for row in rows_of(conn, table):
            try:
                check(row)
                _check_times(table, row, latest)
            except RowError as problem:
                ident = str(row.get("id"))[:40]
                raise InputFileError(
                    where, None, f"bundle {_LABELS[table]} {ident!r}: {problem}"
                ) from None


def check_created(created_at: object, where: Path) -> None:
    """Refuse a bundle whose own creation time is malformed or in the future."""
    try:
        _time("created_at", created_at, now() + MAX_CLOCK_SKEW, optional=False)
    except RowError as problem:
        raise InputFileError(where, None, f"bundle: {problem}") from None


def _check_times(table: str, row: dict[str, Any], latest: dt.datetime) -> None:
    for column in TIMES[table]:
        _time(column, row[column], latest, optional=column in OPTIONAL_TIMES)


def _time(column: str, value: object, latest: dt.datetime, optional: bool) -> None:
    if value is None:
        if optional:
            return
        raise RowError(f"malformed (no {column})")
    if not isinstance(value, str) or len(value) > 40:
        raise RowError(f"malformed ({column} is not a time)")
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        raise RowError(f"malformed ({column} {value!r} is not a time)") from None
    if moment.tzinfo is None:
        raise RowError(f"malformed ({column} {value!r} has no time zone)")
    if moment > latest:
        raise RowError(
            f"{column} {value} is in the future (more than "
            f"{MAX_CLOCK_SKEW.seconds // 60} minutes past this computer's clock); "
            "check the clock of the computer that made the bundle"
        )


def _require(ok: bool, what: str = "malformed") -> None:
    if not ok:
        raise RowError(what)


def _text(value: object, limit: int = _TEXT_LIMIT) -> bool:
    return isinstance(value, str) and len(value) <= limit


def _uuid(value: object) -> bool:
    return isinstance(value, str) and bool(_UUID.match(value))


def _certificate_id(value: object, optional: bool = False) -> bool:
    if value is None:
        return optional
    return isinstance(value, str) and bool(_CERTIFICATE_ID.match(value))


def _number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number")


def _json(column: str, value: object, limit: int) -> Any:
    """Return the JSON in a column, refusing what does not parse, NaN and Infinity."""
    if not _text(value, limit):
        raise RowError(f"malformed ({column} is too long or not text)")
    try:
        return json.loads(str(value), parse_constant=_refuse_constant)
    except (ValueError, RecursionError):
        raise RowError(f"malformed ({column} does not parse as JSON)") from None


def _plain(value: object) -> bool:
    return value is None or isinstance(value, str) or _number(value) or isinstance(value, bool)


def _plain_list(column: str, value: object, limit: int) -> None:
    parsed = _json(column, value, limit)
    if not isinstance(parsed, list):
        raise RowError(f"malformed ({column} is not a list)")
    if not all(_text(item, 200) for item in parsed):
        raise RowError(f"malformed ({column}: nested or non-text values where names are expected)")


def _plain_map(column: str, value: object, limit: int, *, text_only: bool = False) -> None:
    parsed = _json(column, value, limit)
    if not isinstance(parsed, dict):
        raise RowError(f"malformed ({column} is not an object)")
    for key, item in parsed.items():
        ok = _text(item, 2000) if text_only else _plain(item)
        if not (_text(key, 200) and ok):
            raise RowError(f"malformed ({column}: nested values where plain ones are expected)")


def _depth(value: object, limit: int) -> bool:
    if isinstance(value, dict):
        return limit > 0 and all(_depth(v, limit - 1) for v in value.values())
    if isinstance(value, list):
        return limit > 0 and all(_depth(v, limit - 1) for v in value)
    return _plain(value)


def _check_session(row: dict[str, Any]) -> None:
    _require(
        _uuid(row["id"])
        and _text(row["title"], 500)
        and _text(row["date"], 10)
        and (row["start"] is None or bool(re.fullmatch(r"\d\d:\d\d", str(row["start"]))))
        and isinstance(row["minutes"], int)
        and not isinstance(row["minutes"], bool)
        and 0 < row["minutes"] <= 1440
        and row["status"] in SESSION_STATUSES
        and bool(re.fullmatch(r"[+-]\d\d:\d\d", str(row["utc_offset"])))
        and all(
            _text(row[k])
            for k in ("location", "host_agency", "audience", "course_id", "course_title")
        )
        and _text(row["course_version"])
    )
    try:
        dt.date.fromisoformat(row["date"])
    except ValueError:
        raise RowError("malformed (date)") from None
    share, hours = row["completion_share"], row["credit_hours"]
    _require(_number(share) and 0 < share <= 1, "completion_share is not a number from 0 to 1")
    _require(
        hours is None or (_number(hours) and 0 <= hours <= 24),
        "credit_hours is not a number from 0 to 24",
    )
    _plain_list("facilitators", row["facilitators"], 10_000)
    _plain_list("pathways", row["pathways"], 10_000)


def _check_participant(row: dict[str, Any]) -> None:
    _require(
        _uuid(row["id"])
        and all(_text(row[k], 500) for k in ("name", "email", "phone", "agency", "discipline"))
    )
    _plain_map("credentials", row["credentials"], 10_000, text_only=True)


def _check_attendance(row: dict[str, Any]) -> None:
    _require(
        _uuid(row["id"])
        and _uuid(row["session_id"])
        and _uuid(row["participant_id"])
        and row["expected"] in (0, 1)
        and row["excused"] in (0, 1)
        and row["status"] in ATTENDANCE_STATUSES
        and row["override_completed"] in (None, 0, 1)
        and _text(row["override_by"], 200)
        and _text(row["override_reason"], 1000)
        and _number(row["credited_minutes"])
        and row["completed"] in (0, 1)
    )


def _check_event(row: dict[str, Any]) -> None:
    _require(_uuid(row["id"]) and _text(row["kind"], 60) and _text(row["actor"], 200))
    _require(row["session_id"] is None or _uuid(row["session_id"]))
    _require(row["participant_id"] is None or _uuid(row["participant_id"]))
    data = _json("data", row["data"], 10_000)
    _require(isinstance(data, dict) and _depth(data, 4), "malformed (data is nested too deeply)")


def _check_certificate(row: dict[str, Any]) -> None:
    _require(
        _certificate_id(row["id"])
        and _uuid(row["session_id"])
        and _uuid(row["participant_id"])
        and _text(row["key_id"], 40)
        and _text(row["payload"], 8192)
        and str(row["payload"]).startswith("DK1:")
        and _text(row["participant_name"], 500)
        and row["status"] in ("issued", "revoked", "superseded")
        and _text(row["issued_by"], 200)
        and _text(row["revoked_by"], 200)
        and _text(row["revoke_reason"], 1000)
        and _certificate_id(row["replaces"], True)
        and _certificate_id(row["replaced_by"], True)
        and _text(row.get("revocation", ""), 1000)
    )


def _check_feedback_form(row: dict[str, Any]) -> None:
    _require(_uuid(row["id"]) and _uuid(row["session_id"]) and _text(row["entered_by"], 200))
    _plain_map("ratings", row["ratings"], 10_000)
    _plain_map("comments", row["comments"], 20_000, text_only=True)


def _check_check_sheet(row: dict[str, Any]) -> None:
    _require(
        _uuid(row["id"])
        and _uuid(row["session_id"])
        and row["phase"] in ("pre", "post")
        and _text(row["code"], 40)
        and _text(row["entered_by"], 200)
    )
    _plain_map("answers", row["answers"], 10_000)


_CHECKS = {
    "sessions": _check_session,
    "participants": _check_participant,
    "attendance": _check_attendance,
    "certificates": _check_certificate,
    "feedback_forms": _check_feedback_form,
    "check_sheets": _check_check_sheet,
    "events": _check_event,
}
