"""Type in paper feedback forms quickly: one digit per statement, Tab to the comments, Ctrl+Enter.

Each digit moves on to the next statement by itself, so a stack of forms goes in at typing speed;
forms typed in wrongly can be picked from the list and deleted.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QRegularExpression, Qt, Signal
from PySide6.QtGui import QKeySequence, QRegularExpressionValidator, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from deflection_kit.errors import DeflectionKitError
from deflection_kit.live.feedback import COMMENT_ITEMS, FEEDBACK_ITEMS
from deflection_kit.storage import FeedbackForm, Store
from deflection_kit.storage.feedback_tally import RATING_LABELS


class RatingBox(QLineEdit):
    """One digit, 1 to 5; typing it moves to the next box."""

    filled = Signal()

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMaxLength(1)
        self.setFixedWidth(44)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setValidator(QRegularExpressionValidator(QRegularExpression("[1-5]"), self))
        self.setAccessibleName(name)
        self.setPlaceholderText("–")
        self.textEdited.connect(lambda text: self.filled.emit() if text else None)

    def value(self) -> int | None:
        """Return the rating typed, or None when left blank."""
        return int(self.text()) if self.text() else None


class FeedbackDialog(QDialog):
    """Enter and correct the feedback forms of one session."""

    saved = Signal()

    def __init__(
        self,
        open_store: Callable[[], Store],
        session_id: str,
        title: str,
        entered_by: str = "",
        parent: QWidget | None = None,
        statements: Sequence[tuple[str, str]] = FEEDBACK_ITEMS,
        questions: Sequence[tuple[str, str]] = COMMENT_ITEMS,
    ) -> None:
        super().__init__(parent)
        self.statements = tuple(statements)
        self.open_store = open_store
        self.session_id = session_id
        self.entered_by = entered_by
        self.setWindowTitle(f"Feedback forms — {title}")
        self.setAccessibleName("Feedback forms")
        scale = " · ".join(f"{n} {label.lower()}" for n, label in enumerate(RATING_LABELS, 1))
        intro = QLabel(f"Type one digit per statement ({scale}); leave blank if not answered.")
        intro.setWordWrap(True)
        intro.setProperty("role", "muted")
        form = QFormLayout()
        self.ratings: dict[str, RatingBox] = {}
        for number, (item, text) in enumerate(statements, start=1):
            box = RatingBox(text)
            label = QLabel(f"{'&' if number < 10 else ''}{number}. {text}")
            label.setBuddy(box)
            form.addRow(label, box)
            self.ratings[item] = box
        self.comments: dict[str, QPlainTextEdit] = {}
        for item, question in questions:
            edit = QPlainTextEdit()
            edit.setTabChangesFocus(True)
            edit.setAccessibleName(question)
            edit.setFixedHeight(64)
            label = QLabel(question)
            label.setBuddy(edit)
            form.addRow(label)  # the question above, the answer box the full width under it
            form.addRow(edit)
            self.comments[item] = edit
        self.save_button = QPushButton("&Save form (Ctrl+Enter)")
        self.save_button.setAccessibleName("Save this form and start the next")
        self.save_button.setProperty("role", "primary")
        self.save_button.clicked.connect(self.save_form)
        boxes = list(self.ratings.values())
        first_comment: QWidget = self.comments[questions[0][0]] if questions else self.save_button
        for box, following in zip(boxes, [*boxes[1:], first_comment], strict=True):
            box.filled.connect(lambda w=following: self._go_to(w))
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.activated.connect(self.save_form)
        self.message = QLabel()
        self.message.setAccessibleName("Result")
        self.entered = QListWidget()
        self.entered.setAccessibleName("Forms entered")
        self.delete_button = QPushButton("&Delete selected form")
        self.delete_button.setAccessibleName("Delete the selected form")
        self.delete_button.clicked.connect(self.delete_selected)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        right = QVBoxLayout()
        listed = QLabel("Forms &entered:")
        listed.setBuddy(self.entered)
        right.addWidget(listed)
        right.addWidget(self.entered, 1)
        right.addWidget(self.delete_button)
        left = QVBoxLayout()
        left.addWidget(intro)
        left.addLayout(form)
        row = QHBoxLayout()
        row.addWidget(self.message, 1)
        row.addWidget(self.save_button)
        # A long form scrolls on a small laptop screen; the Save button and the list stay put.
        holder = QWidget()
        holder.setLayout(left)
        scroll = QScrollArea()
        self.form_scroll = scroll
        scroll.setWidget(holder)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        left_column = QVBoxLayout()
        left_column.addWidget(scroll, 1)
        left_column.addLayout(row)
        body = QHBoxLayout()
        body.addLayout(left_column, 3)
        body.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(body)
        layout.addWidget(close)
        self.resize(1000, 700)
        self.refresh()
        boxes[0].setFocus()

    def _go_to(self, widget: QWidget) -> None:
        widget.setFocus()
        self.form_scroll.ensureWidgetVisible(widget)

    def values(self) -> tuple[dict[str, int], dict[str, str]]:
        """Return the ratings and comments typed in."""
        ratings = {item: box.value() for item, box in self.ratings.items()}
        comments = {item: edit.toPlainText() for item, edit in self.comments.items()}
        return {k: v for k, v in ratings.items() if v is not None}, comments

    def save_form(self) -> FeedbackForm | None:
        """Store the form typed in, clear the boxes and go back to the first one."""
        ratings, comments = self.values()
        try:
            with self.open_store() as store:
                form = store.feedback.add(self.session_id, ratings, comments, self.entered_by)
        except DeflectionKitError as error:
            self.message.setText(f"Not saved: {error}")
            return None
        for box in self.ratings.values():
            box.clear()
        for edit in self.comments.values():
            edit.clear()
        self.refresh()
        self.message.setText(f"Saved form {self.entered.count()}.")
        self._go_to(next(iter(self.ratings.values())))
        self.saved.emit()
        return form

    def refresh(self) -> None:
        """List the forms entered so far."""
        with self.open_store() as store:
            forms = store.feedback.list(self.session_id)
        self.entered.clear()
        for number, form in enumerate(forms, start=1):
            digits = "".join(str(form.ratings.get(item, "–")) for item, _ in self.statements)
            note = next(iter(form.comments.values()), "")
            text = f"{number}.  {digits}" + (f"  — {note[:40]}" if note else "")
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, form.id)
            self.entered.addItem(item)

    def delete_selected(self) -> None:
        """Delete the form picked in the list."""
        item = self.entered.currentItem()
        if item is None:
            return
        with self.open_store() as store:
            store.feedback.delete(str(item.data(Qt.ItemDataRole.UserRole)))
        self.refresh()
        self.message.setText("Form deleted.")
        self.saved.emit()
