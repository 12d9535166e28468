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

    return ask_and_present(window, session_id or _session_on_show(window))


def _session_on_show(window: QMainWindow) -> str:
    """Return the session the Sessions page shows, if it is the page on screen."""
    built_page = getattr(window, "built_page", None)
    page = built_page("sessions") if built_page is not None else None
    current = getattr(page, "current_session_id", None)
    if page is None or current is None or not page.isVisible():
        return ""
    return str(current())
