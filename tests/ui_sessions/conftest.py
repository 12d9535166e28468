"""Fixtures for the Sessions page and kiosk: a real database with a planned session."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from deflection_kit.storage import CourseFacts, PersonFields, SessionFields, Store

ROSTER = [
    PersonFields("Ana María Ruiz-López", "ana@metro.example", agency="Metro PD",
                 discipline="Police"),
    PersonFields("Bo Li", "bo@county.example", agency="County EMS", discipline="EMS"),
    PersonFields("Cy Okafor", "cy@fire.example", agency="Metro Fire", discipline="Fire"),
    PersonFields("Ana Bell", "", agency="Harbor Recovery", discipline="Treatment"),
    PersonFields("王小明", "xm@county.example", agency="County EMS", discipline="EMS"),
]  # fmt: skip


@pytest.fixture
def app_context(bundled_course, tmp_path: Path):
    from deflection_kit.ui.pages import AppContext

    return AppContext(course=bundled_course, db_path=tmp_path / "kit.sqlite3")


@pytest.fixture
def seeded(app_context) -> str:
    """Create a session today with five people on its roster; return its id."""
    with Store.open(app_context.db_path) as store:
        session = store.sessions.create(
            SessionFields(
                title="Metro Deflection Training",
                date=dt.date.today(),
                start=dt.time(9, 0),
                location="Station 4",
                facilitators=("Jo Park",),
            ),
            CourseFacts.from_info(app_context.course.info),
        )
        for person in ROSTER:
            stored = store.participants.create(person)
            store.attendance.add_to_roster(session.id, stored.id)
    return session.id
