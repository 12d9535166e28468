"""What a document is made of: headings, paragraphs, details, tables and spacing."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

Align = Literal["left", "right", "center"]


@dataclass(frozen=True)
class Heading:
    """A heading; level 1 is the document's title on the page, level 2 a section."""

    text: str
    level: int = 1


@dataclass(frozen=True)
class Paragraph:
    """Flowing text, wrapped to the page width and across pages."""

    text: str
    size: float = 10.0
    bold: bool = False
    italic: bool = False
    muted: bool = False


@dataclass(frozen=True)
class Details:
    """Label/value pairs in two columns (session details on a sheet)."""

    items: Sequence[tuple[str, str]]
    columns: int = 2


@dataclass(frozen=True)
class Column:
    """A table column: header text, share of the width, alignment."""

    header: str
    weight: float = 1.0
    align: Align = "left"


@dataclass(frozen=True)
class Table:
    """A table that breaks across pages, repeating its header row on each page."""

    columns: Sequence[Column]
    rows: Sequence[Sequence[str]]
    size: float = 9.0
    min_row_height: float = 0.0  # points; sign-in sheets leave room to sign
    zebra: bool = True
    bold_rows: frozenset[int] = field(default_factory=frozenset)  # e.g. a totals row


@dataclass(frozen=True)
class Spacer:
    """Vertical space, in points."""

    height: float = 8.0


@dataclass(frozen=True)
class PageBreak:
    """Start a new page."""


Block = Heading | Paragraph | Details | Table | Spacer | PageBreak
