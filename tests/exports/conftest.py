"""Fixtures for exports: a store holding a realistic session."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from deflection_kit.storage import CourseFacts, PersonFields, Session, SessionFields, Store

FACTS = CourseFacts(
    id="first-responder-deflection",
    title="First Responder Deflection: A Warm Handoff to Services in the Community",
    version="1.0",
    minutes=90,
    credit_hours=1.5,
    completion_share=0.9,
)

PEOPLE = [
    # name, email, agency, discipline, credentials, arrives, leaves
    ("Ana María Ruiz-López", "ana@metro.example", "Metro PD", "Police", {"post": "P-4431"},
     "08:55", "10:31"),
    ("王小明", "xiaoming@county.example", "County EMS", "EMS", {},
     "09:02", "10:30"),
    ("محمد الأحمد", "m.ahmad@fire.example", "Metro Fire", "Fire", {"state_ems": "EMT-88812"},
     "09:20", "10:30"),
    ("דוד כהן", "", "Harbor Recovery Center", "Treatment", {}, "09:00", "09:45"),
    ("Zoë Brontë", "zoe@peer.example", "Peer Network", "Peer support", {}, None, None),
]  # fmt: skip


@pytest.fixture
def store() -> Iterator[Store]:
    opened = Store.memory()
    yield opened
    opened.close()


@pytest.fixture
def session(store: Store) -> Session:
    """A session with five people: completed, late, left early, absent, in several scripts."""
    made = store.sessions.create(
        SessionFields(
            title="Metro Deflection Training",
            date=dt.date(2025, 3, 4),
            start=dt.time(9, 0),
            location="Station 4, 120 Harbor Road",
            host_agency="Metro Fire",
            facilitators=("Jo Park", "Sam Lee"),
        ),
        FACTS,
    )
    for name, email, agency, discipline, creds, arrives, leaves in PEOPLE:
        person = store.participants.create(PersonFields(name, email, "", agency, discipline, creds))
        store.attendance.add_to_roster(made.id, person.id)
        if arrives:
            store.attendance.check_in(made.id, person.id, _at(arrives))
        if leaves:
            store.attendance.check_out(made.id, person.id, _at(leaves))
    return made


def _at(hhmm: str) -> dt.datetime:
    return dt.datetime.fromisoformat(f"2025-03-04T{hhmm}:00+00:00")
