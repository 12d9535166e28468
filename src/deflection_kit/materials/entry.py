"""Type paper forms in quickly: one character per answer, checked, then summed up.

A knowledge check goes in as a string of letters, one per question in the order the form
prints them ("BACC-A": "-" for a question left blank); an evaluation as a string of digits,
one per statement ("5544-45..."). Mistakes are named by their position, so the person typing
can find them on the paper. The summaries count answers per choice, the shape the live
session's check results use, so the delivery report can show paper and live checks alike.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from deflection_kit.content import Course, Question
from deflection_kit.decks.build import choose_pathways
from deflection_kit.decks.context import LETTERS, Choices, Helpers
from deflection_kit.errors import UsageError
from deflection_kit.materials.evaluation import SCALE, Statement
from deflection_kit.storage import Session
from deflection_kit.storage.feedback_tally import RatedForm, RatingCounts, count_ratings

BLANKS = frozenset("-._?")


def questions_for_check(course: Course, helpers: Helpers) -> list[Question]:
    """Return the questions of the course's pre- and post-checks that fit the chosen pathways.

    A course without pre- or post-check activities uses every question that fits.
    """
    found: dict[str, Question] = {}
    for module in course.modules:
        for activity in module.activities:
            if activity.kind == "knowledge-check" and activity.phase in ("pre", "post"):
                for question in helpers.questions(activity):
                    found.setdefault(question.id, question)
    if not found:
        found = {question.id: question for question in helpers.questions()}
    return list(found.values())


def session_questions(course: Course, session: Session) -> list[Question]:
    """Return the questions of the paper check printed for a session (its pathways)."""
    known = {pathway.id for pathway in course.pathways}
    wanted = [p for p in session.pathways if p in known] or None
    pathways = choose_pathways(course, wanted)
    return questions_for_check(course, Helpers(course, Choices(pathways, None)))


def _characters(text: str) -> list[str]:
    return [c for c in text.upper() if not c.isspace() and c not in ",;/"]


def choice_keys(question: Question) -> list[str]:
    """Return the keys that pick each choice: letters, or T and F for true or false."""
    if question.kind == "true-false":
        return [choice[:1].upper() for choice in question.choices]
    return list(LETTERS[: len(question.choices)])


def parse_answers(text: str, questions: Sequence[Question]) -> dict[str, int]:
    """Return question id -> choice index for typed answers; raise ``UsageError`` on a slip."""
    typed = _characters(text)
    if len(typed) != len(questions):
        raise UsageError(
            f"{len(typed)} answers typed for {len(questions)} questions; "
            "type one letter per question, or - for one left blank"
        )
    answers: dict[str, int] = {}
    for number, (key, question) in enumerate(zip(typed, questions, strict=True), start=1):
        if key in BLANKS:
            continue
        keys = choice_keys(question)
        if key.isdigit() and 1 <= int(key) <= len(keys):
            key = keys[int(key) - 1]
        if key not in keys:
            raise UsageError(
                f"answer {number} is {key!r}; question {number} takes {', '.join(keys)} or -"
            )
        answers[question.id] = keys.index(key)
    if not answers:
        raise UsageError("every answer is blank: nothing to save")
    return answers


def parse_ratings(
    text: str, statements: Sequence[Statement], complete: bool = True
) -> dict[str, int]:
    """Return statement id -> rating 1-5 for typed digits; raise ``UsageError`` on a slip.

    A form is typed whole, a ``-`` for each statement left blank, as the knowledge check is:
    a digit missed half-way would otherwise move every later rating to the wrong statement.
    ``complete=False`` reads a form still being typed.
    """
    typed = _characters(text)
    if len(typed) > len(statements) or (complete and len(typed) < len(statements)):
        raise UsageError(
            f"{len(typed)} ratings typed for {len(statements)} statements; "
            "type - for a statement left blank"
        )
    ratings: dict[str, int] = {}
    for number, (key, statement) in enumerate(zip(typed, statements, strict=False), start=1):
        if key in BLANKS:
            continue
        if not (key.isdigit() and 1 <= int(key) <= len(SCALE)):
            raise UsageError(f"rating {number} is {key!r}; type 1 to {len(SCALE)}, or - for blank")
        ratings[statement.id] = int(key)
    return ratings


def typed_answers(answers: Mapping[str, int], questions: Sequence[Question]) -> str:
    """Return a sheet's answers as they would be typed (for correcting a sheet)."""
    return "".join(choice_keys(q)[answers[q.id]] if q.id in answers else "-" for q in questions)


def typed_ratings(ratings: Mapping[str, int], statements: Sequence[Statement]) -> str:
    """Return a form's ratings as they would be typed."""
    return "".join(str(ratings[s.id]) if s.id in ratings else "-" for s in statements)


@dataclass(frozen=True)
class QuestionResult:
    """How the sheets of one phase answered one question."""

    question: Question
    counts: tuple[int, ...]  # how many ticked each choice

    @property
    def answered(self) -> int:
        """Return how many sheets answered the question."""
        return sum(self.counts)

    @property
    def share_correct(self) -> float | None:
        """Return the share who ticked the right answer (None if nobody answered)."""
        if not self.answered:
            return None
        return self.counts[self.question.answer_index] / self.answered


class AnswerSheet(Protocol):
    """Anything with a phase and answers (``deflection_kit.storage.CheckSheet``)."""

    @property
    def phase(self) -> str: ...
    @property
    def answers(self) -> Mapping[str, int]: ...


def check_results(
    sheets: Iterable[AnswerSheet], questions: Sequence[Question], phase: str
) -> list[QuestionResult]:
    """Return each question's counts per choice over the sheets of one phase."""
    chosen = [s for s in sheets if s.phase == phase]
    results = []
    for question in questions:
        counts = [0] * len(question.choices)
        for sheet in chosen:
            choice = sheet.answers.get(question.id)
            if choice is not None and 0 <= choice < len(counts):
                counts[choice] += 1
        results.append(QuestionResult(question, tuple(counts)))
    return results


def mean_share(results: Iterable[QuestionResult]) -> float | None:
    """Return the mean share correct over questions somebody answered."""
    shares = [r.share_correct for r in results if r.share_correct is not None]
    return sum(shares) / len(shares) if shares else None


@dataclass(frozen=True, kw_only=True)
class RatingResult(RatingCounts):
    """How the forms rated one statement."""

    statement: Statement


def rating_results(
    forms: Iterable[RatedForm], statements: Sequence[Statement]
) -> list[RatingResult]:
    """Return each statement's counts per rating over the forms."""
    listed = list(forms)
    return [RatingResult(count_ratings(listed, s.id), statement=s) for s in statements]
