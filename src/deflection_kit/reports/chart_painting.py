"""Paint a report chart with Qt (the Reports page): the same numbers the PDF's charts draw.

Laid out as drawing operations (text, fills) at a given unit, so a widget at any resolution
shows the chart the way the report PDF does.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPaintDevice, QPainter, QPen

from deflection_kit.pdf import make_font
from deflection_kit.pdf.layout import FillOp, LineOp, Op, TextOp
from deflection_kit.reports.charts import DARK, MUTED, SERIES_COLOURS, TRACK, Chart

TITLE_PT, LABEL_PT, VALUE_PT = 12.0, 9.0, 8.5
ROW_PT, BAR_PT, GAP_PT = 6.0, 11.0, 2.0


def chart_height(chart: Chart, unit: float) -> float:
    """Return the height (device units) ``chart`` takes at ``unit`` device units per point."""
    series = max((len(bar.values) for bar in chart.bars), default=1)
    row = (LABEL_PT * 1.5 + series * (BAR_PT + GAP_PT) + ROW_PT) * unit
    legend = (LABEL_PT * 1.8 * unit) if len(chart.series) > 1 else 0.0
    body = row * len(chart.bars) if chart.bars else LABEL_PT * 2 * unit
    return TITLE_PT * 2.0 * unit + legend + body


def chart_ops(chart: Chart, area: QRectF, unit: float, device: QPaintDevice) -> list[Op]:
    """Return the drawing operations of ``chart`` inside ``area`` (its top; height as needed)."""
    ops: list[Op] = []
    x, y, width = area.left(), area.top(), area.width()
    title_font = make_font(TITLE_PT, bold=True)
    ops.append(
        TextOp(QRectF(x, y, width, TITLE_PT * 1.6 * unit), chart.title, title_font, color="#1f5f8b")
    )
    y += TITLE_PT * 2.0 * unit
    label_font, value_font = make_font(LABEL_PT), make_font(VALUE_PT, bold=True)
    label_metrics = QFontMetricsF(label_font, device)
    if len(chart.series) > 1:
        lx = x
        for index, name in enumerate(chart.series):
            swatch = QRectF(lx, y + 2 * unit, LABEL_PT * unit, LABEL_PT * unit)
            ops.append(FillOp(swatch, _colour(index, len(chart.series))))
            text_width = label_metrics.horizontalAdvance(name) + 4 * unit
            ops.append(
                TextOp(
                    QRectF(lx + 1.5 * LABEL_PT * unit, y, text_width, LABEL_PT * 1.6 * unit),
                    name,
                    label_font,
                )
            )
            lx += 1.5 * LABEL_PT * unit + text_width + 12 * unit
        y += LABEL_PT * 1.8 * unit
    if not chart.bars:
        ops.append(
            TextOp(QRectF(x, y, width, LABEL_PT * 1.6 * unit), chart.empty, label_font, color=MUTED)
        )
        return ops
    value_space = 70 * unit
    track_width = width - value_space
    top = chart.maximum or max((v for bar in chart.bars for v in bar.values), default=1.0) or 1.0
    for bar in chart.bars:
        label = label_metrics.elidedText(bar.label, Qt.TextElideMode.ElideRight, width)
        ops.append(TextOp(QRectF(x, y, width, LABEL_PT * 1.5 * unit), label, label_font))
        y += LABEL_PT * 1.5 * unit
        for index, (value, text) in enumerate(zip(bar.values, bar.texts, strict=True)):
            colour = _colour(index, len(bar.values))
            if index < len(bar.colours) and bar.colours[index]:
                colour = bar.colours[index]
            track = QRectF(x, y, track_width, BAR_PT * unit)
            ops.append(FillOp(track, TRACK))
            filled = max(min(value / top, 1.0), 0.0) * track_width
            if filled > 0:
                ops.append(FillOp(QRectF(x, y, filled, BAR_PT * unit), colour))
            ops.append(
                TextOp(
                    QRectF(x + track_width + 4 * unit, y, value_space - 4 * unit, BAR_PT * unit),
                    text,
                    value_font,
                )
            )
            y += (BAR_PT + GAP_PT) * unit
        y += ROW_PT * unit
    return ops


def _colour(index: int, count: int) -> str:
    return DARK if count == 1 else SERIES_COLOURS[index % len(SERIES_COLOURS)]


def paint_ops(painter: QPainter, ops: Sequence[Op]) -> None:
    """Paint drawing operations (a chart on a widget)."""
    for op in ops:
        if isinstance(op, TextOp):
            painter.setFont(op.font)
            painter.setPen(QColor(op.color))
            flags = op.align | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextSingleLine
            painter.drawText(op.rect, int(flags), op.text)
        elif isinstance(op, LineOp):
            painter.setPen(QPen(QColor(op.color), op.width))
            painter.drawLine(QPointF(op.x1, op.y1), QPointF(op.x2, op.y2))
        elif isinstance(op, FillOp):
            painter.fillRect(op.rect, QColor(op.color))
