"""The bundled fonts, registered once, and font stacks that print any name with real glyphs."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase, QFontMetricsF, QPaintDevice

from deflection_kit import paths
from deflection_kit.pdf.gui import ensure_gui_app

# Latin/Greek/Cyrillic first, then scripts Noto Sans lacks; Qt falls back along the list per glyph.
SANS = ("Noto Sans", "Noto Sans Arabic", "Noto Sans Hebrew", "WenQuanYi Micro Hei")
SERIF = ("Noto Serif", "Noto Sans Arabic", "Noto Sans Hebrew", "WenQuanYi Micro Hei")
FONT_SUFFIXES = (".ttf", ".otf", ".ttc")

_registered: set[str] | None = None


def register_fonts() -> set[str]:
    """Register every bundled font with Qt (once) and return the families now available."""
    global _registered
    if _registered is None:
        ensure_gui_app()
        families: set[str] = set()
        folder = paths.fonts_dir()
        for path in sorted(folder.iterdir()) if folder.is_dir() else []:
            if path.suffix.lower() in FONT_SUFFIXES:
                font_id = QFontDatabase.addApplicationFont(str(path))
                if font_id >= 0:
                    families.update(QFontDatabase.applicationFontFamilies(font_id))
        _registered = families
    return set(_registered)


def make_font(
    size: float, *, bold: bool = False, italic: bool = False, serif: bool = False
) -> QFont:
    """Return a font of ``size`` points from the bundled stack (sans by default)."""
    register_fonts()
    font = QFont()
    font.setFamilies(list(SERIF if serif else SANS))
    font.setPointSizeF(size)
    font.setBold(bold)
    font.setItalic(italic)
    font.setKerning(True)
    return font


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
