"""Build the installable app with PyInstaller, then use it as a user would (end to end).

One build per test run (about a minute here): the frozen program answers --version, passes its
smoke test offscreen and in a real X window (Xvfb), keeps its records in the user data folder,
and the Linux archive installs, upgrades and uninstalls without touching those records.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tarfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from packaging_support import ROOT, appinfo

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux build"),
    # PyInstaller reads and strips the libraries it bundles with binutils
    pytest.mark.needs("objdump", "strip"),
]

# bytes: the bundle must stay under 270 MB on Linux. It was under 200 MB until the printed
# documents moved to Typst, whose engine is one 68 MB library (stripped; its own fonts and
# hyphenation patterns are inside): measured 254.7 MB with it.
SIZE_BUDGET = 270_000_000


@dataclass(frozen=True)
class Build:
    """What packaging/build.py made and said."""

    out: Path
    bundle: Path
    program: Path
    archive: Path
    output: str


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    out = tmp_path_factory.mktemp("build")
    result = subprocess.run(
        [sys.executable, str(ROOT / "packaging" / "build.py"), "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    bundle = out / "dist" / appinfo.BUNDLE_NAME
    (archive,) = out.glob("deflection-kit-*-linux-*.tar.gz")
    return Build(out, bundle, bundle / appinfo.EXE_NAME, archive, result.stdout)


def _user_env(home: Path, **extra: str) -> dict[str, str]:
    """Return an environment for a fresh user: own home, no test overrides."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DEFLECTION_KIT_", "XDG_", "VIRTUAL_ENV", "PYTHON"))
    }
    env.update({"HOME": str(home), "QT_QPA_PLATFORM": "offscreen", **extra})
    return env


def _run(args: list[str], env: dict[str, str], timeout: float = 180) -> subprocess.CompletedProcess:
    return subprocess.run(
        args, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )


def test_build_reports_size_and_time_and_stays_under_budget(build: Build) -> None:
    assert re.search(r"^bundle: .*\(\d+\.\d MB, \d+ files\)$", build.output, re.M)
    assert re.search(r"^archive: .*\.tar\.gz \(\d+\.\d MB\)$", build.output, re.M)
    assert re.search(r"^build time: \d+\.\d s", build.output, re.M)
    assert re.search(r"^runs on:  Linux \w+ with glibc 2\.\d+ or newer$", build.output, re.M)
    files = [p for p in build.bundle.rglob("*") if not p.is_symlink() and p.is_file()]
    size = sum(p.stat().st_size for p in files)
    assert size < SIZE_BUDGET, f"bundle is {size / 1e6:.1f} MB"
    dangling = [p for p in build.bundle.rglob("*") if p.is_symlink() and not p.exists()]
    assert dangling == []


def test_frozen_version(build: Build, tmp_path: Path) -> None:
    result = _run([str(build.program), "--version"], _user_env(tmp_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"deflection-kit, version {appinfo.version()}"


def test_frozen_smoke_offscreen(build: Build, tmp_path: Path) -> None:
    result = _run([str(build.program), "--smoke"], _user_env(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "FAIL" not in result.stdout
    assert "platform offscreen" in result.stdout
    assert result.stdout.splitlines()[-1].startswith("smoke test passed")
    assert not (
        tmp_path / ".local" / "share" / "deflection-kit" / "deflection-kit.sqlite3"
    ).exists()


@pytest.mark.needs("xvfb-run")
def test_frozen_smoke_in_a_real_x_window(build: Build, tmp_path: Path) -> None:
    xvfb = shutil.which("xvfb-run")
    assert xvfb is not None
    env = _user_env(tmp_path, QT_QPA_PLATFORM="xcb")
    result = _run([xvfb, "-a", str(build.program), "--smoke"], env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "platform xcb" in result.stdout


def test_frozen_app_without_a_display_says_so(build: Build, tmp_path: Path) -> None:
    env = _user_env(tmp_path)
    for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        env.pop(name, None)
    result = _run([str(build.program)], env)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "no display found" in result.stderr


def test_frozen_app_keeps_records_in_the_user_data_folder(build: Build, tmp_path: Path) -> None:
    env = _user_env(tmp_path)
    created = _run(
        [str(build.program), "session", "new", "--title", "Springfield PD", "--date", "2025-03-04"],
        env,
    )
    assert created.returncode == 0, created.stderr
    database = tmp_path / ".local" / "share" / "deflection-kit" / "deflection-kit.sqlite3"
    assert database.is_file()
    assert oct(database.stat().st_mode & 0o777) == "0o600"
    listed = _run([str(build.program), "session", "list"], env)
    assert "Springfield PD" in listed.stdout


def _pdf_text(path: Path) -> bytes:
    from pypdf import PdfReader

    return " ".join(page.extract_text() for page in PdfReader(path).pages).encode()


def test_frozen_commands_issue_verify_and_build_materials(build: Build, tmp_path: Path) -> None:
    """The paths the smoke test does not walk: issuer keys, signed PDFs, fillable forms."""
    env = _user_env(tmp_path)
    program = str(build.program)

    def ok(*args: str) -> str:
        result = _run([program, *args], env)
        assert result.returncode == 0, f"{args}: {result.stdout}{result.stderr}"
        return result.stdout

    session = ok(
        "session",
        "new",
        "--title",
        "Springfield PD",
        "--date",
        "2025-03-04",
        "--start",
        "09:00",
        "--minutes",
        "90",
    ).strip()
    ok("checkin", session, "--name", "Ana López", "--at", "2025-03-04T09:00:00Z")
    ok("checkout", session, "--name", "Ana López", "--at", "2025-03-04T10:30:00Z")
    ok("certificates", "issue", session, "--out", str(tmp_path / "certs"))
    (certificate,) = (tmp_path / "certs").glob("*.pdf")
    assert "Ana López" in ok("certificates", "verify", str(certificate))
    roster = tmp_path / "roster.pdf"
    ok("attendance", "export", "--session", session, "--format", "pdf", "--out", str(roster))
    assert roster.read_bytes()[:4] == b"%PDF" and b"Ana L" in _pdf_text(roster)
    # A department's template compiles in a worker process, which the frozen program must start.
    department = Path(env["HOME"]) / ".local" / "share" / "deflection-kit" / "document-templates"
    department.mkdir(parents=True)
    (department / "attendance-roster.typ").write_text(
        '#import "kit.typ"\n#set document(title: "Ours")\n#set text(lang: "en")\n= Our roster\n'
    )
    ok("attendance", "export", "--session", session, "--format", "pdf", "--out", str(roster))
    assert b"Our roster" in _pdf_text(roster)
    ok("materials", "build", "--out", str(tmp_path / "materials"))
    assert (tmp_path / "materials" / "facilitator-guide.pdf").stat().st_size > 10_000
    assert (tmp_path / "materials" / "action-planning-worksheet.pdf").read_bytes()[:4] == b"%PDF"


def test_frozen_bundle_carries_what_the_app_reads_and_not_what_it_does_not(build: Build) -> None:
    internal = build.bundle / "_internal"
    for folder in appinfo.BUNDLED_FOLDERS:
        assert (internal / folder).is_dir(), folder
    assert any((internal / "fonts").glob("*.ttf"))
    assert any((internal / "content" / "certificates").glob("*.svg.j2"))  # certificate designs
    assert any((internal / "slides_templates").rglob("*.pptx"))  # deck themes
    assert any((internal / "deflection_kit" / "exports" / "profiles").glob("*.yaml"))
    assert (internal / "deflection_kit" / "ui" / "icons" / "deflection-kit.svg").is_file()
    plugins = internal / "PySide6" / "Qt" / "plugins"
    for needed in (
        "platforms/libqxcb.so",
        "platforms/libqoffscreen.so",
        "imageformats/libqsvg.so",
        "imageformats/libqjpeg.so",
        "iconengines/libqsvgicon.so",
        "printsupport/libcupsprintersupport.so",
    ):
        assert (plugins / needed).is_file(), needed
    names = {p.name for p in internal.rglob("*")}
    for unwanted in ("libQt6Quick.so.6", "libQt6Qml.so.6", "libQt6WaylandClient.so.6", "mypy"):
        assert unwanted not in names, unwanted
    assert not (internal / "PySide6" / "Qt" / "translations").exists()


def test_archive_installs_upgrades_and_uninstalls_keeping_records(
    build: Build, tmp_path: Path
) -> None:
    unpacked = tmp_path / "download"
    with tarfile.open(build.archive) as archive:
        archive.extractall(unpacked, filter="tar")
    (top,) = unpacked.iterdir()
    assert re.fullmatch(rf"deflection-kit-{re.escape(appinfo.version())}-linux-\w+", top.name)
    home = tmp_path / "home"
    env = _user_env(home)
    installed = _run(["sh", str(top / "install.sh")], env)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    app_dir = home / ".local" / "lib" / "deflection-kit"
    share = home / ".local" / "share"
    desktop = share / "applications" / f"{appinfo.APP_ID}.desktop"
    exec_line = next(line for line in desktop.read_text().splitlines() if line.startswith("Exec="))
    assert exec_line == f"Exec={app_dir}/deflection-kit"
    assert (share / "icons" / "hicolor" / "48x48" / "apps" / f"{appinfo.APP_ID}.png").is_file()
    assert (share / "icons" / "hicolor" / "scalable" / "apps" / f"{appinfo.APP_ID}.svg").is_file()
    assert (share / "metainfo" / f"{appinfo.APP_ID}.metainfo.xml").is_file()
    command = home / ".local" / "bin" / "deflection-kit"

    # Records made with the installed app survive an upgrade (installing again over it).
    made = _run([str(command), "session", "new", "--title", "Kept", "--date", "2025-03-04"], env)
    assert made.returncode == 0, made.stderr
    again = _run(["sh", str(top / "install.sh")], env)
    assert again.returncode == 0, again.stderr
    assert "Kept" in _run([str(command), "session", "list"], env).stdout

    removed = _run(["sh", str(app_dir / "uninstall.sh")], env)
    assert removed.returncode == 0, removed.stderr
    assert not app_dir.exists() and not desktop.exists() and not command.exists()
    data = share / "deflection-kit"
    assert (data / "deflection-kit.sqlite3").is_file()
    assert f"rm -r {data}" in removed.stdout
