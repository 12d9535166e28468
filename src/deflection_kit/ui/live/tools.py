"""The console's tools: the countdown for discussions and breaks, and messages to the room."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from deflection_kit.live import clock_text
from deflection_kit.ui.live.controller import LiveController
from deflection_kit.ui.live.panels import _big

PRESETS = (1, 2, 3, 5, 10)


def _button(text: str, name: str, tip: str = "") -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(name)
    button.setObjectName(name.lower().replace(" ", "-"))
    if tip:
        button.setToolTip(tip)
    # Clicking a button must not take the keys away from the slides; Tab still reaches it.
    button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
    return button


class CountdownPanel(QGroupBox):
    """A countdown: presets, start/pause, one more minute, show it to the room."""

    def __init__(self, controller: LiveController, parent: QWidget | None = None) -> None:
        super().__init__("Countdown", parent)
        self.controller = controller
        self.display = _big(QLabel("0:00"), 64)
        self.display.setAccessibleName("Countdown")
        self.display.setAlignment(Qt.AlignmentFlag.AlignCenter)
        presets = QHBoxLayout()
        self.preset_buttons: list[QPushButton] = []
        for minutes in PRESETS:
            button = _button(f"{minutes} min", f"Count down {minutes} minutes")
            button.clicked.connect(
                lambda _checked=False, m=minutes: controller.start_countdown(m * 60)
            )
            presets.addWidget(button)
            self.preset_buttons.append(button)
        self.activity_button = _button("", "Count down this activity")
        self.activity_button.clicked.connect(self._start_activity)
        self.pause_button = _button("Start/Pause (T)", "Start or pause the countdown")
        self.pause_button.clicked.connect(controller.toggle_countdown)
        self.add_button = _button("+1 min (+)", "Add a minute to the countdown")
        self.add_button.clicked.connect(controller.add_minute)
        self.clear_button = _button("Clear", "Clear the countdown")
        self.clear_button.clicked.connect(controller.clear_countdown)
        self.on_screen = QCheckBox("Show to the room (S)")
        self.on_screen.setAccessibleName("Show the countdown on the audience screen")
        self.on_screen.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.on_screen.toggled.connect(controller.show_timer)
        controls = QHBoxLayout()
        for widget in (self.pause_button, self.add_button, self.clear_button):
            controls.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.addWidget(self.display)
        layout.addLayout(presets)
        layout.addWidget(self.activity_button)
        layout.addLayout(controls)
        layout.addWidget(self.on_screen)

    def _start_activity(self) -> None:
        slide = self.controller.session.agenda.slide(self.controller.session.current)
        if slide.minutes:
            self.controller.start_countdown(slide.minutes * 60)

    def refresh(self) -> None:
        """Show the time left and whether the room sees it."""
        session = self.controller.session
        left = session.countdown_left()
        text = clock_text(left) if session.countdown.is_set else "0:00"
        if session.countdown.is_set and not session.countdown.running and left > 0:
            text += " ⏸"
        self.display.setText(text)
        finished = session.countdown.finished(session.clock())
        self.display.setProperty("state", "finished" if finished else "")
        self.display.setStyleSheet("color: #ff8080;" if finished else "")
        slide = session.agenda.slide(session.current)
        self.activity_button.setVisible(bool(slide.minutes) and slide.role != "section")
        self.activity_button.setText(f"Count down this activity ({slide.minutes:g} min)")
        self.on_screen.blockSignals(True)
        self.on_screen.setChecked(session.timer_on_screen)
        self.on_screen.blockSignals(False)


class OverlayPanel(QGroupBox):
    """A message on the audience screen, and a break with a countdown."""

    def __init__(self, controller: LiveController, parent: QWidget | None = None) -> None:
        super().__init__("Message to the room", parent)
        self.controller = controller
        self.text = QLineEdit()
        self.text.setAccessibleName("Message text")
        self.text.setPlaceholderText("e.g. Back in 5 minutes")
        self.text.setMaxLength(200)
        self.text.returnPressed.connect(self._show)
        self.show_button = _button("Show", "Show the message")
        self.show_button.clicked.connect(self._show)
        self.clear_button = _button("Take down", "Take the message down")
        self.clear_button.clicked.connect(controller.clear_overlay)
        self.break_minutes = QSpinBox()
        self.break_minutes.setRange(1, 120)
        self.break_minutes.setValue(10)
        self.break_minutes.setSuffix(" min")
        self.break_minutes.setAccessibleName("Break length in minutes")
        self.break_button = _button("Start break", "Start a break with a countdown")
        self.break_button.clicked.connect(
            lambda: controller.start_break(self.break_minutes.value())
        )
        row = QHBoxLayout()
        row.addWidget(self.text, 1)
        row.addWidget(self.show_button)
        row.addWidget(self.clear_button)
        break_row = QHBoxLayout()
        label = QLabel("Brea&k:")  # Alt+B is the second answer of a check
        label.setBuddy(self.break_minutes)
        break_row.addWidget(label)
        break_row.addWidget(self.break_minutes)
        break_row.addWidget(self.break_button)
        break_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addLayout(break_row)

    def _show(self) -> None:
        if self.controller.show_overlay(self.text.text()):
            self.window().setFocus()

    def refresh(self) -> None:
        """Enable taking down only what is up."""
        self.clear_button.setEnabled(bool(self.controller.session.overlay))
