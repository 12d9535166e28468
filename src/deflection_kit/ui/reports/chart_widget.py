"""A widget that paints one report chart: the numbers and texts the report PDF's chart shows."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from deflection_kit.reports.chart_painting import chart_height, chart_ops, paint_ops
from deflection_kit.reports.charts import Chart

PADDING = 12


class ChartWidget(QWidget):
    """Paint a chart; its height follows the number of bars."""

    def __init__(self, chart: Chart, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chart = chart
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.set_chart(chart)

    def _unit(self) -> float:
        return self.logicalDpiY() / 72.0

    def set_chart(self, chart: Chart) -> None:
        """Show another chart."""
        self.chart = chart
        self.setAccessibleName(chart.title)
        described = "; ".join(f"{bar.label}: {', '.join(bar.texts)}" for bar in chart.bars)
        self.setAccessibleDescription(described or chart.empty)
        self.setToolTip(described or chart.empty)
        self.setFixedHeight(round(chart_height(chart, self._unit()) + 2 * PADDING))
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        """Prefer a comfortable width."""
        return QSize(560, self.height())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        """Paint the chart on white."""
        painter = QPainter(self)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.fillRect(self.rect(), QColor("white"))
            area = QRectF(self.rect()).adjusted(PADDING, PADDING, -PADDING, -PADDING)
            paint_ops(painter, chart_ops(self.chart, area, self._unit(), self))
        finally:
            painter.end()
