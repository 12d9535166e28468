"""Knowledge-check results for the room, and the knowledge gain from a pre- and post-check.

The facilitator counts a show of hands or cards and types one number per choice: results are
about the room, never about a person, so they are anonymous by design.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from deflection_kit.errors import DeflectionKitError
from deflection_kit.live.agenda import CheckSlot

MAX_COUNT = 10_000  # more hands than any training room holds: a typing slip


def check_counts(slot: CheckSlot, counts: Sequence[int]) -> tuple[int, ...]:
    """Return ``counts`` checked against the question: one whole number per choice."""
    if len(counts) != len(slot.choices):
        raise DeflectionKitError(
            f"question {slot.question!r} has {len(slot.choices)} choices; "
            f"{len(counts)} counts were given"
        )
    checked: list[int] = []
    for count in counts:
        if isinstance(count, bool) or not isinstance(count, int):
            raise DeflectionKitError("each count must be a whole number")
        if not 0 <= count <= MAX_COUNT:
            raise DeflectionKitError(f"each count must be between 0 and {MAX_COUNT}")
        checked.append(count)
    return tuple(checked)


@dataclass(frozen=True)
class CheckResult:
    """The room's answers to one question."""

    slot: CheckSlot
    counts: tuple[int, ...]

    @property
    def total(self) -> int:
        """Return how many answered."""
        return sum(self.counts)

    @property
    def correct(self) -> int:
        """Return how many chose the right answer."""
        return self.counts[self.slot.answer]

    @property
    def share_correct(self) -> float | None:
        """Return the share (0-1) who chose the right answer, or None if nobody answered."""
        return self.correct / self.total if self.total else None


@dataclass(frozen=True)
class QuestionGain:
    """One question asked before and after: the share right each time."""

    question: str
    prompt: str
    pre: CheckResult
    post: CheckResult

    @property
    def gain(self) -> float | None:
        """Return the change in share correct (post minus pre), or None without answers."""
        if self.pre.share_correct is None or self.post.share_correct is None:
            return None
        return self.post.share_correct - self.pre.share_correct


@dataclass(frozen=True)
class KnowledgeGain:
    """What the pre- and post-check show the room learned."""

    questions: tuple[QuestionGain, ...]

    def _mean(self, values: Iterable[float | None]) -> float | None:
        known = [v for v in values if v is not None]
        return sum(known) / len(known) if known else None

    @property
    def pre(self) -> float | None:
        """Return the mean share correct before (over questions with answers both times)."""
        return self._mean(q.pre.share_correct for q in self.questions if q.gain is not None)

    @property
    def post(self) -> float | None:
        """Return the mean share correct after."""
        return self._mean(q.post.share_correct for q in self.questions if q.gain is not None)

    @property
    def gain(self) -> float | None:
        """Return the mean change in share correct, in points of share (0.25 = 25 points)."""
        return self._mean(q.gain for q in self.questions)


def knowledge_gain(results: Iterable[CheckResult]) -> KnowledgeGain:
    """Pair each question's pre-check result with its post-check result."""
    pre: dict[str, CheckResult] = {}
    post: dict[str, CheckResult] = {}
    for result in results:
        if result.slot.phase == "pre":
            pre[result.slot.question] = result
        elif result.slot.phase == "post":
            post[result.slot.question] = result
    pairs = tuple(
        QuestionGain(question, pre[question].slot.prompt, pre[question], post[question])
        for question in pre
        if question in post
    )
    return KnowledgeGain(pairs)
