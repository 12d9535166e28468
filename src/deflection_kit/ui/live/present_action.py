"""The main window's Present action (F5): light to import, it loads the live windows on use."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow

if TYPE_CHECKING:
    from deflection_kit.ui.live.present_dialog import PresentDialog


def install_present_action(window: QMainWindow) -> QAction:
    """Add a Present menu with "Present the course…" (F5) to ``window``."""
    menu = window.menuBar().addMenu("&Present")
    action = QAction("&Present the course…", window)
    action.setObjectName("presentAction")
    action.setShortcut(QKeySequence("F5"))
    action.setStatusTip("Choose a session and a deck, then present on the projector")
    action.triggered.connect(lambda _checked=False: present(window))
    menu.addAction(action)
    window.addAction(action)
    return action


def present(window: QMainWindow, session_id: str = "") -> PresentDialog | None:
    """Ask which session and deck to present (without blocking), then open the live windows."""
    from deflection_kit.ui.live.presenting import ask_and_present

    return ask_and_present(window, session_id)
