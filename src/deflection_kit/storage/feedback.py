"""Course feedback forms, typed in from paper: ratings and comments, never a name."""

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


@dataclass(frozen=True)
class FeedbackForm:
    """One paper feedback form as typed in."""

    id: str
    session_id: str
    ratings: Mapping[str, int]  # item id -> 1..5
    comments: Mapping[str, str]  # comment id -> text
    entered_by: str
    created_at: str
    updated_at: str


def _check(
    ratings: Mapping[str, int], comments: Mapping[str, str]
) -> tuple[dict[str, int], dict[str, str]]:
    low, high = RATING_RANGE
    clean_ratings: dict[str, int] = {}
    for item, value in ratings.items():
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise UsageError(f"rating {item!r} must be a whole number from {low} to {high}")
        clean_ratings[str(item)] = value
    clean_comments: dict[str, str] = {}
    for item, text in comments.items():
        comment = clean_text(str(text), MAX_COMMENT + 1) if text else ""
        if len(comment) > MAX_COMMENT:
            raise UsageError(f"comment {item!r} is longer than {MAX_COMMENT} characters")
        if comment:
            clean_comments[str(item)] = comment
    if not clean_ratings and not clean_comments:
        raise UsageError("the form is empty: give at least one rating or comment")
    return clean_ratings, clean_comments


def _form(row: tuple[Any, ...]) -> FeedbackForm:
    return FeedbackForm(
        id=row[0],
        session_id=row[1],
        ratings={str(k): int(v) for k, v in json.loads(row[2]).items()},
        comments={str(k): str(v) for k, v in json.loads(row[3]).items()},
        entered_by=row[4],
        created_at=row[5],
        updated_at=row[6],
    )


_SELECT = (
    "SELECT id, session_id, ratings, comments, entered_by, created_at, updated_at "
    "FROM feedback_forms"
)


class FeedbackRepository:
    """Add, change, list and delete a session's feedback forms."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def add(
        self,
        session_id: str,
        ratings: Mapping[str, int],
        comments: Mapping[str, str] | None = None,
        entered_by: str = "",
    ) -> FeedbackForm:
        """Store one form (one committed transaction); return it."""
        clean_ratings, clean_comments = _check(ratings, comments or {})
        form_id = str(uuid.uuid4())
        now = stamp()
        with write_transaction(self.db):
            if not self.db.execute("SELECT 1 FROM sessions WHERE id = ?", [session_id]).fetchone():
                raise UsageError(f"no session {session_id!r}")
            self.db.execute(
                "INSERT INTO feedback_forms VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    form_id,
                    session_id,
                    json.dumps(clean_ratings, sort_keys=True),
                    json.dumps(clean_comments, sort_keys=True, ensure_ascii=False),
                    clean_text(entered_by),
                    now,
                    now,
                ],
            )
            log_event(self.db, "feedback.added", session_id=session_id, actor=entered_by,
                      data={"form": form_id})  # fmt: skip
        return self.get(form_id)

    def update(
        self, form_id: str, ratings: Mapping[str, int], comments: Mapping[str, str] | None = None
    ) -> FeedbackForm:
        """Correct a form that was typed in wrongly."""
        clean_ratings, clean_comments = _check(ratings, comments or {})
        with write_transaction(self.db):
            done = self.db.execute(
                "UPDATE feedback_forms SET ratings = ?, comments = ?, updated_at = ? WHERE id = ?",
                [
                    json.dumps(clean_ratings, sort_keys=True),
                    json.dumps(clean_comments, sort_keys=True, ensure_ascii=False),
                    stamp(),
                    form_id,
                ],
            )
            if done.rowcount == 0:
                raise UsageError(f"no feedback form {form_id!r}")
        return self.get(form_id)

    def get(self, form_id: str) -> FeedbackForm:
        """Return one form."""
        row = self.db.execute(f"{_SELECT} WHERE id = ?", [form_id]).fetchone()
        if row is None:
            raise UsageError(f"no feedback form {form_id!r}")
        return _form(tuple(row))

    def list(self, session_id: str) -> list[FeedbackForm]:
        """Return a session's forms in the order they were typed in."""
        rows = self.db.execute(
            f"{_SELECT} WHERE session_id = ? ORDER BY created_at, id", [session_id]
        ).fetchall()
        return [_form(tuple(row)) for row in rows]

    def delete(self, form_id: str) -> None:
        """Delete a form typed in by mistake."""
        with write_transaction(self.db):
            form = self.get(form_id)
            self.db.execute("DELETE FROM feedback_forms WHERE id = ?", [form_id])
            log_event(self.db, "feedback.deleted", session_id=form.session_id,
                      data={"form": form_id})  # fmt: skip
