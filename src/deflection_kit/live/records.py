"""Rebuild a saved presentation's agenda, and report a presentation held in memory."""

from __future__ import annotations

from deflection_kit.content import Course
from deflection_kit.decks import deck_spec, prepare
from deflection_kit.live.agenda import Agenda, build_agenda
from deflection_kit.live.deck_choice import options_from_dict
from deflection_kit.live.report import DeliveryReport, build_report
from deflection_kit.live.session import LiveSession


def agenda_of(course: Course, state: dict[str, object]) -> Agenda:
    """Rebuild the agenda a saved live state was presented from."""
    deck = state.get("deck")
    options = options_from_dict(deck if isinstance(deck, dict) else {})
    minutes = state.get("minutes")
    spec = deck_spec(prepare(course, options))
    return build_agenda(course, spec, float(minutes) if isinstance(minutes, int | float) else None)


def live_report(course: Course, live: LiveSession) -> DeliveryReport:
    """Return the report of a presentation held in memory (a rehearsal)."""
    return build_report(course, live.agenda, live.events, title=live.title, deck=live.deck_choice)
