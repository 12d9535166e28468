"""Build the app for this system: a one-folder PyInstaller bundle, then its archive or installer.

    uv run python packaging/build.py              # into build/
    uv run python packaging/build.py --check      # ... then run the frozen --version and --smoke

Linux: build/dist/deflection-kit/ (with install.sh, the menu entry and icons) and
build/deflection-kit-VERSION-linux-ARCH.tar.gz. Windows: the folder, then an installer made by
Inno Setup's ISCC when it is installed (a .zip otherwise). macOS: Deflection Kit.app and a .dmg
(or a .zip). Prints the bundle's size, the archive's size and the build time.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import appinfo  # noqa: E402  (packaging/ is not a package)

ROOT = appinfo.ROOT
SPEC = HERE / "deflection-kit.spec"
ICONS = HERE / "icons"
LINUX = HERE / "linux"
WINDOWS = HERE / "windows"
INNO_DEFAULT = Path(r"C:\Program Files (x86)\Inno Setup 6\ISCC.exe")


def folder_size(path: Path) -> tuple[int, int]:
    """Return the bytes and the number of files under ``path`` (links not followed)."""
    total = files = 0
    for item in path.rglob("*"):
        if item.is_file() and not item.is_symlink():
            total += item.stat().st_size
            files += 1
    return total, files


def megabytes(size: int) -> str:
    """Return a size in MB with one decimal."""
    return f"{size / 1_000_000:.1f} MB"


def machine() -> str:
    """Return the processor name used in archive names (x86_64, arm64...)."""
    name = platform.machine().lower()
    return {"amd64": "x86_64", "aarch64": "arm64"}.get(name, name)


def run_pyinstaller(dist: Path, work: Path) -> None:
    """Run PyInstaller on the spec; raise SystemExit if it fails."""
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--log-level",
        "WARN",
        "--distpath",
        str(dist),
        "--workpath",
        str(work),
        str(SPEC),
    ]
    result = subprocess.run(command, cwd=ROOT, check=False)
    if result.returncode != 0:
        raise SystemExit(f"build.py: PyInstaller failed (exit {result.returncode})")


def add_linux_files(bundle: Path) -> None:
    """Add the menu entry, AppStream metainfo, icons and the install scripts to the folder."""
    share = bundle / "share"
    for kind, suffix in (("applications", ".desktop"), ("metainfo", ".metainfo.xml")):
        (share / kind).mkdir(parents=True, exist_ok=True)
        shutil.copy2(LINUX / f"{appinfo.APP_ID}{suffix}", share / kind)
    for png in sorted((ICONS / "png").glob("*.png")):
        target = share / "icons" / "hicolor" / png.stem / "apps"
        target.mkdir(parents=True, exist_ok=True)
        shutil.copy2(png, target / f"{appinfo.ICON_NAME}.png")
    scalable = share / "icons" / "hicolor" / "scalable" / "apps"
    scalable.mkdir(parents=True, exist_ok=True)
    svg = ROOT / "src" / "deflection_kit" / "ui" / "icons" / "deflection-kit.svg"
    shutil.copy2(svg, scalable / f"{appinfo.ICON_NAME}.svg")
    for script in ("install.sh", "uninstall.sh"):
        shutil.copy2(LINUX / script, bundle / script)
        (bundle / script).chmod(0o755)


def glibc_floor(bundle: Path) -> str:
    """Return the newest glibc version any bundled binary asks for (the oldest it runs on)."""
    newest: tuple[int, ...] = (2, 17)
    for item in bundle.rglob("*"):
        if item.is_symlink() or not item.is_file():
            continue
        with open(item, "rb") as handle:
            if handle.read(4) != b"\x7fELF":
                continue
        symbols = subprocess.run(
            ["objdump", "-T", str(item)], capture_output=True, text=True, check=False
        ).stdout
        for found in re.findall(r"GLIBC_(\d+(?:\.\d+)+)", symbols):
            newest = max(newest, tuple(int(part) for part in found.split(".")))
    return ".".join(str(part) for part in newest)


def _tar_entry(info: tarfile.TarInfo) -> tarfile.TarInfo:
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    return info


def make_tarball(bundle: Path, target: Path, top: str) -> Path:
    """Pack the folder as ``target`` (.tar.gz) under the top folder name ``top``."""
    tmp = target.with_name(target.name + ".part")
    with tarfile.open(tmp, "w:gz", compresslevel=6) as archive:
        archive.add(bundle, arcname=top, filter=_tar_entry)
    tmp.replace(target)
    return target


def make_zip(folder: Path, target: Path) -> Path:
    """Pack ``folder`` (kept as the top folder) as ``target`` (.zip)."""
    base = target.with_suffix("")
    made = shutil.make_archive(str(base), "zip", root_dir=folder.parent, base_dir=folder.name)
    return Path(made)


def find_iscc() -> Path | None:
    """Return Inno Setup's compiler if it is installed."""
    found = shutil.which("iscc") or shutil.which("ISCC")
    if found:
        return Path(found)
    return INNO_DEFAULT if INNO_DEFAULT.exists() else None


def windows_installer(bundle: Path, out: Path, version: str) -> Path:
    """Make the Windows installer with Inno Setup, or a .zip when it is not installed."""
    iscc = find_iscc()
    if iscc is None:
        print("build.py: Inno Setup (ISCC.exe) not found: making a .zip instead of an installer")
        return make_zip(bundle, out / f"deflection-kit-{version}-windows-{machine()}.zip")
    subprocess.run(
        [
            str(iscc),
            f"/DAppVersion={version}",
            f"/DDistDir={bundle}",
            f"/DOutputDir={out}",
            f"/DIconFile={ICONS / 'deflection-kit.ico'}",
            str(WINDOWS / "deflection-kit.iss"),
        ],
        check=True,
    )
    return out / f"deflection-kit-{version}-windows-setup.exe"


def macos_image(dist: Path, out: Path, version: str) -> Path:
    """Put the .app in a disk image (hdiutil), or a .zip when hdiutil is missing."""
    app = dist / f"{appinfo.DISPLAY_NAME}.app"
    target = out / f"deflection-kit-{version}-macos-{machine()}.dmg"
    if shutil.which("hdiutil"):
        target.unlink(missing_ok=True)
        subprocess.run(
            [
                "hdiutil",
                "create",
                "-volname",
                appinfo.DISPLAY_NAME,
                "-srcfolder",
                str(app),
                "-format",
                "UDZO",
                str(target),
            ],
            check=True,
        )
        return target
    return make_zip(app, target.with_suffix(".zip"))


def check_frozen(program: Path) -> None:
    """Run the frozen --version and --smoke offscreen; raise SystemExit if either fails."""
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    for args in (["--version"], ["--smoke"]):
        print(f"$ {program.name} {' '.join(args)}", flush=True)
        result = subprocess.run([str(program), *args], env=env, check=False)
        if result.returncode != 0:
            raise SystemExit(f"build.py: frozen {' '.join(args)} failed (exit {result.returncode})")


def frozen_program(dist: Path) -> Path:
    """Return the frozen command-line program inside the build."""
    name = appinfo.EXE_NAME + (".exe" if sys.platform == "win32" else "")
    return dist / appinfo.BUNDLE_NAME / name


def build(out: Path, archive: bool = True, check: bool = False) -> int:
    """Build into ``out``; print sizes and times; return 0."""
    version = appinfo.version()
    out = out.resolve()
    dist, work = out / "dist", out / "work"
    started = time.perf_counter()
    run_pyinstaller(dist, work)
    bundle = dist / appinfo.BUNDLE_NAME
    if sys.platform.startswith("linux"):
        add_linux_files(bundle)
    frozen = time.perf_counter()
    size, files = folder_size(bundle)
    print(f"bundle:   {bundle} ({megabytes(size)}, {files} files)")
    if sys.platform.startswith("linux"):
        print(f"runs on:  Linux {machine()} with glibc {glibc_floor(bundle)} or newer")
    packed = None
    if archive:
        if sys.platform == "win32":
            packed = windows_installer(bundle, out, version)
        elif sys.platform == "darwin":
            packed = macos_image(dist, out, version)
        else:
            name = f"deflection-kit-{version}-linux-{machine()}"
            packed = make_tarball(bundle, out / f"{name}.tar.gz", name)
        print(f"archive:  {packed} ({megabytes(packed.stat().st_size)})")
    done = time.perf_counter()
    print(
        f"build time: {done - started:.1f} s "
        f"(PyInstaller {frozen - started:.1f} s, archive {done - frozen:.1f} s)"
    )
    if check:
        check_frozen(frozen_program(dist))
    return 0


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and build."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build", help="build folder")
    parser.add_argument("--no-archive", action="store_true", help="build the folder only")
    parser.add_argument("--check", action="store_true", help="run the frozen --version, --smoke")
    args = parser.parse_args(argv)
    return build(args.out, archive=not args.no_archive, check=args.check)


if __name__ == "__main__":
    sys.exit(main())
