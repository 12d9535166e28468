"""Run in a child process on a two-screen offscreen platform: where does the audience window go?

Prints one JSON line per stage: at start, after the projector is unplugged, after it is back.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication


def describe(shown) -> dict[str, object]:
    audience, console = shown.audience, shown.console
    geometry = audience.geometry()
    return {
        "audience_screen": audience.screen().name(),
        "audience_full_screen": audience.isFullScreen(),
        "audience_geometry": [geometry.x(), geometry.y(), geometry.width(), geometry.height()],
        "on_projector": audience.on_projector(),
        "console_screen": console.screen().name(),
        "painted_slide": audience.painted_view.slide if audience.painted_view else None,
    }


def main() -> int:
    app = QApplication(sys.argv[:1])
    from deflection_kit.content import load_course
    from deflection_kit.decks import DeckOptions
    from deflection_kit.ui.live.launch import build_session, open_presentation

    course = load_course(Path(sys.argv[1]))
    session, stage = build_session(course, DeckOptions(), 90)
    shown = open_presentation(session, stage)
    shown.controller.next()

    def settle() -> None:
        for _ in range(20):
            app.processEvents()

    settle()
    print(json.dumps({"screens": [s.name() for s in app.screens()], **describe(shown)}))
    projector = app.screens()[1]
    shown.audience._on_screen_removed(projector)  # what screenRemoved delivers on unplugging
    settle()
    print(json.dumps(describe(shown)))
    shown.audience._on_screen_added(projector)
    settle()
    print(json.dumps(describe(shown)))
    shown.controller.end()
    return 0


if __name__ == "__main__":
    sys.exit(main())
