"""Course feedback: the statements people rate, the questions they answer, and a summary.

The printed evaluation form (``deflection_kit.materials.evaluation``) adds a statement per
objective and about the instructor to the course statements below, with the same ids; the
summary takes whichever statements it is given. Forms are anonymous.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

RATING_LABELS = ("Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree")
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


@dataclass(frozen=True)
class ItemSummary:
    """How the room rated one statement."""

    item: str
    text: str
    counts: tuple[int, ...]  # how many gave 1, 2, 3, 4, 5

    @property
    def answered(self) -> int:
        """Return how many forms rated it."""
        return sum(self.counts)

    @property
    def mean(self) -> float | None:
        """Return the mean rating (1-5), or None when nobody rated it."""
        if not self.answered:
            return None
        return sum((i + 1) * n for i, n in enumerate(self.counts)) / self.answered

    @property
    def agree_share(self) -> float | None:
        """Return the share who agreed or strongly agreed."""
        return (self.counts[3] + self.counts[4]) / self.answered if self.answered else None


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
        counts = [0] * len(RATING_LABELS)
        for form in listed:
            value = form.ratings.get(item)
            if value is not None and 1 <= value <= len(RATING_LABELS):
                counts[value - 1] += 1
        items.append(ItemSummary(item, text, tuple(counts)))
    comments = tuple(
        (item, text, tuple(form.comments[item] for form in listed if form.comments.get(item)))
        for item, text in questions
    )
    return FeedbackSummary(len(listed), tuple(items), comments)
