"""Paper for certificates: landscape US Letter (the default) or A4, measured in points (no Qt)."""

from __future__ import annotations

from dataclasses import dataclass

from deflection_kit.errors import UsageError


@dataclass(frozen=True)
class Paper:
    """A landscape sheet: its name and its size in points (1/72 inch)."""

    name: str
    label: str
    width: float
    height: float


LETTER = Paper("letter", "US Letter", 792.0, 612.0)
A4 = Paper("a4", "A4", 841.89, 595.28)
PAPERS = {paper.name: paper for paper in (LETTER, A4)}


def paper_named(name: str) -> Paper:
    """Return the paper called ``name`` (letter or a4), or raise UsageError."""
    try:
        return PAPERS[name.lower()]
    except KeyError:
        raise UsageError(f"unknown paper {name!r}: choose letter or a4") from None
