"""The store: one open database and its repositories."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType

from sqlite_utils import Database

from deflection_kit.storage.attendance import AttendanceRepository
from deflection_kit.storage.certificates import CertificateRepository
from deflection_kit.storage.check_sheets import CheckSheetRepository
from deflection_kit.storage.connection import open_database, write_transaction
from deflection_kit.storage.events import Event, list_events
from deflection_kit.storage.feedback import FeedbackRepository
from deflection_kit.storage.live import LiveRepository
from deflection_kit.storage.participants import ParticipantRepository
from deflection_kit.storage.sessions import SessionRepository


class Store:
    """Sessions, participants and attendance in one SQLite database."""

    def __init__(self, db: Database, path: Path | None) -> None:
        self.db = db
        self.path = path
        self.sessions = SessionRepository(db)
        self.participants = ParticipantRepository(db)
        self.attendance = AttendanceRepository(db, self.sessions, self.participants)
        self.certificates = CertificateRepository(db)
        self.feedback = FeedbackRepository(db)
        self.check_sheets = CheckSheetRepository(db)
        self.live = LiveRepository(db)

    @classmethod
    def open(cls, path: str | os.PathLike[str]) -> Store:
        """Open (creating and migrating if needed) the database file at ``path``."""
        target = Path(path).expanduser().absolute()
        return cls(open_database(target), target)

    @classmethod
    def memory(cls) -> Store:
        """Open a fresh in-memory store (for tests and previews)."""
        return cls(open_database(None), None)

    @contextmanager
    def transaction(self) -> Iterator[Store]:
        """Group several changes into one durable transaction."""
        with write_transaction(self.db):
            yield self

    def events(self, session_id: str | None = None) -> list[Event]:
        """Return the events log, oldest first."""
        return list_events(self.db, session_id)

    def integrity_ok(self) -> bool:
        """Return True when SQLite's integrity check finds nothing wrong."""
        rows = self.db.execute("PRAGMA integrity_check").fetchall()
        return [tuple(r) for r in rows] == [("ok",)]

    def close(self) -> None:
        """Close the database."""
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
