"""A typed table, the one shape every export writer takes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["text", "int", "float", "date", "datetime", "bool"]
Value = str | int | float | dt.date | dt.datetime | bool | None


@dataclass(frozen=True)
class ExportColumn:
    """A column: its header, the kind of its values and its field key."""

    header: str
    kind: Kind = "text"
    key: str = ""


@dataclass(frozen=True)
class ExportTable:
    """Rows of typed values under typed columns, with a title for files that have one."""

    title: str
    columns: Sequence[ExportColumn]
    rows: Sequence[Sequence[Value]]
    author: str = ""
    notes: Sequence[str] = field(default=())


def as_text(value: Value, kind: Kind) -> str:
    """Return a value as people read it in a CSV or PDF."""
    if value is None:
        return ""
    if kind == "bool" or isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))
    return str(value)
