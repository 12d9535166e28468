"""What a laid-out page is made of: drawing operations, form-field spots, and the colours."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFont, QImage

INK = "#1b1f24"
MUTED = "#4a5563"
ACCENT = "#1f5f8b"
RULE = "#9aa5b1"
HEADER_FILL = "#e3eaf1"
ZEBRA_FILL = "#f4f6f8"


@dataclass(frozen=True)
class TextOp:
    """Draw one line of text in a rectangle."""

    rect: QRectF
    text: str
    font: QFont
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft
    color: str = INK


@dataclass(frozen=True)
class LineOp:
    """Draw a straight rule."""

    x1: float
    y1: float
    x2: float
    y2: float
    width: float
    color: str = RULE


@dataclass(frozen=True)
class FillOp:
    """Fill a rectangle."""

    rect: QRectF
    color: str


@dataclass(frozen=True)
class BoxOp:
    """Stroke a rectangle's outline (a box to tick or write in)."""

    rect: QRectF
    width: float
    color: str = INK


@dataclass(frozen=True)
class ImageOp:
    """Draw a picture scaled into a rectangle."""

    rect: QRectF
    image: QImage


Op = TextOp | LineOp | FillOp | BoxOp | ImageOp
FieldKind = Literal["text", "checkbox"]


@dataclass(frozen=True)
class FieldSpot:
    """Where a fillable form field goes: its page (from 0) and rectangle in device units."""

    page: int
    rect: QRectF
    name: str
    kind: FieldKind = "text"
    multiline: bool = False
    size: float = 10.0  # the font size typed text uses, in points


# Notes: the tint behind speaker notes, and a warm tint that marks answers for the facilitator.
NOTE_FILL = "#eef3f8"
KEY_FILL = "#fbf3e0"
KEY_BAR = "#b7791f"
PLAIN_FILL = "#f4f6f8"
