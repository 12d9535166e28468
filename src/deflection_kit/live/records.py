"""Gather a session's delivery record from the database (or a live session) into a report."""

from __future__ import annotations

from deflection_kit.content import Course
from deflection_kit.decks import deck_spec, prepare
from deflection_kit.errors import DeflectionKitError
from deflection_kit.live.agenda import Agenda, build_agenda
from deflection_kit.live.deck_choice import options_from_dict
from deflection_kit.live.events import LiveEvent
from deflection_kit.live.report import DeliveryReport, build_report
from deflection_kit.live.session import LiveSession
from deflection_kit.storage import Store


def agenda_of(course: Course, state: dict[str, object]) -> Agenda:
    """Rebuild the agenda a saved live state was presented from."""
    deck = state.get("deck")
    options = options_from_dict(deck if isinstance(deck, dict) else {})
    minutes = state.get("minutes")
    spec = deck_spec(prepare(course, options))
    return build_agenda(course, spec, float(minutes) if isinstance(minutes, int | float) else None)


def load_report(store: Store, course: Course, session_ref: str) -> DeliveryReport:
    """Return the delivery report of a stored session (raise if it was never presented)."""
    session = store.sessions.resolve(session_ref)
    record = store.live.get(session.id)
    if record is None:
        raise DeflectionKitError(
            f"session {session.title!r} has not been presented with the kit yet: "
            "there is no delivery record to report"
        )
    agenda = agenda_of(course, dict(record.state))
    events = [LiveEvent.from_dict(e) for e in store.live.events(session.id)]
    return build_report(
        course,
        agenda,
        events,
        session=session,
        deck=dict(record.state.get("deck") or {}),
        attendance=store.attendance.records(session_id=session.id),
        feedback=store.feedback.list(session.id),
    )


def live_report(course: Course, live: LiveSession) -> DeliveryReport:
    """Return the report of a presentation held in memory (a rehearsal)."""
    return build_report(course, live.agenda, live.events, title=live.title, deck=live.deck_choice)
