"""Type in paper forms quickly: a knowledge check is a row of letters, an evaluation of digits.

Pick the session, then for each sheet type the code and the answers as one string (Enter
saves and clears for the next sheet); for each evaluation type one digit per statement, tick
the role, add the comments and press Ctrl+Enter. The string is read back as you type, so a slip
shows before it is saved. Sheets typed in wrongly can be picked from the list and deleted.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from deflection_kit.content import Course, Question
from deflection_kit.errors import DeflectionKitError
from deflection_kit.materials import evaluation
from deflection_kit.materials.entry import (
    check_results,
    choice_keys,
    mean_share,
    parse_answers,
    parse_ratings,
    session_questions,
    typed_answers,
    typed_ratings,
)
from deflection_kit.storage import Session, Store
from deflection_kit.ui.materials.widgets import fill_sessions, load_sessions, named, row
from deflection_kit.ui.pages import AppContext

PHASE_NAMES = {"pre": "Before", "post": "After"}


def _left(*widgets: QWidget) -> QHBoxLayout:
    line = QHBoxLayout()
    for widget in widgets:
        line.addWidget(widget)
    line.addStretch(1)
    return line


def _sheets(count: int) -> str:
    return f"{count} sheet" if count == 1 else f"{count} sheets"


def _percent(share: float | None) -> str:
    return "–" if share is None else f"{round(share * 100)}%"


class CheckEntry(QWidget):
    """Type in knowledge-check sheets for one session."""

    saved = Signal()

    def __init__(self, panel: EntryPanel) -> None:
        super().__init__()
        self.panel = panel
        self.questions: list[Question] = []
        self.before = named(QRadioButton("&Before the course"), "Before the course")
        self.after = named(QRadioButton("After the co&urse"), "After the course")
        self.before.setChecked(True)
        phases = QButtonGroup(self)
        phases.addButton(self.before)
        phases.addButton(self.after)
        self.code = named(QLineEdit(), "Code on the sheet", "The code the participant wrote")
        self.code.setPlaceholderText("optional")
        self.answers = named(QLineEdit(), "Answers", "One letter per question, - for blank")
        self.answers.setPlaceholderText("one letter per question, e.g. BACC-A")
        self.answers.textChanged.connect(self._preview)
        self.answers.returnPressed.connect(self.save)
        self.code.returnPressed.connect(self.answers.setFocus)
        self.reading = named(QLabel(), "Answers as read")
        self.reading.setWordWrap(True)
        self.reading.setProperty("role", "muted")
        self.save_button = named(QPushButton("Save shee&t"), "Save this sheet")
        self.save_button.clicked.connect(self.save)
        self.sheets = named(QListWidget(), "Sheets typed in")
        self.delete_button = named(QPushButton("&Delete sheet"), "Delete the selected sheet")
        self.delete_button.clicked.connect(self.delete)
        self.summary = named(QLabel(), "Knowledge check summary")
        self.summary.setWordWrap(True)
        form = QFormLayout()
        phase_row = QHBoxLayout()
        phase_row.addWidget(self.before)
        phase_row.addWidget(self.after)
        phase_row.addStretch(1)
        form.addRow("Phase:", phase_row)
        self._add(form, "C&ode:", self.code)
        self._add(form, "&Answers:", row(self.answers, self.save_button), self.answers)
        form.addRow("", self.reading)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(self.sheets, 1)
        layout.addLayout(_left(self.delete_button))

    def _add(
        self, form: QFormLayout, text: str, field: QWidget, buddy: QWidget | None = None
    ) -> None:
        label = QLabel(text)
        label.setBuddy(buddy or field)
        form.addRow(label, field)

    def phase(self) -> str:
        """Return the phase chosen: pre or post."""
        return "pre" if self.before.isChecked() else "post"

    def load(self, course: Course, session: Session | None) -> None:
        """Show a session's questions and sheets."""
        self.questions = session_questions(course, session) if session else []
        self.setEnabled(session is not None)
        self._preview()
        self.refresh()

    def _preview(self) -> None:
        if not self.questions:
            self.reading.setText("Choose a session first.")
            return
        text = self.answers.text()
        typed = [c for c in text.upper() if not c.isspace()]
        parts = []
        for number, question in enumerate(self.questions, start=1):
            keys = "/".join(choice_keys(question))
            shown = typed[number - 1] if number <= len(typed) else "·"
            parts.append(f"{number}:{shown}" if shown != "·" else f"{number}:({keys})")
        self.reading.setText("  ".join(parts))
        try:
            if len(typed) == len(self.questions):
                parse_answers(text, self.questions)
        except DeflectionKitError as error:
            self.reading.setText(f"{'  '.join(parts)}\n{error}")

    def save(self) -> None:
        """Save the sheet typed in, then clear for the next one."""
        session = self.panel.current_session()
        if session is None:
            return
        try:
            answers = parse_answers(self.answers.text(), self.questions)
            with Store.open(self.panel.context.db_path) as store:
                store.check_sheets.add(session.id, self.phase(), answers, self.code.text())
        except DeflectionKitError as error:
            self.reading.setText(str(error))
            return
        self.answers.clear()
        self.code.clear()
        self.code.setFocus()
        self.refresh()
        self.saved.emit()

    def refresh(self) -> None:
        """Reload the session's sheets and their summary."""
        self.sheets.clear()
        session = self.panel.current_session()
        if session is None:
            self.summary.setText("")
            return
        with Store.open(self.panel.context.db_path) as store:
            sheets = store.check_sheets.list(session.id)
        for number, sheet in enumerate(sheets, start=1):
            right = sum(1 for q in self.questions if sheet.answers.get(q.id) == q.answer_index)
            code = f" · code {sheet.code}" if sheet.code else ""
            text = (
                f"{number}. {PHASE_NAMES[sheet.phase]}{code} · "
                f"{typed_answers(sheet.answers, self.questions)} · {right} right"
            )
            item = QListWidgetItem(text)
            item.setData(256, sheet.id)
            self.sheets.addItem(item)
        parts = []
        for phase in ("pre", "post"):
            count = sum(1 for s in sheets if s.phase == phase)
            share = mean_share(check_results(sheets, self.questions, phase))
            parts.append(f"{PHASE_NAMES[phase]}: {_sheets(count)}, {_percent(share)} right")
        self.summary.setText(" · ".join(parts))

    def delete(self) -> None:
        """Delete the selected sheet."""
        item = self.sheets.currentItem()
        if item is None:
            return
        with Store.open(self.panel.context.db_path) as store:
            store.check_sheets.delete(str(item.data(256)))
        self.refresh()


class EvaluationEntry(QWidget):
    """Type in evaluation forms for one session."""

    saved = Signal()

    def __init__(self, panel: EntryPanel) -> None:
        super().__init__()
        self.panel = panel
        self.statements = evaluation.statements(panel.context.course)
        self.ratings = named(QLineEdit(), "Ratings", "One digit 1-5 per statement, - for blank")
        self.ratings.setPlaceholderText(f"{len(self.statements)} digits, e.g. 5544-45…")
        self.ratings.textChanged.connect(self._preview)
        self.reading = named(QLabel(), "Ratings as read")
        self.reading.setWordWrap(True)
        self.reading.setProperty("role", "muted")
        self.role = named(QComboBox(), "Role ticked")
        self.role.addItem("(none ticked)", "")
        for key, name in evaluation.roles(panel.context.course):
            self.role.addItem(name, key)
        self.comments: dict[str, QPlainTextEdit] = {}
        form = QFormLayout()
        self._add(form, "&Ratings:", self.ratings)
        form.addRow("", self.reading)
        self._add(form, "R&ole:", self.role)
        for number, comment in enumerate(evaluation.COMMENTS, start=1):
            box = named(QPlainTextEdit(), comment.prompt)
            box.setTabChangesFocus(True)
            box.setFixedHeight(54)
            self.comments[comment.id] = box
            self._add(form, f"&{number}. {comment.prompt}", box)
        self.save_button = named(QPushButton("S&ave form (Ctrl+Enter)"), "Save this form")
        self.save_button.clicked.connect(self.save)
        shortcut = QShortcut(QKeySequence("Ctrl+Return"), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.setWhatsThis("Save the evaluation form typed in")
        shortcut.activated.connect(self.save)
        self.forms = named(QListWidget(), "Forms typed in")
        self.delete_button = named(QPushButton("&Delete form"), "Delete the selected form")
        self.delete_button.clicked.connect(self.delete)
        self.summary = named(QLabel(), "Evaluation summary")
        self.summary.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(_left(self.save_button))
        layout.addWidget(self.summary)
        layout.addWidget(self.forms, 1)
        layout.addLayout(_left(self.delete_button))

    def _add(self, form: QFormLayout, text: str, field: QWidget) -> None:
        label = QLabel(text)
        label.setBuddy(field)
        label.setWordWrap(True)
        form.addRow(label, field)

    def _preview(self) -> None:
        typed = [c for c in self.ratings.text() if not c.isspace()]
        try:
            parse_ratings(self.ratings.text(), self.statements, complete=False)
        except DeflectionKitError as error:
            self.reading.setText(str(error))
            return
        if len(typed) < len(self.statements):
            upcoming = self.statements[len(typed)]
            self.reading.setText(f"Next: {len(typed) + 1}. {upcoming.text}")
        else:
            self.reading.setText("All statements typed; add the role and comments, then save.")

    def save(self) -> None:
        """Save the form typed in, then clear for the next one."""
        session = self.panel.current_session()
        if session is None:
            return
        comments = {key: box.toPlainText() for key, box in self.comments.items()}
        comments[evaluation.ROLE_KEY] = str(self.role.currentData() or "")
        try:
            ratings = parse_ratings(self.ratings.text(), self.statements)
            with Store.open(self.panel.context.db_path) as store:
                store.feedback.add(session.id, ratings, comments)
        except DeflectionKitError as error:
            self.reading.setText(str(error))
            return
        self.ratings.clear()
        self.role.setCurrentIndex(0)
        for box in self.comments.values():
            box.clear()
        self.ratings.setFocus()
        self.refresh()
        self.saved.emit()

    def refresh(self) -> None:
        """Reload the session's forms."""
        self.forms.clear()
        session = self.panel.current_session()
        self.setEnabled(session is not None)
        if session is None:
            self.summary.setText("")
            return
        with Store.open(self.panel.context.db_path) as store:
            forms = store.feedback.list(session.id)
        for number, form in enumerate(forms, start=1):
            item = QListWidgetItem(f"{number}. {typed_ratings(form.ratings, self.statements)}")
            item.setData(256, form.id)
            self.forms.addItem(item)
        rated = [v for f in forms for v in f.ratings.values()]
        mean = f"{sum(rated) / len(rated):.1f} of 5" if rated else "–"
        count = f"{len(forms)} form" + ("" if len(forms) == 1 else "s")
        self.summary.setText(f"{count} · mean rating {mean}")

    def delete(self) -> None:
        """Delete the selected form."""
        item = self.forms.currentItem()
        if item is None:
            return
        with Store.open(self.panel.context.db_path) as store:
            store.feedback.delete(str(item.data(256)))
        self.refresh()


class EntryPanel(QWidget):
    """Choose a session, then type in its knowledge checks and evaluations."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.session = named(QComboBox(), "Session for the paper forms")
        self.session.currentIndexChanged.connect(self._session_changed)
        self.refresh_button = named(QPushButton("Re&load"), "Reload the session list")
        self.refresh_button.clicked.connect(self.refresh_sessions)
        self.hint = QLabel()
        self.hint.setProperty("role", "muted")
        self.hint.setWordWrap(True)
        self.checks = CheckEntry(self)
        self.evaluations = EvaluationEntry(self)
        self.tabs = named(QTabWidget(), "Paper forms")
        self.tabs.addTab(self.checks, "&Knowledge checks")
        self.tabs.addTab(self.evaluations, "E&valuations")
        top = QHBoxLayout()
        label = QLabel("Se&ssion:")
        label.setBuddy(self.session)
        top.addWidget(label)
        top.addWidget(self.session, 1)
        top.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.hint)
        layout.addWidget(self.tabs, 1)
        self.refresh_sessions()

    def current_session(self) -> Session | None:
        """Return the session chosen."""
        session = self.session.currentData()
        return session if isinstance(session, Session) else None

    def refresh_sessions(self) -> None:
        """Reload the sessions from the database."""
        sessions = load_sessions(self.context.db_path)
        fill_sessions(self.session, sessions, "")
        self.hint.setText(
            "Answers are anonymous. Letters and digits follow the numbering on the printed forms."
            if sessions
            else "No sessions yet: plan one on the Sessions page (Ctrl+2), then type in "
            "its paper forms here."
        )
        self._session_changed()

    def _session_changed(self) -> None:
        self.checks.load(self.context.course, self.current_session())
        self.evaluations.refresh()
