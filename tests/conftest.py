"""Shared test setup: no display needed, no user data touched."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Qt aborts the process without a display; every test runs on the offscreen platform.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def _isolated_user_data(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Point the user data folder and default database at a fresh temporary folder."""
    home = tmp_path_factory.mktemp("user-data")
    monkeypatch.setenv("DEFLECTION_KIT_DATA_DIR", str(home))
    monkeypatch.delenv("DEFLECTION_KIT_DB", raising=False)
    monkeypatch.delenv("DEFLECTION_KIT_CONTENT", raising=False)


@pytest.fixture(scope="session")
def bundled_course():
    """Return the bundled course, loaded once for the whole run."""
    from deflection_kit import paths
    from deflection_kit.content import load_course

    return load_course(paths.content_dir())


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    """Return a private copy of the bundled content folder to damage."""
    import shutil

    from deflection_kit import paths

    target = tmp_path / "content"
    shutil.copytree(paths.content_dir(), target)
    return target
