"""Attendance: rosters, check-in and check-out (idempotent, durable), completion and roll-ups."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlite_utils import Database

from deflection_kit.errors import UsageError
from deflection_kit.storage.attendance_history import (
    UNDO,
    Undone,
    replay,
    session_history,
)
from deflection_kit.storage.attendance_rows import (
    ATTENDANCE_COLUMNS,
    ROW_PARTICIPANT,
    ROW_SESSION,
    AttendanceRows,
    attendance_from_row,
)
from deflection_kit.storage.clock import load_time, now, stamp, store_time
from deflection_kit.storage.closing import ClosePlan, plan_close, session_end
from deflection_kit.storage.completion import awarded_hours, outcome
from deflection_kit.storage.connection import read_snapshot, write_transaction
from deflection_kit.storage.events import log_event
from deflection_kit.storage.models import (
    Attendance,
    AttendanceRecord,
    CheckResult,
    Override,
    Participant,
    PersonFields,
    PersonHours,
    RosterEntry,
    Session,
)
from deflection_kit.storage.names import clean_text, email_key, match_key
from deflection_kit.storage.participants import (
    PARTICIPANT_COLUMNS,
    AmbiguousPersonError,
    ParticipantRepository,
    check_person,
    participant_from_row,
)
from deflection_kit.storage.sessions import SESSION_COLUMNS, SessionRepository, session_from_row

_A = ", ".join(f"a.{c}" for c in ATTENDANCE_COLUMNS)
_P = ", ".join(f"p.{c}" for c in PARTICIPANT_COLUMNS)
_S = ", ".join(f"s.{c}" for c in SESSION_COLUMNS)

PersonRef = str | PersonFields  # a participant id, or what someone says about themselves
# A row is part of the record when the person was expected, came, or was decided about; a
# walk-in whose only check-in was undone keeps a row (merges need it) but is no one's record.
_ON_RECORD = (
    "(a.expected = 1 OR a.check_in IS NOT NULL OR a.excused = 1 "
    "OR a.override_completed IS NOT NULL)"
)


def _outcome_values(
    session: Session,
    check_in: dt.datetime | None,
    check_out: dt.datetime | None,
    excused: bool,
    override: Override | None,
) -> dict[str, Any]:
    result = outcome(session, check_in, check_out, excused, override)
    return {
        "status": result.status,
        "credited_minutes": result.credited_minutes,
        "completed": int(result.completed),
    }


def recompute_session(db: Database, session: Session) -> None:
    """Recompute status, credited minutes and completion of a session's attendance.

    Check-in and check-out times are replayed from the events log where it holds any for the
    person, so an undo or a return to the room holds after any merge (attendance_history).
    """
    replayed = session_history(db, session.id).replayed()
    rows = db.execute(
        f"SELECT {_A} FROM attendance a WHERE a.session_id = ?", [session.id]
    ).fetchall()
    for row in rows:
        att = attendance_from_row(tuple(row))
        check_in, check_out = replayed.get(att.participant_id, (att.check_in, att.check_out))
        values = _outcome_values(session, check_in, check_out, att.excused, att.override)
        db.execute(
            "UPDATE attendance SET check_in = ?, check_out = ?, status = ?, "
            "credited_minutes = ?, completed = ? WHERE id = ?",
            [
                store_time(check_in) if check_in else None,
                store_time(check_out) if check_out else None,
                values["status"],
                values["credited_minutes"],
                values["completed"],
                att.id,
            ],
        )


class AttendanceRepository:
    """Rosters, check-in/out, completion and attendance records."""

    def __init__(
        self, db: Database, sessions: SessionRepository, participants: ParticipantRepository
    ) -> None:
        self.db = db
        self.sessions = sessions
        self.participants = participants

    # -- reading -------------------------------------------------------------------------

    def get(self, session_id: str, participant_id: str) -> Attendance | None:
        """Return one person's attendance at a session, if they are on it."""
        row = self.db.execute(
            f"SELECT {_A} FROM attendance a WHERE a.session_id = ? AND a.participant_id = ?",
            [session_id, participant_id],
        ).fetchone()
        return attendance_from_row(tuple(row)) if row else None

    def roster(self, session_id: str) -> list[RosterEntry]:
        """Return everyone on a session (expected or walked in), by name."""
        rows = self.db.execute(
            f"SELECT {_P}, {_A} FROM attendance a JOIN participants p ON p.id = a.participant_id "
            f"WHERE a.session_id = ? AND {_ON_RECORD} ORDER BY p.match_key, p.id",
            [session_id],
        ).fetchall()
        width = len(PARTICIPANT_COLUMNS)
        return [
            RosterEntry(
                participant_from_row(tuple(row[:width])), attendance_from_row(tuple(row[width:]))
            )
            for row in rows
        ]

    def records(
        self,
        session_id: str | None = None,
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
    ) -> list[AttendanceRecord]:
        """Return flat records for one session or a date range, by date, session and name."""
        return self.rows(session_id, date_from, date_to).records()

    def rows(
        self,
        session_id: str | None = None,
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
    ) -> AttendanceRows:
        """Return the same selection as ``records`` in bulk form: stored rows, each session and
        person once.

        Three narrow queries on one snapshot, then a sort in Python by the sessions' and people's
        ranks: a wide join sorted by SQLite took twice as long for 100,000 rows.
        """
        clauses, params = [], []
        if session_id is not None:
            clauses.append("s.id = ?")
            params.append(session_id)
        if date_from is not None:
            clauses.append("s.date >= ?")
            params.append(date_from.isoformat())
        if date_to is not None:
            clauses.append("s.date <= ?")
            params.append(date_to.isoformat())
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        chosen = f"a.session_id IN (SELECT s.id FROM sessions s {where}) AND {_ON_RECORD}"
        with read_snapshot(self.db):
            sessions = {
                str(row[0]): session_from_row(tuple(row))
                for row in self.db.execute(
                    f"SELECT {_S} FROM sessions s {where}{' AND' if where else ' WHERE'} "
                    "EXISTS (SELECT 1 FROM attendance a "
                    f"WHERE a.session_id = s.id AND {_ON_RECORD}) "
                    "ORDER BY s.date, s.start, s.id",
                    params,
                )
            }
            people = {
                str(row[0]): participant_from_row(tuple(row))
                for row in self.db.execute(
                    f"SELECT {_P} FROM participants p WHERE p.id IN "
                    f"(SELECT a.participant_id FROM attendance a WHERE {chosen}) "
                    "ORDER BY p.match_key, p.id",
                    params,
                )
            }
            rows = self.db.execute(
                f"SELECT {_A} FROM attendance a WHERE {chosen}", params
            ).fetchall()
        # By date, start and session, then by name: the order each query above returned.
        session_rank = {key: rank for rank, key in enumerate(sessions)}
        person_rank = {key: rank for rank, key in enumerate(people)}
        width = len(person_rank)
        rows.sort(
            key=lambda row: (
                session_rank[row[ROW_SESSION]] * width + person_rank[row[ROW_PARTICIPANT]]
            )
        )
        return AttendanceRows(sessions, people, rows)

    def rollup(
        self, date_from: dt.date | None = None, date_to: dt.date | None = None
    ) -> list[PersonHours]:
        """Return each person's sessions, completions, credited minutes and credit hours."""
        hours: dict[str, list[Any]] = {}
        people: dict[str, Participant] = {}
        for record in self.records(date_from=date_from, date_to=date_to):
            person, att, session = record.participant, record.attendance, record.session
            if att.check_in is None:
                continue
            people[person.id] = person
            tally = hours.setdefault(person.id, [0, 0, 0, 0.0])
            tally[0] += 1
            tally[1] += int(att.completed)
            tally[2] += att.credited_minutes
            tally[3] += awarded_hours(session, att.credited_minutes, att.completed)
        return sorted(
            (
                PersonHours(people[pid], t[0], t[1], t[2], round(t[3], 2))
                for pid, t in hours.items()
            ),
            key=lambda h: (h.participant.name.casefold(), h.participant.id),
        )

    # -- writing -------------------------------------------------------------------------

    def add_to_roster(self, session_id: str, participant_id: str) -> Attendance:
        """Put a person on a session's roster as expected (no change if already there)."""
        session = self.sessions.get(session_id)
        with write_transaction(self.db):
            existing = self.get(session.id, participant_id)
            if existing is None:
                self._insert(session, participant_id, expected=True)
            elif not existing.expected:
                self.db.execute("UPDATE attendance SET expected = 1 WHERE id = ?", [existing.id])
        result = self.get(session.id, participant_id)
        assert result is not None
        return result

    def remove_from_roster(self, session_id: str, participant_id: str) -> None:
        """Take a person who has not checked in off a session's roster."""
        existing = self.get(session_id, participant_id)
        if existing is None:
            return
        if existing.check_in is not None:
            raise UsageError("this person has checked in; their attendance stays on the record")
        with write_transaction(self.db):
            self.db.execute("DELETE FROM attendance WHERE id = ?", [existing.id])

    def _insert(self, session: Session, participant_id: str, expected: bool) -> None:
        values = _outcome_values(session, None, None, False, None)
        self.db.execute(
            "INSERT INTO attendance (id, session_id, participant_id, expected, status, "
            "credited_minutes, completed, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                str(uuid.uuid4()),
                session.id,
                participant_id,
                int(expected),
                values["status"],
                values["credited_minutes"],
                values["completed"],
                stamp(),
            ],
        )

    def _on_roster_by_name(self, session: Session, fields: PersonFields) -> Participant | None:
        """Return the one person on this session's roster the name (and email) points to."""
        wanted_email = email_key(fields.email)
        rows = self.db.execute(
            f"SELECT {_P} FROM attendance a JOIN participants p ON p.id = a.participant_id "
            "WHERE a.session_id = ? AND (p.match_key = ? OR (? != '' AND p.email_key = ?)) "
            "ORDER BY p.id",
            [session.id, match_key(fields.name), wanted_email, wanted_email],
        ).fetchall()
        people = [participant_from_row(tuple(row)) for row in rows]
        if wanted_email:
            same = [p for p in people if email_key(p.email) == wanted_email]
            if same:
                return same[0]
            people = [p for p in people if not p.email]
        if len(people) > 1 and fields.agency:
            people = [p for p in people if match_key(p.agency) == match_key(fields.agency)]
        if len(people) > 1:
            raise AmbiguousPersonError(
                f"{len(people)} people named {fields.name!r} are on this session: "
                "give an email or a participant id"
            )
        return people[0] if people else None

    def _person(
        self, session: Session, who: PersonRef, create: bool, actor: str
    ) -> tuple[Participant, bool]:
        if isinstance(who, str):
            return self.participants.resolve(who), False
        try:
            fields = check_person(who)
        except ValueError as error:
            raise UsageError(str(error)) from None
        found = self._on_roster_by_name(session, fields)
        if found is not None:
            return self.participants.fill_missing(found, fields), False
        if not create:
            found = self.participants.find_match(fields)
            if found is None:
                raise UsageError(f"{fields.name!r} is not on this session")
            return found, False
        return self.participants.find_or_create(fields, actor)

    def check_in(
        self,
        session_id: str,
        who: PersonRef,
        at: dt.datetime | None = None,
        actor: str = "",
    ) -> CheckResult:
        """Check a person in (a walk-in is created on the spot); committed before it returns.

        Repeating a check-in changes nothing; checking in after a check-out undoes the check-out.
        """
        moment = store_time(at or now())
        with write_transaction(self.db):
            session = self.sessions.get(session_id)
            person, created = self._person(session, who, create=True, actor=actor)
            att = self.get(session.id, person.id)
            if att is None:
                self._insert(session, person.id, expected=False)
                att = self.get(session.id, person.id)
                assert att is not None
            if att.check_in is not None and att.check_out is None:
                return CheckResult(person, att, changed=False, created_participant=created)
            # Undoing a check-out keeps the first arrival time.
            check_in = att.check_in or load_time(moment)
            values = _outcome_values(session, check_in, None, att.excused, att.override)
            self.db.execute(
                "UPDATE attendance SET check_in = ?, check_out = NULL, status = ?, "
                "credited_minutes = ?, completed = ?, updated_at = ? WHERE id = ?",
                [
                    store_time(check_in) if check_in is not None else moment,
                    values["status"],
                    values["credited_minutes"],
                    values["completed"],
                    stamp(),
                    att.id,
                ],
            )
            log_event(
                self.db,
                "checkin",
                session_id=session.id,
                participant_id=person.id,
                actor=actor,
                data={"at": moment, "walk_in": not att.expected},
            )
            fresh = self.get(session.id, person.id)
            assert fresh is not None
        return CheckResult(person, fresh, changed=True, created_participant=created)

    def check_out(
        self,
        session_id: str,
        who: PersonRef,
        at: dt.datetime | None = None,
        actor: str = "",
    ) -> CheckResult:
        """Check a person out and credit their minutes; repeating it changes nothing."""
        moment = store_time(at or now())
        with write_transaction(self.db):
            session = self.sessions.get(session_id)
            person, _ = self._person(session, who, create=False, actor=actor)
            att = self.get(session.id, person.id)
            if att is None or att.check_in is None:
                raise UsageError(f"{person.name} has not checked in to this session")
            if att.check_out is not None:
                return CheckResult(person, att, changed=False)
            check_out = load_time(moment)
            assert check_out is not None
            if check_out < att.check_in:
                raise UsageError(
                    f"check-out {moment} is before {person.name}'s check-in "
                    f"{store_time(att.check_in)}"
                )
            values = _outcome_values(session, att.check_in, check_out, att.excused, att.override)
            self.db.execute(
                "UPDATE attendance SET check_out = ?, status = ?, credited_minutes = ?, "
                "completed = ?, updated_at = ? WHERE id = ?",
                [
                    moment,
                    values["status"],
                    values["credited_minutes"],
                    values["completed"],
                    stamp(),
                    att.id,
                ],
            )
            log_event(
                self.db,
                "checkout",
                session_id=session.id,
                participant_id=person.id,
                actor=actor,
                data={"at": moment},
            )
            fresh = self.get(session.id, person.id)
            assert fresh is not None
        return CheckResult(person, fresh, changed=True)

    def undo_last(self, session_id: str, actor: str = "") -> Undone | None:
        """Take back the session's most recent check-in or check-out still standing.

        The undo is a new event naming the one it takes back (history is never deleted), so
        it travels in bundles and holds in every database they reach. Undoing again takes
        back the one before. Returns None when there is nothing left to undo.
        """
        with write_transaction(self.db):
            session = self.sessions.get(session_id)
            history = session_history(self.db, session.id)
            last = next(
                (
                    e
                    for e in reversed(history.standing())
                    if self.get(session.id, e.participant_id) is not None
                ),
                None,
            )
            if last is None:
                return None
            log_event(
                self.db,
                UNDO,
                session_id=session.id,
                participant_id=last.participant_id,
                actor=actor,
                data={"event": last.id, "kind": last.kind, "at": store_time(last.moment)},
            )
            att = self.get(session.id, last.participant_id)
            assert att is not None
            check_in, check_out = replay(
                e
                for e in history.standing()
                if e.participant_id == last.participant_id and e.id != last.id
            )
            values = _outcome_values(session, check_in, check_out, att.excused, att.override)
            self.db.execute(
                "UPDATE attendance SET check_in = ?, check_out = ?, status = ?, "
                "credited_minutes = ?, completed = ?, updated_at = ? WHERE id = ?",
                [
                    store_time(check_in) if check_in else None,
                    store_time(check_out) if check_out else None,
                    values["status"],
                    values["credited_minutes"],
                    values["completed"],
                    stamp(),
                    att.id,
                ],
            )
            fresh = self.get(session.id, last.participant_id)
            assert fresh is not None
            person = self.participants.get(last.participant_id)
        return Undone(person, last.kind, last.moment, fresh)

    def plan_close(self, session_id: str, at: dt.datetime | None = None) -> ClosePlan:
        """Return what closing the session would do (nothing is written).

        Those still here would be checked out when the session actually ended: ``at`` if
        given, else the end of presenting, else now; never before their own check-in.
        """
        session = self.sessions.get(session_id)
        ends_at, source, presented_from = session_end(self.db, session, at)
        return plan_close(session, self.roster(session.id), ends_at, source, presented_from)

    def close(self, session_id: str, at: dt.datetime | None = None, actor: str = "") -> ClosePlan:
        """Check out everyone still here when the session ended and mark it closed.

        Pass a preview's ``ends_at`` as ``at`` to close exactly as it was shown; the plan is
        worked out again inside the transaction, so a check-in made meanwhile is included.
        """
        with write_transaction(self.db):
            plan = self.plan_close(session_id, at)
            for person in plan.still_here:
                assert person.check_out is not None
                self.check_out(session_id, person.participant.id, person.check_out, actor)
            self.sessions.set_status(session_id, "closed")
        return plan

    def check_out_everyone(
        self, session_id: str, at: dt.datetime | None = None, actor: str = ""
    ) -> int:
        """Check out everyone still checked in, when the session ended (see ``plan_close``);
        return how many."""
        with write_transaction(self.db):
            plan = self.plan_close(session_id, at)
            for person in plan.still_here:
                assert person.check_out is not None
                self.check_out(session_id, person.participant.id, person.check_out, actor)
        return len(plan.still_here)

    def set_excused(self, session_id: str, participant_id: str, excused: bool, by: str) -> None:
        """Mark an absence excused (or not)."""
        self._change(session_id, participant_id, by, "excused", excused=excused)

    def override_completion(
        self,
        session_id: str,
        participant_id: str,
        completed: bool | None,
        by: str,
        reason: str,
    ) -> Attendance:
        """Record a facilitator's completion decision (None removes it); who and why required."""
        by, reason = clean_text(by), clean_text(reason, 500)
        if completed is not None and (not by or not reason):
            raise UsageError("an override needs who decides it (--by) and why (--reason)")
        override = None
        if completed is not None:
            override = Override(completed=completed, by=by, reason=reason, at=stamp())
        return self._change(
            session_id, participant_id, by, "completion.override", override=override
        )

    def _change(
        self, session_id: str, participant_id: str, actor: str, kind: str, **change: Any
    ) -> Attendance:
        session = self.sessions.get(session_id)
        with write_transaction(self.db):
            att = self.get(session.id, participant_id)
            if att is None:
                self._insert(session, participant_id, expected=False)
                att = self.get(session.id, participant_id)
                assert att is not None
            excused = change.get("excused", att.excused)
            override = change.get("override", att.override)
            values = _outcome_values(session, att.check_in, att.check_out, excused, override)
            self.db.execute(
                "UPDATE attendance SET excused = ?, status = ?, credited_minutes = ?, "
                "completed = ?, override_completed = ?, override_by = ?, override_reason = ?, "
                "override_at = ?, updated_at = ? WHERE id = ?",
                [
                    int(excused),
                    values["status"],
                    values["credited_minutes"],
                    values["completed"],
                    None if override is None else int(override.completed),
                    "" if override is None else override.by,
                    "" if override is None else override.reason,
                    None if override is None else override.at,
                    stamp(),
                    att.id,
                ],
            )
            data: dict[str, object] = {"excused": excused}
            if override is not None:
                data = {"completed": override.completed, "reason": override.reason}
            log_event(
                self.db,
                kind,
                session_id=session.id,
                participant_id=participant_id,
                actor=actor,
                data=data,
            )
        result = self.get(session.id, participant_id)
        assert result is not None
        return result
