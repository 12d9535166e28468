"""Kiosk check-in: a full-screen window where each participant checks themselves in or out.

People see only their own name: names appear after three typed letters, with no email or
agency, and whether a chosen person is checked in shows only after "That's me". The screen
clears itself after each person and when left idle. The facilitator leaves with the PIN (or, without
one, a confirmation); closing the window any other way is refused.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from deflection_kit.errors import DeflectionKitError
from deflection_kit.storage import PersonFields
from deflection_kit.ui.sessions.controller import SessionsController
from deflection_kit.ui.sessions.kiosk_state import (
    IDLE_SECONDS,
    MAX_MATCHES,
    MIN_LETTERS,
    KioskLock,
    KioskMatch,
    is_checked_in,
    kiosk_matches,
)

DONE_SECONDS = 5
CONFIRM = "That's me"
KIOSK_STYLE = """
QWidget#kiosk { background: #f4f6f8; }
QLabel[role="kioskTitle"] { font-size: 30pt; font-weight: 600; color: #1f5f8b; }
QLabel[role="kioskText"] { font-size: 17pt; }
QLabel[role="kioskName"] { font-size: 34pt; font-weight: 600; }
QLineEdit { font-size: 26pt; padding: 12px; }
QPushButton { font-size: 20pt; padding: 14px 28px; }
QPushButton[role="match"] { text-align: left; background: white; }
"""


def _label(text: str, role: str) -> QLabel:
    label = QLabel(text)
    label.setProperty("role", role)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return label


class KioskWindow(QWidget):
    """Self check-in for one session."""

    left = Signal()  # the facilitator left kiosk mode
    done = Signal(str, str)  # ("in" | "out", participant id)

    def __init__(
        self, controller: SessionsController, session_id: str, pin: str = "",
        parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self.controller = controller
        self.session = controller.session(session_id)
        self.lock = KioskLock(pin)
        self._unlocked = False
        self._chosen: KioskMatch | None = None
        self._confirmed = False  # "That's me" pressed for the chosen name
        self.setObjectName("kiosk")
        self.setWindowTitle(f"Check-in — {self.session.title}")
        self.setAccessibleName("Kiosk check-in")
        self.setStyleSheet(KIOSK_STYLE)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)

        self.screens = QStackedWidget()
        self.search_screen = self._build_search()
        self.confirm_screen = self._build_confirm()
        self.walk_in_screen = self._build_walk_in()
        self.done_screen = self._build_done()
        self.leave_screen = self._build_leave()
        for screen in (self.search_screen, self.confirm_screen, self.walk_in_screen,
                       self.done_screen, self.leave_screen):  # fmt: skip
            self.screens.addWidget(screen)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(80, 48, 80, 32)
        layout.addWidget(self.screens, 1)
        footer = QLabel("Facilitator: press Esc to leave kiosk mode")
        footer.setProperty("role", "muted")
        footer.setAlignment(Qt.AlignmentFlag.AlignRight)
        layout.addWidget(footer)

        self.idle = QTimer(self)
        self.idle.setSingleShot(True)
        self.idle.setInterval(IDLE_SECONDS * 1000)
        self.idle.timeout.connect(self.reset)
        self.done_timer = QTimer(self)
        self.done_timer.setSingleShot(True)
        self.done_timer.setInterval(DONE_SECONDS * 1000)
        self.done_timer.timeout.connect(self.reset)
        self.reset()

    # -- screens -------------------------------------------------------------------------

    def _build_search(self) -> QWidget:
        screen = QWidget()
        title = _label(f"Welcome to {self.session.title}", "kioskTitle")
        prompt = _label("Type the first letters of your name, then tap it.", "kioskText")
        self.search = QLineEdit()
        self.search.setAccessibleName("Your name")
        self.search.setPlaceholderText("Your name")
        self.search.textChanged.connect(self._on_typed)
        self.hint = _label("", "kioskText")
        self.hint.setAccessibleName("Hint")
        self.match_buttons: list[QPushButton] = []
        matches = QVBoxLayout()
        for number in range(MAX_MATCHES):
            button = QPushButton()
            button.setProperty("role", "match")
            button.setAccessibleName(f"Name {number + 1}")
            button.clicked.connect(lambda _=False, n=number: self.choose(n))
            button.setVisible(False)
            self.match_buttons.append(button)
            matches.addWidget(button)
        self.walk_in_button = QPushButton("I'm not on the list")
        self.walk_in_button.setAccessibleName("I am not on the list")
        self.walk_in_button.clicked.connect(self.show_walk_in)
        layout = QVBoxLayout(screen)
        layout.addWidget(title)
        layout.addWidget(prompt)
        layout.addSpacing(16)
        layout.addWidget(self.search)
        layout.addWidget(self.hint)
        layout.addLayout(matches)
        layout.addStretch(1)
        layout.addWidget(self.walk_in_button, 0, Qt.AlignmentFlag.AlignHCenter)
        return screen

    def _build_confirm(self) -> QWidget:
        screen = QWidget()
        self.question = question = _label("Is this you?", "kioskText")
        question.setAccessibleName("Question")
        self.chosen_name = _label("", "kioskName")
        self.chosen_name.setAccessibleName("Chosen name")
        self.action_button = QPushButton()
        self.action_button.setProperty("role", "primary")
        self.action_button.setAccessibleName("Check in or out")
        self.action_button.clicked.connect(self.act)
        back = QPushButton("Not me — back")
        back.setAccessibleName("Back to the search")
        back.clicked.connect(self.reset)
        self.confirm_message = _label("", "kioskText")
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(back)
        row.addWidget(self.action_button)
        row.addStretch(1)
        layout = QVBoxLayout(screen)
        layout.addStretch(1)
        layout.addWidget(question)
        layout.addWidget(self.chosen_name)
        layout.addSpacing(24)
        layout.addLayout(row)
        layout.addWidget(self.confirm_message)
        layout.addStretch(2)
        return screen

    def _build_walk_in(self) -> QWidget:
        screen = QWidget()
        title = _label("Welcome! Tell us who you are", "kioskTitle")
        self.walk_name = QLineEdit()
        self.walk_name.setAccessibleName("Your full name")
        self.walk_agency = QLineEdit()
        self.walk_agency.setAccessibleName("Your agency or department")
        self.walk_discipline = QLineEdit()
        self.walk_discipline.setAccessibleName("Your discipline or role")
        self.walk_email = QLineEdit()
        self.walk_email.setAccessibleName("Your email (for your certificate)")
        form = QFormLayout()
        for text, field in (
            ("Full name", self.walk_name),
            ("Agency / department", self.walk_agency),
            ("Discipline / role", self.walk_discipline),
            ("Email (optional)", self.walk_email),
        ):
            label = QLabel(text)
            label.setProperty("role", "kioskText")
            label.setBuddy(field)
            form.addRow(label, field)
        self.walk_message = _label("", "kioskText")
        self.walk_message.setAccessibleName("Problem")
        submit = QPushButton("Check in")
        submit.setProperty("role", "primary")
        submit.setAccessibleName("Check me in")
        submit.clicked.connect(self.submit_walk_in)
        back = QPushButton("Back")
        back.setAccessibleName("Back to the search")
        back.clicked.connect(self.reset)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(back)
        row.addWidget(submit)
        layout = QVBoxLayout(screen)
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addWidget(self.walk_message)
        layout.addStretch(1)
        layout.addLayout(row)
        return screen

    def _build_done(self) -> QWidget:
        screen = QWidget()
        self.done_message = _label("", "kioskName")
        self.done_message.setAccessibleName("Confirmation")
        self.done_detail = _label("", "kioskText")
        ok = QPushButton("Done")
        ok.setAccessibleName("Done")
        ok.clicked.connect(self.reset)
        layout = QVBoxLayout(screen)
        layout.addStretch(1)
        layout.addWidget(self.done_message)
        layout.addWidget(self.done_detail)
        layout.addSpacing(24)
        layout.addWidget(ok, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        return screen

    def _build_leave(self) -> QWidget:
        screen = QWidget()
        title = _label("Leave kiosk mode", "kioskTitle")
        self.leave_prompt = _label("", "kioskText")
        self.pin = QLineEdit()
        self.pin.setAccessibleName("Facilitator PIN")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.returnPressed.connect(self.try_leave)
        self.leave_message = _label("", "kioskText")
        self.leave_message.setAccessibleName("PIN problem")
        leave = QPushButton("Leave kiosk mode")
        leave.setAccessibleName("Leave kiosk mode")
        leave.clicked.connect(self.try_leave)
        stay = QPushButton("Stay")
        stay.setAccessibleName("Stay in kiosk mode")
        stay.clicked.connect(self.reset)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(stay)
        row.addWidget(leave)
        row.addStretch(1)
        layout = QVBoxLayout(screen)
        layout.addStretch(1)
        layout.addWidget(title)
        layout.addWidget(self.leave_prompt)
        layout.addWidget(self.pin, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.leave_message)
        layout.addLayout(row)
        layout.addStretch(2)
        return screen

    # -- behaviour -----------------------------------------------------------------------

    def reset(self) -> None:
        """Clear everything typed and return to the search screen."""
        self.idle.stop()
        self.done_timer.stop()
        self._chosen = None
        self._confirmed = False
        self._matches: list[KioskMatch] = []
        for field in (self.search, self.walk_name, self.walk_agency, self.walk_discipline,
                      self.walk_email, self.pin):  # fmt: skip
            field.clear()
        self.confirm_message.clear()
        self.walk_message.clear()
        self.leave_message.clear()
        self._show_matches([])
        self.hint.setText(f"Type at least {MIN_LETTERS} letters of your first or last name.")
        self.screens.setCurrentWidget(self.search_screen)
        self.search.setFocus()

    def _on_typed(self, text: str) -> None:
        self.idle.start()
        try:
            entries = self.controller.roster(self.session.id)
        except DeflectionKitError as error:
            self.hint.setText(str(error))
            return
        self._matches = kiosk_matches(entries, text)
        self._show_matches(self._matches)
        if not text.strip():
            self.idle.stop()
        if self._matches:
            self.hint.setText("Tap your name:")
        elif sum(ch.isalnum() for ch in text) >= MIN_LETTERS:
            self.hint.setText("No match. Check the spelling, or tap “I'm not on the list”.")
        else:
            self.hint.setText(f"Type at least {MIN_LETTERS} letters of your first or last name.")

    def _show_matches(self, matches: list[KioskMatch]) -> None:
        for number, button in enumerate(self.match_buttons):
            if number < len(matches):
                button.setText(matches[number].name)
                button.setAccessibleName(matches[number].name)
                button.setVisible(True)
            else:
                button.setText("")
                button.setVisible(False)

    def visible_names(self) -> list[str]:
        """Return the names the kiosk shows right now."""
        return [b.text() for b in self.match_buttons if not b.isHidden()]

    def choose(self, number: int) -> None:
        """Pick an offered name: ask "Is this you?" (the person's state shows only after yes)."""
        if number >= len(self._matches):
            return
        self._chosen = self._matches[number]
        self._confirmed = False
        self.question.setText("Is this you?")
        self.chosen_name.setText(self._chosen.name)
        self.action_button.setText(CONFIRM)
        self.confirm_message.clear()
        self.screens.setCurrentWidget(self.confirm_screen)
        self.action_button.setFocus()
        self.idle.start()

    def _offer_action(self) -> None:
        """After "That's me": say whether they are checked in, and offer the other action."""
        assert self._chosen is not None
        here = is_checked_in(self.controller.roster(self.session.id), self._chosen.participant_id)
        self._confirmed = True
        self.question.setText(
            "You are checked in. Leaving now?" if here else "You are not checked in yet."
        )
        self.action_button.setText("Check out" if here else "Check in")
        self.action_button.setFocus()
        self.idle.start()

    def act(self) -> None:
        """Check the chosen person in or out."""
        if self._chosen is None:
            return
        if not self._confirmed:
            self._offer_action()
            return
        checking_out = self.action_button.text() == "Check out"
        try:
            if checking_out:
                result = self.controller.check_out(self.session.id, self._chosen.participant_id)
            else:
                result = self.controller.check_in(self.session.id, self._chosen.participant_id)
        except DeflectionKitError as error:
            self.confirm_message.setText(f"{error}. Please ask the facilitator.")
            return
        self._finish(
            "out" if checking_out else "in", result.participant.id, result.participant.name
        )

    def show_walk_in(self) -> None:
        """Show the form for someone who is not on the roster."""
        self.screens.setCurrentWidget(self.walk_in_screen)
        self.walk_name.setText(self.search.text())
        self.walk_name.setFocus()
        self.idle.start()

    def submit_walk_in(self) -> None:
        """Check in the person the walk-in form describes."""
        if not self.walk_name.text().strip():
            self.walk_message.setText("Please type your full name.")
            return
        person = PersonFields(
            name=self.walk_name.text(),
            email=self.walk_email.text(),
            agency=self.walk_agency.text(),
            discipline=self.walk_discipline.text(),
        )
        try:
            result = self.controller.check_in(self.session.id, person)
        except DeflectionKitError as error:
            self.walk_message.setText(f"{error}. Please check, or ask the facilitator.")
            return
        self._finish("in", result.participant.id, result.participant.name)

    def _finish(self, action: str, participant_id: str, name: str) -> None:
        first = name.split()[0] if name.split() else name
        if action == "in":
            self.done_message.setText(f"Welcome, {first}!")
            self.done_detail.setText("You're checked in. Enjoy the training.")
        else:
            self.done_message.setText(f"Thank you, {first}!")
            self.done_detail.setText("You're checked out. Safe travels.")
        self.search.clear()  # the next person must not see who came before
        self.idle.stop()
        self.screens.setCurrentWidget(self.done_screen)
        self.done_timer.start()
        self.done.emit(action, participant_id)

    # -- leaving -------------------------------------------------------------------------

    def request_leave(self) -> None:
        """Show the facilitator's way out (PIN, or a confirmation without one)."""
        self.idle.stop()
        self.done_timer.stop()
        if self.lock.has_pin:
            self.leave_prompt.setText("Facilitator: enter the kiosk PIN.")
            self.pin.setVisible(True)
        else:
            self.leave_prompt.setText("Facilitator: leave kiosk mode and return to the app?")
            self.pin.setVisible(False)
        self.screens.setCurrentWidget(self.leave_screen)
        self.pin.setFocus()

    def try_leave(self) -> None:
        """Leave if the PIN is right."""
        if not self.lock.opens_with(self.pin.text()):
            self.pin.clear()
            self.leave_message.setText("That PIN is not right.")
            return
        self._unlocked = True
        self.left.emit()
        self.close()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        """Esc asks for the way out; nothing else leaves the kiosk."""
        if event.key() == Qt.Key.Key_Escape:
            if self.screens.currentWidget() is self.leave_screen:
                self.reset()
            else:
                self.request_leave()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        """Refuse to close until the facilitator has unlocked the kiosk."""
        if self._unlocked:
            event.accept()
            return
        event.ignore()
        self.request_leave()
