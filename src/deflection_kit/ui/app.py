"""Start the desktop app: one QApplication, the main window at once, the course just after.

The window is shown before the course content is loaded (the content and its libraries take
longer than the window itself); the course loads on a worker thread and the pages appear when
it is ready. A second launch hands over to the first instance and exits.
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication

from deflection_kit.ui.main_window import MainWindow
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


class CourseLoader(QObject):
    """Load the course, and look for a session left running, on a worker thread."""

    loaded = Signal(object)  # the course
    stopped = Signal(object)  # the live states left running (after the course: not urgent)
    failed = Signal(str, int)

    def __init__(self, content_dir: Path, db_path: Path) -> None:
        super().__init__()
        self.content_dir = content_dir
        self.db_path = db_path

    def start(self) -> None:
        """Begin loading."""
        threading.Thread(target=self._run, name="course-loader", daemon=True).start()

    def _run(self) -> None:
        from deflection_kit.content import load_course
        from deflection_kit.errors import DeflectionKitError

        try:
            course = load_course(self.content_dir)
        except DeflectionKitError as error:
            self.failed.emit(str(error), error.exit_code)
            return
        self.loaded.emit(course)
        try:
            from deflection_kit.storage import Store

            with Store.open(self.db_path) as store:
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
    window = MainWindow(None)
    InstanceServer(bring_forward(window), parent=window)
    window.show()
    loader = CourseLoader(content_dir, db_path)

    def loaded(course: object) -> None:
        from deflection_kit.ui.pages import AppContext

        window.set_context(AppContext(course=course, db_path=db_path))  # type: ignore[arg-type]

    def failed(message: str, code: int) -> None:
        # A damaged content folder: one line, as every command reports a problem, and stop.
        sys.stderr.write(f"deflection-kit: {message}\n")
        window.close()
        app.exit(code)

    loader.loaded.connect(loaded)
    loader.stopped.connect(lambda stopped: _after_start(window, stopped))
    loader.failed.connect(failed)
    window.loader = loader  # type: ignore[attr-defined]  # keep it alive while it works
    window.first_painted.connect(loader.start)  # the window first, then the work
    return app.exec()


def _after_start(window: MainWindow, stopped: object) -> None:
    """Once the course is in: offer to resume a session the app stopped in the middle of."""
    from deflection_kit.ui.live.resume import offer_resume

    offer_resume(window, stopped)  # type: ignore[arg-type]
