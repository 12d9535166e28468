"""Helpers shared by the live UI tests."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication


def activate(qtbot, window) -> None:
    """Make ``window`` the active window, so its keyboard shortcuts answer."""
    window.windowHandle().requestActivate()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def close_presentation(shown) -> None:
    """End the session if need be and close both windows."""
    from shiboken6 import isValid

    if isValid(shown.console):
        if not shown.session.ended:
            shown.controller.end()
        shown.controller.stop()
        shown.console.close()
    shown.audience.allow_close = True
    shown.audience.close()
