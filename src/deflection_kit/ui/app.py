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
    app = application()
    window = MainWindow(AppContext(course=course, db_path=db_path))
    window.show()
    return app.exec()
