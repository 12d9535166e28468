"""`uv run pytest` on a fresh machine: with none of the programs pip cannot install, the suite
collects cleanly, and a test that needs one skips saying what to install (fails under CI)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# What the suite may call that pip cannot bring (and more a fresh machine lacks): not on PATH.
POPPLER = ("pdftotext", "pdffonts", "pdftoppm", "pdfimages", "pdfinfo", "pdfsig")
OTHERS = (
    *("soffice", "libreoffice", "Xvfb", "xvfb-run", "objdump", "objcopy", "strip"),
    *("desktop-file-validate", "appstreamcli", "xdotool", "import", "convert", "magick"),
)
HIDDEN = {*POPPLER, *OTHERS}


def bare_path(folder: Path) -> str:
    """Return a PATH like this one less the programs in HIDDEN (``folder`` links to the rest)."""
    folder.mkdir()
    for directory in os.environ.get("PATH", "").split(os.pathsep):
        if not directory or not Path(directory).is_dir():
            continue
        for program in Path(directory).iterdir():
            link = folder / program.name
            if program.name in HIDDEN or link.exists() or link.is_symlink():
                continue
            link.symlink_to(program)
    # `uv run` puts the project's environment first, as it does for the README's command.
    return os.pathsep.join([str(Path(sys.executable).parent), str(folder)])


def pytest_in(path: str, *args: str, ci: bool = False) -> subprocess.CompletedProcess[str]:
    """Run pytest on this checkout with ``path`` as PATH (and CI=true if asked)."""
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "PYTEST_ADDOPTS")}
    env.update(PATH=path, **({"CI": "true"} if ci else {}))
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *args],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip


def test_the_suite_collects_without_the_outside_programs(tmp_path) -> None:
    path = bare_path(tmp_path / "bin")
    for program in ("soffice", "pdftotext", "pdftoppm", "xvfb-run", "objdump"):
        assert not any((Path(d) / program).exists() for d in path.split(os.pathsep)), program
    result = pytest_in(path, "--collect-only", "-q", "tests")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-3000:]
    assert "ERROR" not in output and "Traceback" not in output
    summary = output.strip().splitlines()[-1]
    assert re.fullmatch(r"\d{3,} tests collected in [\d.]+s", summary), output[-3000:]


@pytest.mark.needs("pdftotext")
def test_poppler_probe() -> None:
    # The test the next one runs without poppler: here, where poppler is installed, it runs.
    assert subprocess.run(["pdftotext", "-v"], capture_output=True, check=False).returncode == 0


def test_a_missing_program_skips_saying_what_to_install_and_fails_under_ci(tmp_path) -> None:
    path = bare_path(tmp_path / "bin")
    probe = f"{Path(__file__).relative_to(ROOT)}::test_poppler_probe"
    skipped = pytest_in(path, "-rs", probe)
    assert skipped.returncode == 0, skipped.stdout[-3000:]
    assert "1 skipped" in skipped.stdout
    assert "needs pdftotext: install poppler-utils" in skipped.stdout
    failed = pytest_in(path, probe, ci=True)
    assert failed.returncode == 1, failed.stdout[-3000:]
    assert "needs pdftotext: install poppler-utils" in failed.stdout
    assert "under CI it must run, not skip" in failed.stdout
