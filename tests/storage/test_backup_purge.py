"""Backups are consistent and private; deleting a person or purging old sessions leaves no trace."""

from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path

import pytest
from storehelp import FACTS, at

from deflection_kit.storage import PersonFields, SessionFields, Store, StoreError
from deflection_kit.storage.maintenance import backup, delete_participant, purge_before

SECRET_NAME = "Zebediah Quixotic-Wolfenden"
SECRET_EMAIL = "zebediah.quixotic@example.org"
TRACES = [SECRET_NAME, SECRET_EMAIL, "zebediah", "quixotic", "wolfenden"]


def file_bytes(db_path: Path) -> bytes:
    """Return the database file and its WAL/SHM sidecars, as a thief would copy them."""
    data = b""
    for suffix in ("", "-wal", "-shm"):
        path = db_path.with_name(db_path.name + suffix)
        if path.exists():
            data += path.read_bytes()
    return data


def traces_in(db_path: Path) -> list[str]:
    data = file_bytes(db_path)
    return [t for t in TRACES if t.encode("utf-8") in data or t.lower().encode() in data]


def session_on(store: Store, day: str) -> str:
    return store.sessions.create(
        SessionFields(title=f"Training {day}", date=dt.date.fromisoformat(day), start=dt.time(9)),
        FACTS,
    ).id


def test_backup_is_a_consistent_owner_only_copy(
    store: Store, db_path: Path, tmp_path: Path
) -> None:
    session_id = session_on(store, "2025-03-04")
    store.attendance.check_in(session_id, PersonFields(name="Ana Ruiz"), at("09:00"))
    previous = os.umask(0o022)
    try:
        target = backup(store, tmp_path / "backups" / "kit-backup.sqlite3")
    finally:
        os.umask(previous)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in target.parent.iterdir()] == ["kit-backup.sqlite3"]  # no temp left
    with Store.open(target) as copy:
        assert copy.integrity_ok()
        assert [e.participant.name for e in copy.attendance.roster(session_id)] == ["Ana Ruiz"]
    store.attendance.check_in(session_id, PersonFields(name="Bo Li"), at("09:05"))
    backup(store, target)  # replacing an older backup
    with Store.open(target) as copy:
        assert len(copy.attendance.roster(session_id)) == 2
    with pytest.raises(StoreError, match="cannot overwrite the database"):
        backup(store, db_path)


def test_cli_backup(cli, tmp_path: Path) -> None:
    cli("session", "new", "--title", "T", "--date", "2025-03-04")
    result = cli("backup", "--out", str(tmp_path / "b.sqlite3"))
    assert result.code == 0 and "backed up to" in result.out


def test_deleting_a_person_leaves_no_trace_in_the_files(store: Store, db_path: Path) -> None:
    session_id = session_on(store, "2025-03-04")
    person = store.attendance.check_in(
        session_id,
        PersonFields(name=SECRET_NAME, email=SECRET_EMAIL, agency="Metro PD"),
        at("09:00"),
    ).participant
    store.attendance.check_out(session_id, person.id, at("10:30"))
    store.attendance.override_completion(session_id, person.id, True, "Jo", "excused by chief")
    store.attendance.check_in(session_id, PersonFields(name="Ana Ruiz"), at("09:00"))
    assert traces_in(db_path)  # the test can see a trace when there is one
    delete_participant(store, person.id)
    assert traces_in(db_path) == []
    assert store.participants.search("zebediah") == []
    assert [e.participant.name for e in store.attendance.roster(session_id)] == ["Ana Ruiz"]
    assert all(e.participant_id != person.id for e in store.events())
    assert store.integrity_ok()


def test_purge_removes_old_sessions_and_people_with_nothing_left(
    store: Store, db_path: Path
) -> None:
    old = session_on(store, "2023-05-01")
    new = session_on(store, "2025-03-04")
    secret = PersonFields(name=SECRET_NAME, email=SECRET_EMAIL)
    store.attendance.check_in(old, secret, at("09:00", "2023-05-01"))
    store.attendance.check_in(old, PersonFields(name="Ana Ruiz"), at("09:00", "2023-05-01"))
    store.attendance.check_in(new, PersonFields(name="Ana Ruiz"), at("09:00"))
    report = purge_before(store, dt.date(2024, 1, 1))
    assert (report.sessions, report.attendance, report.participants) == (1, 2, 1)
    assert [s.id for s in store.sessions.list()] == [new]
    assert [p.name for p in store.participants.all()] == ["Ana Ruiz"]
    assert traces_in(db_path) == []
    assert store.integrity_ok()


def test_purge_from_the_command_line(cli, db_path: Path) -> None:
    session_id = cli("session", "new", "--title", "Old", "--date", "2020-01-02").out.strip()
    cli("checkin", session_id, "--name", SECRET_NAME, "--email", SECRET_EMAIL)
    result = cli("purge", "--before", "2021-01-01", "--yes")
    assert result.code == 0 and result.out.startswith("purged 1 sessions")
    assert traces_in(db_path) == []


def test_participant_delete_command(cli, db_path: Path) -> None:
    session_id = cli("session", "new", "--title", "T", "--date", "2025-03-04").out.strip()
    cli("checkin", session_id, "--name", SECRET_NAME, "--email", SECRET_EMAIL)
    found = cli("participant", "search", "zeb").out
    assert SECRET_NAME in found
    person_id = found.split()[0]
    assert cli("participant", "delete", person_id, "--yes").out.startswith("deleted (")
    assert traces_in(db_path) == []


def _grep_data_folder(folder: Path) -> list[str]:
    """Return every file under ``folder`` holding a trace of the secret person (like grep -a)."""
    found = []
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            if any(t.encode() in data or t.lower().encode() in data for t in TRACES):
                found.append(str(path.relative_to(folder)))
    return found


def _older_database(path: Path) -> str:
    """Make a database as the previous kit left it (before migration 0006), with records about
    the secret person in an old session; return that session's id."""
    import sqlite3

    from sqlite_utils import Database

    from deflection_kit.storage import schema

    path.parent.mkdir(parents=True, exist_ok=True)
    db = Database(sqlite3.connect(path))
    schema.migrations.apply(db, stop_before="0006_merge_safety")
    with Store(db, path) as store:
        old = session_on(store, "2020-01-02")
        secret = PersonFields(name=SECRET_NAME, email=SECRET_EMAIL)
        store.attendance.check_in(old, secret, at("09:00", "2020-01-02"))
        store.attendance.check_in(old, PersonFields(name="Ana Ruiz"), at("09:00", "2020-01-02"))
    return old


@pytest.mark.parametrize("how", ["delete", "purge"])
def test_no_file_in_the_data_folder_names_a_deleted_person(
    cli, tmp_path: Path, monkeypatch, how: str
) -> None:
    from deflection_kit import paths
    from deflection_kit.cli import _log_crash

    data = paths.user_data_dir()
    db_path = data / "kit.sqlite3"
    monkeypatch.setenv("DEFLECTION_KIT_DB", str(db_path))
    _older_database(db_path)
    new = cli("session", "new", "--title", "New", "--date", "2025-03-04").out.strip()
    cli("checkin", new, "--name", "Ana Ruiz", "--at", "2025-03-04T09:00Z")
    assert list((data / "backups").glob("kit-before-0006_merge_safety-*.sqlite3"))  # upgraded
    assert cli("backup", "--out", str(data / "monday.sqlite3")).code == 0
    try:  # the kit's own crash log, written the way the command line writes it
        raise RuntimeError(f"could not check in {SECRET_NAME} <{SECRET_EMAIL}>")
    except RuntimeError:
        _log_crash()
    app = Store.open(db_path)  # the app stays open meanwhile: its -wal and -shm exist
    try:
        assert app.participants.count() == 2
        found = _grep_data_folder(data)
        assert {"kit.sqlite3", "monday.sqlite3", "crash.log"} <= set(found)
        assert any(name.startswith("backups/") for name in found)  # the test sees traces
        if how == "delete":
            person = cli("participant", "search", "zeb").out.split()[0]
            result = cli("participant", "delete", person, "--yes")
            assert result.out.strip() == "deleted (2 copies scrubbed)"
        else:
            result = cli("purge", "--before", "2021-01-01", "--yes")
            assert result.out.strip().endswith("(2 copies scrubbed)")
        assert (data / "kit.sqlite3-wal").exists()
        assert _grep_data_folder(data) == []
        assert [p.name for p in app.participants.all()] == ["Ana Ruiz"]
    finally:
        app.close()
    for copy in [data / "monday.sqlite3", *(data / "backups").glob("*.sqlite3")]:
        with Store.open(copy) as opened:  # the copies are sound, and keep everyone else
            assert opened.integrity_ok()
            assert [p.name for p in opened.participants.all()] == ["Ana Ruiz"]
