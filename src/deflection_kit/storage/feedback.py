"""Evaluation (feedback) forms typed in from paper: ratings and comments, never a name.

The repository's API matches the one the live-session work (issue 6) adds for the same table,
so either entry screen reads and writes the same forms.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from deflection_kit.errors import UsageError
from deflection_kit.storage.clock import stamp
from deflection_kit.storage.connection import write_transaction
from deflection_kit.storage.events import log_event
from deflection_kit.storage.names import clean_text

MAX_COMMENT = 4000
RATING_RANGE = (1, 5)
_COLUMNS = "id, session_id, ratings, comments, entered_by, created_at, updated_at"


@dataclass(frozen=True)
class FeedbackForm:
    """One paper evaluation form as typed in."""

    id: str
    session_id: str
    ratings: Mapping[str, int]  # statement id -> 1..5
    comments: Mapping[str, str]  # question id -> text
    entered_by: str
    created_at: str
    updated_at: str


def _clean(
    ratings: Mapping[str, int], comments: Mapping[str, str]
) -> tuple[dict[str, int], dict[str, str]]:
    low, high = RATING_RANGE
    kept_ratings: dict[str, int] = {}
    for key, value in ratings.items():
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise UsageError(f"rating {key!r} must be a whole number from {low} to {high}")
        kept_ratings[str(key)] = value
    kept_comments: dict[str, str] = {}
    for key, text in comments.items():
        cleaned = clean_text(text, MAX_COMMENT + 1) if text else ""
        if len(cleaned) > MAX_COMMENT:
            raise UsageError(f"comment {key!r} is longer than {MAX_COMMENT} characters")
        if cleaned:
            kept_comments[str(key)] = cleaned
    if not kept_ratings and not kept_comments:
        raise UsageError("the form is empty: give at least one rating or comment")
    return kept_ratings, kept_comments


def _from_row(row: tuple[Any, ...]) -> FeedbackForm:
    return FeedbackForm(
        id=row[0],
        session_id=row[1],
        ratings={str(k): int(v) for k, v in json.loads(row[2]).items()},
        comments={str(k): str(v) for k, v in json.loads(row[3]).items()},
        entered_by=row[4],
        created_at=row[5],
        updated_at=row[6],
    )


class FeedbackRepository:
    """Add, correct, list and delete a session's evaluation forms."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def add(
        self,
        session_id: str,
        ratings: Mapping[str, int],
        comments: Mapping[str, str] | None = None,
        entered_by: str = "",
    ) -> FeedbackForm:
        """Store one form in one committed transaction; return it."""
        kept_ratings, kept_comments = _clean(ratings, comments or {})
        form_id, now = str(uuid.uuid4()), stamp()
        with write_transaction(self.db):
            if (
                self.db.execute("SELECT 1 FROM sessions WHERE id = ?", [session_id]).fetchone()
                is None
            ):
                raise UsageError(f"no session {session_id!r}")
            self.db.execute(
                f"INSERT INTO feedback_forms ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    form_id,
                    session_id,
                    json.dumps(kept_ratings, sort_keys=True),
                    json.dumps(kept_comments, sort_keys=True, ensure_ascii=False),
                    clean_text(entered_by),
                    now,
                    now,
                ],
            )
            log_event(
                self.db,
                "feedback.added",
                session_id=session_id,
                actor=clean_text(entered_by),
                data={"form": form_id},
            )
        return self.get(form_id)

    def update(
        self, form_id: str, ratings: Mapping[str, int], comments: Mapping[str, str] | None = None
    ) -> FeedbackForm:
        """Correct a form that was typed in wrongly."""
        kept_ratings, kept_comments = _clean(ratings, comments or {})
        with write_transaction(self.db):
            changed = self.db.execute(
                "UPDATE feedback_forms SET ratings = ?, comments = ?, updated_at = ? WHERE id = ?",
                [
                    json.dumps(kept_ratings, sort_keys=True),
                    json.dumps(kept_comments, sort_keys=True, ensure_ascii=False),
                    stamp(),
                    form_id,
                ],
            ).rowcount
        if not changed:
            raise UsageError(f"no feedback form {form_id!r}")
        return self.get(form_id)

    def get(self, form_id: str) -> FeedbackForm:
        """Return one form."""
        row = self.db.execute(
            f"SELECT {_COLUMNS} FROM feedback_forms WHERE id = ?", [form_id]
        ).fetchone()
        if row is None:
            raise UsageError(f"no feedback form {form_id!r}")
        return _from_row(tuple(row))

    def list(self, session_id: str) -> list[FeedbackForm]:
        """Return a session's forms in the order they were typed in."""
        rows = self.db.execute(
            f"SELECT {_COLUMNS} FROM feedback_forms WHERE session_id = ? ORDER BY created_at, id",
            [session_id],
        ).fetchall()
        return [_from_row(tuple(row)) for row in rows]

    def delete(self, form_id: str) -> None:
        """Delete a form typed in by mistake."""
        with write_transaction(self.db):
            form = self.get(form_id)
            self.db.execute("DELETE FROM feedback_forms WHERE id = ?", [form_id])
            log_event(
                self.db, "feedback.deleted", session_id=form.session_id, data={"form": form_id}
            )
