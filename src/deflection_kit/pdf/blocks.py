"""What a document is made of: headings, paragraphs, lists, notes, tables, form fields, spacing."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

Align = Literal["left", "right", "center"]


@dataclass(frozen=True)
class Heading:
    """A heading; level 1 is the document's title on the page, level 2 a section, 3 a subsection."""

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
    # Per row, a form-field name per column ("" for none): those cells become fillable.
    fields: Sequence[Sequence[str]] = ()


@dataclass(frozen=True)
class Spacer:
    """Vertical space, in points."""

    height: float = 8.0


@dataclass(frozen=True)
class PageBreak:
    """Start a new page; ``odd`` starts on the next odd (right-hand) page for double-sided print.

    A page skipped to reach an odd page holds the document's ``filler`` blocks (or is blank).
    """

    odd: bool = False


@dataclass(frozen=True)
class Title:
    """A document's title on its first page: a small kicker line, the title, a subtitle, a rule."""

    text: str
    kicker: str = ""
    subtitle: str = ""
    logo: str = ""  # a picture file shown at the right of the title (an agency's logo)
    logo_height: float = 54.0  # points


Item = str | tuple[str, int]  # a list item: its text, or (text, level 0-2)


@dataclass(frozen=True)
class Bullets:
    """A bulleted (or numbered) list with hanging indents; items may be nested two levels."""

    items: Sequence[Item]
    size: float = 10.0
    numbered: bool = False
    muted: bool = False
    markers: Sequence[str] = ()  # the item's own marker ("A.", "B.") instead of a bullet


@dataclass(frozen=True)
class Checklist:
    """Items with an empty box to tick; with ``names`` each box is a fillable PDF checkbox."""

    items: Sequence[str]
    size: float = 10.0
    names: Sequence[str] = ()
    columns: int = 1


@dataclass(frozen=True)
class Note:
    """A shaded box with an accent bar: speaker notes, points to draw out, an answer."""

    text: str
    label: str = ""
    size: float = 9.5
    tone: Literal["info", "key", "plain"] = "info"


@dataclass(frozen=True)
class TextField:
    """A labelled box to write in; with a ``name`` it is also a fillable PDF text field."""

    label: str
    name: str = ""
    lines: int = 1
    hint: str = ""
    weight: float = 1.0  # share of a FieldRow's width


@dataclass(frozen=True)
class FieldRow:
    """Text fields side by side (name, date, code...)."""

    fields: Sequence[TextField]


@dataclass(frozen=True)
class RatingGrid:
    """Statements to rate on a scale: one row each, a box to tick under each scale point."""

    statements: Sequence[str]
    scale: Sequence[str]
    size: float = 9.5
    numbered: bool = True
    first: int = 1  # the number of the first statement, to continue a numbering


@dataclass(frozen=True)
class Rule:
    """A thin horizontal line across the page."""


@dataclass(frozen=True)
class KeepTogether:
    """Blocks that move to the next page together rather than split (when they fit on one)."""

    blocks: Sequence[Block]


Block = (
    Heading
    | Paragraph
    | Details
    | Table
    | Spacer
    | PageBreak
    | Title
    | Bullets
    | Checklist
    | Note
    | TextField
    | FieldRow
    | RatingGrid
    | Rule
    | KeepTogether
)
