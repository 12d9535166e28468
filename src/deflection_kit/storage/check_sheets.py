"""Paper knowledge checks typed in, one row per sheet: anonymous, paired by a chosen code."""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal, cast

from sqlite_utils import Database

from deflection_kit.errors import UsageError
from deflection_kit.storage.clock import stamp
from deflection_kit.storage.connection import write_transaction
from deflection_kit.storage.events import log_event
from deflection_kit.storage.names import clean_text

Phase = Literal["pre", "post"]
PHASES: tuple[Phase, ...] = ("pre", "post")
MAX_CODE = 40
MAX_CHOICE = 25
_COLUMNS = "id, session_id, phase, code, answers, entered_by, created_at, updated_at"


@dataclass(frozen=True)
class CheckSheet:
    """One paper knowledge check as typed in: the phase, the code, the choice per question."""

    id: str
    session_id: str
    phase: Phase
    code: str
    answers: Mapping[str, int]  # question id -> index of the ticked choice (from 0)
    entered_by: str
    created_at: str
    updated_at: str


def _clean(phase: str, code: str, answers: Mapping[str, int]) -> tuple[Phase, str, dict[str, int]]:
    if phase not in PHASES:
        raise UsageError(f"a knowledge check is 'pre' or 'post', not {phase!r}")
    kept: dict[str, int] = {}
    for question, choice in answers.items():
        if isinstance(choice, bool) or not isinstance(choice, int) or not 0 <= choice < MAX_CHOICE:
            raise UsageError(f"the answer to {question!r} must be a choice number from 0")
        kept[str(question)] = choice
    cleaned_code = clean_text(code, MAX_CODE + 1)
    if len(cleaned_code) > MAX_CODE:
        raise UsageError(f"the code is longer than {MAX_CODE} characters")
    if not kept:
        raise UsageError("the sheet is empty: give at least one answer")
    return phase, cleaned_code, kept


def _from_row(row: tuple[Any, ...]) -> CheckSheet:
    return CheckSheet(
        id=row[0],
        session_id=row[1],
        phase=cast(Phase, row[2]),
        code=row[3],
        answers={str(k): int(v) for k, v in json.loads(row[4]).items()},
        entered_by=row[5],
        created_at=row[6],
        updated_at=row[7],
    )


class CheckSheetRepository:
    """Add, correct, list and delete a session's paper knowledge checks."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def add(
        self,
        session_id: str,
        phase: str,
        answers: Mapping[str, int],
        code: str = "",
        entered_by: str = "",
    ) -> CheckSheet:
        """Store one sheet in one committed transaction; return it."""
        kept_phase, kept_code, kept = _clean(phase, code, answers)
        sheet_id, now = str(uuid.uuid4()), stamp()
        with write_transaction(self.db):
            if (
                self.db.execute("SELECT 1 FROM sessions WHERE id = ?", [session_id]).fetchone()
                is None
            ):
                raise UsageError(f"no session {session_id!r}")
            self.db.execute(
                f"INSERT INTO check_sheets ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    sheet_id,
                    session_id,
                    kept_phase,
                    kept_code,
                    json.dumps(kept, sort_keys=True),
                    clean_text(entered_by),
                    now,
                    now,
                ],
            )
            log_event(
                self.db,
                "check_sheet.added",
                session_id=session_id,
                actor=clean_text(entered_by),
                data={"sheet": sheet_id, "phase": kept_phase},
            )
        return self.get(sheet_id)

    def update(
        self, sheet_id: str, phase: str, answers: Mapping[str, int], code: str = ""
    ) -> CheckSheet:
        """Correct a sheet that was typed in wrongly."""
        kept_phase, kept_code, kept = _clean(phase, code, answers)
        with write_transaction(self.db):
            changed = self.db.execute(
                "UPDATE check_sheets SET phase = ?, code = ?, answers = ?, updated_at = ? "
                "WHERE id = ?",
                [kept_phase, kept_code, json.dumps(kept, sort_keys=True), stamp(), sheet_id],
            ).rowcount
        if not changed:
            raise UsageError(f"no knowledge check sheet {sheet_id!r}")
        return self.get(sheet_id)

    def get(self, sheet_id: str) -> CheckSheet:
        """Return one sheet."""
        row = self.db.execute(
            f"SELECT {_COLUMNS} FROM check_sheets WHERE id = ?", [sheet_id]
        ).fetchone()
        if row is None:
            raise UsageError(f"no knowledge check sheet {sheet_id!r}")
        return _from_row(tuple(row))

    def list(self, session_id: str, phase: str | None = None) -> list[CheckSheet]:
        """Return a session's sheets (of one phase, or both) in the order typed in."""
        where, params = "session_id = ?", [session_id]
        if phase is not None:
            where += " AND phase = ?"
            params.append(phase)
        rows = self.db.execute(
            f"SELECT {_COLUMNS} FROM check_sheets WHERE {where} ORDER BY created_at, id", params
        ).fetchall()
        return [_from_row(tuple(row)) for row in rows]

    def delete(self, sheet_id: str) -> None:
        """Delete a sheet typed in by mistake."""
        with write_transaction(self.db):
            sheet = self.get(sheet_id)
            self.db.execute("DELETE FROM check_sheets WHERE id = ?", [sheet_id])
            log_event(
                self.db,
                "check_sheet.deleted",
                session_id=sheet.session_id,
                data={"sheet": sheet_id},
            )
