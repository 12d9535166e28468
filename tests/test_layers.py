"""Which parts may use Qt: the core is Qt-free; painting parts use QtGui, never widgets."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "deflection_kit"

# No Qt at all: pure data, storage, the live state machine, and the deck model and writer.
QT_FREE = (
    "content",
    "storage",
    "live",
    "decks",
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
