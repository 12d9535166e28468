"""Export attendance: this session or a date range; CSV, XLSX or PDF; a profile; a file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate, QStandardPaths, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from deflection_kit.errors import DeflectionKitError
from deflection_kit.exports import MissingFieldsError, available_profiles, load_profile
from deflection_kit.storage import Session
from deflection_kit.ui.sessions.controller import SessionsController

FORMATS = (("csv", "CSV (spreadsheet text)"), ("xlsx", "Excel workbook (.xlsx)"),
           ("pdf", "Printable PDF"))  # fmt: skip


def _documents() -> Path:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(folder or Path.home())


class ExportDialog(QDialog):
    """Choose what to export and where; list who lacks required fields instead of failing."""

    exported = Signal(str)

    def __init__(
        self, controller: SessionsController, session: Session, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.session = session
        self.setWindowTitle("Export attendance")
        self.setAccessibleName("Export attendance")
        self.this_session = QRadioButton(f"This &session: {session.title}")
        self.this_session.setAccessibleName("Export this session")
        self.this_session.setChecked(True)
        self.range = QRadioButton("Sessions &between")
        self.range.setAccessibleName("Export a date range")
        self.date_from = QDateEdit(QDate(session.date.year, 1, 1))
        self.date_from.setAccessibleName("From date")
        self.date_to = QDateEdit(QDate(session.date.year, 12, 31))
        self.date_to.setAccessibleName("To date")
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setEnabled(False)
        self.range.toggled.connect(self.date_from.setEnabled)
        self.range.toggled.connect(self.date_to.setEnabled)
        self.format = QComboBox()
        self.format.setAccessibleName("File format")
        for key, text in FORMATS:
            self.format.addItem(text, key)
        self.profile = QComboBox()
        self.profile.setAccessibleName("Export profile")
        for name in available_profiles():
            try:
                description = load_profile(name).description
            except DeflectionKitError:
                continue
            self.profile.addItem(f"{name} — {description}", name)
        self.out = QLineEdit()
        self.out.setAccessibleName("Output file")
        browse = QPushButton("&Browse…")
        browse.setAccessibleName("Choose where to save")
        browse.clicked.connect(self._browse)
        self.format.currentIndexChanged.connect(self._suggest_name)
        self.profile.currentIndexChanged.connect(self._suggest_name)
        self._suggest_name()

        range_row = QHBoxLayout()
        range_row.addWidget(self.range)
        range_row.addWidget(self.date_from)
        range_row.addWidget(QLabel("and"))
        range_row.addWidget(self.date_to)
        range_row.addStretch(1)
        out_row = QHBoxLayout()
        out_row.addWidget(self.out, 1)
        out_row.addWidget(browse)
        form = QFormLayout()
        form.addRow(self.this_session)
        form.addRow(range_row)
        for text, field, focus in (
            ("&Format:", self.format, self.format),
            ("&Profile:", self.profile, self.profile),
            ("Save &as:", out_row, self.out),
        ):
            label = QLabel(text)
            label.setBuddy(focus)
            form.addRow(label, field)
        self.outcome = QLabel()
        self.outcome.setAccessibleName("Export result")
        self.outcome.setWordWrap(True)
        self.missing = QListWidget()
        self.missing.setAccessibleName("People missing required fields")
        self.missing.setVisible(False)
        self.export_button = QPushButton("&Export")
        self.export_button.setProperty("role", "primary")
        self.export_button.setAccessibleName("Export")
        self.export_button.clicked.connect(self.export)
        close = QPushButton("Close")
        close.setAccessibleName("Close")
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(close)
        buttons.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.outcome)
        layout.addWidget(self.missing)
        layout.addLayout(buttons)
        self.resize(640, 380)

    def choose(self, fmt: str, profile: str, out: str) -> None:
        """Set format, profile and file (as a user would in the form)."""
        self.format.setCurrentIndex(max(0, self.format.findData(fmt)))
        self.profile.setCurrentIndex(max(0, self.profile.findData(profile)))
        self.out.setText(out)

    def _suggest_name(self) -> None:
        fmt, profile = self.format.currentData(), self.profile.currentData()
        stem = f"attendance-{self.session.date.isoformat()}-{profile}"
        self.out.setText(str(_documents() / f"{stem}.{fmt}"))

    def _browse(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(self, "Export attendance", self.out.text())
        if chosen:
            self.out.setText(chosen)

    def export(self) -> None:
        """Write the export; show where, or who lacks what."""
        self.missing.clear()
        self.missing.setVisible(False)
        try:
            if self.this_session.isChecked():
                result = self.controller.export(
                    self.format.currentData(), self.out.text(), self.profile.currentData(),
                    session_id=self.session.id,
                )  # fmt: skip
            else:
                first, last = self.date_from.date(), self.date_to.date()
                result = self.controller.export(
                    self.format.currentData(), self.out.text(), self.profile.currentData(),
                    date_from=dt.date(first.year(), first.month(), first.day()),
                    date_to=dt.date(last.year(), last.month(), last.day()),
                )  # fmt: skip
        except MissingFieldsError as error:
            self.outcome.setText(f"{error}. Add the missing details, then export again:")
            self.missing.addItems([str(m) for m in error.missing])
            self.missing.setVisible(True)
            return
        except DeflectionKitError as error:
            self.outcome.setText(str(error))
            return
        self.outcome.setText(f"Saved {result.rows} rows to {result.path}")
        self.exported.emit(str(result.path))
