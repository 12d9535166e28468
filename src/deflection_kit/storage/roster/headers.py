"""Recognise what a roster's columns hold from the header names people actually use."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from deflection_kit.storage.credentials import CREDENTIAL_TYPES
from deflection_kit.storage.names import fold

# Field keys: the person's fields, plus "credential:<type>" for each credential type.
FIELD_LABELS: dict[str, str] = {
    "name": "Full name",
    "first_name": "First name",
    "last_name": "Last name",
    "email": "Email",
    "phone": "Phone",
    "agency": "Agency",
    "discipline": "Discipline",
    **{f"credential:{c.key}": c.label for c in CREDENTIAL_TYPES},
}

_ALIASES: dict[str, tuple[str, ...]] = {
    "name": (
        "name", "full name", "fullname", "participant", "participant name", "attendee",
        "attendee name", "student", "student name", "trainee", "trainee name", "name first last",
        "last name first name", "nombre", "nombre completo",
    ),
    "first_name": ("first name", "first", "firstname", "fname", "given name", "forename"),
    "last_name": ("last name", "last", "lastname", "lname", "surname", "family name"),
    "email": (
        "email", "e mail", "email address", "e mail address", "mail", "work email",
        "emailaddress", "correo", "correo electronico",
    ),
    "phone": ("phone", "phone number", "telephone", "tel", "mobile", "cell", "cell phone"),
    "agency": (
        "agency", "department", "agency department", "department agency", "dept", "organization",
        "organisation", "agency name", "employer", "affiliation", "company", "agency organization",
    ),
    "discipline": (
        "discipline", "role", "discipline role", "role discipline", "profession", "job title",
        "position", "occupation", "sector", "field",
    ),
}  # fmt: skip
for _ctype in CREDENTIAL_TYPES:
    # The label is what our own exports write, so an export imports back as a roster.
    _ALIASES[f"credential:{_ctype.key}"] = (*_ctype.aliases, _ctype.label)

_LOOKUP: dict[str, str] = {
    alias: key for key, aliases in _ALIASES.items() for alias in (fold(a) for a in aliases)
}


# "E-mail", "Email" and "e mail" differ only in spaces once folded.
_SQUEEZED: dict[str, str] = {alias.replace(" ", ""): key for alias, key in _LOOKUP.items()}


def field_for_header(header: str) -> str | None:
    """Return the field a header name means, or None when it is not one we know."""
    folded = fold(header)
    return _LOOKUP.get(folded) or _SQUEEZED.get(folded.replace(" ", ""))


@dataclass(frozen=True)
class ColumnMapping:
    """Which column (by position) feeds which field; columns not listed are ignored."""

    columns: Mapping[int, str]
    headers: tuple[str, ...] = field(default=())

    def describe(self) -> list[str]:
        """Return one line per column: "Header → field" or "Header (ignored)"."""
        lines = []
        for index, header in enumerate(self.headers):
            target = self.columns.get(index)
            label = FIELD_LABELS.get(target, target) if target else None
            shown = header or f"column {index + 1}"
            lines.append(f"{shown} → {label}" if label else f"{shown} (ignored)")
        return lines

    def has_name(self) -> bool:
        """Return True when the mapping gives a name (full, or first and last)."""
        fields = set(self.columns.values())
        return "name" in fields or {"first_name", "last_name"} <= fields

    def duplicated_fields(self) -> list[str]:
        """Return fields that more than one column feeds."""
        seen: dict[str, int] = {}
        for target in self.columns.values():
            seen[target] = seen.get(target, 0) + 1
        return sorted(f for f, n in seen.items() if n > 1)


def guess_mapping(headers: Sequence[str]) -> ColumnMapping:
    """Map each recognised header to its field (the first column wins a field)."""
    columns: dict[int, str] = {}
    taken: set[str] = set()
    for index, header in enumerate(headers):
        target = field_for_header(header)
        if target and target not in taken:
            columns[index] = target
            taken.add(target)
    return ColumnMapping(columns=columns, headers=tuple(headers))
