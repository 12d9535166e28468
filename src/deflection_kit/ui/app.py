"""Start the desktop app: one QApplication, the main window, the event loop."""

from __future__ import annotations

import gc
import sys
from contextlib import AbstractContextManager, nullcontext
from importlib import resources
from pathlib import Path

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from deflection_kit.content import Course
from deflection_kit.ui.demo import DEMO_TITLE, demo_database
from deflection_kit.ui.main_window import MainWindow
from deflection_kit.ui.pages import AppContext
from deflection_kit.ui.style import apply_style

# The .desktop file's name (without .desktop): Wayland and GNOME match windows to it for the
# taskbar icon. packaging/appinfo.py holds the same id for every platform's files.
DESKTOP_FILE_NAME = "org.deflectionkit.DeflectionKit"


def app_icon() -> QIcon:
    """Return the app's icon (the SVG packaging renders every size from)."""
    icon = resources.files("deflection_kit.ui").joinpath("icons", "deflection-kit.svg")
    return QIcon(str(icon))


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
    app.setDesktopFileName(DESKTOP_FILE_NAME)
    app.setWindowIcon(app_icon())
    apply_style(app)
    return app


def app_database(course: Course, db_path: Path, demo: bool) -> AbstractContextManager[Path]:
    """Return the database the window works on: the user's, or a throwaway demo one."""
    return demo_database(course) if demo else nullcontext(db_path)


def main_window(course: Course, db_path: Path, demo: bool = False) -> MainWindow:
    """Return the main window on a database (the demo opens on its sample sessions)."""
    window = MainWindow(AppContext(course=course, db_path=db_path))
    if demo:
        window.setWindowTitle(DEMO_TITLE)
        window.show_page("sessions")
    return window


def run_app(course: Course, db_path: Path, demo: bool = False) -> int:
    """Open the main window on ``course`` and run until it closes; return the exit code.

    With ``demo`` the window works on a throwaway database seeded with sample sessions.
    """
    app = application()
    with app_database(course, db_path, demo) as path:
        window = main_window(course, path, demo)
        window.show()
        code = app.exec()
        del window  # close the pages' database connections before a demo folder is removed
        gc.collect()
        return code
