"""Start the desktop app: one QApplication, the main window, the event loop."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from deflection_kit.content import Course
from deflection_kit.ui.main_window import MainWindow
from deflection_kit.ui.pages import AppContext
from deflection_kit.ui.style import apply_style


def application() -> QApplication:
    """Return the running QApplication, creating it on first use."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    if existing is not None:  # a bare QGuiApplication (from PDF painting) cannot host widgets
        raise RuntimeError("a windowless Qt application is already running; start the UI first")
    app = QApplication(sys.argv[:1])
    app.setApplicationName("Deflection Kit")
    app.setOrganizationName("Deflection Kit")
    app.setApplicationDisplayName("Deflection Kit")
    apply_style(app)
    return app


def run_app(course: Course, db_path: Path, demo: bool = False) -> int:
    """Open the main window on ``course`` and run until it closes; return the exit code."""
    from PySide6.QtCore import QTimer

    from deflection_kit.ui.live.single_instance import (
        InstanceServer,
        ask_first_to_raise,
        bring_forward,
    )

    app = application()
    if ask_first_to_raise():  # the app is open already: it comes forward, this launch ends
        return 0
    window = MainWindow(AppContext(course=course, db_path=db_path))
    InstanceServer(bring_forward(window), parent=window)
    window.show()
    QTimer.singleShot(0, lambda: _after_start(window))
    return app.exec()


def _after_start(window: MainWindow) -> None:
    """Once the window is up: offer to resume a session the app stopped in the middle of."""
    from deflection_kit.ui.live.resume import offer_resume

    offer_resume(window)
