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
    assert cli("participant", "delete", person_id, "--yes").out.strip() == "deleted"
    assert traces_in(db_path) == []
