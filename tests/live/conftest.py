"""Fixtures for the live-session tests: a clock the test moves, the bundled course's deck."""

from __future__ import annotations

import pytest


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


@pytest.fixture(scope="session")
def full_deck(bundled_course):
    """Return the bundled course's full-course deck, fitted to the default theme."""
    from deflection_kit.decks import DeckOptions, deck_spec, prepare

    return deck_spec(prepare(bundled_course, DeckOptions()))


@pytest.fixture(scope="session")
def full_agenda(bundled_course, full_deck):
    """Return the 90-minute agenda of the full-course deck."""
    from deflection_kit.live import build_agenda

    return build_agenda(bundled_course, full_deck)


@pytest.fixture
def session(full_agenda, clock):
    """Return a fresh live session of the full course on the fake clock."""
    from deflection_kit.live import LiveSession

    return LiveSession(full_agenda, clock=clock, session_id="s-1")
