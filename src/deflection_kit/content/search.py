"""Search across the whole course: modules, slides, activities, pathways, resources, glossary."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from deflection_kit.content.model import Course

HitKind = Literal[
    "module", "slide", "activity", "pathway", "example", "question", "resource", "term"
]
SNIPPET_CHARS = 90


@dataclass(frozen=True)
class Hit:
    """One search result: what it is, how to find it again, and where the words matched."""

    kind: HitKind
    key: str  # module id, slide id, pathway id, question id, resource id or glossary term
    title: str
    snippet: str
    score: int


@dataclass(frozen=True)
class _Entry:
    kind: HitKind
    key: str
    title: str
    text: str


def fold(text: str) -> str:
    """Return text lower-cased and without accents, for matching."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def _entries(course: Course) -> Iterator[_Entry]:
    for module in course.modules:
        yield _Entry("module", module.id, f"{module.number}. {module.title}", module.summary)
        for slide in module.slides:
            bullets = " ".join(b.text for b in (*slide.bullets, *slide.right_bullets))
            yield _Entry("slide", slide.id, slide.title, f"{bullets} {slide.notes}")
        for activity in module.activities:
            text = " ".join((activity.instructions, *activity.prompts, *activity.points))
            yield _Entry("activity", activity.id, activity.title, text)
    for pathway in course.pathways:
        text = " ".join(
            (
                *pathway.also_known_as,
                pathway.definition,
                pathway.initiated_by,
                pathway.charges_note,
                pathway.warm_handoff,
                *pathway.partners,
                *pathway.discussion_questions,
                *pathway.audience_notes.values(),
            )
        )
        yield _Entry("pathway", pathway.id, pathway.name, text)
        for example in pathway.examples:
            yield _Entry(
                "example",
                pathway.id,
                f"{example.name} ({example.place}, {example.start_year})",
                example.summary,
            )
    for question in course.questions:
        text = " ".join((*question.choices, question.why))
        yield _Entry("question", question.id, question.prompt, text)
    for resource in course.resources:
        text = f"{resource.organization} {resource.offers} {resource.url}"
        yield _Entry("resource", resource.id, resource.name, text)
    for term in course.glossary:
        yield _Entry("term", term.term, term.term, term.definition)


def _snippet(text: str, words: list[str]) -> str:
    folded = fold(text)
    positions = [folded.find(word) for word in words if folded.find(word) >= 0]
    first = min(positions) if positions else 0
    start = max(0, first - SNIPPET_CHARS // 3)
    end = min(len(text), start + SNIPPET_CHARS)
    # Cut between words, not inside one ("…earest emergency" reads as a typo).
    if start > 0 and not text[start - 1].isspace():
        space = text.find(" ", start, first)
        start = space + 1 if space >= 0 else start
    if end < len(text) and not text[end].isspace():
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return prefix + " ".join(text[start:end].split()) + suffix


def search(course: Course, query: str, limit: int = 200) -> list[Hit]:
    """Return the entries that contain every word of ``query``, best matches first."""
    words = [word for word in re.split(r"\s+", fold(query)) if word]
    if not words:
        return []
    hits: list[Hit] = []
    for entry in _entries(course):
        title = fold(entry.title)
        body = fold(entry.text)
        if not all(word in title or word in body for word in words):
            continue
        score = sum(3 if word in title else 1 for word in words)
        if title.startswith(words[0]):
            score += 2
        hits.append(Hit(entry.kind, entry.key, entry.title, _snippet(entry.text, words), score))
    hits.sort(key=lambda hit: -hit.score)
    return hits[:limit]
