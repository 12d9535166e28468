"""The Sessions page's one door to the store: opens it, runs each action, says what changed.

Widgets call these methods and listen to the signals; the rules (matching people, completion,
formula-safe exports) live in storage and exports, not here.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
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
from deflection_kit.storage.closing import ClosePlan
from deflection_kit.storage.roster import ColumnMapping, RosterPlan, RosterReport, plan_roster
from deflection_kit.storage.roster.importer import apply_plan
from deflection_kit.ui.sessions import wording


@dataclass(frozen=True)
class ClosePreview:
    """What closing a session would do, worded for the close dialog before anything is written."""

    plan: ClosePlan
    question: str
    summary: str
    short: tuple[str, ...]  # who will not complete, and why
    hint: str


@dataclass(frozen=True)
class DecisionForm:
    """What the completion decision form shows: whose, where they stand, any decision so far."""

    name: str
    standing: str
    has_decision: bool
    by: str  # who decides, prefilled: the earlier decider, or the first facilitator


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

    def save_session(self, session_id: str, fields: SessionFields) -> str:
        """Change a session's details; say what that did to credited minutes."""
        before = self.roster(session_id)
        session = self.update_session(session_id, fields)
        return wording.recomputed_message(session, before, self.roster(session_id))

    def close_session(self, session_id: str) -> int:
        """Check out everyone still here when the session ended and mark it closed."""
        plan = self.store.attendance.close(session_id, actor="app")
        self._changed(session_id)
        return len(plan.still_here)

    def close_preview(self, session_id: str) -> ClosePreview:
        """Return what closing would do: whom it checks out, when, and who falls short."""
        plan = self.store.attendance.plan_close(session_id)
        return ClosePreview(
            plan=plan,
            question=wording.close_question(plan),
            summary=wording.close_summary(plan),
            short=tuple(wording.close_lines(plan)),
            hint=wording.close_hint(plan),
        )

    def close_as_shown(self, preview: ClosePreview) -> str:
        """Close the session at the end time the preview showed; say what it did."""
        session_id = preview.plan.session.id
        plan = self.store.attendance.close(session_id, preview.plan.ends_at, actor="app")
        self._changed(session_id)
        return wording.closed_message(plan, preview.plan)

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

    def counts_text(self, session_id: str) -> str:
        """Return the "checked in of expected" line (walk-ins included)."""
        return wording.counts_line(self.counts(session_id))

    def describe(self, session_id: str, result: CheckResult, action: str) -> str:
        """Return what a check-in ("in") or check-out ("out") did."""
        return wording.check_message(self.session(session_id), result, action)

    def check_in_unless_here(
        self, session_id: str, participant_id: str
    ) -> tuple[CheckResult | None, str]:
        """Check someone in; if they are here already, change nothing and say so (Enter in the
        search never checks anyone out)."""
        entry = next(
            (e for e in self.roster(session_id) if e.participant.id == participant_id), None
        )
        if entry is not None and entry.attendance.checked_in:
            return None, wording.already_here(self.session(session_id), entry)
        result = self.check_in(session_id, participant_id)
        return result, self.describe(session_id, result, "in")

    def no_match_text(self, text: str) -> str:
        """Return what Enter says when the search matches nobody."""
        return wording.no_match(text)

    def undo_last(self, session_id: str) -> str:
        """Take back the last check-in or check-out (a new event, never a deletion)."""
        undone = self.store.attendance.undo_last(session_id, actor="app")
        if undone is not None:
            self._changed(session_id)
        return wording.undone_message(self.session(session_id), undone)

    def decision_form(self, session_id: str, participant_id: str) -> DecisionForm:
        """Return what the completion decision form shows about one person."""
        session = self.session(session_id)
        entry = next(e for e in self.roster(session_id) if e.participant.id == participant_id)
        override = entry.attendance.override
        return DecisionForm(
            name=entry.participant.name,
            standing=wording.standing(session, entry),
            has_decision=override is not None,
            by=override.by if override else (session.facilitators or ("",))[0],
        )

    def override_completion(
        self, session_id: str, participant_id: str, completed: bool | None, by: str, reason: str
    ) -> str:
        """Record a facilitator's completion decision, with who and why (None removes it)."""
        self.store.attendance.override_completion(session_id, participant_id, completed, by, reason)
        self._changed(session_id)
        name = self.store.participants.get(participant_id).name
        return wording.override_message(name, completed, by)

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
