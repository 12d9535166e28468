"""What a session's typed-in paper forms say: knowledge before and after, and the ratings."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from deflection_kit.content import Course
from deflection_kit.materials import evaluation
from deflection_kit.materials.entry import (
    QuestionResult,
    RatingResult,
    check_results,
    mean_share,
    rating_results,
    session_questions,
)
from deflection_kit.storage import CheckSheet, FeedbackForm, Session


def _percent(share: float | None) -> str:
    return "–" if share is None else f"{round(share * 100)}%"


@dataclass(frozen=True)
class PaperResults:
    """A session's paper knowledge checks and evaluation forms, summed up."""

    session: Session
    sheets: dict[str, int]  # phase -> number of sheets
    pre: list[QuestionResult]
    post: list[QuestionResult]
    forms: int
    ratings: list[RatingResult]
    comments: dict[str, list[str]]

    def lines(self) -> list[str]:
        """Return the summary as lines of text."""
        out = [f"{self.session.title} ({self.session.date.isoformat()})"]
        pre, post = mean_share(self.pre), mean_share(self.post)
        out.append(
            f"Knowledge check: {self.sheets.get('pre', 0)} before, "
            f"{self.sheets.get('post', 0)} after; right on average "
            f"{_percent(pre)} before, {_percent(post)} after"
        )
        for before, after in zip(self.pre, self.post, strict=True):
            out.append(
                f"  {_percent(before.share_correct):>4} → "
                f"{_percent(after.share_correct):>4}  {before.question.prompt}"
            )
        out.append(f"Evaluation forms: {self.forms}")
        for result in self.ratings:
            if result.mean is not None:
                out.append(f"  {result.mean:.1f}/5 ({result.answered})  {result.statement.text}")
        for key, answers in self.comments.items():
            for answer in answers:
                out.append(f"  [{key}] {answer}")
        return out

    def as_dict(self) -> dict[str, Any]:
        """Return the summary as JSON-ready data."""

        def check(results: Sequence[QuestionResult]) -> list[dict[str, Any]]:
            return [
                {
                    "question": r.question.id,
                    "counts": list(r.counts),
                    "share_correct": r.share_correct,
                }
                for r in results
            ]

        return {
            "session": self.session.id,
            "sheets": self.sheets,
            "pre": check(self.pre),
            "post": check(self.post),
            "forms": self.forms,
            "ratings": [
                {"statement": r.statement.id, "counts": list(r.counts), "mean": r.mean}
                for r in self.ratings
            ],
            "comments": self.comments,
        }


def paper_results(
    course: Course,
    session: Session,
    sheets: Sequence[CheckSheet],
    forms: Sequence[FeedbackForm],
) -> PaperResults:
    """Return the summary of a session's typed-in paper forms."""
    questions = session_questions(course, session)
    counts = {phase: sum(1 for s in sheets if s.phase == phase) for phase in ("pre", "post")}
    comments = {
        comment.id: [f.comments[comment.id] for f in forms if f.comments.get(comment.id)]
        for comment in evaluation.COMMENTS
    }
    return PaperResults(
        session=session,
        sheets=counts,
        pre=check_results(sheets, questions, "pre"),
        post=check_results(sheets, questions, "post"),
        forms=len(forms),
        ratings=rating_results(forms, evaluation.statements(course)),
        comments={k: v for k, v in comments.items() if v},
    )
