"""Measure text with real font metrics (Pillow), so a fit here is a fit in PowerPoint.

Themes name fonts every PowerPoint user has (Calibri, Arial); we measure with their metric twins
bundled in ``fonts/`` (Carlito, Liberation Sans), which have the same advance widths. Fonts we
have no twin for are measured with Liberation Sans and a safety margin.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from PIL import ImageFont

from deflection_kit import paths

_UNITS = 1000  # fonts are loaded at 1000 px per em: widths are then in thousandths of an em
_TWINS = {
    "calibri": "Carlito",
    "carlito": "Carlito",
    "arial": "LiberationSans",
    "liberation sans": "LiberationSans",
    "helvetica": "LiberationSans",
}
UNKNOWN_FONT_MARGIN = 1.12  # widen measurements of fonts without a bundled twin


@dataclass(frozen=True)
class FontMetrics:
    """Advance widths and line height of one font face, in ems."""

    family: str
    bold: bool
    italic: bool

    @functools.cached_property
    def _font(self) -> ImageFont.FreeTypeFont:
        return ImageFont.truetype(
            str(_font_file(self.family, self.bold, self.italic)),
            _UNITS,
            layout_engine=ImageFont.Layout.BASIC,
        )

    @functools.cached_property
    def _margin(self) -> float:
        return 1.0 if self.family.strip().lower() in _TWINS else UNKNOWN_FONT_MARGIN

    @functools.cached_property
    def line_height(self) -> float:
        """Return the height of one line of single-spaced text, in ems."""
        return float(self._font.font.height) / _UNITS

    def width(self, text: str) -> float:
        """Return the advance width of ``text`` in ems."""
        return _width(self, text)

    def raw_width(self, text: str) -> float:
        """Return the advance width without the cache (used by the cache)."""
        return float(self._font.getlength(text)) / _UNITS * self._margin


@functools.lru_cache(maxsize=65536)
def _width(metrics: FontMetrics, text: str) -> float:
    return metrics.raw_width(text)


def _font_file(family: str, bold: bool, italic: bool) -> Path:
    stem = _TWINS.get(family.strip().lower(), "LiberationSans")
    style = ("Bold" if bold else "") + ("Italic" if italic else "")
    return paths.fonts_dir() / f"{stem}-{style or 'Regular'}.ttf"


@functools.lru_cache(maxsize=64)
def metrics_for(family: str, bold: bool = False, italic: bool = False) -> FontMetrics:
    """Return (cached) metrics for a font family and style."""
    return FontMetrics(family, bold, italic)


def wrap(text: str, metrics: FontMetrics, size_pt: float, width_pt: float) -> list[str]:
    """Break ``text`` into the lines a word-wrapping text box of ``width_pt`` would show.

    Greedy, like PowerPoint: words go on a line while they fit; a word longer than a whole line
    is broken between characters.
    """
    if width_pt <= 0:
        return [text]
    limit = width_pt / size_pt  # in ems
    space = metrics.width(" ")
    lines: list[str] = []
    current: list[str] = []
    used = 0.0
    for word in text.split():
        word_width = metrics.width(word)
        if word_width > limit:
            if current:
                lines.append(" ".join(current))
                current, used = [], 0.0
            pieces = _break_word(word, metrics, limit)
            lines.extend(pieces[:-1])
            current, used = [pieces[-1]], metrics.width(pieces[-1])
            continue
        needed = word_width if not current else used + space + word_width
        if needed <= limit:
            current.append(word)
            used = needed
        else:
            lines.append(" ".join(current))
            current, used = [word], word_width
    if current or not lines:
        lines.append(" ".join(current))
    return lines


def _break_word(word: str, metrics: FontMetrics, limit: float) -> list[str]:
    pieces: list[str] = []
    start = 0
    for end in range(1, len(word) + 1):
        if metrics.width(word[start:end]) > limit and end - 1 > start:
            pieces.append(word[start : end - 1])
            start = end - 1
    pieces.append(word[start:])
    return pieces
