"""The Present dialog: which session (or a rehearsal), which deck, how many minutes."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from deflection_kit.content import Course
from deflection_kit.decks import DeckOptions
from deflection_kit.ui.decks.options_form import DeckOptionsForm

REHEARSAL = ""


@dataclass(frozen=True)
class SessionChoice:
    """A session the facilitator can present to."""

    id: str
    label: str
    minutes: int
    audience: str = ""
    pathways: tuple[str, ...] = ()


@dataclass(frozen=True)
class PresentChoice:
    """What the facilitator chose in the dialog."""

    session_id: str  # "" for a rehearsal with no session record
    title: str
    options: DeckOptions
    minutes: int


class PresentDialog(QDialog):
    """Choose a session and the deck options, then present."""

    def __init__(
        self,
        course: Course,
        sessions: list[SessionChoice] | None = None,
        session_id: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.course = course
        self.setWindowTitle("Present the course")
        self.setAccessibleName("Present the course")
        self.sessions = {choice.id: choice for choice in sessions or []}
        self.session = QComboBox()
        self.session.setAccessibleName("Session")
        self.session.addItem("Rehearsal (no session record)", REHEARSAL)
        for choice in sessions or []:
            self.session.addItem(choice.label, choice.id)
        self.minutes = QSpinBox()
        self.minutes.setAccessibleName("Session length in minutes")
        self.minutes.setRange(5, 600)
        self.minutes.setSuffix(" min")
        self.minutes.setValue(course.info.minutes)
        self.form = DeckOptionsForm(course)
        scroll = QScrollArea()
        scroll.setWidget(self.form)
        scroll.setWidgetResizable(True)
        scroll.setMinimumSize(520, 420)
        top = QFormLayout()
        session_label = QLabel("&Session:")
        session_label.setBuddy(self.session)
        top.addRow(session_label, self.session)
        minutes_label = QLabel("&Length:")
        minutes_label.setBuddy(self.minutes)
        top.addRow(minutes_label, self.minutes)
        intro = QLabel(
            "The slides are the deck the Decks page builds from these options. The audience "
            "screen goes full screen on a second display when there is one."
        )
        intro.setWordWrap(True)
        intro.setProperty("role", "muted")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.present_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.present_button.setText("&Present")
        self.present_button.setAccessibleName("Present")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        self.session.currentIndexChanged.connect(self._session_changed)
        if session_id:
            index = self.session.findData(session_id)
            if index >= 0:
                self.session.setCurrentIndex(index)

    def _session_changed(self) -> None:
        choice = self.sessions.get(str(self.session.currentData() or ""))
        if choice is None:
            return
        self.minutes.setValue(choice.minutes)
        if choice.audience:
            self.form.select(self.form.audience, choice.audience)
        if choice.pathways:
            self.form.set_pathways(choice.pathways)

    def choice(self) -> PresentChoice:
        """Return what was chosen."""
        session_id = str(self.session.currentData() or "")
        title = self.session.currentText() if session_id else "Rehearsal"
        return PresentChoice(session_id, title, self.form.options(), self.minutes.value())
