"""A dialog that lists every keyboard shortcut of a window (F1 or ?)."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)


def shortcut_rows(window: QWidget) -> list[tuple[str, str]]:
    """Return (action, keys) for every action with a shortcut in ``window``, sorted by action."""
    rows: dict[str, str] = {}
    for action in window.findChildren(QAction):
        keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()]
        keys = [k for k in keys if k]
        name = action.text().replace("&", "").strip()
        if keys and name:
            rows[name] = ", ".join(keys)
    extra = window.property("extraShortcuts") or []
    for name, keys in extra:
        rows[str(name)] = str(keys)
    return sorted(rows.items())


class ShortcutsDialog(QDialog):
    """The on-screen list of shortcuts."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setWindowTitle("Keyboard shortcuts")
        self.setAccessibleName("Keyboard shortcuts")
        rows = shortcut_rows(window)
        table = QTableWidget(len(rows), 2, self)
        table.setObjectName("shortcutsTable")
        table.setAccessibleName("Keyboard shortcuts")
        table.setHorizontalHeaderLabels(["Action", "Keys"])
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, (name, keys) in enumerate(rows):
            table.setItem(row, 0, QTableWidgetItem(name))
            table.setItem(row, 1, QTableWidgetItem(keys))
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(table)
        layout.addWidget(buttons)
        self.table = table
        self.resize(520, 480)
