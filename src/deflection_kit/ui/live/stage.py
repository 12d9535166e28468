"""Paint what the audience sees (an ``AudienceView``): a slide, a blank screen, a chart, a message.

The audience window and the presenter's "current" preview both paint through here, so the
facilitator sees exactly what the room sees. Slides are kept as pictures at the size they were
last painted, and the slides either side of the current one are painted ahead, so going to the
next slide is a copy rather than a layout.
"""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPixmap

from deflection_kit.decks import DeckSpec
from deflection_kit.decks.look import ThemeLook
from deflection_kit.live import AudienceView, clock_text
from deflection_kit.ui.live.chart import paint_chart
from deflection_kit.ui.slide_painter import SlidePainter

CACHE_SLIDES = 6


class Stage:
    """Paint audience views of one deck in one look."""

    def __init__(self, deck: DeckSpec, look: ThemeLook) -> None:
        self.deck = deck
        self.look = look
        self.slides = SlidePainter(look)
        self._cache: OrderedDict[tuple[int, int, int], QPixmap] = OrderedDict()

    def slide_rect(self, target: QRectF) -> QRectF:
        """Return where a slide sits inside ``target`` (16:9, centred)."""
        return self.slides.slide_rect(target)

    def slide_pixmap(self, index: int, size: QSize, ratio: float = 1.0) -> QPixmap:
        """Return slide ``index`` painted at ``size`` device-independent pixels (cached)."""
        key = (index, size.width(), size.height())
        cached = self._cache.get(key)
        if cached is not None:
            self._cache.move_to_end(key)
            return cached
        pixmap = QPixmap(round(size.width() * ratio), round(size.height() * ratio))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(QColor("black"))
        painter = QPainter(pixmap)
        try:
            self.slides.paint(
                painter,
                QRectF(0, 0, size.width(), size.height()),
                self.deck.slides[index],
                self.deck,
                index + 1,
            )
        finally:
            painter.end()
        self._cache[key] = pixmap
        while len(self._cache) > CACHE_SLIDES:
            self._cache.popitem(last=False)
        return pixmap

    def warm(self, index: int, size: QSize, ratio: float = 1.0) -> None:
        """Paint the slides next to ``index`` ahead of time."""
        for neighbour in (index + 1, index - 1):
            if 0 <= neighbour < len(self.deck.slides):
                self.slide_pixmap(neighbour, size, ratio)

    def paint(
        self, painter: QPainter, target: QRectF, view: AudienceView, preview: bool = False
    ) -> None:
        """Paint ``view`` into ``target``; a preview shows a blanked slide dimmed and labelled."""
        painter.fillRect(target, QColor("black"))
        area = self.slide_rect(target)
        if view.ended:
            if preview:
                self._label(painter, area, "Session ended", "white")
            return
        if view.blank != "none" and not preview:
            painter.fillRect(target, QColor(view.blank))
            return
        if view.chart is not None:
            paint_chart(painter, area, view.chart, self.look)
        else:
            size = QSize(round(area.width()), round(area.height()))
            ratio = painter.device().devicePixelRatioF() if painter.device() else 1.0
            painter.drawPixmap(area.topLeft(), self.slide_pixmap(view.slide, size, ratio))
        if view.overlay or view.timer is not None:
            self._overlay(painter, area, view)
        if view.blank != "none":  # preview only: show the slide behind a labelled veil
            veil = QColor(view.blank)
            veil.setAlpha(200)
            painter.fillRect(area, veil)
            ink = "white" if view.blank == "black" else "black"
            self._label(painter, area, f"Audience sees a {view.blank} screen", ink)

    def _label(self, painter: QPainter, area: QRectF, text: str, ink: str) -> None:
        font = QFont()
        font.setPixelSize(max(12, round(area.height() / 12)))
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(QColor(ink))
        painter.drawText(area, int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap), text)

    def _overlay(self, painter: QPainter, area: QRectF, view: AudienceView) -> None:
        unit = area.height() / 100
        timer = clock_text(view.timer) if view.timer is not None else ""
        if view.overlay:
            # A message covers the slide: white on near-black, the countdown under it.
            painter.fillRect(area, QColor("#101418"))
            font = QFont()
            font.setPixelSize(round(9 * unit))
            font.setBold(True)
            painter.setFont(font)
            painter.setPen(QColor("white"))
            text_rect = QRectF(area.left() + 6 * unit, area.top() + 14 * unit,
                               area.width() - 12 * unit, 34 * unit)  # fmt: skip
            flags = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom
            painter.drawText(text_rect, int(flags | Qt.TextFlag.TextWordWrap), view.overlay)
            if timer:
                font.setPixelSize(round(26 * unit))
                painter.setFont(font)
                painter.drawText(
                    QRectF(area.left(), area.top() + 52 * unit, area.width(), 34 * unit),
                    int(Qt.AlignmentFlag.AlignCenter),
                    timer,
                )
            return
        # A countdown alone: a badge in the bottom right corner, over the slide number and clear
        # of titles and text.
        font = QFont()
        font.setPixelSize(round(9 * unit))
        font.setBold(True)
        badge = QRectF(area.right() - 30 * unit, area.bottom() - 15 * unit, 28 * unit, 13 * unit)
        painter.fillRect(badge, QColor("#101418"))
        painter.setFont(font)
        painter.setPen(QColor("white"))
        painter.drawText(badge, int(Qt.AlignmentFlag.AlignCenter), timer)
