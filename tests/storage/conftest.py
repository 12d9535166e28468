"""Fixtures for the store: a small valid course folder, a fresh database, the CLI in-process."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from storehelp import FACTS, write_course

from deflection_kit.storage import SessionFields, Store


@pytest.fixture
def course_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the kit at a minimal course folder."""
    folder = write_course(tmp_path / "course")
    monkeypatch.setenv("DEFLECTION_KIT_CONTENT", str(folder))
    return folder


@pytest.fixture
def db_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the kit at a database file in a fresh folder."""
    path = tmp_path / "db" / "kit.sqlite3"
    monkeypatch.setenv("DEFLECTION_KIT_DB", str(path))
    return path


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    """Open a fresh database file."""
    opened = Store.open(db_path)
    yield opened
    opened.close()


@pytest.fixture
def morning_session(store: Store):
    """A 90-minute session on 4 March 2025 at 09:00 UTC."""
    return store.sessions.create(
        SessionFields(title="Springfield PD", date=dt.date(2025, 3, 4), start=dt.time(9, 0)),
        FACTS,
    )


@dataclass
class CliResult:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(
    capsys: pytest.CaptureFixture[str], course_dir: Path, db_path: Path
) -> Callable[..., CliResult]:
    """Run ``deflection-kit`` in-process; return its exit code and output."""
    from deflection_kit.cli import main

    def run(*args: str) -> CliResult:
        umask = os.umask(0o022)
        os.umask(umask)
        try:
            with pytest.raises(SystemExit) as done:
                main(list(args))
        finally:
            os.umask(umask)  # main() tightens the umask for the process; keep tests honest
        out, err = capsys.readouterr()
        return CliResult(int(done.value.code or 0), out, err)

    return run
