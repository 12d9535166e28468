"""Close a session: says whom it checks out and when, and who will not complete and why, first."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from deflection_kit.ui.sessions.controller import ClosePreview


class CloseDialog(QDialog):
    """The question before closing, with the shortfalls listed; nothing is written until
    "Check out and close" is pressed."""

    def __init__(self, preview: ClosePreview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preview = preview
        self.setWindowTitle("Close session")
        self.setAccessibleName("Close session")
        self.setMinimumWidth(640)
        self.question = QLabel(preview.question)
        self.question.setAccessibleName("What closing does")
        self.question.setWordWrap(True)
        self.question.setStyleSheet("font-weight: 600;")
        self.summary = QLabel(preview.summary)
        self.summary.setAccessibleName("Who will complete")
        self.summary.setWordWrap(True)
        self.short = QListWidget()
        self.short.setAccessibleName("People who will not complete, and why")
        self.short.setWordWrap(True)
        self.short.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.short.addItems(list(preview.short))
        self.short.setVisible(bool(preview.short))
        self.hint = QLabel(preview.hint)
        self.hint.setAccessibleName("Advice")
        self.hint.setWordWrap(True)
        self.hint.setProperty("role", "muted")
        self.hint.setVisible(bool(preview.hint))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.close_button = QPushButton("Check out and &close" if preview.plan.still_here else
                                        "&Close session")  # fmt: skip
        self.close_button.setAccessibleName("Close the session")
        buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.AcceptRole)
        # With shortfalls to read, Enter must not close by reflex: Cancel is the default then.
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName("Cancel: keep the session open")
        # (A focused push button in a dialog becomes the default unless autoDefault is off.)
        if preview.short:
            self.close_button.setAutoDefault(False)
            cancel.setDefault(True)
        else:
            self.close_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.question)
        layout.addWidget(self.summary)
        layout.addWidget(self.short, 1)
        layout.addWidget(self.hint)
        layout.addWidget(buttons)
