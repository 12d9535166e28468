"""Add someone who is not on the roster and check them in."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from deflection_kit.storage import PersonFields
from deflection_kit.storage.credentials import CREDENTIAL_TYPES


class WalkInDialog(QDialog):
    """Name, email, agency, discipline and an optional credential ID."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Walk-in")
        self.setAccessibleName("Add a walk-in")
        self.name = QLineEdit()
        self.name.setAccessibleName("Full name")
        self.email = QLineEdit()
        self.email.setAccessibleName("Email")
        self.agency = QLineEdit()
        self.agency.setAccessibleName("Agency or department")
        self.discipline = QLineEdit()
        self.discipline.setAccessibleName("Discipline or role")
        self.credential_type = QComboBox()
        self.credential_type.setAccessibleName("Credential type")
        for ctype in CREDENTIAL_TYPES:
            self.credential_type.addItem(ctype.label, ctype.key)
        self.credential = QLineEdit()
        self.credential.setAccessibleName("Credential ID")
        form = QFormLayout()
        for text, field in (
            ("&Name:", self.name),
            ("&Email:", self.email),
            ("&Agency:", self.agency),
            ("&Discipline:", self.discipline),
            ("Credential &type:", self.credential_type),
            ("Credential &ID:", self.credential),
        ):
            label = QLabel(text)
            label.setBuddy(field)
            form.addRow(label, field)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Check &in")
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        self.message = QLabel()
        self.message.setAccessibleName("Problem")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def person(self) -> PersonFields:
        """Return the walk-in as typed."""
        credentials = {}
        if self.credential.text().strip():
            credentials[str(self.credential_type.currentData())] = self.credential.text()
        return PersonFields(
            name=self.name.text(),
            email=self.email.text(),
            agency=self.agency.text(),
            discipline=self.discipline.text(),
            credentials=credentials,
        )

    def _accept(self) -> None:
        if not self.name.text().strip():
            self.message.setText("A name is needed.")
            self.name.setFocus()
            return
        self.accept()
