"""What a recipe sees: the course, the chosen pathways and audience, and small helpers.

Helpers only read: they order examples and case studies for the audience, filter activities
and questions to the chosen pathways, and turn content objects into the plain data a slide
needs. Recipes decide which slides to make, in what order, with what words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from deflection_kit.content import (
    Activity,
    Audience,
    Course,
    Example,
    Module,
    Pathway,
    Question,
    Slide,
)
from deflection_kit.decks.local_resources import LocalResource

LETTERS = "ABCDEFGHIJ"
_STOP = {
    "and", "the", "who", "with", "that", "from", "their", "they", "into", "also", "often",
    "people", "staff", "services", "service", "first", "make", "work", "community",
}  # fmt: skip
_WORD = re.compile(r"[a-z0-9]+")


def _stems(text: str) -> set[str]:
    """Return the crude stems of the significant words of a text (lower case, no plural s)."""
    words = _WORD.findall(text.lower())
    return {word.rstrip("s") for word in words if len(word) >= 3 and word not in _STOP}


def short_source(citation: str) -> str:
    """Return a short form of a citation: its author part and year, e.g. "NCHS, 2024"."""
    head = re.split(r"[.\"“]", citation, maxsplit=1)[0].strip(" ,;:")
    head = head or citation[:60]
    if len(head) > 60:
        head = head[:57].rstrip() + "…"
    years = re.findall(r"\b(19\d\d|20\d\d)\b", citation)
    if years and years[-1] not in head:
        return f"{head}, {years[-1]}"
    return head


@dataclass(frozen=True)
class Step:
    """One step of a module: a content slide, the activity it introduces, or both."""

    slide: Slide | None
    activity: Activity | None


def _same_title(first: str, second: str) -> bool:
    return _WORD.findall(first.lower()) == _WORD.findall(second.lower())


def first_sentence(text: str, limit: int = 140) -> str:
    """Return the first sentence of a text if it is short enough, else "" (for slide lines)."""
    sentence = re.split(r"(?<=[.!?])\s+(?=[A-Z0-9])", text.strip(), maxsplit=1)[0]
    return sentence if len(sentence) <= limit else ""


@dataclass(frozen=True)
class Choices:
    """What the user chose: pathways (in course order), audience, agency, local resources."""

    pathways: tuple[Pathway, ...]
    audience: Audience | None
    agency: str = ""
    local_resources: tuple[LocalResource, ...] = ()


class Helpers:
    """Read-only functions a recipe may call."""

    def __init__(self, course: Course, choices: Choices) -> None:
        self.course = course
        self.choices = choices
        self._chosen = {pathway.id for pathway in choices.pathways}
        audience = choices.audience
        self._keywords = (
            _stems(" ".join((audience.id, audience.name, audience.description, *audience.aliases)))
            if audience
            else set()
        )

    # --- text ---------------------------------------------------------------------------

    def cite(self, source_ids: Sequence[str]) -> str:
        """Return "Sources: A, 2020; B, 2023." for some source ids ("" for none)."""
        known = {source.id: source for source in self.course.sources}
        names = list(
            dict.fromkeys(short_source(known[i].citation) for i in source_ids if i in known)
        )
        return f"Sources: {'; '.join(names)}." if names else ""

    def bullets(self, slide: Slide, right: bool = False) -> list[dict[str, Any]]:
        """Return a content slide's bullets (or its right column) as slide paragraphs."""
        items = slide.right_bullets if right else slide.bullets
        return [{"text": bullet.text, "level": bullet.level} for bullet in items]

    def image(self, slide: Slide) -> dict[str, str] | None:
        """Return a content slide's picture as {path, alt}, or None."""
        if slide.image is None:
            return None
        return {"path": slide.image.path, "alt": slide.image.alt}

    def choices_of(self, question: Question) -> list[dict[str, Any]]:
        """Return a question's choices as plain paragraphs lettered A, B, C..."""
        if question.kind == "true-false":
            return [{"text": choice, "plain": True} for choice in question.choices]
        return [
            {"text": f"{LETTERS[i]}. {choice}", "plain": True}
            for i, choice in enumerate(question.choices)
        ]

    def answer_of(self, question: Question) -> str:
        """Return the answer as shown on the slide ("B. Officer Intervention" or "False")."""
        if question.kind == "true-false":
            return question.answer
        return f"{LETTERS[question.answer_index]}. {question.answer}"

    # --- choosing and ordering ----------------------------------------------------------

    def relevance(self, text: str) -> int:
        """Return how many of the audience's words a text mentions (0 without an audience)."""
        return len(self._keywords & _stems(text)) if self._keywords else 0

    def examples(self, pathway: Pathway) -> list[Example]:
        """Return a pathway's examples, those that speak to the audience first."""
        return sorted(
            pathway.examples,
            key=lambda example: -self.relevance(f"{example.name} {example.summary}"),
        )

    def audience_notes(self, pathway: Pathway) -> list[tuple[str, str]]:
        """Return (audience name, note) pairs: the chosen audience's note alone, else all."""
        names = {audience.id: audience.name for audience in self.course.info.audiences}
        audience = self.choices.audience
        if audience is not None:
            note = pathway.audience_notes.get(audience.id)
            return [(audience.name, note)] if note else []
        return [(names.get(key, key), note) for key, note in pathway.audience_notes.items()]

    def speaks_to_pathways(self, activity: Activity | Question) -> bool:
        """Return whether an activity or question fits the chosen pathways."""
        return not activity.pathways or any(p in self._chosen for p in activity.pathways)

    def activities(self, module: Module, kind: str = "") -> list[Activity]:
        """Return a module's activities for the chosen pathways, audience-relevant case studies
        first."""
        kept = [
            activity
            for activity in module.activities
            if self.speaks_to_pathways(activity) and (not kind or activity.kind == kind)
        ]
        audience = self.choices.audience
        if audience is None:
            return kept

        def rank(activity: Activity) -> int:
            if activity.kind != "case-study":
                return 0
            if audience.id in activity.audiences:
                return 0
            return 1 if not activity.audiences else 2

        case_positions = [i for i, a in enumerate(kept) if a.kind == "case-study"]
        ordered_cases = sorted((kept[i] for i in case_positions), key=rank)
        for position, activity in zip(case_positions, ordered_cases, strict=True):
            kept[position] = activity
        return kept

    def _matching_slide(self, module: Module, activity: Activity) -> Slide | None:
        """Return the content slide that introduces an activity (by id convention or title)."""
        for slide in module.slides:
            if slide.id in (activity.id, f"{activity.id}-slide"):
                return slide
        for slide in module.slides:
            if _same_title(slide.title, activity.title):
                return slide
        return None

    def pathway_activities(self, module: Module, pathway: Pathway) -> list[Activity]:
        """Return a module's activities about this pathway alone (with no slide of their own)."""
        return [
            activity
            for activity in module.activities
            if tuple(activity.pathways) == (pathway.id,)
            and self._matching_slide(module, activity) is None
        ]

    def sequence(self, module: Module) -> list[Step]:
        """Return a module's slides and activities in teaching order, for the chosen pathways.

        An activity goes with the content slide that introduces it (same id plus ``-slide``,
        or the same title); a slide whose activity is about pathways that were not chosen is
        left out with it. Other activities follow the slides; in a module that presents the
        pathways, an activity about one pathway is left for ``pathway_activities``. Case
        studies for the chosen audience come first, in the places case studies had.
        """
        kept = self.activities(module)
        dropped = [a for a in module.activities if a not in kept]
        matched: dict[str, Activity] = {}
        for activity in kept:
            slide = self._matching_slide(module, activity)
            if slide is not None:
                matched[slide.id] = activity
        hidden: set[str] = set()
        for activity in dropped:
            slide = self._matching_slide(module, activity)
            if slide is not None:
                hidden.add(slide.id)
        steps = [
            Step(slide, matched.get(slide.id)) for slide in module.slides if slide.id not in hidden
        ]
        placed = {id(a) for a in matched.values()}
        for activity in kept:
            if id(activity) in placed:
                continue
            if module.expands == "pathways" and len(activity.pathways) == 1:
                continue  # shown with its pathway
            steps.append(Step(None, activity))
        return self._audience_first(steps)

    def _audience_first(self, steps: list[Step]) -> list[Step]:
        audience = self.choices.audience
        if audience is None:
            return steps

        def rank(step: Step) -> int:
            assert step.activity is not None
            if audience.id in step.activity.audiences:
                return 0
            return 1 if not step.activity.audiences else 2

        positions = [
            i
            for i, step in enumerate(steps)
            if step.activity is not None and step.activity.kind == "case-study"
        ]
        ordered = sorted((steps[i] for i in positions), key=rank)
        result = list(steps)
        for position, step in zip(positions, ordered, strict=True):
            result[position] = step
        return result

    def case_studies(self, only_audience: bool = False) -> list[Activity]:
        """Return every case study of the course for the chosen pathways, audience first."""
        found = [
            activity
            for module in self.course.modules
            for activity in self.activities(module, "case-study")
        ]
        audience = self.choices.audience
        if only_audience and audience is not None:
            found = [a for a in found if not a.audiences or audience.id in a.audiences]
        return found

    def questions(self, activity: Activity | None = None) -> list[Question]:
        """Return an activity's questions (or all questions) that fit the chosen pathways."""
        if activity is None:
            items = list(self.course.questions)
        else:
            items = [self.course.question(qid) for qid in activity.questions]
        return [question for question in items if self.speaks_to_pathways(question)]

    def pathway_questions(self) -> list[Question]:
        """Return the questions about the chosen pathways."""
        return [q for q in self.course.questions if any(p in self._chosen for p in q.pathways)]

    def modules_about(self, *words: str) -> list[Module]:
        """Return the modules whose id or objectives mention any of ``words``.

        A module that covers every objective (a welcome or a wrap-up) is about the course as a
        whole, so only its id counts.
        """
        every = len(self.course.info.objectives)
        found: list[Module] = []
        for module in self.course.modules:
            named = module.objectives if len(set(module.objectives)) < every else ()
            text = " ".join((module.id, *named))
            if any(word in text for word in words):
                found.append(module)
        return found

    def pathway_minutes(self, module: Module) -> float:
        """Return the minutes each chosen pathway gets in a module that expands pathways."""
        activity_minutes = sum(a.minutes for a in self.activities(module))
        count = max(len(self.choices.pathways), 1)
        return max(module.minutes - activity_minutes, 0) / count

    def glossary(self, term: str) -> str:
        """Return the definition of a glossary term ("" if absent)."""
        for entry in self.course.glossary:
            if entry.term.lower() == term.lower():
                return entry.definition
        return ""

    def glossary_sources(self, *terms: str) -> list[str]:
        """Return the source ids behind some glossary terms, for a slide that quotes them."""
        wanted = {term.lower() for term in terms}
        found: dict[str, None] = {}
        for entry in self.course.glossary:
            if entry.term.lower() in wanted:
                found.update(dict.fromkeys(entry.sources))
        return list(found)


def recipe_context(course: Course, choices: Choices) -> dict[str, Any]:
    """Return the variables a recipe template renders with."""
    helpers = Helpers(course, choices)
    return {
        "course": course,
        "info": course.info,
        "modules": course.modules,
        "pathways": choices.pathways,
        "all_pathways": course.pathways,
        "audience": choices.audience,
        "agency": choices.agency,
        "resources": course.resources,
        "local_resources": choices.local_resources,
        "letters": LETTERS,
        "first_sentence": first_sentence,
        "h": helpers,
    }
