"""``deflection-kit --smoke``: every check runs, failures are reported, user data is untouched."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtGui import QColor, QImage

from deflection_kit.ui.smoke import (
    CHECKS,
    CheckResult,
    SmokeCheckError,
    distinct_colours,
    run_checks,
)


def test_smoke_passes_and_reports_every_check(run_cli) -> None:
    result = run_cli("--smoke")
    assert result.code == 0, result
    lines = result.out.splitlines()
    for name, _check in CHECKS:
        assert any(line.startswith("ok ") and f" {name} " in line for line in lines), name
    assert result.err == ""
    assert lines[-1].startswith(f"smoke test passed: {len(CHECKS)} checks")


def test_smoke_leaves_the_user_data_folder_alone(run_cli) -> None:
    data_dir = Path(os.environ["DEFLECTION_KIT_DATA_DIR"])
    assert run_cli("--smoke").code == 0
    # No database, no certificate issuer key, no settings: the checks use throwaway copies.
    assert not data_dir.exists() or list(data_dir.iterdir()) == []


def test_smoke_with_a_command_is_a_usage_error(run_cli) -> None:
    result = run_cli("--smoke", "content", "check")
    assert result.code == 2
    assert "--smoke runs on its own" in result.err


def test_a_failing_check_is_reported_and_the_rest_still_run(bundled_course) -> None:
    def broken(run) -> str:
        raise SmokeCheckError("the picture is blank")

    seen: list[CheckResult] = []
    results = run_checks(bundled_course, seen.append, (("broken", broken), CHECKS[0]))
    assert [r.ok for r in results] == [False, True]
    assert seen == results
    assert results[0].line().startswith("FAIL broken")
    assert "the picture is blank" in results[0].line()


def test_a_blank_picture_has_one_colour() -> None:
    image = QImage(200, 100, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    assert distinct_colours(image) == 1
    image.setPixelColor(0, 0, QColor("black"))
    image.setPixelColor(51, 51, QColor("red"))  # on the sampling grid
    assert distinct_colours(image) == 3
