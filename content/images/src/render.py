"""Render every SVG in this folder to a 1600-pixel-wide PNG in the images folder above it.

Run from the repository root after editing a drawing:

    QT_QPA_PLATFORM=offscreen uv run python content/images/src/render.py

The drawings name the font "Liberation Sans"; the kit's bundled copy is loaded first so the
PNGs look the same on every machine.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFontDatabase, QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from deflection_kit import paths

WIDTH = 1600
SOURCE_DIR = Path(__file__).resolve().parent
OUTPUT_DIR = SOURCE_DIR.parent


def load_fonts() -> None:
    """Register the bundled fonts so rendering does not depend on the system's."""
    for font in sorted(paths.fonts_dir().glob("*.ttf")):
        QFontDatabase.addApplicationFont(str(font))


def render(svg: Path, png: Path) -> tuple[int, int]:
    """Render one SVG to a PNG of WIDTH pixels, keeping its aspect ratio; return the size."""
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg}: not a valid SVG drawing")
    size = renderer.defaultSize()
    height = round(WIDTH * size.height() / size.width())
    image = QImage(WIDTH, height, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    renderer.render(painter, QRectF(0, 0, WIDTH, height))
    painter.end()
    if not image.save(str(png), "PNG"):
        raise SystemExit(f"{png}: could not write the picture")
    return WIDTH, height


def main() -> None:
    """Render all drawings and say what was written."""
    app = QGuiApplication(sys.argv)  # fonts and text layout need a GUI application
    load_fonts()
    for svg in sorted(SOURCE_DIR.glob("*.svg")):
        png = OUTPUT_DIR / f"{svg.stem}.png"
        width, height = render(svg, png)
        sys.stdout.write(f"{png.relative_to(OUTPUT_DIR.parent)}: {width}x{height}\n")
    del app


if __name__ == "__main__":
    main()
