"""Lay the pathways side by side: one row per aspect, one column per pathway."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from deflection_kit.content.model import Course, Pathway

CHARGES = {
    "none": "No charges",
    "likely-none": "Usually no charges (not confirmed in the sources)",
    "possible": "Charges possible",
    "held-in-abeyance": "Charges held in abeyance",
}
STATUS = {
    "original": "One of the original five",
    "renamed": "One of the original five, renamed",
    "added-later": "Added later (sixth pathway)",
}


@dataclass(frozen=True)
class ComparisonRow:
    """An aspect of the pathways and its text for each pathway."""

    label: str
    cells: tuple[str, ...]


def _examples(pathway: Pathway) -> str:
    return "\n".join(
        f"{example.name}, {example.place} ({example.start_year})" for example in pathway.examples
    )


def _status(pathway: Pathway) -> str:
    note = f": {pathway.status_note}" if pathway.status_note else ""
    return STATUS[pathway.status] + note


ASPECTS: tuple[tuple[str, Callable[[Pathway], str]], ...] = (
    ("Also known as", lambda p: "; ".join(p.also_known_as) or "—"),
    ("Status", _status),
    ("What it is", lambda p: p.definition),
    ("Who starts the contact", lambda p: p.initiated_by),
    ("Charges", lambda p: f"{CHARGES[p.charges]}. {p.charges_note}".strip()),
    ("Typical partners", lambda p: ", ".join(p.partners)),
    ("The warm handoff", lambda p: p.warm_handoff),
    ("Example programs", _examples),
    ("What the evidence says", lambda p: "\n".join(e.finding for e in p.evidence)),
    ("Caveats", lambda p: "\n".join(e.caveat for e in p.evidence)),
    ("Discussion", lambda p: "\n".join(p.discussion_questions)),
)


def comparison(course: Course, pathway_ids: tuple[str, ...] | None = None) -> list[ComparisonRow]:
    """Return the side-by-side rows for the chosen pathways (all by default), in course order."""
    chosen = [p for p in course.pathways if pathway_ids is None or p.id in pathway_ids]
    return [
        ComparisonRow(label, tuple(describe(pathway) for pathway in chosen))
        for label, describe in ASPECTS
    ]
