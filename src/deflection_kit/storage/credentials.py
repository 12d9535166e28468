"""Credential IDs people carry (NREMT, state EMS licence, POST/TCOLE, DPSST...) and their checks.

A format is checked only where it is published: the NREMT EMS-ID is a 12-digit number (NREMT,
launched 2020, modelled on the NPI). Other numbers differ by state and era, so they are kept as
written, limited to the characters ID numbers use.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from deflection_kit.storage.names import clean_text


@dataclass(frozen=True)
class CredentialType:
    """One kind of credential ID: its key, a label for people, and its format if known."""

    key: str
    label: str
    aliases: tuple[str, ...]
    pattern: str | None = None
    hint: str = ""


CREDENTIAL_TYPES: tuple[CredentialType, ...] = (
    CredentialType(
        "nremt", "NREMT number", ("nremt", "nremt number", "nremt #", "national registry")
    ),
    CredentialType(
        "nremt_ems_id",
        "NREMT EMS-ID",
        ("ems id", "ems-id", "emsid", "nremt ems id"),
        r"\d{12}",
        "12 digits",
    ),
    CredentialType(
        "state_ems",
        "State EMS licence",
        ("state ems", "ems license", "ems licence", "state license", "license number", "licence"),
    ),
    CredentialType(
        "post", "POST ID", ("post", "post id", "post number", "post #", "peace officer id")
    ),
    CredentialType("tcole_pid", "TCOLE PID", ("tcole", "tcole pid", "pid")),
    CredentialType("dpsst", "DPSST number", ("dpsst", "dpsst number", "dpsst #", "dpsst id")),
    CredentialType("other", "Other credential", ("credential", "credential id", "certification")),
)

_BY_KEY = {ctype.key: ctype for ctype in CREDENTIAL_TYPES}
_ID_CHARS = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ./#-]{0,39}$")


def credential_type(key: str) -> CredentialType:
    """Return the credential type with this key."""
    try:
        return _BY_KEY[key]
    except KeyError:
        known = ", ".join(_BY_KEY)
        raise ValueError(f"unknown credential type {key!r} (known: {known})") from None


def check_credential(key: str, value: str) -> str:
    """Return the cleaned ID, or raise ValueError saying what is wrong with it."""
    ctype = credential_type(key)
    text = clean_text(value, 80)
    if ctype.pattern is not None:
        compact = text.replace(" ", "").replace("-", "")
        if not re.fullmatch(ctype.pattern, compact):
            raise ValueError(f"{ctype.label} {text!r} should be {ctype.hint}")
        return compact
    if not _ID_CHARS.match(text):
        raise ValueError(
            f"{ctype.label} {text!r} should be up to 40 letters, digits, spaces or . / # -"
        )
    return text


def check_credentials(values: dict[str, str]) -> dict[str, str]:
    """Return cleaned credentials without empty ones; raise ValueError on the first bad one."""
    cleaned: dict[str, str] = {}
    for key, value in values.items():
        if value is None or not str(value).strip():
            continue
        cleaned[key] = check_credential(key, str(value))
    return dict(sorted(cleaned.items()))
