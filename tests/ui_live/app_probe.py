"""Run the real app (``deflection-kit app``) in a child process and drive it; print JSON lines.

app_probe.py present DB SESSION N   start presenting SESSION, advance N slides, then idle
app_probe.py resume DB              accept the resume prompt, report where it resumed, quit
app_probe.py idle DB                just run the app, saying when it is up and when raised
"""

from __future__ import annotations

import json
import os
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication


def say(**fields: object) -> None:
    print(json.dumps(fields), flush=True)


def main_window():
    from deflection_kit.ui.main_window import MainWindow

    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, MainWindow) and widget.isVisible() and widget.context is not None:
            return widget  # shown, with its course loaded
    return None


def when_up(then) -> None:
    """Call ``then(window)`` once the main window is shown."""

    def poll() -> None:
        window = main_window()
        if window is None:
            QTimer.singleShot(20, poll)
        else:
            then(window)

    QTimer.singleShot(0, poll)


def present(window, session_id: str, steps: int) -> None:
    from deflection_kit.decks import DeckOptions
    from deflection_kit.ui.live.present_dialog import PresentChoice
    from deflection_kit.ui.live.presenting import start

    shown = start(window, PresentChoice(session_id, "Spring training", DeckOptions(), 90))
    controller = shown.controller
    done = {"n": 0}

    def step() -> None:
        controller.next()
        controller.recorder.flush()
        done["n"] += 1
        session = shown.session
        say(event="slide", slide=session.current, elapsed=session.elapsed())
        if done["n"] < steps:
            QTimer.singleShot(30, step)
        else:
            say(event="ready", slide=session.current, elapsed=session.elapsed())

    QTimer.singleShot(0, step)


def resume(window) -> None:
    def poll() -> None:
        prompt = getattr(window, "_resume_prompt", None)
        if prompt is None or not prompt.isVisible():
            QTimer.singleShot(20, poll)
            return
        text = prompt.informativeText()
        prompt.resume_button.click()
        shown = prompt.presentation
        session = shown.session
        say(
            event="resumed",
            prompt=text,
            slide=session.current,
            elapsed=session.elapsed(),
            status=session.status,
            kinds=[e.kind for e in session.events],
            audience_slide=shown.audience.view.slide,
        )
        shown.controller.stop()
        # Leave as a crash would: the console refuses to close mid-session, so quit() would not.
        os._exit(0)

    poll()


def idle(window) -> None:
    from deflection_kit.ui.live.single_instance import InstanceServer

    server = window.findChild(InstanceServer)
    original = server.on_raise

    def raised() -> None:
        original()
        say(event="raised")

    server.on_raise = raised
    say(event="up", listening=server.listening())


def main() -> None:
    from deflection_kit.cli import main as cli_main
    from deflection_kit.ui.app import application

    mode, db = sys.argv[1], sys.argv[2]
    application()
    if mode == "present":
        when_up(lambda window: present(window, sys.argv[3], int(sys.argv[4])))
    elif mode == "resume":
        when_up(resume)
    else:
        when_up(idle)
    cli_main(["--db", db, "app"])


if __name__ == "__main__":
    main()
