"""The fonts printed documents use: the bundled ones, registered once, with script fallbacks.

Qt picks a glyph from the first family in a font's family list that has it, so a name in Arabic,
Hebrew or Chinese prints with real glyphs instead of blank boxes.
"""

from __future__ import annotations

import os
import sys
from functools import cache

from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication

from deflection_kit import paths

SANS = "Noto Sans"
SERIF = "Noto Serif"
# Families tried in order for characters the main family lacks.
SCRIPT_FALLBACKS = ("Noto Sans Arabic", "Noto Sans Hebrew", "WenQuanYi Micro Hei")
FONT_SUFFIXES = (".ttf", ".otf", ".ttc")


def ensure_gui_app() -> QGuiApplication:
    """Return the running Qt application, starting a windowless one if there is none.

    Painting text needs a QGuiApplication. The desktop app has made one already; a command-line
    run makes one here, offscreen when there is no display, so printing works on a server too.
    """
    existing = QGuiApplication.instance()
    if isinstance(existing, QGuiApplication):
        return existing
    headless = sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    )
    if headless and not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    return QGuiApplication(sys.argv[:1])


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


def document_font(point_size: float, bold: bool = False, serif: bool = False) -> QFont:
    """Return a bundled font of the given size, falling back across scripts for any text."""
    register_bundled_fonts()
    font = QFont()
    font.setFamilies([SERIF if serif else SANS, *SCRIPT_FALLBACKS])
    font.setPointSizeF(point_size)
    font.setBold(bold)
    return font
