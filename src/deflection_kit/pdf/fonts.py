"""The fonts printed documents use: the bundled ones, registered once, with script fallbacks.

Qt picks a glyph from the first family in a font's family list that has it, so a name in Arabic,
Hebrew or Chinese prints with real glyphs instead of blank boxes.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QFont, QFontDatabase, QFontMetricsF, QPaintDevice

from deflection_kit import paths
from deflection_kit.pdf.gui import ensure_gui_app

SANS = "Noto Sans"
SERIF = "Noto Serif"
# Families tried in order for characters the main family lacks.
SCRIPT_FALLBACKS = ("Noto Sans Arabic", "Noto Sans Hebrew", "WenQuanYi Micro Hei")
FONT_SUFFIXES = (".ttf", ".otf", ".ttc")

__all__ = [
    "SANS",
    "SCRIPT_FALLBACKS",
    "SERIF",
    "document_font",
    "ensure_gui_app",
    "fit_font",
    "make_font",
    "register_bundled_fonts",
]


@cache
def register_bundled_fonts() -> tuple[str, ...]:
    """Register every bundled font with Qt (once) and return the families they provide."""
    ensure_gui_app()
    families: list[str] = []
    folder = paths.fonts_dir()
    for path in sorted(folder.iterdir()) if folder.is_dir() else []:
        if path.suffix.lower() not in FONT_SUFFIXES:
            continue
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            families.extend(QFontDatabase.applicationFontFamilies(font_id))
    return tuple(dict.fromkeys(families))


def make_font(
    size: float, *, bold: bool = False, italic: bool = False, serif: bool = False
) -> QFont:
    """Return a bundled font of ``size`` points, falling back across scripts for any text."""
    register_bundled_fonts()
    font = QFont()
    font.setFamilies([SERIF if serif else SANS, *SCRIPT_FALLBACKS])
    font.setPointSizeF(size)
    font.setBold(bold)
    font.setItalic(italic)
    font.setKerning(True)
    return font


def document_font(point_size: float, bold: bool = False, serif: bool = False) -> QFont:
    """Return a bundled font of the given size, falling back across scripts for any text."""
    return make_font(point_size, bold=bold, serif=serif)


def fit_font(
    text: str, font: QFont, width: float, device: QPaintDevice, minimum: float = 6.0
) -> QFont:
    """Return ``font`` shrunk (never below ``minimum`` points) until ``text`` fits ``width``."""
    fitted = QFont(font)
    size = font.pointSizeF()
    while size > minimum:
        if QFontMetricsF(fitted, device).horizontalAdvance(text) <= width:
            return fitted
        size = max(minimum, size * 0.95)
        fitted.setPointSizeF(size)
    return fitted
