"""The Settings page: organization, facilitator, logo and signature, paper size, data folder,
and records from other facilitators (bundles)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from deflection_kit import paths
from deflection_kit.errors import DeflectionKitError
from deflection_kit.settings import PAPER_SIZES, Settings, load_settings, save_settings
from deflection_kit.ui.bundles_panel import BundlesPanel
from deflection_kit.ui.pages import AppContext

IMAGE_FILTER = "Images (*.png *.jpg *.jpeg)"
PAPER_LABELS = {"letter": "US Letter", "a4": "A4"}
DESIGNS = ("classic", "modern")


class ImagePicker(QWidget):
    """A path field with Browse and Clear buttons and a small preview."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.path_edit = QLineEdit()
        self.path_edit.setAccessibleName(f"{name} image file")
        self.path_edit.setPlaceholderText("No image")
        browse = QPushButton("Browse…")
        browse.setAccessibleName(f"Choose the {name.lower()} image")
        clear = QPushButton("Clear")
        clear.setAccessibleName(f"Remove the {name.lower()} image")
        self.preview = QLabel()
        self.preview.setFixedSize(160, 64)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setAccessibleName(f"{name} preview")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.path_edit, 1)
        layout.addWidget(browse)
        layout.addWidget(clear)
        layout.addWidget(self.preview)
        browse.clicked.connect(self._browse)
        clear.clicked.connect(lambda: self.set_path(""))
        self.path_edit.textChanged.connect(self._update_preview)
        self._name = name

    def path(self) -> str:
        """Return the chosen file (or an empty string)."""
        return self.path_edit.text().strip()

    def set_path(self, path: str) -> None:
        """Show a chosen file."""
        self.path_edit.setText(path)

    def _browse(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(
            self, f"Choose the {self._name.lower()} image", self.path(), IMAGE_FILTER
        )
        if chosen:
            self.set_path(chosen)

    def _update_preview(self, text: str) -> None:
        pixmap = QPixmap(text) if text and Path(text).is_file() else QPixmap()
        if pixmap.isNull():
            self.preview.setText("—" if not text else "not found")
            return
        self.preview.setPixmap(
            pixmap.scaled(
                self.preview.size(),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )


class SettingsPage(QWidget):
    """Edit and save the settings every output reuses."""

    def __init__(self, context: AppContext | None) -> None:
        super().__init__()
        self._db_path = context.db_path if context is not None else None
        title = QLabel("Settings")
        title.setProperty("role", "pageTitle")
        self.organization = QLineEdit()
        self.organization.setAccessibleName("Organization name")
        self.facilitator = QLineEdit()
        self.facilitator.setAccessibleName("Facilitator name")
        self.logo = ImagePicker("Logo")
        self.signature = ImagePicker("Signature")
        self.paper = QComboBox()
        self.paper.setAccessibleName("Paper size")
        for size in PAPER_SIZES:
            self.paper.addItem(PAPER_LABELS[size], size)
        self.design = QComboBox()
        self.design.setAccessibleName("Certificate design")
        for design in DESIGNS:
            self.design.addItem(design.capitalize(), design)
        data_folder = QLabel(str(paths.user_data_dir()))
        data_folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        data_folder.setAccessibleName("Data folder")
        open_folder = QPushButton("Open data fold&er")
        open_folder.setAccessibleName("Open the data folder")
        open_folder.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(paths.user_data_dir())))
        )
        folder_row = QHBoxLayout()
        folder_row.addWidget(data_folder, 1)
        folder_row.addWidget(open_folder)

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        for text, field, focus in (
            ("&Organization:", self.organization, self.organization),
            ("Fa&cilitator:", self.facilitator, self.facilitator),
            ("&Logo:", self.logo, self.logo.path_edit),
            ("Signa&ture:", self.signature, self.signature.path_edit),
            ("Paper si&ze:", self.paper, self.paper),
            ("Certificate &design:", self.design, self.design),
        ):
            label = QLabel(text)
            label.setBuddy(focus)  # Alt + the underlined letter jumps to the field
            form.addRow(label, field)
        form.addRow("Data folder:", folder_row)
        database = QLabel(str(self._db_path or "—"))
        database.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        database.setAccessibleName("Database file")
        self.backup_button = QPushButton("&Back up now…")
        self.backup_button.setAccessibleName("Back up the database")
        self.backup_button.setToolTip("Save a consistent copy of every record (owner-only)")
        self.backup_button.setEnabled(self._db_path is not None)
        self.backup_button.clicked.connect(self.ask_backup)
        backup_row = QHBoxLayout()
        backup_row.addWidget(database, 1)
        backup_row.addWidget(self.backup_button)
        form.addRow("Database:", backup_row)

        self.save_button = QPushButton("&Save settings")
        self.save_button.setProperty("role", "primary")
        self.save_button.setAccessibleName("Save settings")
        self.save_button.clicked.connect(self.save)
        save_shortcut = QShortcut(QKeySequence.StandardKey.Save, self)
        save_shortcut.setWhatsThis("Save settings")
        save_shortcut.activated.connect(self.save)
        self.status = QLabel()
        self.status.setProperty("role", "muted")
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.status, 1)

        self.bundles = BundlesPanel(self._db_path, lambda: self.facilitator.text().strip())

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.bundles)
        layout.addStretch(1)
        self.load()

    def load(self) -> None:
        """Fill the form from the saved settings."""
        try:
            settings = load_settings()
        except DeflectionKitError as error:
            self.status.setText(str(error))
            settings = Settings()
        self.organization.setText(settings.organization_name)
        self.facilitator.setText(settings.facilitator_name)
        self.logo.set_path(settings.logo_path)
        self.signature.set_path(settings.signature_path)
        self.paper.setCurrentIndex(max(0, self.paper.findData(settings.paper_size)))
        self.design.setCurrentIndex(max(0, self.design.findData(settings.certificate_design)))

    def current(self) -> Settings:
        """Return the settings as the form shows them."""
        return Settings(
            organization_name=self.organization.text().strip(),
            facilitator_name=self.facilitator.text().strip(),
            logo_path=self.logo.path(),
            signature_path=self.signature.path(),
            paper_size=self.paper.currentData(),
            certificate_design=self.design.currentData(),
        )

    def ask_backup(self) -> None:
        """Ask where to save a backup of the database, then write it."""
        suggested = Path.home() / f"deflection-kit-backup-{dt.date.today().isoformat()}.sqlite3"
        chosen, _filter = QFileDialog.getSaveFileName(
            self, "Back up the database", str(suggested), "SQLite database (*.sqlite3)"
        )
        if chosen:
            self.backup_to(Path(chosen))

    def backup_to(self, target: Path) -> Path | None:
        """Write a consistent backup of the database to ``target``; say where, or why not."""
        if self._db_path is None:
            return None
        from deflection_kit.storage import Store
        from deflection_kit.storage.maintenance import backup

        try:
            with Store.open(self._db_path) as store:
                written = backup(store, target)
        except DeflectionKitError as error:
            QMessageBox.warning(self, "Backup", str(error))
            return None
        self.status.setText(f"Backed up to {written}")
        return written

    def save(self) -> None:
        """Save the form; say where, or why not."""
        for label, path in (("Logo", self.logo.path()), ("Signature", self.signature.path())):
            if path and not Path(path).is_file():
                QMessageBox.warning(self, "Settings", f"{label} image not found: {path}")
                return
        saved = save_settings(self.current())
        self.status.setText(f"Saved to {saved}")
