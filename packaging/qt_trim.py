"""Leave out what the app never uses: Qt modules, plugins and translations, dev-only packages.

PyInstaller's hooks take every plugin of each Qt module the app imports, and every library
those plugins link to. The app is a QtWidgets program that paints to images, PDFs and printers,
so it needs few plugins; the rest (Wayland, EGL, QML tooling, GTK themes, TLS) would bring tens
of megabytes of libraries, some from the build machine's own system. ``keep`` drops them, then
(on Linux) drops the libraries nothing kept still links to.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable
from pathlib import PurePath

TocEntry = tuple[str, str, str]  # (name in the bundle, source file, kind)

# Python packages the analysis reaches through optional imports the app never makes:
# pydantic's mypy plugin and hypothesis strategies, rich tracebacks, setuptools, test tools.
EXCLUDED_MODULES = [
    "tkinter",
    "_tkinter",
    "mypy",
    "pydantic.mypy",
    "pydantic.v1.mypy",
    "pydantic.v1._hypothesis_plugin",
    "hypothesis",
    "pytest",
    "_pytest",
    "rich",
    "pygments",
    "IPython",
    "numpy",
    "setuptools",
    "pkg_resources",
    "distutils",
    # lxml parts nothing here uses (python-pptx, openpyxl and the SVG designs use lxml.etree).
    "lxml.doctestcompare",
    "lxml.usedoctest",
    "lxml.objectify",
    "lxml.html",
    "lxml.isoschematron",
    "lxml.sax",
    "lxml.builder",
    "lxml.cssselect",
    # The app never goes online, but ssl stays: pyHanko (certificate PDF signatures) imports
    # aiohttp, which imports ssl, though the kit never lets it fetch anything.
    "doctest",
    "pdb",
    # Pillow only checks logos (PNG, JPEG) and measures text: not AVIF, WebP or Tk.
    "PIL._avif",
    "PIL._webp",
    "PIL._imagingtk",
    "PIL.ImageTk",
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtQuickWidgets",
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtDBus",
    "PySide6.QtSql",
    "PySide6.QtTest",
    "PySide6.QtConcurrent",
    "PySide6.QtXml",
    "PySide6.QtDesigner",
    "PySide6.QtHelp",
    "PySide6.QtUiTools",
    "PySide6.QtStateMachine",
]

# Qt plugins to ship, by plugin folder; a folder not named here is left out whole.
# Names are without the platform's "lib" prefix and file suffix.
KEPT_PLUGINS: dict[str, tuple[str, ...]] = {
    # offscreen and minimal: --smoke and servers; xcb: Linux desktops, Wayland ones through
    # XWayland (Qt tries wayland, then xcb), where the presenter may place its audience window
    # on the projector (native Wayland forbids placing windows); windows, cocoa: the others.
    "platforms": ("qxcb", "qoffscreen", "qminimal", "qwindows", "qcocoa"),
    # Native file dialogs through the desktop portal; the GTK theme would need GTK itself.
    "platformthemes": ("qxdgdesktopportal",),
    # Dead keys and input methods (accented and CJK names typed at check-in).
    "platforminputcontexts": (
        "composeplatforminputcontextplugin",
        "ibusplatforminputcontextplugin",
    ),
    # Logos (png is built in, jpeg), certificate designs and icons (svg), the Windows icon (ico).
    "imageformats": ("qjpeg", "qsvg", "qico", "qgif"),
    "iconengines": ("qsvgicon",),
    "printsupport": ("cupsprintersupport", "windowsprintersupport"),
    "styles": ("qmodernwindowsstyle", "qwindowsvistastyle", "qmacstyle"),
}

# Qt libraries that only the plugins and modules left out use.
DROPPED_QT_LIBRARIES = re.compile(
    r"Qt6?(Qml|Quick|WaylandClient|WaylandEglClientHwIntegration|WlShellIntegration|"
    r"EglFSDeviceIntegration|EglFsKmsSupport|EglFsKmsGbmSupport|OpenGL|OpenGLWidgets|"
    r"VirtualKeyboard|Pdf|Sql|Test|Designer|Help|UiTools|Concurrent|Xml|StateMachine)"
)
# Other files by name: Windows' software OpenGL (20 MB; the app paints without OpenGL).
DROPPED_FILES = frozenset({"opengl32sw.dll"})
_PLUGIN = re.compile(r"^PySide6/(?:Qt/)?plugins/([^/]+)/(?:lib)?([^/.]+)\.[^/]+$")
_TRANSLATION = re.compile(r"^PySide6/(?:Qt/)?translations/")
_QT_LIBRARY = re.compile(r"^PySide6/(?:Qt/lib/)?(?:lib)?(Qt6?\w+)(?:\.so[.\d]*|\.dll|\.framework)")


def _dest(entry: TocEntry) -> str:
    return PurePath(entry[0]).as_posix()


def wanted(entry: TocEntry) -> bool:
    """Return whether one file belongs in the bundle (before the linking check)."""
    dest = _dest(entry)
    if _TRANSLATION.match(dest) or PurePath(dest).name.lower() in DROPPED_FILES:
        return False  # the app speaks English; Qt's own strings (dialog buttons) stay English
    plugin = _PLUGIN.match(dest)
    if plugin:
        folder, name = plugin.groups()
        return name in KEPT_PLUGINS.get(folder, ())
    library = _QT_LIBRARY.match(dest)
    return not (library and DROPPED_QT_LIBRARIES.fullmatch(library.group(1)))


def _is_root(entry: TocEntry) -> bool:
    """Return whether the program loads this file itself (rather than through linking)."""
    dest = _dest(entry)
    if _PLUGIN.match(dest):
        return True  # Qt loads plugins by path
    name = PurePath(dest).name
    # Python extension modules (imported by path) and the interpreter library.
    return bool(re.search(r"\.(cpython-[^.]+|abi3)\.so$", name) or name.startswith("libpython"))


def linked_closure(binaries: list[TocEntry], imports: Callable[[str], Iterable[str]]) -> set[str]:
    """Return the bundle names of the binaries reachable from the roots through linking."""
    by_name: dict[str, list[TocEntry]] = {}
    for entry in binaries:
        by_name.setdefault(PurePath(_dest(entry)).name, []).append(entry)
    reached: set[str] = set()
    todo = [entry for entry in binaries if _is_root(entry)]
    while todo:
        entry = todo.pop()
        if _dest(entry) in reached:
            continue
        reached.add(_dest(entry))
        for library in imports(entry[1]):
            todo.extend(by_name.get(PurePath(library).name, ()))
    return reached


def _linux_imports(source: str) -> list[str]:
    from PyInstaller.depend import bindepend

    return [name for name, _path in bindepend.get_imports(source)]


def _without_dangling_links(toc: list[TocEntry]) -> list[TocEntry]:
    """Drop symbolic links whose target was left out (PyInstaller links libraries to the top)."""
    present = {_dest(entry) for entry in toc if entry[2] != "SYMLINK"}
    return [
        entry for entry in toc if entry[2] != "SYMLINK" or PurePath(entry[1]).as_posix() in present
    ]


def keep(toc: list[TocEntry], log: Callable[[str], None] = print) -> list[TocEntry]:
    """Return the TOC entries worth shipping; on Linux, also drop libraries left unlinked."""
    kept = [entry for entry in toc if wanted(entry)]
    binaries = [entry for entry in kept if entry[2] in ("BINARY", "EXTENSION")]
    if sys.platform.startswith("linux") and binaries:
        reachable = linked_closure(binaries, _linux_imports)
        unlinked = [e for e in binaries if _dest(e) not in reachable]
        if unlinked:
            log(f"qt_trim: {len(unlinked)} libraries nothing links to any more:")
            for entry in sorted(unlinked):
                log(f"qt_trim:   {_dest(entry)}")
        kept = [e for e in kept if e not in unlinked]
    kept = _without_dangling_links(kept)
    log(f"qt_trim: kept {len(kept)} of {len(toc)} files")
    return kept
