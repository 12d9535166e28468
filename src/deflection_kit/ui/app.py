"""Start the desktop app: one QApplication, the main window at once, the course just after.

The window is shown before the course content is loaded (the content and its libraries take
longer than the window itself); the course loads on a worker thread and the pages appear when
it is ready. A second launch hands over to the first instance and exits. With ``demo`` the
window works on a throwaway database seeded with sample sessions.
"""

from __future__ import annotations

import gc
import sys
import threading
from contextlib import AbstractContextManager, ExitStack, nullcontext
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from deflection_kit.ui.main_window import MainWindow
from deflection_kit.ui.pages import AppContext
from deflection_kit.ui.style import apply_style

if TYPE_CHECKING:
    from deflection_kit.content import Course

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
    if not demo:
        return nullcontext(db_path)
    from deflection_kit.ui.demo import demo_database

    return demo_database(course)


def main_window(course: Course, db_path: Path, demo: bool = False) -> MainWindow:
    """Return the main window on a database (the demo opens on its sample sessions)."""
    window = MainWindow(AppContext(course=course, db_path=db_path))
    if demo:
        show_demo(window)
    return window


def show_demo(window: MainWindow) -> None:
    """Mark the window as the demo and open it on the sample sessions."""
    from deflection_kit.ui.demo import DEMO_TITLE

    window.setWindowTitle(DEMO_TITLE)
    window.show_page("sessions")


class CourseLoader(QObject):
    """Load the course (and the demo database), then look for a session left running."""

    loaded = Signal(object, object)  # the course, the database path
    stopped = Signal(object)  # the live states left running (after the course: not urgent)
    failed = Signal(str, int)

    def __init__(self, content_dir: Path, db_path: Path, demo: bool, cleanup: ExitStack) -> None:
        super().__init__()
        self.content_dir = content_dir
        self.db_path = db_path
        self.demo = demo
        self.cleanup = cleanup

    def start(self) -> None:
        """Begin loading on a worker thread."""
        threading.Thread(target=self._run, name="course-loader", daemon=True).start()

    def _run(self) -> None:
        from deflection_kit.content import load_course
        from deflection_kit.errors import DeflectionKitError

        try:
            course = load_course(self.content_dir)
            path = self.cleanup.enter_context(app_database(course, self.db_path, self.demo))
        except DeflectionKitError as error:
            self.failed.emit(str(error), error.exit_code)
            return
        self.loaded.emit(course, path)
        try:
            from deflection_kit.storage import Store

            with Store.open(path) as store:
                stopped = store.live.unfinished()
        except DeflectionKitError:
            return  # the Sessions page says what is wrong with the database
        if stopped:
            self.stopped.emit(stopped)


def start_app(content_dir: Path, db_path: Path, demo: bool = False) -> int:
    """Show the main window, load the course into it, run until it closes; return the code."""
    from deflection_kit.ui.live.single_instance import (
        InstanceServer,
        ask_first_to_raise,
        bring_forward,
    )

    app = application()
    if ask_first_to_raise():  # the app is open already: it comes forward, this launch ends
        return 0
    with ExitStack() as cleanup:
        window = MainWindow(None)
        kept = [window]  # dropped after the loop, so the pages' databases close before cleanup
        if demo:
            window.setWindowTitle("Deflection Kit — demo")  # the full title once loaded
        InstanceServer(bring_forward(window), parent=window)
        window.show()
        loader = CourseLoader(content_dir, db_path, demo, cleanup)

        def loaded(course: Course, path: Path) -> None:
            kept[0].set_context(AppContext(course=course, db_path=path))
            if demo:
                show_demo(kept[0])

        def failed(message: str, code: int) -> None:
            # A damaged content folder: one line, as every command reports a problem, and stop.
            sys.stderr.write(f"deflection-kit: {message}\n")
            kept[0].close()
            app.exit(code)

        loader.loaded.connect(loaded)
        loader.stopped.connect(lambda stopped: _after_start(kept[0], stopped))
        loader.failed.connect(failed)
        window.first_painted.connect(loader.start)  # the window first, then the work
        del window
        code = app.exec()
        kept.clear()  # close the pages' database connections before a demo folder is removed
        gc.collect()
        return code


def run_app(course: Course, db_path: Path, demo: bool = False) -> int:
    """Open the main window on a loaded ``course`` and run until it closes; return the code."""
    app = application()
    with app_database(course, db_path, demo) as path:
        window = main_window(course, path, demo)
        window.show()
        code = app.exec()
        del window
        gc.collect()
        return code


def _after_start(window: MainWindow, stopped: object) -> None:
    """Once the course is in: offer to resume a session the app stopped in the middle of."""
    from deflection_kit.ui.live.resume import offer_resume

    offer_resume(window, stopped)  # type: ignore[arg-type]
