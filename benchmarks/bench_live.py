"""Benchmark the live presenter: cold start, and next-slide key to audience screen repainted.

    uv run python benchmarks/bench_live.py [--runs 5] [--slides 80]

Cold start: a child process starts the real app (``deflection-kit app``, offscreen, a fresh
data folder) and reports when the main window first paints, and when the Course page first
paints with the loaded course. A bare PySide6 window (import, QApplication, one QMainWindow,
show) is measured the same way in the same run; the ratio is app / bare (target at most 2x).

Next slide: in this process, the presenter console and a 1920x1080 audience window of the
full-course deck, saving to a real database; the time from sending the Right key to the
console until the audience window has painted the new slide (target: median under 16 ms).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

BARE = textwrap.dedent(
    """
    import os, sys
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    class Watch(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint and obj is window:
                print("shown", flush=True)
                print("ready", flush=True)
                os._exit(0)
            return False

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setCentralWidget(QLabel("Hello"))
    watch = Watch()
    window.installEventFilter(watch)
    window.resize(1280, 800)
    window.show()
    app.exec()
    """
)

APP = textwrap.dedent(
    """
    import os, sys
    from PySide6.QtCore import QEvent, QObject
    from deflection_kit.ui.app import application

    class Watch(QObject):
        shown = False
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint:
                name = obj.objectName()
                if name == "mainWindow" and not self.shown:
                    self.shown = True
                    print("shown", flush=True)
                elif name == "page-course":
                    print("ready", flush=True)
                    os._exit(0)
            return False

    app = application()
    watch = Watch()
    app.installEventFilter(watch)
    from deflection_kit.cli import main
    main(["app"])
    """
)


def _time_child(script: str, data_dir: Path) -> tuple[float, float]:
    """Return seconds from launch to "shown" and to "ready" for one child process."""
    # A fresh home, so the app finds its data folder the way it does on a real laptop.
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(data_dir),
        "XDG_DATA_HOME": str(data_dir / "share"),
        "XDG_CONFIG_HOME": str(data_dir / "config"),
    }
    for name in ("DEFLECTION_KIT_DB", "DEFLECTION_KIT_DATA_DIR", "DEFLECTION_KIT_CONTENT"):
        env.pop(name, None)
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-c", script],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    assert child.stdout is not None
    shown = ready = 0.0
    for line in child.stdout:
        if line.strip() == "shown":
            shown = time.perf_counter() - start
        elif line.strip() == "ready":
            ready = time.perf_counter() - start
            break
    child.wait(60)
    if not (shown and ready):
        raise RuntimeError("the child did not report its window")
    return shown, ready


def cold_start(runs: int) -> None:
    """Measure the app's cold start against a bare window, alternating runs."""
    bare: list[float] = []
    app_shown: list[float] = []
    app_ready: list[float] = []
    with tempfile.TemporaryDirectory() as folder:
        for run in range(runs + 1):  # the first pair warms the disk cache and is dropped
            data = Path(folder) / f"run-{run}"
            data.mkdir()
            bare_shown, _ = _time_child(BARE, data)
            shown, ready = _time_child(APP, data)
            if run:
                bare.append(bare_shown)
                app_shown.append(shown)
                app_ready.append(ready)
    b, s, r = (statistics.median(v) for v in (bare, app_shown, app_ready))
    print(f"cold start (median of {runs}):")
    print(f"  bare PySide6 window shown      {b * 1000:7.0f} ms")
    print(
        f"  app main window shown          {s * 1000:7.0f} ms   ratio {s / b:.2f}x (target <= 2x)"
    )
    print(f"  app Course page with content   {r * 1000:7.0f} ms   ratio {r / b:.2f}x")


def next_slide(slides: int) -> None:
    """Measure key press to audience repaint for ``slides`` consecutive slides."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, QSize, Qt
    from PySide6.QtTest import QTest

    from deflection_kit import paths
    from deflection_kit.content import load_course
    from deflection_kit.decks import DeckOptions
    from deflection_kit.live.recorder import LiveRecorder
    from deflection_kit.ui.app import application
    from deflection_kit.ui.live.launch import build_session, open_presentation

    app = application()
    course = load_course(paths.content_dir())
    with tempfile.TemporaryDirectory() as folder:
        session, stage = build_session(course, DeckOptions(), 90)
        recorder = LiveRecorder(Path(folder) / "kit.sqlite3", None)
        shown = open_presentation(session, stage, recorder)
        shown.audience.resize(QSize(1920, 1080))
        shown.console.resize(QSize(1600, 950))
        shown.console.windowHandle().requestActivate()
        deadline = time.perf_counter() + 5
        while app.activeWindow() is not shown.console and time.perf_counter() < deadline:
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        painted: list[float] = []
        shown.audience.painted.connect(lambda: painted.append(time.perf_counter()))

        def settle() -> None:
            for _ in range(5):
                app.processEvents()

        settle()
        latencies: list[float] = []
        target = shown.console.current_view
        for _ in range(min(slides, len(session.agenda) - 1)):
            settle()  # let the slide after this one be painted ahead, as between real clicks
            painted.clear()
            before = session.current
            start = time.perf_counter()
            QTest.keyClick(target, Qt.Key.Key_Right)
            while not painted:
                app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
            assert session.current == before + 1
            assert shown.audience.painted_view == session.audience_view()
            latencies.append(painted[0] - start)
        shown.controller.end()
        recorder.close()
    ms = sorted(x * 1000 for x in latencies)
    median = statistics.median(ms)
    p95 = ms[max(int(len(ms) * 0.95) - 1, 0)]
    print(f"next slide, key to audience repainted at 1920x1080 ({len(ms)} slides):")
    print(f"  median {median:6.1f} ms   p95 {p95:6.1f} ms   max {ms[-1]:6.1f} ms")
    print(f"  median / 16 ms frame budget: {median / 16:.2f}")


def main() -> None:
    """Run both benchmarks and print the numbers."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--slides", type=int, default=80)
    args = parser.parse_args()
    cold_start(args.runs)
    next_slide(args.slides)


if __name__ == "__main__":
    main()
