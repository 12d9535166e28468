"""The roster's name search box: Down moves into the list; Ctrl+Z undoes a check-in, not typing."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QLineEdit, QWidget


class RosterSearch(QLineEdit):
    """A search line that hands Down to the roster list and leaves Ctrl+Z to the page.

    After Enter checks someone in, the box is empty and the cursor is still in it: Ctrl+Z there
    must take back that check-in, not bring back the text typed before.
    """

    down = Signal()  # Down was pressed: move into the list

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)

    def event(self, event: QEvent) -> bool:
        """Let the page's Undo shortcut have Ctrl+Z (a line edit would claim it)."""
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.matches(QKeySequence.StandardKey.Undo)
        ):
            event.ignore()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        """Down (with no modifier) moves into the list; other keys edit the text."""
        if event.key() == Qt.Key.Key_Down and event.modifiers() in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        ):
            self.down.emit()
            return
        super().keyPressEvent(event)
