"""Tally the ratings of evaluation forms: how many gave 1 to 5, the mean, the share who agreed.

The live delivery report and the Materials page's typed-in results both sum the same stored
forms (``FeedbackForm``), so the counting and the figures drawn from it live here once.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Protocol

RATING_LABELS = ("Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree")


class RatedForm(Protocol):
    """Anything with ratings by statement id (``FeedbackForm``)."""

    @property
    def ratings(self) -> Mapping[str, int]: ...


@dataclass(frozen=True)
class RatingCounts:
    """How many forms gave each rating, 1 to 5, to one statement."""

    counts: tuple[int, ...]

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
        """Return the share who agreed or strongly agreed, or None when nobody rated it."""
        return (self.counts[3] + self.counts[4]) / self.answered if self.answered else None


def count_ratings(forms: Iterable[RatedForm], statement_id: str) -> tuple[int, ...]:
    """Return how many forms gave ``statement_id`` each rating from 1 to 5 (others ignored)."""
    counts = [0] * len(RATING_LABELS)
    for form in forms:
        value = form.ratings.get(statement_id)
        if value is not None and 1 <= value <= len(RATING_LABELS):
            counts[value - 1] += 1
    return tuple(counts)
