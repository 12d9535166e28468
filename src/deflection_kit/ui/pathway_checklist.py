"""The pathway checklist shared by the Decks and Materials pages: one box per pathway, All, None."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from deflection_kit.content import Pathway


class PathwayChecklist(QWidget):
    """Check the course's pathways, all of them at first; emit ``changed`` on every change."""

    changed = Signal()

    def __init__(
        self, pathways: Sequence[Pathway], description: str, none_text: str = "&None"
    ) -> None:
        super().__init__()
        self.list = QListWidget()
        self.list.setAccessibleName("Pathways")
        self.list.setAccessibleDescription(description)
        self.list.setToolTip(description)
        for pathway in pathways:
            item = QListWidgetItem(pathway.short_name)
            item.setToolTip(pathway.name)
            item.setData(Qt.ItemDataRole.UserRole, pathway.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.list.addItem(item)
        # Tall enough to show every pathway without scrolling (at least three rows).
        self.list.setFixedHeight(self.list.sizeHintForRow(0) * max(len(pathways), 3) + 8)
        self.list.itemChanged.connect(lambda _item: self.changed.emit())
        self.all_button = QPushButton("&All")
        self.all_button.setAccessibleName("Check all pathways")
        self.none_button = QPushButton(none_text)
        self.none_button.setAccessibleName("Uncheck all pathways")
        self.all_button.clicked.connect(lambda: self.set_checked(None))
        self.none_button.clicked.connect(lambda: self.set_checked(()))
        buttons = QVBoxLayout()
        buttons.addWidget(self.all_button)
        buttons.addWidget(self.none_button)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.setFocusProxy(self.list)

    def set_checked(self, ids: Sequence[str] | None) -> None:
        """Check exactly these pathways (None: all), then emit ``changed`` once."""
        self.list.blockSignals(True)
        for row in range(self.list.count()):
            item = self.list.item(row)
            wanted = ids is None or item.data(Qt.ItemDataRole.UserRole) in ids
            item.setCheckState(Qt.CheckState.Checked if wanted else Qt.CheckState.Unchecked)
        self.list.blockSignals(False)
        self.changed.emit()

    def checked(self) -> tuple[str, ...]:
        """Return the ids of the checked pathways, in course order."""
        return tuple(
            str(self.list.item(row).data(Qt.ItemDataRole.UserRole))
            for row in range(self.list.count())
            if self.list.item(row).checkState() == Qt.CheckState.Checked
        )
