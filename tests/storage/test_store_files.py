"""The database file: owner-only, WAL and full sync, refused on network shares or when foreign."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import stat
from pathlib import Path

import pytest
from storehelp import FACTS, at

from deflection_kit.storage import PersonFields, SessionFields, Store, StoreError
from deflection_kit.storage.netshare import (
    filesystem_type_linux,
    filesystem_type_macos,
    network_share_type,
)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_database_and_sidecars_are_owner_only_even_with_a_permissive_umask(
    db_path: Path,
) -> None:
    previous = os.umask(0o022)
    try:
        store = Store.open(db_path)
        session = store.sessions.create(SessionFields(title="T", date=dt.date(2025, 3, 4)), FACTS)
        store.attendance.check_in(session.id, PersonFields(name="Ana Ruiz"), at("09:00"))
        sidecars = [db_path.with_name(db_path.name + s) for s in ("-wal", "-shm")]
        assert all(p.exists() for p in sidecars)  # WAL mode keeps them while open
        assert [mode(p) for p in (db_path, *sidecars)] == [0o600, 0o600, 0o600]
        store.close()
    finally:
        os.umask(previous)


def test_an_existing_permissive_database_is_tightened_on_open(db_path: Path) -> None:
    Store.open(db_path).close()
    os.chmod(db_path, 0o644)
    Store.open(db_path).close()
    assert mode(db_path) == 0o600


def test_every_connection_gets_the_safety_pragmas(store: Store) -> None:
    pragma = lambda name: store.db.execute(f"PRAGMA {name}").fetchone()[0]  # noqa: E731
    assert pragma("journal_mode") == "wal"
    assert pragma("synchronous") == 2  # FULL
    assert pragma("foreign_keys") == 1
    assert pragma("secure_delete") == 1
    assert pragma("trusted_schema") == 0


def test_reopening_keeps_records_and_schema(db_path: Path) -> None:
    with Store.open(db_path) as store:
        session = store.sessions.create(SessionFields(title="T", date=dt.date(2025, 1, 2)), FACTS)
    with Store.open(db_path) as store:
        assert store.sessions.get(session.id).title == "T"
        assert store.integrity_ok()


def test_a_file_that_is_not_a_database_gives_one_clear_error(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.sqlite3"
    bogus.write_text("these are my notes, not a database\n" * 100)
    with pytest.raises(StoreError, match="not a usable Deflection Kit database"):
        Store.open(bogus)
    assert bogus.read_text().startswith("these are my notes")


def test_a_database_from_a_newer_kit_is_refused(db_path: Path) -> None:
    Store.open(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('deflection_kit', '0099_future', 'x')"
    )
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="newer Deflection Kit"):
        Store.open(db_path)


def test_a_folder_is_not_a_database(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="is a folder"):
        Store.open(tmp_path)


MOUNTS = """\
overlay / overlay rw,relatime 0 0
proc /proc proc rw 0 0
//nas/training /mnt/training cifs rw,vers=3.0 0 0
nas:/export/home /home/coord/shared nfs4 rw 0 0
user@host:/data /media/my\\040drive fuse.sshfs rw 0 0
/dev/sda1 /mnt/training/local-disk ext4 rw 0 0
"""


@pytest.mark.parametrize(
    ("folder", "expected"),
    [
        ("/home/coord", "overlay"),
        ("/mnt/training/records", "cifs"),
        ("/mnt/training", "cifs"),
        ("/mnt/training-old", "overlay"),  # a sibling whose name only starts the same
        ("/mnt/training/local-disk/db", "ext4"),  # a local disk mounted inside a share
        ("/home/coord/shared/x", "nfs4"),
        ("/media/my drive/kit", "fuse.sshfs"),
    ],
)
def test_mount_table_lookup_finds_the_innermost_mount(folder: str, expected: str) -> None:
    assert filesystem_type_linux(Path(folder), MOUNTS) == expected


MACOS_MOUNTS = """\
/dev/disk3s1s1 on / (apfs, sealed, local, read-only, journaled)
/dev/disk3s5 on /System/Volumes/Data (apfs, local, journaled, nobrowse, protect)
map auto_home on /System/Volumes/Data/home (autofs, automounted, nobrowse)
//jo@nas.metro.local/Training on /Volumes/Training (smbfs, nodev, nosuid, mounted by jo)
nas:/export/records on /Volumes/Records on Monday (nfs, nodev, nosuid, mounted by jo)
/dev/disk4s1 on /Volumes/USB Stick (msdos, local, nodev, nosuid, noowners)
"""


@pytest.mark.parametrize(
    ("folder", "expected"),
    [
        ("/Users/jo/Library/Application Support/Deflection Kit", "apfs"),
        ("/Volumes/Training/kit", "smbfs"),
        ("/Volumes/Training", "smbfs"),
        ("/Volumes/Records on Monday/db", "nfs"),
        ("/Volumes/USB Stick/kit", "msdos"),
    ],
)
def test_macos_mount_output_finds_the_innermost_mount(folder: str, expected: str) -> None:
    assert filesystem_type_macos(Path(folder), MACOS_MOUNTS) == expected


def test_a_database_on_a_network_share_is_refused_with_an_explanation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from deflection_kit.storage import connection

    monkeypatch.setattr(connection, "network_share_type", lambda folder: "cifs")
    with pytest.raises(StoreError) as refused:
        Store.open(tmp_path / "kit.sqlite3")
    message = str(refused.value)
    assert "network share (cifs)" in message and "local" in message
    assert not (tmp_path / "kit.sqlite3").exists()


def test_the_test_folder_itself_is_local(tmp_path: Path) -> None:
    assert network_share_type(tmp_path) is None
