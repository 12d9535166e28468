"""A typed table, the one shape every export writer takes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from deflection_kit.exports.safety import QUOTE, TRIGGERS, neutralise

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
    formatted: bool = False  # rows already hold the final, formula-safe text of each cell


def as_text(value: Value, kind: Kind) -> str:
    """Return a value as people read it in a CSV or PDF."""
    if value is None:
        return ""
    if kind == "bool" or isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.datetime):
        return value.isoformat(" ", "minutes")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))
    return str(value)


# Only text starting with one of these can need a quote: a cheap test before the real one.
_FIRST = frozenset([*(t[0] for t in TRIGGERS), QUOTE])


def safe_text(value: Value) -> str:
    """Return a value as text that cannot start a spreadsheet formula."""
    if value is None:
        return ""
    text = str(value)
    return neutralise(text) if text[:1] in _FIRST else text


def _bool_text(value: Value) -> str:
    return "" if value is None else ("yes" if value else "no")


def _datetime_text(value: Value) -> str:
    return (
        value.isoformat(" ", "minutes")
        if isinstance(value, dt.datetime)
        else as_text(value, "datetime")
    )


def _plain_text(value: Value) -> str:
    return "" if value is None else str(value)


def text_formatter(kind: Kind) -> Callable[[Value], str]:
    """Return how a column's values are written as text; text is made formula-safe.

    One small function per kind, since a 100,000-row export calls it millions of times.
    """
    if kind == "text":
        return safe_text
    if kind == "bool":
        return _bool_text
    if kind == "datetime":
        return _datetime_text
    if kind == "int":
        return _plain_text
    return lambda value: as_text(value, kind)
