"""Cross-checks of a loaded course: ids, references, minutes, coverage, images and language."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel

from deflection_kit.content.language import find_stigmatizing
from deflection_kit.content.model import (
    ContentModel,
    Course,
    GlossaryTerm,
    Module,
    Origin,
    Pathway,
    Question,
    Source,
)
from deflection_kit.errors import Problem

KEBAB = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
TRUE_FALSE = ("True", "False")
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg")
MIN_EXAMPLES = 2


@dataclass(frozen=True)
class LoadGaps:
    """What failed to load, so cross-checks report a broken item once and nothing false.

    ``incomplete``: kinds ("sources", "modules", "questions", "pathways") of which some item
    failed; checks that need every item of such a kind (minutes, coverage) are skipped.
    ``unreadable``: kinds whose file did not load at all; references to them are not checked.
    ``unloaded_ids``: ids of items written but not loaded; references to them are not unknown.
    """

    incomplete: frozenset[str] = frozenset()
    unreadable: frozenset[str] = frozenset()
    unloaded_ids: frozenset[str] = frozenset()


def _where(obj: ContentModel, field: str | None = None) -> tuple[str, int]:
    origin = obj.origin or Origin(path="?", line=1)
    return origin.path, origin.line_of(field) if field else origin.line


def _problem(obj: ContentModel, field: str | None, message: str) -> Problem:
    path, line = _where(obj, field)
    return Problem(path, line, message)


def walk(obj: BaseModel) -> Iterator[ContentModel]:
    """Yield every content object inside ``obj`` (itself included), depth first."""
    if isinstance(obj, ContentModel):
        yield obj
    for name in type(obj).model_fields:
        value = getattr(obj, name)
        items = value if isinstance(value, tuple) else (value,)
        for item in items:
            if isinstance(item, ContentModel):
                yield from walk(item)


def _texts(obj: ContentModel) -> Iterator[tuple[str, str]]:
    """Yield (field, text) for the text fields of one object (not nested objects)."""
    for name in type(obj).model_fields:
        if name in ("origin", "sources", "id"):
            continue
        value = getattr(obj, name)
        if isinstance(value, str):
            yield name, value
        elif isinstance(value, tuple):
            for item in value:
                if isinstance(item, str):
                    yield name, item
        elif isinstance(value, dict) or hasattr(value, "items"):
            for item in value.values():
                if isinstance(item, str):
                    yield name, item


def _duplicates(items: Iterable[ContentModel], attr: str, kind: str) -> Iterator[Problem]:
    items = list(items)
    counts = Counter(getattr(item, attr) for item in items)
    for item in items:
        if counts[getattr(item, attr)] > 1:
            yield _problem(item, attr, f"duplicate {kind} {attr} {getattr(item, attr)!r}")


def _check_ids(course: Course) -> Iterator[Problem]:
    for obj in walk(course):
        value = getattr(obj, "id", None)
        if isinstance(value, str) and not KEBAB.match(value):
            yield _problem(obj, "id", f"id {value!r} must be kebab-case (a-z, 0-9, '-')")
    slides = [slide for module in course.modules for slide in module.slides]
    activities = [activity for module in course.modules for activity in module.activities]
    yield from _duplicates(course.modules, "id", "module")
    yield from _duplicates(course.modules, "number", "module")
    yield from _duplicates(slides, "id", "slide")
    yield from _duplicates(activities, "id", "activity")
    yield from _duplicates(course.pathways, "id", "pathway")
    yield from _duplicates(course.pathways, "order", "pathway")
    yield from _duplicates(course.questions, "id", "question")
    yield from _duplicates(course.resources, "id", "resource")
    yield from _duplicates(course.sources, "id", "source")
    yield from _duplicates(course.glossary, "term", "glossary")
    yield from _duplicates(course.info.objectives, "id", "objective")
    yield from _duplicates(course.info.audiences, "id", "audience")


def _check_sources(course: Course, unloaded: frozenset[str]) -> Iterator[Problem]:
    known = {source.id for source in course.sources} | unloaded
    for obj in walk(course):
        if isinstance(obj, (Source, Course)):
            continue
        for source in getattr(obj, "sources", ()):
            if source not in known:
                yield _problem(obj, "sources", f"unknown source {source!r} (see sources.yaml)")


def _check_minutes(course: Course) -> Iterator[Problem]:
    total = sum(module.minutes for module in course.modules)
    if course.modules and total != course.info.minutes:
        listing = " + ".join(str(module.minutes) for module in course.modules)
        yield _problem(
            course.info,
            "minutes",
            f"module minutes add up to {total} ({listing}), not the course's {course.info.minutes}",
        )
    numbers = sorted(module.number for module in course.modules)
    if numbers and numbers != list(range(1, len(numbers) + 1)):
        yield _problem(course.modules[0], "number", f"modules must be numbered 1 to {len(numbers)}")
    for module in course.modules:
        planned = sum(activity.minutes for activity in module.activities)
        if planned > module.minutes:
            yield _problem(
                module,
                "activities",
                f"activities take {planned:g} minutes, more than the module's {module.minutes}",
            )


def _check_references(course: Course, gaps: LoadGaps) -> Iterator[Problem]:
    objectives = {objective.id for objective in course.info.objectives}
    audiences = {audience.id for audience in course.info.audiences}
    # None: that kind's file did not load at all, so a missing id proves nothing.
    pathways: set[str] | None = {p.id for p in course.pathways} | gaps.unloaded_ids
    questions: set[str] | None = {q.id for q in course.questions} | gaps.unloaded_ids
    if "pathways" in gaps.unreadable:
        pathways = None
    if "questions" in gaps.unreadable:
        questions = None
    for module in course.modules:
        for objective in module.objectives:
            if objective not in objectives:
                yield _problem(module, "objectives", f"unknown objective {objective!r}")
        for activity in module.activities:
            yield from _check_activity(activity, audiences, pathways, questions)
    for question in course.questions:
        if question.objective not in objectives:
            yield _problem(question, "objective", f"unknown objective {question.objective!r}")
        for pathway in question.pathways:
            if pathways is not None and pathway not in pathways:
                yield _problem(question, "pathways", f"unknown pathway {pathway!r}")
        if question.answer not in question.choices:
            yield _problem(
                question, "answer", f"answer {question.answer!r} is not one of the choices"
            )
        if question.kind == "true-false" and question.choices != TRUE_FALSE:
            yield _problem(
                question, "choices", "a true-false question has the choices [True, False]"
            )
        if question.kind == "multiple-choice" and len(question.choices) < 3:
            yield _problem(
                question, "choices", "a multiple-choice question needs at least 3 choices"
            )
    for each in course.pathways:
        yield from _check_pathway(each, audiences)


def _check_activity(
    activity: ContentModel,
    audiences: set[str],
    pathways: set[str] | None,
    questions: set[str] | None,
) -> Iterator[Problem]:
    kind = getattr(activity, "kind", "")
    for audience in getattr(activity, "audiences", ()):
        if audience not in audiences:
            yield _problem(activity, "audiences", f"unknown audience {audience!r}")
    for pathway in getattr(activity, "pathways", ()):
        if pathways is not None and pathway not in pathways:
            yield _problem(activity, "pathways", f"unknown pathway {pathway!r}")
    for question in getattr(activity, "questions", ()):
        if questions is not None and question not in questions:
            yield _problem(activity, "questions", f"unknown question {question!r}")
    if kind == "knowledge-check" and not getattr(activity, "questions", ()):
        yield _problem(activity, "questions", "a knowledge check lists its question ids")
    if kind in ("discussion", "case-study") and not getattr(activity, "prompts", ()):
        yield _problem(activity, "prompts", f"a {kind} needs at least one prompt")


def _check_pathway(pathway: Pathway, audiences: set[str]) -> Iterator[Problem]:
    if len(pathway.examples) < MIN_EXAMPLES:
        yield _problem(
            pathway, "examples", f"a pathway needs at least {MIN_EXAMPLES} example programs"
        )
    if not pathway.evidence:
        yield _problem(pathway, "evidence", "say what the evidence shows (or that there is little)")
    if not pathway.discussion_questions:
        yield _problem(pathway, "discussion_questions", "a pathway needs a discussion question")
    for audience in pathway.audience_notes:
        if audience not in audiences:
            yield _problem(pathway, f"audience_notes.{audience}", f"unknown audience {audience!r}")


def _check_coverage(course: Course, incomplete: frozenset[str]) -> Iterator[Problem]:
    taught = {objective for module in course.modules for objective in module.objectives}
    tested = {question.objective for question in course.questions}
    for objective in course.info.objectives:
        if "modules" not in incomplete and objective.id not in taught:
            yield _problem(
                objective, "id", f"objective {objective.id!r} is not covered by any module"
            )
        if "questions" not in incomplete and objective.id not in tested:
            yield _problem(
                objective, "id", f"objective {objective.id!r} is not tested by any question"
            )


def _check_images(course: Course, root: Path) -> Iterator[Problem]:
    resolved_root = root.resolve()
    for module in course.modules:
        for slide in module.slides:
            image = slide.image
            if image is None:
                continue
            if not image.alt.strip():
                yield _problem(image, None, "image has no alt text: write what it shows in ![...]")
            target = (root / image.path).resolve()
            if not target.is_relative_to(resolved_root):
                yield _problem(image, None, f"image {image.path!r} is outside the content folder")
            elif not target.is_file():
                yield _problem(image, None, f"image file {image.path!r} not found")
            elif target.suffix.lower() not in IMAGE_SUFFIXES:
                yield _problem(
                    image, None, "images must be PNG or JPEG (keep SVG sources beside them)"
                )


def _check_language(course: Course) -> Iterator[Problem]:
    for obj in walk(course):
        if isinstance(obj, (GlossaryTerm, Source)):
            continue  # the glossary explains the terms to avoid; sources keep their titles
        for field, text in _texts(obj):
            for finding in find_stigmatizing(text, course.info.proper_names):
                yield _problem(
                    obj, field, f"stigmatizing term {finding.term!r}: say {finding.instead!r}"
                )


def _check_slides(module: Module) -> Iterator[Problem]:
    if not module.slides:
        yield _problem(module, "slides", "a module needs at least one slide")
    for slide in module.slides:
        if not slide.notes.strip():
            yield _problem(slide, "notes", "slide has empty speaker notes")
        if slide.layout == "two-column" and not slide.right_bullets:
            yield _problem(slide, "layout", "a two-column slide needs '||' and a right column")


def _check_questions(questions: Iterable[Question]) -> Iterator[Problem]:
    for question in questions:
        if not question.why.strip():
            yield _problem(question, "why", "say why the answer is right")


def validate_course(course: Course, root: Path, gaps: LoadGaps | None = None) -> list[Problem]:
    """Return every cross-file problem in a course that loaded field by field.

    ``gaps`` says what failed to load (see ``LoadGaps``); checks that would misreport because
    of it are narrowed or skipped, so each planted error is reported once, where it is.
    """
    gaps = gaps or LoadGaps()
    problems: list[Problem] = []
    problems.extend(_check_ids(course))
    if "sources" not in gaps.unreadable:
        problems.extend(_check_sources(course, gaps.unloaded_ids))
    if "modules" not in gaps.incomplete:
        problems.extend(_check_minutes(course))
    problems.extend(_check_references(course, gaps))
    problems.extend(_check_coverage(course, gaps.incomplete))
    problems.extend(_check_images(course, root))
    problems.extend(_check_language(course))
    problems.extend(_check_questions(course.questions))
    for module in course.modules:
        problems.extend(_check_slides(module))
    return problems
