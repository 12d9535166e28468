"""Settings survive a restart, damaged files give one clear line, and the file is owner-only."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from deflection_kit.errors import InputFileError
from deflection_kit.settings import Settings, load_settings, save_settings, settings_path


def test_defaults_when_there_is_no_file() -> None:
    assert load_settings() == Settings()
    assert load_settings().paper_size == "letter"


def test_round_trip_and_owner_only() -> None:
    chosen = Settings(organization_name="Lake County Sheriff", paper_size="a4")
    path = save_settings(chosen)
    assert path == settings_path()
    assert load_settings() == chosen
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_unknown_keys_and_bad_values_are_ignored(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text('{"paper_size": "legal", "future_option": 1, "facilitator_name": "Ana"}')
    assert load_settings(path) == Settings(facilitator_name="Ana")


def test_damaged_file_is_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text('{"paper_size": ')
    with pytest.raises(InputFileError) as caught:
        load_settings(path)
    assert str(caught.value).startswith(f"{path}:1: settings file is damaged")
