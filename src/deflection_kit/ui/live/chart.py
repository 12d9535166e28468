"""Paint a knowledge-check question with the room's answers as a bar chart (QPainter only).

Readable from the back of a room: the question large at the top, one thick bar per choice with
its letter, words, count and share; the right answer marked with a tick and the word "Correct",
never by colour alone.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen

from deflection_kit.decks.look import ThemeLook
from deflection_kit.live import ChartView
from deflection_kit.ui.slide_painter import qt_family

LETTERS = "ABCDEFGHIJ"


def _font(family: str, pixels: float, bold: bool = False) -> QFont:
    font = QFont(qt_family(family))
    font.setPixelSize(max(1, round(pixels)))
    font.setBold(bold)
    return font


def _fit_font(family: str, text: str, rect: QRectF, start: float, bold: bool) -> QFont:
    """Return the largest font (down to a third of ``start``) whose wrapped text fits ``rect``."""
    size = start
    flags = int(Qt.TextFlag.TextWordWrap)
    while size > start / 3:
        font = _font(family, size, bold)
        bound = QFontMetricsF(font).boundingRect(rect, flags, text)
        if bound.height() <= rect.height() and bound.width() <= rect.width():
            return font
        size *= 0.9
    return _font(family, size, bold)


def paint_chart(painter: QPainter, area: QRectF, chart: ChartView, look: ThemeLook) -> None:
    """Paint ``chart`` filling ``area`` (a 16:9 slide-sized rectangle) in the theme's colours."""

    def colour(name: str) -> QColor:
        return QColor(f"#{look.colour(name)}")

    width, height = area.width(), area.height()
    unit = height / 100  # lengths below are in hundredths of the slide height
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    painter.fillRect(area, colour("background"))
    margin = 5 * unit
    title_rect = QRectF(area.left() + margin, area.top() + 4 * unit, width - 2 * margin, 20 * unit)
    painter.setPen(colour("title"))
    painter.setFont(_fit_font(look.title_font, chart.prompt, title_rect, 6.5 * unit, True))
    painter.drawText(
        title_rect, int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft), chart.prompt
    )

    total = sum(chart.counts)
    rows = max(len(chart.choices), 1)
    top = area.top() + 27 * unit
    row_height = min((area.bottom() - 8 * unit - top) / rows, 17 * unit)
    bar_height = row_height * 0.42
    label_font_px = min(row_height * 0.3, 4.6 * unit)
    count_width = 22 * unit
    bar_left = area.left() + margin
    bar_span = width - 2 * margin - count_width
    most = max((*chart.counts, 1))
    for index, (choice, count) in enumerate(zip(chart.choices, chart.counts, strict=True)):
        right = index == chart.answer
        y = top + index * row_height
        label = f"{LETTERS[index] if index < len(LETTERS) else index + 1}. {choice}"
        if right:
            label = f"✓ {label} — Correct"
        text_rect = QRectF(bar_left, y, bar_span + count_width, row_height - bar_height - unit)
        painter.setFont(_fit_font(look.body_font, label, text_rect, label_font_px, right))
        painter.setPen(colour("text"))
        painter.drawText(
            text_rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom), label
        )
        bar_top = y + row_height - bar_height - 0.5 * unit
        track = QRectF(bar_left, bar_top, bar_span, bar_height)
        painter.fillRect(track, QColor(0, 0, 0, 18))
        filled = QRectF(bar_left, bar_top, bar_span * count / most, bar_height)
        painter.fillRect(filled, colour("accent") if right else colour("muted"))
        if right:
            pen = QPen(colour("accent"))
            pen.setWidthF(0.5 * unit)
            painter.setPen(pen)
            painter.drawRect(track)
        share = f"{count}  ({round(100 * count / total)}%)" if total else "0"
        painter.setFont(_font(look.body_font, bar_height * 0.8, True))
        painter.setPen(colour("text"))
        painter.drawText(
            QRectF(bar_left + bar_span + unit, bar_top, count_width - unit, bar_height),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            share,
        )
    painter.setFont(_font(look.body_font, 3.2 * unit))
    painter.setPen(colour("muted"))
    painter.drawText(
        QRectF(area.left() + margin, area.bottom() - 7 * unit, width - 2 * margin, 5 * unit),
        int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
        f"{total} answer{'s' if total != 1 else ''} from the room",
    )
    painter.restore()
