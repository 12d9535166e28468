"""The demo database: a throwaway copy, seeded with sample sessions, removed on exit."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from deflection_kit.content import Course
from deflection_kit.storage import CourseFacts, Store
from deflection_kit.storage.demo import seed_demo

DEMO_TITLE = "Deflection Kit — demo (a throwaway database; nothing is kept)"


@contextmanager
def demo_database(course: Course) -> Iterator[Path]:
    """Yield the path of a fresh database seeded with sample sessions; delete it afterwards."""
    with tempfile.TemporaryDirectory(
        prefix="deflection-kit-demo-", ignore_cleanup_errors=True
    ) as folder:
        path = Path(folder) / "demo.sqlite3"
        with Store.open(path) as store:
            seed_demo(store, CourseFacts.from_info(course.info))
        yield path
