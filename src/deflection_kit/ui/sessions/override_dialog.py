"""Record a facilitator's completion decision for one person: completed or not, who, and why."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from deflection_kit.errors import DeflectionKitError

# Saves a decision (True, False, or None to remove it) with who and why; returns what it did.
Save = Callable[[bool | None, str, str], str]


class OverrideDialog(QDialog):
    """The decision form; it stays open with the problem shown until the decision is saved."""

    def __init__(
        self,
        name: str,
        standing: str,
        has_decision: bool,
        by: str,
        save: Save,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._save = save
        self.result_text = ""
        self.setWindowTitle(f"Completion decision: {name}")
        self.setAccessibleName("Completion decision")
        self.setMinimumWidth(480)
        self.heading = QLabel(name)
        self.heading.setAccessibleName("Participant")
        self.heading.setStyleSheet("font-weight: 600;")
        self.standing = QLabel(standing)
        self.standing.setAccessibleName("Attendance so far")
        self.standing.setWordWrap(True)
        self.completed = QRadioButton("C&ompleted")
        self.completed.setAccessibleName("Decide: completed")
        self.not_completed = QRadioButton("&Not completed")
        self.not_completed.setAccessibleName("Decide: not completed")
        self.remove = QRadioButton("&Remove the decision (minutes decide)")
        self.remove.setAccessibleName("Remove the decision")
        self.remove.setEnabled(has_decision)
        group = QButtonGroup(self)
        for button in (self.completed, self.not_completed, self.remove):
            group.addButton(button)
        self.completed.setChecked(True)
        self.by = QLineEdit(by)
        self.by.setAccessibleName("Who decides")
        self.reason = QLineEdit()
        self.reason.setAccessibleName("Why")
        self.reason.setPlaceholderText("e.g. called to a scene; made up the module on 12 March")
        self.reason.setMaxLength(500)
        form = QFormLayout()
        by_label, reason_label = QLabel("Decided &by:"), QLabel("&Why:")
        by_label.setBuddy(self.by)
        reason_label.setBuddy(self.reason)
        form.addRow(by_label, self.by)
        form.addRow(reason_label, self.reason)
        self.message = QLabel()
        self.message.setAccessibleName("Problem")
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setAccessibleName("Save the decision")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.standing)
        for button in (self.completed, self.not_completed, self.remove):
            layout.addWidget(button)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.reason.setFocus()

    def decision(self) -> bool | None:
        """Return the decision chosen: True, False, or None (remove it)."""
        if self.remove.isChecked():
            return None
        return self.completed.isChecked()

    def save(self) -> None:
        """Save the decision, or say what is missing and stay open."""
        decision = self.decision()
        if decision is not None and not (self.by.text().strip() and self.reason.text().strip()):
            self.message.setText("Say who decides and why: both go on the record.")
            (self.by if not self.by.text().strip() else self.reason).setFocus()
            return
        try:
            self.result_text = self._save(decision, self.by.text(), self.reason.text())
        except DeflectionKitError as error:
            self.message.setText(str(error))
            return
        self.accept()
