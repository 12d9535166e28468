"""Search snippets read as text: they start and end between words."""

from __future__ import annotations

from deflection_kit.content import Course
from deflection_kit.content.search import search

PUNCTUATION = ".,;:?!\"'()…"


def test_snippets_cut_between_words(bundled_course: Course) -> None:
    slides = [slide for module in bundled_course.modules for slide in module.slides]
    texts = [slide.notes for slide in slides]
    texts += [bullet.text for slide in slides for bullet in (*slide.bullets, *slide.right_bullets)]
    texts += [term.definition for term in bundled_course.glossary]
    known = {word.strip(PUNCTUATION) for text in texts for word in text.split()}
    hits = [hit for hit in search(bundled_course, "warm handoff") if hit.kind in ("slide", "term")]
    assert len(hits) > 5
    for hit in hits:
        words = hit.snippet.split()
        for word in (words[0], words[-1]):
            assert word.strip(PUNCTUATION) in known, (hit.title, hit.snippet)
