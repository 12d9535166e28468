"""Records from other facilitators: import a bundle, then accept or reject what it would change.

A bundle only adds records; where it would change a person or a session already here, the
change waits in this list until someone accepts or rejects it, one at a time. The messages are
the services' own (``MergeReport.summary``, ``Conflict.describe``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
)

from deflection_kit.errors import DeflectionKitError

BUNDLE_FILTER = "Deflection Kit bundle (*.dkbundle);;All files (*)"


class BundlesPanel(QGroupBox):
    """Import a bundle; list the changes waiting for a decision, with Accept and Reject."""

    def __init__(self, db_path: Path | None, decided_by: Callable[[], str] = lambda: "") -> None:
        super().__init__("Records from other facilitators")
        self._db_path = db_path
        self._decided_by = decided_by
        self.import_button = QPushButton("&Import a bundle…")
        self.import_button.setAccessibleName("Import a bundle from another facilitator")
        self.import_button.setToolTip(
            "Add the sessions, people and attendance in a .dkbundle file; nothing here is "
            "changed without your decision"
        )
        self.import_button.setEnabled(db_path is not None)
        self.import_button.clicked.connect(self.ask_import)
        explain = QLabel(
            "A bundle adds records. Where it would change a person or a session already here, "
            "the change waits below until you accept or reject it."
        )
        explain.setWordWrap(True)
        explain.setProperty("role", "muted")
        self.list = QListWidget()
        self.list.setAccessibleName("Changes from bundles waiting for a decision")
        self.list.setWordWrap(True)
        self.list.setMinimumHeight(96)
        self.list.currentItemChanged.connect(self._update_buttons)
        self.accept_button = QPushButton("&Accept")
        self.accept_button.setAccessibleName("Accept the selected change")
        self.accept_button.clicked.connect(self.accept_selected)
        self.reject_button = QPushButton("Re&ject")
        self.reject_button.setAccessibleName("Reject the selected change and keep ours")
        self.reject_button.clicked.connect(self.reject_selected)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setProperty("role", "muted")
        self.status.setAccessibleName("Bundle import result")
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        top = QHBoxLayout()
        top.addWidget(self.import_button)
        top.addWidget(explain, 1)
        decide = QHBoxLayout()
        decide.addWidget(self.accept_button)
        decide.addWidget(self.reject_button)
        decide.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.list)
        layout.addLayout(decide)
        layout.addWidget(self.status)
        self.refresh()

    def ask_import(self) -> None:
        """Ask which bundle to import, then import it."""
        chosen, _filter = QFileDialog.getOpenFileName(
            self, "Import a bundle", str(Path.home()), BUNDLE_FILTER
        )
        if chosen:
            self.import_file(Path(chosen))

    def import_file(self, path: Path) -> str:
        """Import a bundle; show and return what it did (or why it was refused)."""
        from deflection_kit.certificates.revocation import BundleCertificateChecks
        from deflection_kit.storage import Store
        from deflection_kit.storage.merge import import_bundle

        if self._db_path is None:
            return ""
        try:
            with Store.open(self._db_path) as store:
                message = import_bundle(store, path, BundleCertificateChecks()).summary()
        except DeflectionKitError as error:
            message = f"Not imported: {error}"
        self.status.setText(message)
        self.refresh()
        return message

    def refresh(self) -> None:
        """List the changes waiting for a decision."""
        from deflection_kit.storage import Store
        from deflection_kit.storage.conflicts import list_conflicts

        self.list.clear()
        if self._db_path is not None and self._db_path.exists():
            try:
                with Store.open(self._db_path) as store:
                    conflicts = list_conflicts(store)
            except DeflectionKitError as error:
                self.status.setText(str(error))
                conflicts = []
            for conflict in conflicts:
                item = QListWidgetItem(conflict.describe())
                item.setData(Qt.ItemDataRole.UserRole, conflict.id)
                self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        else:
            placeholder = QListWidgetItem("No changes waiting.")
            placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addItem(placeholder)
        self._update_buttons()

    def _selected(self) -> str | None:
        item = self.list.currentItem()
        value = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return str(value) if value else None

    def _update_buttons(self) -> None:
        chosen = self._selected() is not None
        self.accept_button.setEnabled(chosen)
        self.reject_button.setEnabled(chosen)

    def accept_selected(self) -> None:
        """Apply the selected change from the bundle."""
        self._decide(accept=True)

    def reject_selected(self) -> None:
        """Keep the record as it is and forget the selected change."""
        self._decide(accept=False)

    def _decide(self, accept: bool) -> None:
        from deflection_kit.storage import Store
        from deflection_kit.storage.conflicts import decide_conflict

        conflict_id = self._selected()
        if conflict_id is None or self._db_path is None:
            return
        try:
            with Store.open(self._db_path) as store:
                conflict = decide_conflict(store, conflict_id, accept, self._decided_by())
        except DeflectionKitError as error:
            self.status.setText(str(error))
        else:
            outcome = conflict.outcome()
            self.status.setText(outcome[:1].upper() + outcome[1:])
        self.refresh()
