"""Shared test setup: no display needed, no user data touched."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

# Qt aborts the process without a display; every test runs on the offscreen platform.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Programs some tests need that pip cannot install, and what to install for each (Debian names;
# .ci/run installs them all). Mark such a test @pytest.mark.needs("pdftotext", ...).
INSTALL = {
    "soffice": "libreoffice-impress-nogui libreoffice-calc-nogui",
    **dict.fromkeys(
        ("pdftotext", "pdffonts", "pdftoppm", "pdfimages", "pdfinfo", "pdfsig"), "poppler-utils"
    ),
    "xvfb-run": "xvfb",
    "Xvfb": "xvfb",
    "objdump": "binutils",
    "strip": "binutils",
    "desktop-file-validate": "desktop-file-utils",
    "appstreamcli": "appstream",
}


def on_ci() -> bool:
    """Return True under CI (CI=true), where a missing program fails a test instead of skipping."""
    return os.environ.get("CI", "").lower() in ("true", "1", "yes")


def missing_programs(item: pytest.Item) -> str | None:
    """Return why ``item`` cannot run here (its programs and what to install), or None."""
    wanted = [name for mark in item.iter_markers("needs") for name in mark.args]
    missing = [name for name in dict.fromkeys(wanted) if shutil.which(name) is None]
    if not missing:
        return None
    packages = " ".join(dict.fromkeys(INSTALL.get(name, name) for name in missing))
    return f"needs {', '.join(missing)}: install {packages} (.ci/run does)"


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """Under CI, fail a test whose programs are missing (elsewhere it was marked to skip)."""
    reason = missing_programs(item)
    if reason and on_ci():
        pytest.fail(f"{reason}; under CI it must run, not skip", pytrace=False)


def pytest_addoption(parser: pytest.Parser) -> None:
    """Add --update-screenshots: refresh the README tour's pictures in docs/screenshots."""
    parser.addoption(
        "--update-screenshots",
        action="store_true",
        help="write the screenshots into docs/screenshots (else into a temporary folder); "
        "refresh them all with: uv run pytest -m screenshots --update-screenshots",
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test that takes a screenshot, so `-m screenshots` runs just those; skip a test
    whose programs are missing, naming what to install (under CI it fails instead)."""
    for item in items:
        if "save_screenshot" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.screenshots)
        reason = missing_programs(item)
        if reason and not on_ci():
            item.add_marker(pytest.mark.skip(reason=reason))


def pytest_configure(config: pytest.Config) -> None:
    """Start the one QApplication before any test: painting code would otherwise start a bare
    QGuiApplication, and a QApplication made after that aborts the process."""
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None:
        config._deflection_kit_qapp = QApplication([])  # type: ignore[attr-defined]  # keep alive


@pytest.fixture(scope="session")
def _course_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return one course cache folder for the run (its keys tell every content folder apart)."""
    return tmp_path_factory.mktemp("user-cache")


@pytest.fixture(autouse=True)
def _isolated_user_data(
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
    _course_cache_dir: Path,
) -> None:
    """Point the user data folder and default database at a fresh temporary folder."""
    home = tmp_path_factory.mktemp("user-data")
    monkeypatch.setenv("DEFLECTION_KIT_DATA_DIR", str(home))
    monkeypatch.setenv("DEFLECTION_KIT_CACHE_DIR", str(_course_cache_dir))
    monkeypatch.delenv("DEFLECTION_KIT_DB", raising=False)
    monkeypatch.delenv("DEFLECTION_KIT_CONTENT", raising=False)


@pytest.fixture(scope="session")
def bundled_course():
    """Return the bundled course, loaded once for the whole run."""
    from deflection_kit import paths
    from deflection_kit.content import load_course

    return load_course(paths.content_dir())


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    """Return a private copy of the bundled content folder to damage."""
    import shutil

    from deflection_kit import paths

    target = tmp_path / "content"
    shutil.copytree(paths.content_dir(), target)
    return target


class CliResult:
    """What a command printed and how it exited."""

    def __init__(self, code: int, out: str, err: str) -> None:
        self.code = code
        self.out = out
        self.err = err

    def __repr__(self) -> str:
        return f"CliResult(code={self.code}, out={self.out[-500:]!r}, err={self.err[-500:]!r})"


@pytest.fixture
def run_cli(capsys: pytest.CaptureFixture[str]):
    """Return a function that runs ``deflection-kit ARGS`` in-process, as the script does."""
    from deflection_kit.cli import main

    def run(*args: str) -> CliResult:
        capsys.readouterr()
        try:
            main(list(args))
        except SystemExit as done:
            code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
        else:
            code = 0
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run


@pytest.fixture
def minimal_content(tmp_path: Path) -> Path:
    """Return a private copy of the small test course in tests/content/minimal_content."""
    import shutil

    target = tmp_path / "content"
    shutil.copytree(Path(__file__).parent / "content" / "minimal_content", target)
    return target


SCREENSHOTS = Path(__file__).resolve().parents[1] / "docs" / "screenshots"


@pytest.fixture
def save_screenshot(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    """Return a function that grabs a widget into NAME.png: in docs/screenshots (the README's
    tour) with --update-screenshots, else in a temporary folder, so a plain run changes no file
    in the checkout."""
    update = request.config.getoption("--update-screenshots")
    folder = SCREENSHOTS if update else tmp_path_factory.getbasetemp() / "screenshots"

    def save(widget, name: str) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"{name}.png"
        assert widget.grab().save(str(target)), f"could not save {target}"
        return target

    return save
