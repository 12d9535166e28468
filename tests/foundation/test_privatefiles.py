"""Files about people are written all or nothing, and only their owner can read them."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from deflection_kit import privatefiles


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_write_is_owner_only_and_complete(tmp_path: Path) -> None:
    target = privatefiles.write_text(tmp_path / "roster.csv", "name\nAda\n")
    assert target.read_text(encoding="utf-8") == "name\nAda\n"
    assert _mode(target) == 0o600


def test_failure_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = privatefiles.write_text(tmp_path / "roster.csv", "old")
    with pytest.raises(RuntimeError), privatefiles.atomic_open(target) as handle:
        handle.write("half of the new")
        raise RuntimeError("disk full")
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["roster.csv"]


def test_atomic_path_replaces_an_existing_world_readable_file(tmp_path: Path) -> None:
    target = tmp_path / "deck.pptx"
    target.write_bytes(b"old")
    target.chmod(0o644)
    with privatefiles.atomic_path(target) as tmp:
        tmp.write_bytes(b"new")
    assert target.read_bytes() == b"new"
    assert _mode(target) == 0o600


def test_a_batch_flushes_its_folder_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Many files into one folder: each is still complete and private; the folder is flushed
    by the caller, once, instead of after every file."""
    flushed: list[Path] = []
    real = privatefiles.fsync_dir

    def counted(folder: Path) -> None:
        flushed.append(folder)
        real(folder)

    monkeypatch.setattr(privatefiles, "fsync_dir", counted)
    for number in range(5):
        with privatefiles.atomic_path(tmp_path / f"c{number}.pdf", sync_folder=False) as tmp:
            tmp.write_bytes(b"%PDF-1.4 certificate")
    assert flushed == []
    privatefiles.fsync_dir(tmp_path)
    assert flushed == [tmp_path]
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"c{n}.pdf" for n in range(5)]
    assert {_mode(p) for p in tmp_path.iterdir()} == {0o600}
    with privatefiles.atomic_path(tmp_path / "single.pdf") as tmp:
        tmp.write_bytes(b"%PDF")
    assert flushed == [tmp_path, tmp_path]  # the default flushes the folder itself
