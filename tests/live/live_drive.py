"""Drive a live session through a course on a fake clock (shared by the live tests)."""

from __future__ import annotations


def teach(session, clock, agenda, skip: str = "", extra: float = 0.0) -> None:
    """Present every part for its planned minutes (plus ``extra``), skipping part ``skip``."""
    session.start()
    for segment in agenda.segments:
        if segment.key == skip:
            continue
        per_slide = segment.planned_minutes * 60 / (segment.last - segment.first + 1)
        for index in range(segment.first, segment.last + 1):
            session.goto(index) if index != session.current else None
            clock.advance(per_slide + extra)


def answer(session, agenda, phase: str, right: int, wrong: int) -> None:
    for slot in agenda.checks:
        if slot.phase == phase:
            counts = [0] * len(slot.choices)
            counts[slot.answer] = right
            counts[(slot.answer + 1) % len(slot.choices)] = wrong
            session.set_counts(slot.key, counts)
