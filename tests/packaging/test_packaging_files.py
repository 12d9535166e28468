"""The files installers use: one app id everywhere, valid desktop files, icons from the SVG."""

from __future__ import annotations

import plistlib
import re
import shutil
import struct
import subprocess
import xml.etree.ElementTree as ET

import pytest
from packaging_support import PACKAGING, appinfo, icons
from PySide6.QtGui import QImage

from deflection_kit.ui.app import DESKTOP_FILE_NAME, app_icon

LINUX = PACKAGING / "linux"
DESKTOP = LINUX / f"{appinfo.APP_ID}.desktop"
METAINFO = LINUX / f"{appinfo.APP_ID}.metainfo.xml"
INNO = PACKAGING / "windows" / "deflection-kit.iss"


def _desktop_entry() -> dict[str, str]:
    lines = DESKTOP.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "[Desktop Entry]"
    return dict(line.split("=", 1) for line in lines[1:] if "=" in line)


def test_one_app_id_everywhere() -> None:
    assert DESKTOP_FILE_NAME == appinfo.APP_ID
    assert _desktop_entry()["Icon"] == appinfo.ICON_NAME == appinfo.APP_ID
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("id") == appinfo.APP_ID
    assert root.findtext("launchable") == f"{appinfo.APP_ID}.desktop"
    assert root.findtext("icon") == appinfo.APP_ID
    assert appinfo.info_plist()["CFBundleIdentifier"] == appinfo.APP_ID


def test_desktop_entry_starts_the_program() -> None:
    entry = _desktop_entry()
    assert entry["Exec"] == entry["TryExec"] == appinfo.EXE_NAME
    assert entry["Name"] == appinfo.DISPLAY_NAME
    assert entry["Terminal"] == "false"


def test_metainfo_names_this_release() -> None:
    releases = ET.parse(METAINFO).getroot().findall("releases/release")
    assert releases[0].get("version") == appinfo.version()


@pytest.mark.needs("desktop-file-validate")
def test_desktop_file_is_valid() -> None:
    tool = shutil.which("desktop-file-validate")
    assert tool is not None
    result = subprocess.run([tool, str(DESKTOP)], capture_output=True, text=True, check=False)
    assert result.returncode == 0 and "error" not in result.stdout, result.stdout


@pytest.mark.needs("appstreamcli")
def test_metainfo_is_valid() -> None:
    tool = shutil.which("appstreamcli")
    assert tool is not None
    result = subprocess.run(
        [tool, "validate", "--no-net", str(METAINFO)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_info_plist_settings_serialise() -> None:
    settings = appinfo.info_plist()
    data = plistlib.loads(plistlib.dumps(settings))
    assert data["CFBundleShortVersionString"] == appinfo.version()
    assert data["NSHighResolutionCapable"] is True
    assert data["CFBundlePackageType"] == "APPL"


def test_inno_setup_script_keeps_its_app_id_and_leaves_records_alone() -> None:
    script = INNO.read_text(encoding="utf-8")
    assert f"AppId={appinfo.INNO_APP_ID}" in script
    assert f"{appinfo.GUI_EXE_NAME}.exe" in script
    assert "PrivilegesRequired=lowest" in script
    assert 'Name: "{app}\\_internal"' in script  # an upgrade replaces the old libraries
    deletions = re.findall(r"^Type: .*$", script, re.M)
    assert all("{app}" in line for line in deletions)  # never the data folder
    assert "{localappdata}\\deflection-kit" in script  # the uninstaller says where records are


def test_install_scripts_are_posix_shell() -> None:
    for script in ("install.sh", "uninstall.sh"):
        result = subprocess.run(["sh", "-n", str(LINUX / script)], check=False)
        assert result.returncode == 0, script


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


@pytest.mark.parametrize("size", icons.PNG_SIZES)
def test_png_icons_are_the_svg_rendered(size: int) -> None:
    committed = QImage(str(PACKAGING / "icons" / "png" / f"{size}x{size}.png"))
    fresh = QImage.fromData(icons.render_png(size))
    assert (committed.width(), committed.height()) == (size, size)
    # Same picture (a little anti-aliasing drift between Qt versions is fine).
    differing = sum(
        1
        for y in range(size)
        for x in range(size)
        if abs(committed.pixelColor(x, y).alpha() - fresh.pixelColor(x, y).alpha()) > 40
        or abs(committed.pixelColor(x, y).red() - fresh.pixelColor(x, y).red()) > 40
    )
    assert differing <= size * size // 50, "run: uv run python packaging/icons.py"


def test_ico_holds_every_windows_size() -> None:
    data = (PACKAGING / "icons" / "deflection-kit.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind, count) == (0, 1, len(icons.ICO_SIZES))
    sizes = []
    for index in range(count):
        width, _h, _c, _r, _p, _b, length, offset = struct.unpack(
            "<BBBBHHII", data[6 + 16 * index : 22 + 16 * index]
        )
        assert _png_size(data[offset : offset + length])[0] == (width or 256)
        sizes.append(width or 256)
    assert sizes == sorted(icons.ICO_SIZES)


def test_icns_holds_every_macos_size() -> None:
    data = (PACKAGING / "icons" / "deflection-kit.icns").read_bytes()
    assert data[:4] == b"icns" and struct.unpack(">I", data[4:8])[0] == len(data)
    found, at = {}, 8
    while at < len(data):
        kind, length = data[at : at + 4], struct.unpack(">I", data[at + 4 : at + 8])[0]
        found[kind] = _png_size(data[at + 8 : at + length])[0]
        at += length
    assert found == dict(icons.ICNS_TYPES)


def test_ico_builder_marks_256_as_zero() -> None:
    png = icons.render_png(16)
    data = icons.ico_bytes({16: png, 256: png})
    assert data[6] == 16 and data[22] == 0


def test_the_window_icon_is_the_svg() -> None:
    icon = app_icon()
    assert not icon.isNull()
    image = icon.pixmap(48, 48).toImage()
    assert image.pixelColor(24, 2).alpha() > 200  # the rounded square, opaque
    assert image.pixelColor(0, 0).alpha() < 50  # its corner, transparent
