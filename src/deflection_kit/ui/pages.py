"""The app's pages: each has a key, a title, a shortcut and a factory that builds its widget."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import QWidget

from deflection_kit.content import Course


@dataclass(frozen=True)
class AppContext:
    """What every page may use: the course and where the database lives."""

    course: Course
    db_path: Path


@dataclass(frozen=True)
class PageSpec:
    """How to make one page of the main window."""

    key: str
    title: str
    shortcut: str
    factory: Callable[[AppContext], QWidget]
    description: str = ""


def default_pages() -> list[PageSpec]:
    """Return the pages of the main window, in navigation order."""
    from deflection_kit.ui.certificates.page import CertificatesPage
    from deflection_kit.ui.course.browser import CourseBrowser
    from deflection_kit.ui.decks import DecksPage
    from deflection_kit.ui.materials import MaterialsPage
    from deflection_kit.ui.sessions import SessionsPage
    from deflection_kit.ui.settings_page import SettingsPage

    return [
        PageSpec("course", "Course", "Ctrl+1", CourseBrowser, "Modules, pathways, resources"),
        PageSpec("sessions", "Sessions", "Ctrl+2", SessionsPage, "Sessions, check-in, attendance"),
        PageSpec("decks", "Decks", "Ctrl+3", DecksPage, "Build a slide deck for your department"),
        PageSpec(
            "certificates",
            "Certificates",
            "Ctrl+4",
            CertificatesPage,
            "Issue, print, revoke and verify certificates",
        ),
        PageSpec(
            "materials",
            "Materials",
            "Ctrl+5",
            MaterialsPage,
            "Facilitator guide, handouts, worksheet and paper forms",
        ),
        PageSpec("settings", "Settings", "Ctrl+,", SettingsPage, "Organization, branding, paper"),
    ]
