"""Fixtures for the deck tests: a small complete course, built decks, readers for .pptx."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURE_CONTENT = Path(__file__).resolve().parent / "fixture_content"


@pytest.fixture(scope="session")
def fixture_course():
    """Return the fixture course (4 pathways, an image slide, questions, resources)."""
    from deflection_kit.content import load_course

    return load_course(FIXTURE_CONTENT)


@pytest.fixture
def write_csv(tmp_path: Path):
    """Return a function that writes a CSV file and returns its path."""

    def write(text: str, name: str = "resources.csv") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture
def real_course(request: pytest.FixtureRequest):
    """Return the bundled course, or skip while the branch has no bundled content yet."""
    from deflection_kit import paths

    if not (paths.content_dir() / "course.yaml").is_file():
        pytest.skip("the bundled course content is not in this checkout yet")
    return request.getfixturevalue("bundled_course")
