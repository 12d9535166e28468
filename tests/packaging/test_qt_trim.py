"""Which files the build leaves out: unused Qt plugins and libraries, and what only they linked."""

from __future__ import annotations

import pytest
from packaging_support import qt_trim


def _entry(dest: str, kind: str = "BINARY", source: str = "") -> tuple[str, str, str]:
    return (dest, source or f"/src/{dest}", kind)


@pytest.mark.parametrize(
    ("dest", "kept"),
    [
        # Linux wheel layout
        ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
        ("PySide6/Qt/plugins/platforms/libqwayland.so", False),
        ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
        ("PySide6/Qt/plugins/imageformats/libqsvg.so", True),
        ("PySide6/Qt/plugins/imageformats/libqjpeg.so", True),
        ("PySide6/Qt/plugins/imageformats/libqpdf.so", False),
        ("PySide6/Qt/plugins/iconengines/libqsvgicon.so", True),
        ("PySide6/Qt/plugins/printsupport/libcupsprintersupport.so", True),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
        ("PySide6/Qt/plugins/tls/libqopensslbackend.so", False),
        ("PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so", False),
        ("PySide6/Qt/translations/qtbase_de.qm", False),
        ("PySide6/Qt/lib/libQt6Gui.so.6", True),
        ("PySide6/Qt/lib/libQt6Network.so.6", True),  # one running copy at a time (live)
        ("PySide6/Qt/lib/libQt6Svg.so.6", True),
        ("PySide6/Qt/lib/libQt6Qml.so.6", False),
        ("PySide6/Qt/lib/libQt6WaylandClient.so.6", False),
        ("PySide6/Qt/lib/libQt6OpenGL.so.6", False),
        # Windows wheel layout
        ("PySide6/plugins/platforms/qwindows.dll", True),
        ("PySide6/plugins/styles/qmodernwindowsstyle.dll", True),
        ("PySide6/plugins/imageformats/qtiff.dll", False),
        ("PySide6/Qt6Pdf.dll", False),
        ("PySide6/Qt6Widgets.dll", True),
        ("PySide6/translations/qtbase_fr.qm", False),
        ("PySide6/opengl32sw.dll", False),
        # macOS
        ("PySide6/Qt/plugins/platforms/libqcocoa.dylib", True),
        ("PySide6/Qt/lib/QtQuick.framework/Versions/A/QtQuick", False),
        ("PySide6/Qt/lib/QtGui.framework/Versions/A/QtGui", True),
        # not Qt at all
        ("content/course.yaml", True),
        ("fonts/Carlito-Regular.ttf", True),
        ("libpython3.11.so.1.0", True),
    ],
)
def test_wanted(dest: str, kept: bool) -> None:
    assert qt_trim.wanted(_entry(dest)) is kept


def test_linked_closure_keeps_what_roots_reach_and_drops_the_rest() -> None:
    binaries = [
        _entry("PySide6/QtGui.abi3.so", "EXTENSION"),
        _entry("PySide6/Qt/lib/libQt6Gui.so.6"),
        _entry("PySide6/Qt/lib/libQt6Core.so.6"),
        _entry("PySide6/Qt/plugins/platforms/libqxcb.so"),
        _entry("PySide6/Qt/lib/libQt6XcbQpa.so.6"),
        _entry("libxcb-cursor.so.0"),
        _entry("libgtk-3.so.0"),  # linked only by a plugin that was left out
        _entry("libcairo.so.2"),
    ]
    links = {
        "/src/PySide6/QtGui.abi3.so": ["libQt6Gui.so.6"],
        "/src/PySide6/Qt/lib/libQt6Gui.so.6": ["libQt6Core.so.6"],
        "/src/PySide6/Qt/plugins/platforms/libqxcb.so": ["libQt6XcbQpa.so.6"],
        "/src/PySide6/Qt/lib/libQt6XcbQpa.so.6": ["/usr/lib/libxcb-cursor.so.0"],
        "/src/libgtk-3.so.0": ["libcairo.so.2"],
    }
    reached = qt_trim.linked_closure(binaries, lambda source: links.get(source, []))
    assert reached == {
        "PySide6/QtGui.abi3.so",
        "PySide6/Qt/lib/libQt6Gui.so.6",
        "PySide6/Qt/lib/libQt6Core.so.6",
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "PySide6/Qt/lib/libQt6XcbQpa.so.6",
        "libxcb-cursor.so.0",
    }


def test_keep_drops_links_to_files_left_out() -> None:
    toc = [
        _entry("content/course.yaml", "DATA"),
        _entry("PySide6/Qt/translations/qt_de.qm", "DATA"),
        ("libQt6Gui.so.6", "PySide6/Qt/lib/libQt6Gui.so.6", "SYMLINK"),
        ("libQt6OpenGL.so.6", "PySide6/Qt/lib/libQt6OpenGL.so.6", "SYMLINK"),
        _entry("PySide6/Qt/lib/libQt6OpenGL.so.6", "DATA"),
        _entry("PySide6/Qt/lib/libQt6Gui.so.6", "DATA"),
    ]
    kept = [entry[0] for entry in qt_trim.keep(toc, log=lambda _line: None)]
    assert kept == ["content/course.yaml", "libQt6Gui.so.6", "PySide6/Qt/lib/libQt6Gui.so.6"]
