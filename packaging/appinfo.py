"""Names and identifiers of the packaged app, in one place for every platform's files."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Reverse-DNS id: the .desktop file, AppStream metainfo, icon names, macOS bundle id.
APP_ID = "org.deflectionkit.DeflectionKit"
DISPLAY_NAME = "Deflection Kit"
EXE_NAME = "deflection-kit"  # the command line (and, on Linux, the desktop app too)
GUI_EXE_NAME = "DeflectionKit"  # Windows and macOS: the desktop app, without a console window
BUNDLE_NAME = "deflection-kit"  # the folder PyInstaller makes under dist/
ICON_NAME = APP_ID  # the icon theme name on Linux
# Folders at the repository root the app reads through deflection_kit.paths.
BUNDLED_FOLDERS = ("content", "slides_templates", "fonts", "document_templates")
# Dependencies that read data files of their own at run time (PyInstaller has no hook for some).
PACKAGES_WITH_DATA = ("pptx", "openpyxl", "sqlite_utils", "pypdf")
# The Windows installer's AppId: keep it forever, or upgrades install side by side.
INNO_APP_ID = "{{5B0F3C1E-8D7A-4E55-9C2B-6A1D2F7E4B90}"
MINIMUM_MACOS = "11.0"


def version() -> str:
    """Return the project's version from pyproject.toml (the single source)."""
    with open(ROOT / "pyproject.toml", "rb") as handle:
        return str(tomllib.load(handle)["project"]["version"])


def info_plist() -> dict[str, object]:
    """Return the macOS Info.plist settings PyInstaller adds to the .app bundle."""
    return {
        "CFBundleName": DISPLAY_NAME,
        "CFBundleDisplayName": DISPLAY_NAME,
        "CFBundleIdentifier": APP_ID,
        "CFBundleShortVersionString": version(),
        "CFBundleVersion": version(),
        "CFBundlePackageType": "APPL",
        "LSApplicationCategoryType": "public.app-category.education",
        "LSMinimumSystemVersion": MINIMUM_MACOS,
        "NSHighResolutionCapable": True,
        # Qt follows the system's light or dark look.
        "NSRequiresAquaSystemAppearance": False,
        "NSHumanReadableCopyright": "MIT licence; course content cites its sources.",
    }
