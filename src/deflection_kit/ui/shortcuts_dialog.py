"""A dialog that lists every keyboard shortcut of a window (F1 or ?), and where each works."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

EVERYWHERE = "Everywhere"
# Keys from Qt.Key.Key_Back up are a media keyboard's own keys (Find, Save, Open...), which a
# standard shortcut adds beside Ctrl+F or Ctrl+S: most keyboards have none, so they are not listed.
MEDIA_KEYS = Qt.Key.Key_Back.value


def _where(owner: QObject | None, window: QWidget) -> tuple[int, str]:
    """Return (order, name) of the page an action belongs to, or of the whole window."""
    pages = {str(key): (number, str(title)) for number, (key, title) in enumerate(
        window.property("pageTitles") or [], start=1
    )}  # fmt: skip
    while owner is not None and owner is not window:
        name = owner.objectName()
        if name.startswith("page-") and name[5:] in pages:
            number, title = pages[name[5:]]
            return number, f"{title} page"
        owner = owner.parent()
    return 0, EVERYWHERE


def _keys(sequences: list[QKeySequence]) -> str:
    texts = [
        k.toString(QKeySequence.SequenceFormat.NativeText)
        for k in sequences
        if not k.isEmpty() and k[0].key().value < MEDIA_KEYS  # type: ignore[index]
    ]
    return ", ".join(text for text in texts if text)


def shortcut_rows(window: QWidget) -> list[tuple[str, str, str]]:
    """Return (where, action, keys) for every shortcut of ``window``, the window's own first.

    Actions are named by their text; a ``QShortcut`` by its ``whatsThis`` (one without a
    description is left out). Pages of a main window are named from its ``pageTitles``. Within
    a place, rows keep the order the shortcuts were made in (Ctrl+1, Ctrl+2... in page order).
    """
    found: dict[tuple[int, str, str], tuple[int, str]] = {}
    for action in window.findChildren(QAction):
        name = action.text().replace("&", "").strip()
        keys = _keys(action.shortcuts())
        if keys and name:
            found.setdefault((*_where(action.parent(), window), name), (len(found), keys))
    for shortcut in window.findChildren(QShortcut):
        name = shortcut.whatsThis().strip()
        keys = _keys(shortcut.keys())
        if keys and name:
            found.setdefault((*_where(shortcut.parent(), window), name), (len(found), keys))
    for name, keys in window.property("extraShortcuts") or []:
        found.setdefault((0, EVERYWHERE, str(name)), (len(found), str(keys)))
    ordered = sorted(found.items(), key=lambda item: (item[0][0], item[1][0]))
    return [(where, name, keys) for (_, where, name), (_, keys) in ordered]


class ShortcutsDialog(QDialog):
    """The on-screen list of shortcuts."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setWindowTitle("Keyboard shortcuts")
        self.setAccessibleName("Keyboard shortcuts")
        rows = shortcut_rows(window)
        table = QTableWidget(len(rows), 3, self)
        table.setObjectName("shortcutsTable")
        table.setAccessibleName("Keyboard shortcuts")
        table.setHorizontalHeaderLabels(["Where", "Action", "Keys"])
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        previous = ""
        for row, (where, name, keys) in enumerate(rows):
            # Name each place once, on its first row: the list reads as groups.
            table.setItem(row, 0, QTableWidgetItem(where if where != previous else ""))
            table.setItem(row, 1, QTableWidgetItem(name))
            table.setItem(row, 2, QTableWidgetItem(keys))
            previous = where
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(table)
        layout.addWidget(buttons)
        self.table = table
        self.resize(680, 620)
