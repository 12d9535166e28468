"""Starting the app: the window first, the course just after, heavy libraries only when needed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

# click parses the command line before the window: it is light, and the one parser.
HEAVY = ("pptx", "openpyxl", "jinja2", "cryptography", "sqlite_utils", "pydantic",
         "yaml", "segno", "lxml")  # fmt: skip


WATCH = textwrap.dedent(
    """
    import json, os, sys
    from PySide6.QtCore import QEvent, QObject
    from deflection_kit.ui.app import application

    HEAVY = {heavy!r}

    class Watch(QObject):
        first = True
        def eventFilter(self, obj, event):
            painted = event.type() == QEvent.Type.Paint
            if painted and obj.objectName() == "mainWindow" and self.first:
                self.first = False
                loaded = [name for name in HEAVY if name in sys.modules]
                print(json.dumps({{"shown": True, "heavy": loaded,
                                  "loading": obj.context is None}}), flush=True)
            if painted and obj.objectName() == "page-course":
                print(json.dumps({{"course": True}}), flush=True)
                os._exit(0)
            return False

    app = application()
    watch = Watch()
    app.installEventFilter(watch)
    from deflection_kit.cli import {entry} as main
    main({args!r})
    """
)


def _run(args: list[str], tmp_path, entry: str = "main") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    script = WATCH.format(heavy=HEAVY, args=args, entry=entry)
    return subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("entry", "args"),
    [("main", ["app"]), ("main", []), ("app_main", [])],
    ids=["deflection-kit app", "deflection-kit", "deflection-kit-app"],
)
def test_the_window_shows_before_any_heavy_library_is_imported(tmp_path, entry, args) -> None:
    result = _run(["--db", str(tmp_path / "kit.sqlite3"), *args], tmp_path, entry)
    assert result.returncode == 0, result.stderr
    first, then = (json.loads(line) for line in result.stdout.splitlines())
    assert first["shown"] and first["loading"]
    assert first["heavy"] == []
    assert then == {"course": True}


def test_a_damaged_content_folder_is_one_line_and_exit_1(tmp_path) -> None:
    bad = tmp_path / "content"
    bad.mkdir()
    (bad / "course.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    result = _run(["--content", str(bad), "--db", str(tmp_path / "kit.sqlite3")], tmp_path)
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("deflection-kit:")]
    assert len(errors) == 1 and "course.yaml" in errors[0]
    assert "Traceback" not in result.stderr


def test_a_window_made_before_its_course_gets_its_pages_later(qtbot, bundled_course, tmp_path):
    from deflection_kit.ui.main_window import MainWindow
    from deflection_kit.ui.pages import AppContext

    window = MainWindow(None)
    qtbot.addWidget(window)
    window.show()
    assert window.page_keys() == []
    assert window.stack.currentWidget().accessibleName() == "Loading the course"
    assert window.findChild(object, "presentAction") is not None
    window.set_context(AppContext(bundled_course, tmp_path / "kit.sqlite3"))
    assert window.page_keys() == [
        "course", "sessions", "decks", "certificates", "materials", "reports", "settings",
    ]  # fmt: skip
    assert window.stack.currentWidget().objectName() == "page-course"
    assert "First Responder Deflection" in window.status_label.text()
    with pytest.raises(RuntimeError):
        window.set_context(AppContext(bundled_course, tmp_path / "kit.sqlite3"))
