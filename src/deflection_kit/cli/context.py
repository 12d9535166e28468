"""What every command shares: the chosen content folder and database path."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from deflection_kit import paths

if TYPE_CHECKING:  # the course and the store are imported by the commands that use them
    from deflection_kit.content import Course
    from deflection_kit.storage import CourseFacts, Store


@dataclass
class CliContext:
    """Global options resolved once, plus the course loaded on first use."""

    content_option: str | None = None
    db_option: str | None = None
    _course: Course | None = field(default=None, repr=False)

    @property
    def content_dir(self) -> Path:
        """Return the content folder the user chose, or the bundled one."""
        return paths.content_dir(self.content_option)

    @property
    def db_path(self) -> Path:
        """Return the database path the user chose, or the default one."""
        return paths.default_db_path(self.db_option)

    def course(self) -> Course:
        """Load (once; from the course cache when no file changed) and return the course."""
        if self._course is None:
            from deflection_kit.content.cache import load_course_cached

            self._course = load_course_cached(self.content_dir)
        return self._course

    def open_store(self) -> Store:
        """Open the database (created and migrated on first use); close it when done."""
        from deflection_kit.storage import Store

        return Store.open(self.db_path)

    def course_facts(self) -> CourseFacts:
        """Return what a new session records about the course (title, length, credit, share)."""
        from deflection_kit.storage import CourseFacts

        return CourseFacts.from_info(self.course().info)
