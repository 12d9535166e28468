"""A bundle's rows as the store keeps them, and the order-free ways two copies of a row join.

Cleaning gives every text, time and list the form the store writes, so the same record from
two laptops compares equal. The joins (attendance, certificates) are each a "max" over their
fields: the result is the same whichever copy comes first, and joining a copy twice changes
nothing.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from deflection_kit.errors import InputFileError
from deflection_kit.storage.clock import stamp, store_time
from deflection_kit.storage.models import PersonFields
from deflection_kit.storage.names import clean_text
from deflection_kit.storage.participants import check_person, person_row

SESSION_COLUMNS = (
    "title", "date", "start", "minutes", "location", "host_agency", "facilitators", "audience",
    "pathways", "credit_hours", "status", "course_id", "course_title", "course_version",
    "completion_share", "utc_offset", "created_at", "updated_at",
)  # fmt: skip
PERSON_COLUMNS = (
    "name", "match_key", "email", "email_key", "phone", "agency", "agency_key", "discipline",
    "credentials", "search_words", "created_at", "updated_at",
)  # fmt: skip
# The certificate fields an ending (revocation or replacement) sets, and its signature.
ENDING = ("status", "revoked_at", "revoked_by", "revoke_reason", "replaced_by", "revocation")
_CERTIFICATE_STATES = {"issued": 0, "superseded": 1, "revoked": 2}
_OVERRIDE = ("override_completed", "override_by", "override_reason", "override_at")


def rank(row: dict[str, Any], fields: tuple[str, ...]) -> tuple[str, str]:
    """Return a copy's rank for "the one updated last wins" (ties broken by content)."""
    content = json.dumps([row[f] for f in fields], sort_keys=True, ensure_ascii=False, default=str)
    return str(row["updated_at"]), content


def normal_stamp(value: str) -> str:
    """Return a created/updated time as the store writes it."""
    return stamp(dt.datetime.fromisoformat(value))


def _moment(value: str | None) -> str | None:
    return store_time(dt.datetime.fromisoformat(value)) if value else None


def clean_session(row: dict[str, Any]) -> dict[str, Any]:
    """Return a (checked) bundle session as the store keeps it."""
    clean = dict(row)
    for key in ("title", "location", "host_agency", "audience", "course_id", "course_title",
                "course_version"):  # fmt: skip
        clean[key] = clean_text(row[key], 500 if key == "course_title" else 200)
    for key in ("facilitators", "pathways"):
        names = (clean_text(x) for x in json.loads(row[key]))
        clean[key] = json.dumps([x for x in names if x], ensure_ascii=False)
    clean["completion_share"] = float(row["completion_share"])
    hours = row["credit_hours"]
    clean["credit_hours"] = None if hours is None else float(hours)
    clean["created_at"] = normal_stamp(row["created_at"])
    clean["updated_at"] = normal_stamp(row["updated_at"])
    return clean


def clean_person(row: dict[str, Any], where: str) -> dict[str, Any]:
    """Return a (checked) bundle participant as the store keeps it; refuse a bad email."""
    credentials = json.loads(row["credentials"])
    try:
        fields = check_person(
            PersonFields(
                name=row["name"],
                email=row["email"],
                phone=row["phone"],
                agency=row["agency"],
                discipline=row["discipline"],
                credentials={str(k): str(v) for k, v in credentials.items()},
            )
        )
    except ValueError as error:
        raise InputFileError(where, None, f"bundle participant {row['id']}: {error}") from None
    return {
        "id": row["id"],
        **person_row(fields),
        "created_at": normal_stamp(row["created_at"]),
        "updated_at": normal_stamp(row["updated_at"]),
    }


def person_fields(row: dict[str, Any]) -> PersonFields:
    """Return the details of a stored or cleaned participant row."""
    return PersonFields(
        name=row["name"], email=row["email"], phone=row["phone"], agency=row["agency"],
        discipline=row["discipline"], credentials=json.loads(row["credentials"]),
    )  # fmt: skip


def clean_attendance(row: dict[str, Any], person: str) -> dict[str, Any]:
    """Return a (checked) bundle attendance row as the store keeps it, for ``person`` here."""
    return {
        **row,
        "participant_id": person,
        "check_in": _moment(row["check_in"]),
        "check_out": _moment(row["check_out"]),
        "override_at": normal_stamp(row["override_at"]) if row["override_at"] else None,
        "override_by": clean_text(row["override_by"]),
        "override_reason": clean_text(row["override_reason"], 500),
        "updated_at": normal_stamp(row["updated_at"]),
    }


def clean_certificate(row: dict[str, Any], person: str) -> dict[str, Any]:
    """Return a (checked) bundle register row as the store keeps it, for ``person`` here."""
    return {
        **row,
        "participant_id": person,
        "participant_name": clean_text(row["participant_name"], 500),
        "issued_by": clean_text(row["issued_by"]),
        "revoked_by": clean_text(row["revoked_by"]),
        "revoke_reason": clean_text(row["revoke_reason"], 500),
        "issued_at": normal_stamp(row["issued_at"]),
        "revoked_at": normal_stamp(row["revoked_at"]) if row["revoked_at"] else None,
        "updated_at": normal_stamp(row["updated_at"]),
        "revocation": str(row.get("revocation") or ""),
    }


def without_ending(row: dict[str, Any]) -> dict[str, Any]:
    """Return a register row as issued: its unsigned ending left out."""
    return {
        **row,
        "status": "issued",
        "revoked_at": None,
        "revoked_by": "",
        "revoke_reason": "",
        "replaced_by": None,
        "revocation": "",
    }


def _ending(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    """Return the copy whose ending stands: revoked over replaced over valid, then the earlier."""
    state_a, state_b = _CERTIFICATE_STATES[a["status"]], _CERTIFICATE_STATES[b["status"]]
    if state_a != state_b:
        return a if state_a > state_b else b
    key_a = (a["revoked_at"] or "", json.dumps([a[k] for k in ENDING]))
    key_b = (b["revoked_at"] or "", json.dumps([b[k] for k in ENDING]))
    return a if key_a <= key_b else b


def merge_certificate(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    """Return one register record from two copies (each ending signed), in either order."""
    ending = _ending(a, b)
    return {
        **a,
        **{k: ending[k] for k in ENDING},
        "replaces": a["replaces"] or b["replaces"],
        "issued_at": min(a["issued_at"], b["issued_at"]),
        "updated_at": max(a["updated_at"], b["updated_at"]),
    }


def _earliest(a: str | None, b: str | None) -> str | None:
    return min(x for x in (a, b) if x) if (a or b) else None


def _latest(a: str | None, b: str | None) -> str | None:
    return max(x for x in (a, b) if x) if (a or b) else None


def _override_rank(row: dict[str, Any]) -> tuple[str, str]:
    return row["override_at"] or "", json.dumps([row[k] for k in _OVERRIDE])


def merge_attendance(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    """Return one attendance from two copies: a max over each field, so order never matters."""
    decided = a if _override_rank(a) >= _override_rank(b) else b
    return {
        "id": min(a["id"], b["id"]),
        "session_id": a["session_id"],
        "participant_id": a["participant_id"],
        "expected": max(a["expected"], b["expected"]),
        "check_in": _earliest(a["check_in"], b["check_in"]),
        "check_out": _latest(a["check_out"], b["check_out"]),
        "excused": max(a["excused"], b["excused"]),
        "status": a["status"],  # recomputed once everything is merged
        "credited_minutes": a["credited_minutes"],
        "completed": a["completed"],
        **{k: decided[k] for k in _OVERRIDE},
        "updated_at": max(a["updated_at"], b["updated_at"]),
    }
