"""What a document is made of, as plain data for the templates (kit.typ draws each kind).

Build a ``Document`` of one or more ``Part``s (each with its own page frame and page numbers)
from blocks: headings, paragraphs, details, tables, bar charts, spacers and page breaks.
``Document.data()`` is what a template receives.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

Align = Literal["left", "right", "center"]
Look = Literal["normal", "bold", "muted", "quote"]
Paper = Literal["letter", "a4", "legal"]


@dataclass(frozen=True)
class Heading:
    """A heading; level 1 is the document's own title, 2 a section (both become bookmarks)."""

    text: str
    level: int = 1

    def data(self) -> dict[str, Any]:
        """Return the block as template data."""
        return {"kind": "heading", "text": self.text, "level": self.level}


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of text, plain, bold, muted (a note) or set off as a quotation."""

    text: str
    style: Look = "normal"
    size: float | None = None

    def data(self) -> dict[str, Any]:
        """Return the block as template data."""
        return {"kind": "paragraph", "text": self.text, "style": self.style, "size": self.size}


@dataclass(frozen=True)
class Details:
    """Label and value pairs (a session's details) in one or two columns; empty ones dropped."""

    items: Sequence[tuple[str, str]]
    columns: int = 2

    def data(self) -> dict[str, Any]:
        """Return the block as template data."""
        return {"kind": "details", "items": [list(i) for i in self.items], "columns": self.columns}


@dataclass(frozen=True)
class Column:
    """A table column: its header, its share of the free width (or "auto": as wide as its
    widest cell, never wrapped) and alignment."""

    header: str
    width: float | Literal["auto"] = 1.0
    align: Align = "left"

    def data(self) -> dict[str, Any]:
        """Return the column as template data."""
        return {"header": self.header, "width": self.width, "align": self.align}


@dataclass(frozen=True)
class Table:
    """A table with a header row that repeats on every page it runs onto."""

    columns: Sequence[Column]
    rows: Sequence[Sequence[str]]
    size: float = 9.0
    zebra: bool = True
    bold_rows: frozenset[int] = frozenset()  # e.g. a totals row
    pad: float = 3.0  # points above and below the text of each cell
    min_height: float = 0.0  # points; each body row at least this tall (room to sign)

    def data(self) -> dict[str, Any]:
        """Return the block as template data."""
        return {
            "kind": "table",
            "columns": [c.data() for c in self.columns],
            "rows": [list(row) for row in self.rows],
            "size": self.size,
            "zebra": self.zebra,
            "bold_rows": sorted(self.bold_rows),
            "pad": self.pad,
            "min_height": self.min_height,
        }


@dataclass(frozen=True)
class Bar:
    """One row of a bar chart: a label and, per series, a value and the text shown beside it."""

    label: str
    values: Sequence[float]
    texts: Sequence[str]
    colours: Sequence[str] = ()  # per-series colour overrides ("" keeps the series colour)


@dataclass(frozen=True)
class Chart:
    """A horizontal bar chart; ``alt`` is what a screen reader says instead of the drawing."""

    title: str
    bars: Sequence[Bar]
    alt: str
    series: Sequence[str] = ()
    maximum: float | None = None
    empty: str = "Nothing to show yet."

    def data(self) -> dict[str, Any]:
        """Return the block as template data."""
        return {
            "kind": "chart",
            "title": self.title,
            "alt": self.alt,
            "series": list(self.series),
            "maximum": self.maximum,
            "empty": self.empty,
            "bars": [
                {
                    "label": bar.label,
                    "values": [float(v) for v in bar.values],
                    "texts": list(bar.texts),
                    "colours": list(bar.colours),
                }
                for bar in self.bars
            ],
        }


@dataclass(frozen=True)
class Spacer:
    """Vertical space, in points."""

    points: float = 8.0

    def data(self) -> dict[str, Any]:
        """Return the block as template data."""
        return {"kind": "spacer", "points": self.points}


@dataclass(frozen=True)
class PageBreak:
    """Start a new page (nothing happens at the top of one)."""

    def data(self) -> dict[str, Any]:
        """Return the block as template data."""
        return {"kind": "pagebreak"}


Block = Heading | Paragraph | Details | Table | Chart | Spacer | PageBreak


@dataclass(frozen=True)
class Frame:
    """What every page of a part repeats, and how its pages are cut."""

    header_left: str = ""
    header_right: str = ""
    footer_left: str = ""
    paper: Paper = "letter"
    landscape: bool = False

    def data(self) -> dict[str, Any]:
        """Return the frame as template data."""
        return {
            "header_left": self.header_left,
            "header_right": self.header_right,
            "footer_left": self.footer_left,
            "paper": self.paper,
            "flipped": self.landscape,
        }


@dataclass
class Part:
    """Blocks printed with one frame; its pages are numbered from 1 ("Page 2 of 5")."""

    frame: Frame = field(default_factory=Frame)
    blocks: list[Block] = field(default_factory=list)

    def add(self, *blocks: Block) -> Part:
        """Append blocks; return the part for chaining."""
        self.blocks.extend(blocks)
        return self

    def extend(self, blocks: Iterable[Block]) -> Part:
        """Append many blocks."""
        self.blocks.extend(blocks)
        return self

    def data(self) -> dict[str, Any]:
        """Return the part as template data."""
        return {"frame": self.frame.data(), "blocks": [b.data() for b in self.blocks]}


@dataclass
class Document:
    """A titled document in one language, of one or more parts."""

    title: str
    parts: list[Part] = field(default_factory=list)
    lang: str = "en"
    author: str = "Deflection Kit"

    def data(self) -> dict[str, Any]:
        """Return the whole document as template data."""
        return {
            "title": self.title,
            "lang": self.lang,
            "author": self.author,
            "parts": [p.data() for p in self.parts],
        }
