"""Upgrading the app keeps the records: the database is copied before a migration changes it."""

from __future__ import annotations

import datetime as dt
import sqlite3
import stat
from pathlib import Path

import pytest
from sqlite_utils import Migrations

from deflection_kit.storage import CourseFacts, SessionFields, Store, StoreError, schema
from deflection_kit.storage.connection import UPGRADE_BACKUPS_KEPT, upgrade_backups

FACTS = CourseFacts(id="deflection", title="First Responder Deflection", version="1.0", minutes=90)
FUTURE = "9999_session_notes"


@pytest.fixture
def newer_version(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the store behave like a newer release: every migration of today's, plus one."""
    upgraded = Migrations(schema.MIGRATION_SET)
    for migration in schema.migrations._migrations:
        upgraded(name=migration.name)(migration.fn)

    @upgraded(name=FUTURE)
    def _notes(db) -> None:
        db.execute("ALTER TABLE sessions ADD COLUMN notes TEXT NOT NULL DEFAULT ''")

    monkeypatch.setattr(schema, "migrations", upgraded)
    monkeypatch.setattr(schema, "KNOWN_MIGRATIONS", (*schema.KNOWN_MIGRATIONS, FUTURE))


def _columns(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        return {row[1] for row in conn.execute("PRAGMA table_info(sessions)")}


def _titles(path: Path) -> list[str]:
    with sqlite3.connect(path) as conn:
        return [row[0] for row in conn.execute("SELECT title FROM sessions")]


@pytest.fixture
def old_database(tmp_path: Path) -> Path:
    """A database written by today's release, holding one session."""
    path = tmp_path / "data" / "deflection-kit.sqlite3"
    with Store.open(path) as store:
        store.sessions.create(
            SessionFields(title="Springfield PD", date=dt.date(2025, 3, 4)), FACTS
        )
    return path


def test_a_migration_is_preceded_by_a_backup_of_the_old_database(
    old_database: Path, newer_version: None
) -> None:
    with Store.open(old_database) as store:
        events = [e for e in store.events() if e.kind == "schema.upgrade"]
    (backup,) = upgrade_backups(old_database)
    assert backup.parent == old_database.parent / "backups"
    assert backup.name.startswith(f"deflection-kit-before-{FUTURE}-")
    # The copy is the database as the old release left it; the database itself is upgraded.
    assert _titles(backup) == ["Springfield PD"]
    assert "notes" not in _columns(backup)
    assert "notes" in _columns(old_database)
    assert _titles(old_database) == ["Springfield PD"]
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert stat.S_IMODE(backup.parent.stat().st_mode) == 0o700
    assert [e.data["backup"] for e in events] == [backup.name]
    assert events[0].data["to"] == FUTURE


def test_the_backup_opens_as_a_working_database_of_the_old_release(
    old_database: Path, newer_version: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    Store.open(old_database).close()
    (backup,) = upgrade_backups(old_database)
    monkeypatch.undo()  # back to today's release: it can open its own copy, to roll back
    with Store.open(backup) as store:
        assert store.integrity_ok()
        assert [s.title for s in store.sessions.list()] == ["Springfield PD"]


def test_no_backup_for_a_new_database_or_one_already_up_to_date(
    tmp_path: Path, old_database: Path
) -> None:
    new = tmp_path / "new" / "kit.sqlite3"
    Store.open(new).close()
    Store.open(old_database).close()  # reopened by the same release: nothing to migrate
    assert upgrade_backups(new) == [] and upgrade_backups(old_database) == []
    assert not (new.parent / "backups").exists()


def test_no_migration_without_a_backup(old_database: Path, newer_version: None) -> None:
    (old_database.parent / "backups").write_text("a file where the folder should be")
    with pytest.raises(StoreError, match="could not first save a copy") as caught:
        Store.open(old_database)
    assert "the database was not changed" in str(caught.value)
    assert "notes" not in _columns(old_database)
    assert _titles(old_database) == ["Springfield PD"]


def test_only_the_newest_upgrade_backups_are_kept(old_database: Path, newer_version: None) -> None:
    backups = old_database.parent / "backups"
    backups.mkdir(mode=0o700)
    older = [
        backups / f"deflection-kit-before-0002_x-2024010{i}T000000000000Z.sqlite3" for i in range(5)
    ]
    for path in older:
        path.write_bytes(b"old copy")
    other = backups / "manual-backup.sqlite3"
    other.write_bytes(b"kept: not an upgrade copy")
    Store.open(old_database).close()
    kept = upgrade_backups(old_database)
    assert len(kept) == UPGRADE_BACKUPS_KEPT
    assert kept[-1].name.startswith(f"deflection-kit-before-{FUTURE}-")
    assert kept[:-1] == older[-(UPGRADE_BACKUPS_KEPT - 1) :]
    assert other.exists()
