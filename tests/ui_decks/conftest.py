"""Fixtures for the Decks page and slide painter tests (offscreen Qt)."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURE_CONTENT = Path(__file__).resolve().parents[1] / "decks" / "fixture_content"


@pytest.fixture(scope="session")
def fixture_course():
    """Return the small fixture course shared with tests/decks."""
    from deflection_kit.content import load_course

    return load_course(FIXTURE_CONTENT)


@pytest.fixture
def app_context(fixture_course, tmp_path: Path):
    """Return what a page is built from: the course and a database path."""
    from deflection_kit.ui.pages import AppContext

    return AppContext(course=fixture_course, db_path=tmp_path / "kit.sqlite3")
