"""The Sessions page's one door to the store: opens it, runs each action, says what changed.

Widgets call these methods and listen to the signals; the rules (matching people, completion,
formula-safe exports) live in storage and exports, not here.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from deflection_kit.content import Course
from deflection_kit.exports import ExportResult, export_attendance
from deflection_kit.storage import (
    CheckResult,
    CourseFacts,
    PersonFields,
    RosterEntry,
    Session,
    SessionCounts,
    SessionFields,
    Store,
)
from deflection_kit.storage.roster import ColumnMapping, RosterPlan, RosterReport, plan_roster
from deflection_kit.storage.roster.importer import apply_plan


class SessionsController(QObject):
    """Sessions, rosters and check-ins for the app, over one open store."""

    sessions_changed = Signal()
    roster_changed = Signal(str)  # the session whose roster or counts changed

    def __init__(self, db_path: Path, course: Course, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db_path = db_path
        self.course = course
        self._store: Store | None = None

    @property
    def store(self) -> Store:
        """Return the open store (opened on first use; raises StoreError if it cannot be)."""
        if self._store is None:
            self._store = Store.open(self.db_path)
        return self._store

    def close(self) -> None:
        """Close the database."""
        if self._store is not None:
            self._store.close()
            self._store = None

    # -- sessions ----------------------------------------------------------------------

    def sessions(self) -> list[Session]:
        """Return every session, newest first."""
        return self.store.sessions.list()

    def session(self, session_id: str) -> Session:
        """Return one session."""
        return self.store.sessions.get(session_id)

    def counts(self, session_id: str) -> SessionCounts:
        """Return a session's live counts."""
        return self.store.sessions.counts(session_id)

    def create_session(self, fields: SessionFields) -> Session:
        """Plan a session of this course."""
        session = self.store.sessions.create(fields, CourseFacts.from_info(self.course.info))
        self.sessions_changed.emit()
        return session

    def update_session(self, session_id: str, fields: SessionFields) -> Session:
        """Change a session's details."""
        session = self.store.sessions.update(session_id, fields)
        self.sessions_changed.emit()
        self.roster_changed.emit(session_id)
        return session

    def close_session(self, session_id: str) -> int:
        """Check out everyone still in at the end time and mark the session closed."""
        count = self.store.attendance.check_out_everyone(session_id, actor="app")
        self.store.sessions.set_status(session_id, "closed")
        self._changed(session_id)
        return count

    # -- roster and check-in --------------------------------------------------------------

    def roster(self, session_id: str) -> list[RosterEntry]:
        """Return a session's roster."""
        return self.store.attendance.roster(session_id)

    def check_in(
        self, session_id: str, who: str | PersonFields, at: dt.datetime | None = None
    ) -> CheckResult:
        """Check someone in (a walk-in when the fields name someone new)."""
        result = self.store.attendance.check_in(session_id, who, at, actor="app")
        self._changed(session_id)
        return result

    def check_out(
        self, session_id: str, who: str | PersonFields, at: dt.datetime | None = None
    ) -> CheckResult:
        """Check someone out."""
        result = self.store.attendance.check_out(session_id, who, at, actor="app")
        self._changed(session_id)
        return result

    def plan_import(
        self, path: str | os.PathLike[str], mapping: ColumnMapping | None = None
    ) -> RosterPlan:
        """Read and check a roster file (nothing is written)."""
        return plan_roster(Path(path), mapping)

    def apply_import(self, session_id: str, plan: RosterPlan) -> RosterReport:
        """Import a checked roster into a session."""
        report = apply_plan(self.store, session_id, plan)
        self._changed(session_id)
        return report

    def export(
        self,
        fmt: str,
        target: str | os.PathLike[str],
        profile: str,
        session_id: str | None = None,
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
    ) -> ExportResult:
        """Export attendance for a session or a date range."""
        if session_id is not None:
            session = self.session(session_id)
            records = self.store.attendance.rows(session_id=session_id)
            title = f"{session.title}, {session.date.isoformat()}"
        else:
            records = self.store.attendance.rows(date_from=date_from, date_to=date_to)
            title = f"{date_from} to {date_to}"
        return export_attendance(records, fmt, target, title, profile)  # type: ignore[arg-type]

    def _changed(self, session_id: str) -> None:
        self.roster_changed.emit(session_id)
        self.sessions_changed.emit()
