"""Bar charts of a delivery report, laid out as drawing operations (text, lines, fills).

The same operations are painted on the Reports page and into the report PDF, so both show the
same chart. Every bar carries its number as text: colour is never the only carrier.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPaintDevice, QPainter, QPen

from deflection_kit.live.report import DeliveryReport
from deflection_kit.live.timers import minutes_text
from deflection_kit.pdf import make_font
from deflection_kit.pdf.layout import FillOp, LineOp, Op, TextOp

DARK, LIGHT = "#1f5f8b", "#8fb8de"  # apart in greyscale too
SERIES_COLOURS = (LIGHT, DARK)  # with two series the second (actual, after) is the strong one
OVER_COLOUR = "#b3261e"  # a part that ran well over its plan
INK = "#1b1f24"
MUTED = "#4a5563"
TRACK = "#eef1f4"


@dataclass(frozen=True)
class Bar:
    """One row of a chart: a label and one value per series, each with the text shown."""

    label: str
    values: tuple[float, ...]
    texts: tuple[str, ...]
    colours: tuple[str, ...] = ()  # per-series colour overrides ("" keeps the series colour)


@dataclass(frozen=True)
class Chart:
    """A horizontal bar chart."""

    title: str
    bars: tuple[Bar, ...]
    series: tuple[str, ...] = ()  # legend names when there is more than one series
    maximum: float | None = None  # the value a full-width bar stands for
    empty: str = "Nothing to show yet."


# --- building charts from a report ----------------------------------------------------------


def attendance_chart(report: DeliveryReport, by: str) -> Chart:
    """Return who came, by "discipline" or "agency"."""
    title = f"Attendance by {by}"
    if report.attendance is None:
        return Chart(title, (), empty="No attendance for a rehearsal.")
    rows = report.attendance.by_discipline if by == "discipline" else report.attendance.by_agency
    return Chart(
        title,
        tuple(Bar(name, (float(count),), (str(count),)) for name, count in rows),
        empty="Nobody has checked in.",
    )


def pacing_chart(report: DeliveryReport) -> Chart:
    """Return planned against actual minutes for every part."""
    bars = []
    for part in report.parts:
        over = part.difference > 2
        bars.append(
            Bar(
                part.segment.label(),
                (part.segment.planned_minutes, part.actual_minutes),
                (
                    minutes_text(part.segment.planned_minutes),
                    minutes_text(part.actual_minutes) + (" ▲" if over else ""),
                ),
                ("", OVER_COLOUR if over else ""),
            )
        )
    return Chart("Pacing: planned and actual minutes", tuple(bars), ("Planned", "Actual"))


def _share(value: float | None) -> tuple[float, str]:
    return (0.0, "–") if value is None else (value * 100, f"{round(value * 100)}%")


def gain_chart(report: DeliveryReport) -> Chart:
    """Return the share right before and after, for each question asked both times.

    The room's show of hands when the pre- and post-check were run live; otherwise the paper
    answer sheets, if they were typed in.
    """
    bars = []
    title = "Knowledge check: share right before and after"
    for pair in report.gain.questions:
        pre, pre_text = _share(pair.pre.share_correct)
        post, post_text = _share(pair.post.share_correct)
        bars.append(Bar(pair.prompt, (pre, post), (pre_text, post_text)))
    if not bars and report.paper is not None:
        title = "Knowledge check on paper: share right before and after"
        for question in report.paper.questions:
            pre, pre_text = _share(question.pre)
            post, post_text = _share(question.post)
            bars.append(Bar(question.prompt, (pre, post), (pre_text, post_text)))
    return Chart(
        title,
        tuple(bars),
        ("Pre-check", "Post-check"),
        maximum=100.0,
        empty="No pre- and post-check answers were entered.",
    )


def checks_chart(report: DeliveryReport) -> Chart:
    """Return the share right for the checks during the course."""
    bars = []
    for result in report.checks:
        if result.slot.phase in ("pre", "post"):
            continue
        share, text = _share(result.share_correct)
        bars.append(Bar(result.slot.prompt, (share,), (f"{text} of {result.total}",)))
    return Chart(
        "Checks during the course: share right",
        tuple(bars),
        maximum=100.0,
        empty="No answers were entered for checks during the course.",
    )


def report_charts(report: DeliveryReport) -> tuple[Chart, ...]:
    """Return the report's charts, in the order the page and the PDF show them."""
    return (
        attendance_chart(report, "discipline"),
        attendance_chart(report, "agency"),
        pacing_chart(report),
        gain_chart(report),
        checks_chart(report),
    )


# --- laying charts out --------------------------------------------------------------------

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
