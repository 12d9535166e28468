"""Course feedback: the statements people rate, the questions they answer, and a summary.

The printed evaluation form (``deflection_kit.materials.evaluation``) adds a statement per
objective and about the instructor to the course statements below, with the same ids; the
summary takes whichever statements it is given. Forms are anonymous.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from deflection_kit.storage.feedback_tally import RatingCounts, count_ratings

FEEDBACK_ITEMS: tuple[tuple[str, str], ...] = (
    ("objectives", "The course met its stated objectives."),
    ("relevant", "What I learned is relevant to my work."),
    ("pathways", "I can explain the deflection pathways and when each is used."),
    ("handoff", "I know how to make a warm handoff in my community."),
    ("facilitator", "The facilitator was clear and well prepared."),
    ("activities", "The discussions and activities were useful."),
    ("recommend", "I would recommend this course to a colleague."),
)
COMMENT_ITEMS: tuple[tuple[str, str], ...] = (
    ("useful", "What was most useful?"),
    ("improve", "What would make this course better?"),
)


class FormLike(Protocol):
    """A typed-in form (``deflection_kit.storage.FeedbackForm``)."""

    @property
    def ratings(self) -> Mapping[str, int]: ...
    @property
    def comments(self) -> Mapping[str, str]: ...


@dataclass(frozen=True, kw_only=True)
class ItemSummary(RatingCounts):
    """How the room rated one statement."""

    item: str
    text: str


@dataclass(frozen=True)
class FeedbackSummary:
    """All the forms of a session, summed up."""

    forms: int
    items: tuple[ItemSummary, ...]
    comments: tuple[tuple[str, str, tuple[str, ...]], ...]  # (id, question, answers)


def summarise_feedback(
    forms: Iterable[FormLike],
    statements: Sequence[tuple[str, str]] = FEEDBACK_ITEMS,
    questions: Sequence[tuple[str, str]] = COMMENT_ITEMS,
) -> FeedbackSummary:
    """Return the counts per rating and the comments, in the form's order."""
    listed = list(forms)
    items = []
    for item, text in statements:
        items.append(ItemSummary(count_ratings(listed, item), item=item, text=text))
    comments = tuple(
        (item, text, tuple(form.comments[item] for form in listed if form.comments.get(item)))
        for item, text in questions
    )
    return FeedbackSummary(len(listed), tuple(items), comments)
