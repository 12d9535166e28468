"""The app's pages: each has a key, a title, a shortcut and a factory that builds its widget."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from deflection_kit.content import Course


# Named tuples rather than dataclasses: the main window imports this module while it starts,
# and dataclasses pulls in inspect and ast (tens of milliseconds before the window shows).
class AppContext(NamedTuple):
    """What every page may use: the course and where the database lives."""

    course: Course
    db_path: Path


class PageSpec(NamedTuple):
    """How to make one page of the main window."""

    key: str
    title: str
    shortcut: str
    factory: Callable[[AppContext], QWidget]
    description: str = ""


def lazy(module: str, name: str) -> Callable[[AppContext], QWidget]:
    """Return a page factory that imports its module only when the page is first shown."""

    def make(context: AppContext) -> QWidget:
        factory: Callable[[AppContext], QWidget] = getattr(importlib.import_module(module), name)
        return factory(context)

    make.__qualname__ = f"lazy({module}.{name})"
    return make


def default_pages() -> list[PageSpec]:
    """Return the pages of the main window, in navigation order (built when first shown)."""
    ui = "deflection_kit.ui"
    return [
        PageSpec(
            "course",
            "Course",
            "Ctrl+1",
            lazy(f"{ui}.course.browser", "CourseBrowser"),
            "Modules, pathways, resources",
        ),
        PageSpec(
            "sessions",
            "Sessions",
            "Ctrl+2",
            lazy(f"{ui}.sessions", "SessionsPage"),
            "Sessions, check-in, attendance",
        ),
        PageSpec(
            "decks",
            "Decks",
            "Ctrl+3",
            lazy(f"{ui}.decks", "DecksPage"),
            "Build a slide deck for your department",
        ),
        PageSpec(
            "certificates",
            "Certificates",
            "Ctrl+4",
            lazy(f"{ui}.certificates.page", "CertificatesPage"),
            "Issue, print, revoke and verify certificates",
        ),
        PageSpec(
            "materials",
            "Materials",
            "Ctrl+5",
            lazy(f"{ui}.materials", "MaterialsPage"),
            "Facilitator guide, handouts, worksheet and paper forms",
        ),
        PageSpec(
            "reports",
            "Reports",
            "Ctrl+6",
            lazy(f"{ui}.reports", "ReportsPage"),
            "Delivery reports and audit packets",
        ),
        PageSpec(
            "settings",
            "Settings",
            "Ctrl+,",
            lazy(f"{ui}.settings_page", "SettingsPage"),
            "Organization, branding, paper",
        ),
    ]
