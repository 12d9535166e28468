"""The presenter console (the laptop): timers, agenda, current and next slide, notes, tools.

Keys work as in PowerPoint: Right, Space, Page Down next; Left, Page Up previous; a number
then Enter jumps straight there (the room sees no slide in between); B and W black or white out
the audience screen; Esc ends the session after asking. The same keys work when the audience
window has the focus (a clicker may be talking to it).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QFont, QKeyEvent, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from deflection_kit.live import AudienceView
from deflection_kit.ui.live.check_entry import CheckPanel
from deflection_kit.ui.live.controller import LiveController
from deflection_kit.ui.live.panels import AgendaTable, SlideView, TimerBar
from deflection_kit.ui.live.stage import Stage
from deflection_kit.ui.live.tools import CountdownPanel, OverlayPanel

NOTES_PX = 22
NOTES_RANGE = (12, 56)
MAX_JUMP_DIGITS = 4
# Keys an entry box needs for itself (a count goes up with Up): while one has the focus they
# do not turn slides. Esc leaves the box, and the slide keys work again.
ENTRY_KEYS = frozenset(
    {Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown,
     Qt.Key.Key_Home, Qt.Key.Key_End}
)  # fmt: skip

CONSOLE_STYLE = """
QMainWindow#presenterConsole, QMainWindow#presenterConsole QWidget {
    background: #101418; color: #f2f4f7; }
QMainWindow#presenterConsole QLabel[role="caption"] {
    color: #c8ced6; font-size: 13pt; font-weight: 600; letter-spacing: 1px; }
QMainWindow#presenterConsole QLabel#paceAdvice { font-size: 15pt; color: #ffd479; }
QMainWindow#presenterConsole QGroupBox {
    border: 1px solid #3a4450; border-radius: 6px; margin-top: 14px; padding: 8px;
    font-size: 12pt; font-weight: 600; }
QMainWindow#presenterConsole QGroupBox::title { subcontrol-origin: margin; left: 10px; }
QMainWindow#presenterConsole QPushButton {
    background: #1d252e; color: #f2f4f7; border: 1px solid #5a6674; border-radius: 4px;
    padding: 6px 10px; font-size: 12pt; }
QMainWindow#presenterConsole QPushButton[role="primary"] {
    background: #2f7fc1; border-color: #2f7fc1; }
QMainWindow#presenterConsole QPushButton:focus { border: 2px solid #ffd479; }
QMainWindow#presenterConsole QSpinBox, QMainWindow#presenterConsole QLineEdit {
    background: #1d252e; border: 1px solid #5a6674; padding: 4px; font-size: 13pt; }
QMainWindow#presenterConsole QTableWidget {
    background: #151b21; gridline-color: #2a323b; font-size: 15pt; border: none; }
QMainWindow#presenterConsole QHeaderView::section {
    background: #1d252e; color: #c8ced6; border: none; padding: 6px; font-weight: 600; }
QMainWindow#presenterConsole QTextBrowser#notes { background: #151b21; border: none; }
QMainWindow#presenterConsole QStatusBar QLabel { font-size: 14pt; }
QMainWindow#presenterConsole QLabel#jumpLabel { color: #ffd479; font-size: 20pt; font-weight: 700; }
QMainWindow#presenterConsole QCheckBox { font-size: 12pt; }
QMainWindow#presenterConsole QCheckBox::indicator {
    width: 18px; height: 18px; border: 2px solid #c8ced6; border-radius: 3px; }
QMainWindow#presenterConsole QCheckBox::indicator:checked { background: #8cc8ff; }
"""


class PresenterConsole(QMainWindow):
    """The facilitator's window during a live session."""

    finished = Signal()  # the session was ended

    def __init__(self, controller: LiveController, stage: Stage) -> None:
        super().__init__()
        self.controller = controller
        self.stage = stage
        self.session = controller.session
        self.jump_digits = ""
        self.notes_px = NOTES_PX
        self._end_box: QMessageBox | None = None
        self.setObjectName("presenterConsole")
        self.setWindowTitle(f"Presenter — {self.session.title}")
        self.setStyleSheet(CONSOLE_STYLE)
        self.resize(1600, 950)

        self.timers = TimerBar()
        self.agenda = AgendaTable(self.session)
        self.agenda.setMinimumWidth(380)
        self.agenda.setMaximumWidth(460)
        self.current_view = SlideView(stage, "Current slide, as the room sees it")
        self.current_view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.next_view = SlideView(stage, "Next slide")
        self.next_view.setMinimumHeight(150)
        self.next_view.setMaximumHeight(280)
        self.notes = QTextBrowser()
        self.notes.setObjectName("notes")
        self.notes.setAccessibleName("Speaker notes")
        self.notes.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.current_caption = QLabel()
        self.current_caption.setProperty("role", "caption")
        self.next_caption = QLabel("NEXT")
        self.next_caption.setProperty("role", "caption")
        self.countdown = CountdownPanel(controller)
        self.checks = CheckPanel(controller)
        self.overlay = OverlayPanel(controller)
        self.position = QLabel()
        self.position.setAccessibleName("Slide position")
        self.jump_label = QLabel()
        self.jump_label.setObjectName("jumpLabel")
        self.jump_label.setAccessibleName("Slide number being typed")
        self.message = QLabel()
        self.message.setAccessibleName("Last message")

        middle = QVBoxLayout()
        middle.addWidget(self.current_caption)
        middle.addWidget(self.current_view, 3)
        middle.addWidget(self.notes, 2)
        tools = QWidget()
        tools_layout = QVBoxLayout(tools)
        tools_layout.setContentsMargins(0, 0, 4, 0)
        tools_layout.addWidget(self.checks)
        tools_layout.addWidget(self.countdown)
        tools_layout.addWidget(self.overlay)
        tools_layout.addStretch(1)
        # On a small laptop screen the tools scroll; the slides and timers never do.
        scroll = QScrollArea()
        scroll.setWidget(tools)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tools_scroll = scroll
        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(self.next_caption)
        right.addWidget(self.next_view)
        right.addWidget(scroll, 1)
        right_box = QWidget()
        right_box.setLayout(right)
        right_box.setMinimumWidth(420)
        right_box.setMaximumWidth(520)
        body = QHBoxLayout()
        body.addWidget(self.agenda)
        body.addLayout(middle, 1)
        body.addWidget(right_box)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.timers)
        layout.addLayout(body, 1)
        self.setCentralWidget(central)
        self.statusBar().addWidget(self.position)
        self.statusBar().addWidget(self.jump_label)
        self.statusBar().addPermanentWidget(self.message)

        self._build_actions()
        controller.changed.connect(self.refresh)
        controller.ticked.connect(self.refresh_time)
        controller.failed.connect(self.message.setText)
        controller.audience.key_pressed.connect(self.handle_key)
        self.timers.start_button.clicked.connect(self.start_or_restart_clock)
        self.set_notes_size(self.notes_px)
        self.refresh()
        self.current_view.setFocus()

    # --- actions and keys -------------------------------------------------------------

    def _action(self, text: str, keys: list[str], slot: object) -> QAction:
        action = QAction(text, self)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        # The audience window answers the same keys.
        self.controller.audience.addAction(action)
        return action

    def _build_actions(self) -> None:
        c = self.controller
        self.next_action = self._action(
            "Next slide", ["Right", "Space", "PgDown", "Down", "N"], c.next
        )
        self.previous_action = self._action(
            "Previous slide", ["Left", "PgUp", "Up", "P"], c.previous
        )
        self._action("Black screen (again: back)", ["B", "."], lambda: c.toggle_blank("black"))
        self._action("White screen (again: back)", ["W", ","], lambda: c.toggle_blank("white"))
        self._action("Reveal or hide the answers", ["R"], self.checks.toggle_reveal)
        self._action("Start or pause the countdown", ["T"], self._toggle_countdown)
        self._action("Add a minute to the countdown", ["+"], c.add_minute)
        self._action(
            "Show the countdown to the room",
            ["S"],
            lambda: c.show_timer(not self.session.timer_on_screen),
        )
        self._action("Larger notes", ["Ctrl++", "Ctrl+="], lambda: self.set_notes_size(+2, True))
        self._action("Smaller notes", ["Ctrl+-"], lambda: self.set_notes_size(-2, True))
        self._action("End the session", ["Esc"], self.escape)
        self._action("Keyboard shortcuts", ["F1", "?"], self.show_shortcuts)
        self.setProperty("extraShortcuts", [("Go to slide", "number, then Enter")])

    def _toggle_countdown(self) -> None:
        if self.session.countdown.is_set:
            self.controller.toggle_countdown()
        else:
            slide = self.session.agenda.slide(self.session.current)
            self.controller.start_countdown((slide.minutes or 1) * 60)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        """Collect a slide number; Enter jumps to it."""
        if not self.handle_key(event):
            super().keyPressEvent(event)

    def event(self, event: QEvent) -> bool:
        """Leave Up, Down, Page Up/Down, Home and End to an entry box that has the focus."""
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.key() in ENTRY_KEYS
            and self.typing()
        ):
            event.accept()
            return True
        return super().event(event)

    def typing(self) -> bool:
        """Return True while an entry box of the console has the keyboard focus."""
        focus = QApplication.focusWidget()
        if focus is None or focus.window() is not self:
            return False
        return isinstance(focus, QLineEdit | QAbstractSpinBox) or isinstance(
            focus.parent(), QAbstractSpinBox
        )

    def handle_key(self, event: QKeyEvent) -> bool:
        """Handle a digit or Enter (from this window or the audience's); return True if used."""
        key = event.key()
        if Qt.Key.Key_0 <= key <= Qt.Key.Key_9 and not event.modifiers() & ~(
            Qt.KeyboardModifier.KeypadModifier
        ):
            if len(self.jump_digits) < MAX_JUMP_DIGITS:
                self.jump_digits += chr(key)
            self._show_jump()
            event.accept()
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.jump_digits:
            number, self.jump_digits = int(self.jump_digits), ""
            self._show_jump()
            self.controller.goto(number)
            event.accept()
            return True
        if key == Qt.Key.Key_Backspace and self.jump_digits:
            self.jump_digits = self.jump_digits[:-1]
            self._show_jump()
            return True
        # Keys the audience window gets that are shortcuts reach the actions directly.
        return False

    def _show_jump(self) -> None:
        self.jump_label.setText(f"Go to slide: {self.jump_digits}▌" if self.jump_digits else "")

    def escape(self) -> None:
        """Esc: drop a half-typed number, leave an entry box, or ask to end the session."""
        if self.jump_digits:
            self.jump_digits = ""
            self._show_jump()
            return
        if self.typing():
            self.current_view.setFocus()
            return
        self.ask_to_end()

    def start_or_restart_clock(self) -> QMessageBox | None:
        """Start the session clock; once it runs, ask before setting it back to zero."""
        if self.session.status == "ready":
            self.controller.start()
            return None
        if self.session.ended:
            return None
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle("Set the clock back to zero?")
        box.setText("Set the session clock back to zero?")
        box.setInformativeText(
            "Use this after a rehearsal or a false start: the time so far is dropped from the "
            "delivery record and every part starts again at 0:00. The slide stays where it is."
        )
        self.restart_button = box.addButton("&Restart the clock", QMessageBox.ButtonRole.AcceptRole)
        keep = box.addButton("&Keep the time", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.buttonClicked.connect(
            lambda button: (
                self.controller.restart_clock() if button is self.restart_button else None
            )
        )
        box.open()
        return box

    def ask_to_end(self) -> QMessageBox | None:
        """Ask (without blocking) whether to end the session; return the question box."""
        if self.session.ended:
            self.close()
            return None
        if self._end_box is not None and self._end_box.isVisible():
            return self._end_box
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle("End the session?")
        box.setText("End the session now?")
        box.setInformativeText(
            "The clock stops, the audience screen closes and the delivery record is kept."
        )
        self.end_button = box.addButton("&End session", QMessageBox.ButtonRole.AcceptRole)
        self.keep_button = box.addButton("&Keep presenting", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(self.keep_button)
        box.setEscapeButton(self.keep_button)
        box.buttonClicked.connect(self._answered)
        self._end_box = box
        box.open()
        return box

    def _answered(self, button: object) -> None:
        if button is self.end_button:
            self.end_session()

    def end_session(self) -> None:
        """End the session and close the audience screen."""
        if self.controller.end():
            self.controller.stop()
            audience = self.controller.audience
            audience.allow_close = True
            audience.close()
            self.refresh()
            self.finished.emit()

    def set_notes_size(self, pixels: int, relative: bool = False) -> None:
        """Set the notes' text size (Ctrl+plus and Ctrl+minus change it by two pixels)."""
        size = self.notes_px + pixels if relative else pixels
        self.notes_px = max(NOTES_RANGE[0], min(NOTES_RANGE[1], size))
        font = QFont(self.notes.font())
        font.setPixelSize(self.notes_px)
        self.notes.setFont(font)
        self.notes.document().setDefaultFont(font)

    def show_shortcuts(self) -> None:
        """List every key of the console."""
        from deflection_kit.ui.shortcuts_dialog import ShortcutsDialog

        dialog = ShortcutsDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.open()

    # --- showing the state ------------------------------------------------------------

    def refresh(self) -> None:
        """Show the state after a change."""
        session = self.session
        agenda = session.agenda
        index = session.current
        slide = agenda.slide(index)
        view = session.audience_view()
        self.current_view.show_view(view)
        segment = agenda.segment_of(index)
        state = {"black": " · SCREEN BLACK", "white": " · SCREEN WHITE"}.get(view.blank, "")
        if view.chart is not None:
            state = " · CHART SHOWN"
        if session.ended:
            state = " · ENDED"
        self.current_caption.setText(f"NOW: SLIDE {index + 1} OF {len(agenda)}{state}")
        following = index + 1
        if following < len(agenda):
            self.next_view.show_view(AudienceView(slide=following))
            self.next_caption.setText(f"NEXT: {agenda.slide(following).title}")
        else:
            self.next_view.show_view(None, "End of the deck")
            self.next_caption.setText("NEXT: (end of the deck)")
        notes = slide.notes or "(No notes for this slide.)"
        if self.notes.toPlainText() != notes:
            self.notes.setPlainText(notes)
        self.position.setText(f"Slide {index + 1} of {len(agenda)} · {segment.label()}")
        self.checks.show_slot(session.current_check())
        self.overlay.refresh()
        self.refresh_time()

    def refresh_time(self) -> None:
        """Move the clocks; say so if the last change could not be saved."""
        error = self.controller.save_error()
        if error:
            self.message.setText(f"⚠ {error}")
        elif self.message.text().startswith("⚠"):
            self.message.setText("")
        self.timers.show_time(self.session, self.session.pacing())
        self.agenda.show_time(self.session)
        self.countdown.refresh()
        self.current_view.show_view(self.session.audience_view())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        """Keep the timers as large as the window allows."""
        self.timers.scale_to(event.size().height())
        super().resizeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        """Closing the console mid-session asks first; once ended it closes."""
        if not self.session.ended:
            event.ignore()
            self.ask_to_end()
            return
        self.controller.stop()
        audience = self.controller.audience
        audience.allow_close = True
        audience.close()
        event.accept()
