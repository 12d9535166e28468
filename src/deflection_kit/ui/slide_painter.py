"""Paint one DeckSpec slide with QPainter, in its theme's colours, fonts and layout boxes.

The same painter draws the thumbnails on the Decks page and the slides on the presenter's
audience screen: give it any QPainter (a widget, a QImage, a printer) and any rectangle; the
slide is drawn 16:9 (or the theme's proportions), centred in the rectangle, at any resolution.
Speaker notes are never drawn. Text is laid out from the fitted DeckSpec (the sizes the .pptx
uses), with the fonts' bundled metric twins (Carlito for Calibri, Liberation Sans for Arial).

    painter = SlidePainter(theme.look.with_accent(deck.accent))
    painter.paint(qpainter, QRectF(0, 0, 1920, 1080), deck.slides[0], deck, number=1)
"""

from __future__ import annotations

import functools
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QImage,
    QPainter,
    QTextLayout,
    QTextOption,
)

from deflection_kit import paths
from deflection_kit.decks.look import EMU_PER_PT, Box, LayoutLook, ThemeLook, fit_box
from deflection_kit.decks.spec import LOGO_ROLES, DeckSpec, Paragraph, SlideSpec

UNITS_PER_PT = 10  # paint in tenths of a point so integer pixel sizes stay precise
_TWINS = {"calibri": "Carlito", "arial": "Liberation Sans", "helvetica": "Liberation Sans"}
_FONT_FILES = (
    "Carlito-Regular.ttf",
    "Carlito-Bold.ttf",
    "Carlito-Italic.ttf",
    "Carlito-BoldItalic.ttf",
    "LiberationSans-Regular.ttf",
    "LiberationSans-Bold.ttf",
    "LiberationSans-Italic.ttf",
    "LiberationSans-BoldItalic.ttf",
)


@functools.cache
def register_fonts() -> tuple[str, ...]:
    """Register the bundled metric-twin fonts with Qt (once); return the families added."""
    families: list[str] = []
    for name in _FONT_FILES:
        font_id = QFontDatabase.addApplicationFont(str(paths.fonts_dir() / name))
        if font_id >= 0:
            families.extend(QFontDatabase.applicationFontFamilies(font_id))
    return tuple(dict.fromkeys(families))


def qt_family(name: str) -> str:
    """Return the family Qt should draw a theme font with (its bundled twin, if any)."""
    return _TWINS.get(name.strip().lower(), name)


def _units(emu: int) -> float:
    return emu / EMU_PER_PT * UNITS_PER_PT


def _rect(box: Box) -> QRectF:
    return QRectF(_units(box.x), _units(box.y), _units(box.w), _units(box.h))


class SlidePainter:
    """Paint slides in one theme's look."""

    def __init__(self, look: ThemeLook) -> None:
        register_fonts()
        self.look = look
        self._images: dict[str, QImage] = {}

    # --- public -------------------------------------------------------------------------

    def slide_rect(self, target: QRectF) -> QRectF:
        """Return where the slide goes inside ``target``: as large as fits, centred."""
        ratio = self.look.width / self.look.height
        width = min(target.width(), target.height() * ratio)
        height = width / ratio
        return QRectF(
            target.x() + (target.width() - width) / 2,
            target.y() + (target.height() - height) / 2,
            width,
            height,
        )

    def paint(
        self,
        painter: QPainter,
        target: QRectF,
        slide: SlideSpec,
        deck: DeckSpec | None = None,
        number: int = 0,
    ) -> None:
        """Paint ``slide`` into ``target`` (letterboxed to the slide's proportions)."""
        area = self.slide_rect(target)
        scale = area.width() / _units(self.look.width)
        layout = self.look.layout(slide.role)
        painter.save()
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
            painter.setClipRect(area)
            painter.translate(area.topLeft())
            painter.scale(scale, scale)
            self._paint_slide(painter, layout, slide, deck, number)
        finally:
            painter.restore()

    def image(
        self, slide: SlideSpec, width: int, deck: DeckSpec | None = None, number: int = 0
    ) -> QImage:
        """Return the slide painted on a new image ``width`` pixels wide."""
        height = round(width * self.look.height / self.look.width)
        image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(QColor("white"))
        painter = QPainter(image)
        try:
            self.paint(painter, QRectF(0, 0, width, height), slide, deck, number)
        finally:
            painter.end()
        return image

    # --- parts --------------------------------------------------------------------------

    def _colour(self, name: str) -> QColor:
        return QColor(f"#{self.look.colour(name)}")

    def _font(self, family: str, size_pt: float, bold: bool = False, italic: bool = False) -> QFont:
        font = QFont(qt_family(family))
        font.setPixelSize(max(1, round(size_pt * UNITS_PER_PT)))
        font.setBold(bold)
        font.setItalic(italic)
        font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
        font.setKerning(False)
        return font

    def _paint_slide(
        self,
        painter: QPainter,
        layout: LayoutLook,
        slide: SlideSpec,
        deck: DeckSpec | None,
        number: int,
    ) -> None:
        look = self.look
        full = QRectF(0, 0, _units(look.width), _units(look.height))
        painter.fillRect(full, self._colour(layout.background))
        for deco in layout.decorations:
            rect = _rect(deco.box)
            painter.fillRect(rect, self._colour(deco.fill))
            if deco.text:
                font = self._font(look.title_font, deco.size, deco.bold)
                painter.setFont(font)
                painter.setPen(self._colour(deco.colour))
                inset = _units(91_440)
                painter.drawText(
                    rect.adjusted(inset, 0, -inset, 0),
                    int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                    deco.text,
                )
        title_size, subtitle_size, body_size = look.sizes_for(slide.role)
        if layout.title is not None and slide.title:
            font = self._font(look.title_font, slide.title_size or title_size, look.title_bold)
            self._block(
                painter,
                [Paragraph(slide.title, 0, True)],
                layout.title,
                font,
                self._colour(layout.title_colour),
                layout.title_anchor,
                look.title_line_spacing,
                centred=layout.title_align != "left",
            )
        if layout.subtitle is not None and slide.subtitle:
            font = self._font(look.body_font, slide.subtitle_size or subtitle_size)
            self._block(
                painter,
                [Paragraph(slide.subtitle, 0, True)],
                layout.subtitle,
                font,
                self._colour(layout.subtitle_colour),
                "t",
                look.paragraph.line_spacing,
            )
        size = slide.body_size or body_size
        if layout.body is not None and slide.body:
            self._body(painter, slide.body, layout.body, size, layout)
        if layout.right is not None and slide.right:
            self._body(painter, slide.right, layout.right, size, layout)
        if slide.picture is not None and layout.picture is not None:
            self._picture(painter, slide.picture.path, layout.picture)
        if deck is not None and deck.logo is not None and slide.role in LOGO_ROLES:
            self._picture(painter, deck.logo.path, look.logo)
        self._footer(painter, layout, deck, number)

    def _inner(self, box: Box) -> QRectF:
        left, top, right, bottom = self.look.insets
        return _rect(Box(box.x + left, box.y + top, box.w - left - right, box.h - top - bottom))

    def _layout_text(
        self, text: str, font: QFont, width: float, line_height: float, centred: bool
    ) -> tuple[QTextLayout, float]:
        layout = QTextLayout(text, font)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        option.setAlignment(
            Qt.AlignmentFlag.AlignHCenter if centred else Qt.AlignmentFlag.AlignLeft
        )
        layout.setTextOption(option)
        layout.beginLayout()
        y = 0.0
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            line.setPosition(QPointF(0, y))
            y += line_height
        layout.endLayout()
        return layout, y

    def _block(
        self,
        painter: QPainter,
        paragraphs: list[Paragraph],
        box: Box,
        font: QFont,
        colour: QColor,
        anchor: str,
        spacing: float,
        centred: bool = False,
    ) -> None:
        inner = self._inner(box)
        line_height = font.pixelSize() * self._line_factor(font) * spacing
        laid = [
            self._layout_text(p.text, font, inner.width(), line_height, centred) for p in paragraphs
        ]
        # The last line keeps its full height, so descenders stay inside a bottom-anchored box.
        total = sum(height for _, height in laid) + line_height * (1 / spacing - 1)
        y = inner.top()
        if anchor == "b":
            y = inner.bottom() - total
        elif anchor == "ctr":
            y = inner.top() + (inner.height() - total) / 2
        painter.setPen(colour)
        for text_layout, height in laid:
            text_layout.draw(painter, QPointF(inner.left(), y))
            y += height

    @staticmethod
    @functools.cache
    def _line_factor_for(family: str, bold: bool, italic: bool) -> float:
        from PySide6.QtGui import QFontMetricsF

        font = QFont(family)
        font.setPixelSize(1000)
        font.setBold(bold)
        font.setItalic(italic)
        metrics = QFontMetricsF(font)
        return (metrics.ascent() + metrics.descent() + max(metrics.leading(), 0)) / 1000

    def _line_factor(self, font: QFont) -> float:
        return self._line_factor_for(font.family(), font.bold(), font.italic())

    def _body(
        self,
        painter: QPainter,
        paragraphs: tuple[Paragraph, ...],
        box: Box,
        size: float,
        layout: LayoutLook,
    ) -> None:
        look = self.look
        inner = self._inner(box)
        painter.setPen(self._colour(layout.text_colour))
        y = inner.top()
        space = look.paragraph.space_before * UNITS_PER_PT
        for index, paragraph in enumerate(paragraphs):
            own = size if paragraph.plain else max(look.min_body_size, size - 2 * paragraph.level)
            font = self._font(look.body_font, own, False, layout.body_italic)
            line_height = font.pixelSize() * self._line_factor(font) * look.paragraph.line_spacing
            margin = indent = 0.0
            if not paragraph.plain:
                level = min(paragraph.level, len(look.paragraph.indents) - 1)
                margin_emu, indent_emu = look.paragraph.indents[level]
                margin, indent = _units(margin_emu), _units(indent_emu)
            if index:
                y += space
            text_layout, height = self._layout_text(
                paragraph.text, font, inner.width() - margin, line_height, False
            )
            painter.setFont(font)
            if not paragraph.plain:
                bullet = look.paragraph.bullets[
                    min(paragraph.level, len(look.paragraph.bullets) - 1)
                ]
                bullet_layout, _ = self._layout_text(
                    bullet, font, margin or 1.0, line_height, False
                )
                bullet_layout.draw(painter, QPointF(inner.left() + margin + indent, y))
            text_layout.draw(painter, QPointF(inner.left() + margin, y))
            y += height

    def _picture(self, painter: QPainter, path: str, box: Box) -> None:
        image = self._images.get(path)
        if image is None:
            image = QImage(path) if Path(path).is_file() else QImage()
            self._images[path] = image
        if image.isNull():
            return
        placed = fit_box(image.width(), image.height(), box)
        painter.drawImage(_rect(placed), image)

    def _footer(
        self, painter: QPainter, layout: LayoutLook, deck: DeckSpec | None, number: int
    ) -> None:
        look = self.look
        painter.setPen(self._colour(layout.footer_colour))
        middle = int(Qt.AlignmentFlag.AlignVCenter)
        if deck is not None and deck.footer:
            # a long agency name was fitted smaller (DeckSpec.footer_size), as in the .pptx
            painter.setFont(self._font(look.body_font, deck.footer_size or look.footer_size))
            painter.drawText(
                self._inner(look.footer), middle | int(Qt.AlignmentFlag.AlignLeft), deck.footer
            )
        painter.setFont(self._font(look.body_font, look.footer_size))
        if number:
            painter.drawText(
                self._inner(look.number), middle | int(Qt.AlignmentFlag.AlignRight), str(number)
            )
