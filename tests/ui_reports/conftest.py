"""A presented, attended and evaluated session in a fresh database, for the Reports page tests."""

from __future__ import annotations

import datetime as dt

import pytest


class FakeClock:
    """A clock that only moves when told."""

    def __init__(self, start: float = 1_767_000_000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now


@pytest.fixture(scope="session")
def full_agenda(bundled_course):
    """Return the 90-minute agenda of the full-course deck."""
    from deflection_kit.decks import DeckOptions, deck_spec, prepare
    from deflection_kit.live import build_agenda

    return build_agenda(bundled_course, deck_spec(prepare(bundled_course, DeckOptions())))


def present(live, clock, agenda, late: float = 0.0) -> None:
    """Teach every part for its planned minutes (each slide ``late`` seconds longer)."""
    live.start()
    for segment in agenda.segments:
        per_slide = segment.planned_minutes * 60 / (segment.last - segment.first + 1)
        for index in range(segment.first, segment.last + 1):
            if index != live.current:
                live.goto(index)
            clock.now += per_slide + late


def answer(live, agenda, phase: str, right: int, wrong: int) -> None:
    """Enter the room's answers for every check of a phase."""
    for slot in agenda.checks:
        if slot.phase == phase:
            counts = [0] * len(slot.choices)
            counts[slot.answer] = right
            counts[(slot.answer + 1) % len(slot.choices)] = wrong
            live.set_counts(slot.key, counts)


PEOPLE = (
    ("Ana Ruiz", "Law enforcement", "Ames Police Department"),
    ("Ben Cho", "EMS", "Story County EMS"),
    ("Cy Olsen", "Law enforcement", "Ames Police Department"),
    ("Dee Park", "Treatment", "Mary Greeley Medical Center"),
    ("Eve Lund", "Fire", "Ames Fire Department"),
    ("Finn Moe", "Law enforcement", "Story County Sheriff's Office"),
    ("Gia Bell", "Peer recovery", "Youth & Shelter Services"),
)


@pytest.fixture
def presented(tmp_path, bundled_course, full_agenda):
    """Return (db path, session id) of a session presented, attended and evaluated."""
    from deflection_kit.live import LiveSession
    from deflection_kit.storage import CourseFacts, PersonFields, SessionFields, Store

    path = tmp_path / "kit.sqlite3"
    clock = FakeClock()
    with Store.open(path) as store:
        session = store.sessions.create(
            SessionFields(
                title="Spring training",
                date=dt.date(2026, 4, 2),
                minutes=90,
                location="Ames City Hall",
                facilitators=("Dana Whitfield",),
            ),
            CourseFacts.from_info(bundled_course.info),
        )
        start = dt.datetime(2026, 4, 2, 9, 0, tzinfo=dt.UTC)
        for name, discipline, agency in PEOPLE:
            fields = PersonFields(name=name, discipline=discipline, agency=agency)
            store.attendance.check_in(session.id, fields, at=start)
            store.attendance.check_out(session.id, fields, at=start + dt.timedelta(minutes=90))
        for ratings in ((5, 5, 4, 4, 5, 4, 5), (4, 4, 4, 3, 5, 4, 4), (3, 4, 3, 3, 4, 3, 3)):
            items = ("objectives", "relevant", "pathways", "handoff", "facilitator",
                     "activities", "recommend")  # fmt: skip
            store.feedback.add(session.id, dict(zip(items, ratings, strict=True)),
                               {"useful": "The Quick Response Team example"})  # fmt: skip
        live = LiveSession(full_agenda, clock=clock, session_id=session.id)
        answer(live, full_agenda, "pre", 2, 5)
        present(live, clock, full_agenda, late=1.5)
        answer(live, full_agenda, "during", 5, 2)
        answer(live, full_agenda, "post", 6, 1)
        live.end()
        store.live.save(session.id, live.to_dict(), [e.to_dict() for e in live.events])
    return path, session.id
