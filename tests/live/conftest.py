"""Fixtures for the live-session tests: a clock the test moves, the bundled course's deck."""

from __future__ import annotations

import datetime as dt

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


@pytest.fixture
def stored(tmp_path, bundled_course, full_agenda, clock):
    """Return (db path, session id) of a session presented, attended and evaluated."""
    from live_drive import answer, teach

    from deflection_kit.live import LiveSession
    from deflection_kit.storage import CourseFacts, PersonFields, SessionFields, Store

    path = tmp_path / "kit.sqlite3"
    with Store.open(path) as store:
        session = store.sessions.create(
            SessionFields(
                title="Spring training",
                date=dt.date(2026, 4, 2),
                minutes=90,
                location="Ames City Hall",
                host_agency="Story County Sheriff's Office",
                facilitators=("Dana Whitfield",),
            ),
            CourseFacts.from_info(bundled_course.info),
        )
        people = [
            ("Ana", "Law enforcement", "Ames PD"), ("Ben", "EMS", "Story County EMS"),
            ("Cy", "Law enforcement", "Ames PD"), ("Di", "", ""),
        ]  # fmt: skip
        start = dt.datetime(2026, 4, 2, 9, 0, tzinfo=dt.UTC)
        for number, (name, discipline, agency) in enumerate(people):
            fields = PersonFields(name=name, discipline=discipline, agency=agency)
            store.attendance.check_in(session.id, fields, at=start)
            if number < 3:
                store.attendance.check_out(session.id, fields, at=start + dt.timedelta(minutes=90))
        store.feedback.add(
            session.id, {"objectives": 5, "recommend": 4}, {"useful": "The QRT story"}
        )
        store.feedback.add(session.id, {"objectives": 4, "recommend": 2}, {"improve": "Longer"})
        live = LiveSession(full_agenda, clock=clock, session_id=session.id)
        answer(live, full_agenda, "pre", 6, 14)
        teach(live, clock, full_agenda)
        answer(live, full_agenda, "post", 18, 2)
        live.end()
        store.live.save(session.id, live.to_dict(), [e.to_dict() for e in live.events])
    return path, session.id
