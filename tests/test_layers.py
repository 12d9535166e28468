"""Which parts may use Qt: the core is Qt-free; painting parts use QtGui, never widgets."""

from __future__ import annotations

import ast
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "deflection_kit"

# No Qt at all: pure data, storage, the live state machine, and the deck model and writer.
QT_FREE = (
    "content",
    "storage",
    "live",
    "decks",
    "documents",
    "guards",
    "errors.py",
    "paths.py",
    "privatefiles.py",
    "settings.py",
)
# QtGui (and QtCore, QtSvg, QtPrintSupport) to paint PDFs and print, but never QtWidgets.
NO_WIDGETS = ("certificates", "exports", "pdf", "materials", "reports")


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.extend((node.lineno, f"{node.module}.{alias.name}") for alias in node.names)
    return found


def _files(part: str) -> list[Path]:
    target = PACKAGE / part
    return sorted(target.rglob("*.py")) if target.is_dir() else [target]


@pytest.mark.parametrize("part", QT_FREE)
def test_core_part_imports_no_qt(part: str) -> None:
    offenders = [
        f"{path.relative_to(PACKAGE)}:{line}: {name}"
        for path in _files(part)
        for line, name in _imports(path)
        if name.split(".")[0] == "PySide6"
    ]
    assert offenders == []


@pytest.mark.parametrize("part", NO_WIDGETS)
def test_painting_part_imports_no_widgets(part: str) -> None:
    offenders = [
        f"{path.relative_to(PACKAGE)}:{line}: {name}"
        for path in _files(part)
        for line, name in _imports(path)
        if name.startswith("PySide6.QtWidgets")
    ]
    assert offenders == []


NO_QT_PROBE = """
import importlib, importlib.abc, pkgutil, sys


class NoQt(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("PySide6", "shiboken6"):
            raise ImportError(f"{name} is blocked: the core must work without Qt")
        return None


sys.meta_path.insert(0, NoQt())
try:
    import PySide6.QtCore
except ImportError:
    pass
else:
    raise SystemExit("the blocker did not block")
for part in ("content", "storage", "decks", "live"):
    package = importlib.import_module(f"deflection_kit.{part}")
    for found in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        importlib.import_module(found.name)
from deflection_kit import paths
from deflection_kit.content import load_course
from deflection_kit.decks import DeckOptions, build_deck

course = load_course(paths.content_dir())
path, deck = build_deck(course, DeckOptions(audience="ems"), sys.argv[1])
print(len(deck.slides), sorted(name for name in sys.modules if name.startswith("PySide6")))
"""


def test_the_core_imports_and_builds_a_deck_where_qt_cannot_be_imported(tmp_path) -> None:
    out = tmp_path / "deck.pptx"
    result = subprocess.run(
        [sys.executable, "-c", NO_QT_PROBE, str(out)],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    slides, qt_modules = result.stdout.split(" ", 1)
    assert int(slides) > 50 and qt_modules.strip() == "[]"
    with zipfile.ZipFile(out) as deck:
        assert f"ppt/slides/slide{slides}.xml" in deck.namelist()
