"""The state as plain data: saved as it changes, restored after a crash at the same slide."""

from __future__ import annotations

import json

import pytest

from deflection_kit.decks import DeckOptions, deck_spec, prepare
from deflection_kit.live import (
    LiveEvent,
    LiveSession,
    build_agenda,
    options_from_dict,
    options_to_dict,
)


def _drive(session, clock, full_agenda) -> None:
    session.next()
    clock.advance(minutes=3)
    slot = full_agenda.checks[0]
    session.goto(slot.slide)
    session.set_counts(slot.key, [2] * len(slot.choices))
    session.reveal()
    clock.advance(45)
    session.start_countdown(300)
    session.show_timer(True)
    clock.advance(20)
    session.show_overlay("Back in five")
    session.toggle_blank("white")


def test_a_restored_session_shows_the_same_and_counts_on(session, clock, full_agenda) -> None:
    _drive(session, clock, full_agenda)
    state = json.loads(json.dumps(session.to_dict()))  # plain data: survives JSON
    events = [LiveEvent.from_dict(json.loads(json.dumps(e.to_dict()))) for e in session.events]
    view = session.audience_view()
    clock.advance(4)  # the app died; restarted four seconds later
    restored = LiveSession.restore(full_agenda, state, events, clock=clock)
    assert restored.audience_view() == view
    assert restored.elapsed() == pytest.approx(session.elapsed() - 4)
    assert restored.segment_seconds() == pytest.approx(
        tuple(s - (4 if i == 0 else 0) for i, s in enumerate(session.segment_seconds()))
    )
    assert restored.countdown_left() == pytest.approx(280)
    assert restored.results == session.results
    assert restored.session_id == "s-1"
    resumed = restored.events[-1]
    assert restored.stored_events == len(events)  # only "resumed" is new to the record
    assert resumed.kind == "resumed"
    assert resumed.data["gap"] == pytest.approx(4)
    assert resumed.seq == session.events[-1].seq + 1
    clock.advance(10)
    assert restored.countdown_left() == pytest.approx(270)
    restored.next()  # the first key brings the white screen back, the second moves on
    assert restored.audience_view().blank == "none"
    restored.next()
    assert restored.audience_view().slide == session.current + 1
    assert restored.audience_view().chart is None


def test_an_ended_session_restores_as_ended(session, clock, full_agenda) -> None:
    session.next()
    clock.advance(60)
    session.end()
    restored = LiveSession.restore(full_agenda, session.to_dict(), session.events, clock=clock)
    assert restored.ended
    assert restored.elapsed() == pytest.approx(60)
    assert restored.events[-1].kind == "ended"


def test_restore_finds_the_slide_by_key_in_a_changed_deck(bundled_course, clock) -> None:
    all_pathways = deck_spec(prepare(bundled_course, DeckOptions()))
    agenda = build_agenda(bundled_course, all_pathways)
    session = LiveSession(agenda, clock=clock)
    target = agenda.index_of("naloxone-plus-examples")
    session.goto(target)
    clock.advance(30)
    state = session.to_dict()
    fewer = deck_spec(prepare(bundled_course, DeckOptions(pathways=("naloxone-plus",))))
    other = build_agenda(bundled_course, fewer)
    restored = LiveSession.restore(other, state, clock=clock)
    assert other.slide(restored.current).key == "naloxone-plus-examples"
    assert restored.slide_seconds()[restored.current] == pytest.approx(30)


def test_damaged_state_falls_back_safely(full_agenda, clock) -> None:
    state = {
        "status": "paused?",
        "slide": 9999,
        "slide_key": "gone",
        "blank": "purple",
        "results": {"pre-check-q-warm-handoff": ["x"], "nope": [1]},
        "revealed": "nope",
    }
    restored = LiveSession.restore(full_agenda, state, clock=clock)
    assert restored.current == 0
    assert restored.blank == "none"
    assert restored.status == "ready"
    assert restored.results == {}
    assert restored.audience_view().chart is None


def test_deck_options_round_trip(tmp_path) -> None:
    options = DeckOptions(
        recipe="roll-call", pathways=("self-referral",), audience="police", theme="high-contrast",
        agency="Town PD", logo=tmp_path / "logo.png", accent="123456",
    )  # fmt: skip
    assert options_from_dict(json.loads(json.dumps(options_to_dict(options)))) == options
    assert options_from_dict({}) == DeckOptions()
    assert options_from_dict(options_to_dict(DeckOptions())).pathways is None
