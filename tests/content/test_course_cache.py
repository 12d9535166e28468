"""The course cache: a second run takes the checked course from it; any change reads the files."""

from __future__ import annotations

import os
import pickle
import stat
from pathlib import Path

import pytest

from deflection_kit.content import cache as course_cache
from deflection_kit.content import load_course
from deflection_kit.content.cache import cache_file, course_key, load_course_cached
from deflection_kit.errors import ContentError


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("DEFLECTION_KIT_CACHE_DIR", str(folder))
    return folder


def plant(root: Path, title: str) -> None:
    """Put a course with another title in the cache under the folder's current key."""
    course = load_course(root)
    planted = course.model_copy(update={"info": course.info.model_copy(update={"title": title})})
    key = course_key(root)
    assert key is not None
    course_cache.write_cached(cache_file(root), key, planted)


def test_the_first_load_keeps_the_checked_course_owner_only(minimal_content, cache_dir) -> None:
    course = load_course_cached(minimal_content)
    assert course == load_course(minimal_content)
    kept = cache_file(minimal_content)
    assert kept.parent == cache_dir
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert stat.S_IMODE(cache_dir.stat().st_mode) == 0o700
    assert load_course_cached(minimal_content) == course


def test_an_unchanged_folder_is_read_from_the_cache(minimal_content, cache_dir) -> None:
    plant(minimal_content, "Kept in the cache")
    assert load_course_cached(minimal_content).info.title == "Kept in the cache"


def test_changing_any_file_reads_the_files_again(minimal_content, cache_dir) -> None:
    plant(minimal_content, "Kept in the cache")
    course_file = minimal_content / "course.yaml"
    text = course_file.read_text(encoding="utf-8")
    course_file.write_text(text + "\n# a comment changes the bytes\n", encoding="utf-8")
    assert load_course_cached(minimal_content).info.title != "Kept in the cache"


def test_a_new_or_removed_file_reads_the_files_again(minimal_content, cache_dir) -> None:
    plant(minimal_content, "Kept in the cache")
    (minimal_content / "notes.txt").write_text("a facilitator's note\n", encoding="utf-8")
    assert load_course_cached(minimal_content).info.title != "Kept in the cache"
    plant(minimal_content, "Kept in the cache")
    (minimal_content / "notes.txt").unlink()
    assert load_course_cached(minimal_content).info.title != "Kept in the cache"


def test_a_broken_folder_is_never_served_from_the_cache(minimal_content, cache_dir) -> None:
    load_course_cached(minimal_content)
    (minimal_content / "course.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    with pytest.raises(ContentError) as raised:
        load_course_cached(minimal_content)
    assert "course.yaml" in str(raised.value)


def test_another_kit_version_does_not_read_the_cache(minimal_content, cache_dir) -> None:
    # The key includes a hash of the content package's source: a changed model is a new key.
    assert course_key(minimal_content) != course_key(minimal_content, code="another model")
    assert course_key(minimal_content, code=None) is None  # no sources (frozen): no cache


def test_a_cache_file_others_could_write_is_ignored(minimal_content, cache_dir) -> None:
    plant(minimal_content, "Planted by someone else")
    os.chmod(cache_file(minimal_content), 0o666)
    assert load_course_cached(minimal_content).info.title != "Planted by someone else"


def test_a_damaged_cache_file_is_replaced(minimal_content, cache_dir) -> None:
    course = load_course_cached(minimal_content)
    kept = cache_file(minimal_content)
    kept.write_bytes(kept.read_bytes()[:200])
    assert load_course_cached(minimal_content) == course
    header_and_payload = kept.read_bytes()
    assert pickle.loads(header_and_payload.split(b"\n", 2)[2]) == course


def test_an_unwritable_cache_folder_still_loads(minimal_content, tmp_path, monkeypatch) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder would be", encoding="utf-8")
    monkeypatch.setenv("DEFLECTION_KIT_CACHE_DIR", str(blocked / "cache"))
    assert load_course_cached(minimal_content) == load_course(minimal_content)


def test_content_check_reads_the_files_and_commands_use_the_cache(
    run_cli, minimal_content, cache_dir
) -> None:
    plant(minimal_content, "Kept in the cache")
    checked = run_cli("content", "check", str(minimal_content))
    assert checked.code == 0 and "Kept in the cache" not in checked.out
    shown = run_cli("--content", str(minimal_content), "content", "show")
    assert shown.code == 0 and "Kept in the cache" in shown.out
