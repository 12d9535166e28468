"""Fixtures for the presenter console and audience window tests (offscreen Qt, a fake clock)."""

from __future__ import annotations

import pytest
from live_helpers import activate, close_presentation


class FakeClock:
    """A clock that only moves when the test says so (seconds since the epoch)."""

    def __init__(self, start: float = 1_767_000_000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float = 0.0, minutes: float = 0.0) -> None:
        """Move time forward."""
        self.now += seconds + minutes * 60


@pytest.fixture
def clock() -> FakeClock:
    """Return a fresh fake clock."""
    return FakeClock()


@pytest.fixture
def presentation(qtbot, bundled_course, clock):
    """Open the console and audience window on the full-course deck, console active."""
    from deflection_kit.decks import DeckOptions
    from deflection_kit.ui.live.launch import build_session, open_presentation

    session, stage = build_session(
        bundled_course, DeckOptions(), 90, session_id="", title="Rehearsal", clock=clock
    )
    shown = open_presentation(session, stage)
    console = shown.console
    qtbot.waitExposed(console)
    qtbot.waitExposed(shown.audience)
    activate(qtbot, console)
    yield shown
    close_presentation(shown)
