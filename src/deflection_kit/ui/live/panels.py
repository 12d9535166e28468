"""The console's read-outs: big timers, the agenda with planned and actual minutes, slide views."""

from __future__ import annotations

import time

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from deflection_kit.live import AudienceView, LiveSession, Pacing, clock_text, minutes_text
from deflection_kit.ui.live.stage import Stage

START_TEXTS = ("&Start the clock", "&Restart the clock…")
PACE_COLOURS = {
    "behind": "#ff8080",  # 7:1 and more on the console's near-black
    "ahead": "#8cc8ff",
    "on-time": "#8be28e",
    "not-started": "#c8ced6",
    "ended": "#c8ced6",
}


def _big(label: QLabel, pixels: int, bold: bool = True) -> QLabel:
    font = QFont(label.font())
    font.setPixelSize(pixels)
    font.setBold(bold)
    font.setFamilies(["DejaVu Sans Mono", "Liberation Mono", "monospace"])
    label.setFont(font)
    return label


class TimerBar(QWidget):
    """Elapsed, remaining, the wall clock and the ahead/behind indicator, large."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timerBar")
        grid = QGridLayout(self)
        grid.setContentsMargins(16, 8, 16, 8)
        grid.setHorizontalSpacing(36)
        self.elapsed = _big(QLabel("0:00"), 104)
        self.remaining = _big(QLabel("90:00"), 104)
        self.clock = _big(QLabel("--:--"), 104)
        self.pace = _big(QLabel("Not started"), 44)
        self.advice = QLabel()
        self.advice.setWordWrap(True)
        self.advice.setObjectName("paceAdvice")
        # The clock starts with the first slide change; this starts it on the title slide, or
        # sets it back to zero after a rehearsal (the console asks first).
        self.start_button = QPushButton(START_TEXTS[0])
        self.start_button.setObjectName("startClock")
        self.start_button.setAccessibleName("Start the session clock")
        self.start_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        for name, label in (
            ("Elapsed", self.elapsed),
            ("Remaining", self.remaining),
            ("Clock", self.clock),
            ("Pace", self.pace),
            ("Pace advice", self.advice),
        ):
            label.setAccessibleName(name)
        captions = ("ELAPSED", "REMAINING", "TIME NOW", "PACE")
        for column, text in enumerate(captions):
            caption = QLabel(text)
            caption.setProperty("role", "caption")
            grid.addWidget(caption, 0, column)
        grid.addWidget(self.elapsed, 1, 0)
        grid.addWidget(self.remaining, 1, 1)
        grid.addWidget(self.clock, 1, 2)
        grid.addWidget(self.pace, 1, 3)
        # Beside the PACE caption: the digits keep the width of the window.
        grid.addWidget(self.start_button, 0, 3, Qt.AlignmentFlag.AlignRight)
        grid.addWidget(self.advice, 2, 0, 1, 4)
        grid.setColumnStretch(3, 1)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        """Size the clock button for its longer text, once the console's style applies."""
        super().showEvent(event)
        button = self.start_button
        shown = button.text()
        widths = []
        for text in START_TEXTS:
            button.setText(text)
            widths.append(button.sizeHint().width())
        button.setText(shown)
        button.setMinimumWidth(max(widths))

    def scale_to(self, window_height: int) -> None:
        """Size the digits to the window: a tenth of its height, 56 to 110 pixels."""
        pixels = max(56, min(110, window_height // 10))
        if self.elapsed.font().pixelSize() != pixels:
            for label in (self.elapsed, self.remaining, self.clock):
                _big(label, pixels)
            _big(self.pace, max(30, pixels * 2 // 5))

    def show_time(self, session: LiveSession, pacing: Pacing) -> None:
        """Show the session's clocks and pace."""
        # Minutes past 60 read better on a 90-minute course than hours: "86:00".
        self.elapsed.setText(clock_text(session.elapsed(), hours_after=100))
        remaining = session.remaining()
        self.remaining.setText(clock_text(remaining, hours_after=100))
        self.remaining.setProperty("state", "over" if remaining < 0 else "")
        now = time.localtime(session.clock())
        self.clock.setText(f"{now.tm_hour}:{now.tm_min:02d}")
        self.pace.setText(pacing.label)
        self.pace.setStyleSheet(f"color: {PACE_COLOURS[pacing.status]};")
        self.advice.setText(pacing.advice)
        self.start_button.setVisible(not session.ended)
        text = START_TEXTS[0] if session.status == "ready" else START_TEXTS[1]
        if self.start_button.text() != text:
            self.start_button.setText(text)
            self.start_button.setAccessibleName(
                "Start the session clock" if session.status == "ready" else "Restart the clock"
            )


class AgendaTable(QTableWidget):
    """The parts of the session with their planned and actual minutes; the current one marked."""

    def __init__(self, session: LiveSession, parent: QWidget | None = None) -> None:
        super().__init__(len(session.agenda.segments), 3, parent)
        self.setObjectName("agendaTable")
        self.setAccessibleName("Agenda: planned and actual minutes")
        self.setHorizontalHeaderLabels(["Part", "Plan", "Actual"])
        self.verticalHeader().setVisible(False)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.cells: list[tuple[QTableWidgetItem, QTableWidgetItem, QTableWidgetItem]] = []
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for row, segment in enumerate(session.agenda.segments):
            part = QTableWidgetItem(segment.label())
            plan = QTableWidgetItem(minutes_text(segment.planned_minutes))
            actual = QTableWidgetItem("")
            plan.setTextAlignment(right)
            actual.setTextAlignment(right)
            for column, item in enumerate((part, plan, actual)):
                self.setItem(row, column, item)
            self.cells.append((part, plan, actual))
        self.resizeRowsToContents()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        """Fit the rows to their wrapped text once the style sheet has set the font."""
        super().showEvent(event)
        self.resizeRowsToContents()

    def show_time(self, session: LiveSession) -> None:
        """Show the actual minutes so far and mark the part on screen."""
        current = session.agenda.slide_segment[session.current]
        for row, (segment, seconds) in enumerate(
            zip(session.agenda.segments, session.segment_seconds(), strict=True)
        ):
            actual = self.cells[row][2]
            actual.setText(clock_text(seconds) if seconds else "")
            over = seconds > segment.planned_minutes * 60 + 30
            actual.setForeground(QColor("#ff8080") if over else QColor("#f2f4f7"))
            for item in self.cells[row]:
                font = item.font()
                font.setBold(row == current)
                item.setFont(font)
                item.setBackground(QColor("#1f5f8b") if row == current else QColor(0, 0, 0, 0))

    def current_row_text(self) -> str:
        """Return the label of the marked part."""
        for part, _, _ in self.cells:
            if part.font().bold():
                return part.text()
        return ""


class SlideView(QWidget):
    """A painted slide: the current one as the room sees it, or the next one as it will be."""

    def __init__(self, stage: Stage, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.stage = stage
        self.view: AudienceView | None = None
        self.caption = ""
        self.setAccessibleName(name)
        self.setMinimumSize(QSize(240, 150))
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)

    def show_view(self, view: AudienceView | None, caption: str = "") -> None:
        """Show a view (None: nothing, e.g. after the last slide)."""
        if view != self.view or caption != self.caption:
            self.view, self.caption = view, caption
            self.setAccessibleDescription(caption)
            self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        """Paint the slide letterboxed, or a note when there is none."""
        painter = QPainter(self)
        try:
            rect = QRectF(self.rect())
            painter.fillRect(rect, QColor("#101418"))
            if self.view is None:
                painter.setPen(QColor("#c8ced6"))
                font = QFont(painter.font())
                font.setPixelSize(22)
                painter.setFont(font)
                painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), self.caption)
            else:
                self.stage.paint(painter, rect, self.view, preview=True)
        finally:
            painter.end()
