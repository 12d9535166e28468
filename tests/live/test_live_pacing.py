"""Ahead/behind against the plan, and concrete advice on what to shorten."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from deflection_kit.live.pacing import suggest_cuts


def test_not_started_then_on_time(session, clock, full_agenda) -> None:
    assert session.pacing().status == "not-started"
    assert session.pacing().label == "Not started"
    session.start()
    clock.advance(20)
    assert session.pacing().status == "on-time"


def test_lingering_on_a_slide_falls_behind_with_advice(session, clock, full_agenda) -> None:
    pathways = next(s for s in full_agenda.segments if s.key == "pathways")
    session.start()
    clock.advance(minutes=full_agenda.planned_start[pathways.first] + 6)
    session.goto(pathways.first)
    pace = session.pacing()
    assert pace.status == "behind"
    assert pace.delta == pytest.approx(360)
    assert pace.label == "Behind 6 min"
    saved = sum(cut.saves for cut in pace.cuts)
    assert saved >= 6
    assert all(cut.activity.slide > session.current for cut in pace.cuts)
    assert all(cut.activity.phase not in ("pre", "post") for cut in pace.cuts)
    first = pace.cuts[0]
    assert f"“{first.activity.title}”" in pace.advice
    assert pace.advice.startswith(("Shorten", "Skip"))


def test_ahead_of_plan_suggests_using_the_time(session, clock, full_agenda) -> None:
    session.start()
    clock.advance(minutes=1)
    session.goto(full_agenda.segments[2].first)  # planned at 17 minutes
    pace = session.pacing()
    assert pace.status == "ahead"
    assert pace.label == "Ahead 16 min"
    assert "Time in hand" in pace.advice


def test_time_on_the_current_slide_counts_up_to_its_plan(session, clock, full_agenda) -> None:
    slot = next(a for a in full_agenda.activities if a.kind == "discussion")
    session.start()
    clock.advance(minutes=full_agenda.planned_start[slot.slide])
    session.goto(slot.slide)
    clock.advance(minutes=slot.minutes)  # a discussion that takes its planned time is on time
    assert session.pacing().status == "on-time"
    clock.advance(minutes=2)
    assert session.pacing().delta == pytest.approx(120)


def test_nothing_left_to_shorten(session, clock, full_agenda) -> None:
    session.start()
    clock.advance(minutes=95)
    session.goto(len(full_agenda) - 1)
    pace = session.pacing()
    assert pace.status == "behind"
    assert pace.cuts == ()
    assert "No activities left" in pace.advice
    assert pace.remaining == pytest.approx(-300)


@settings(max_examples=60, deadline=None)
@given(after=st.integers(0, 111), behind=st.floats(0.5, 60))
def test_cuts_save_enough_whenever_the_activities_can(full_agenda, after, behind) -> None:
    cuts = suggest_cuts(full_agenda, after, behind)
    available = sum(a.minutes for a in full_agenda.activities if a.slide > after and a.shortenable)
    saved = sum(cut.saves for cut in cuts)
    if available >= behind:
        assert saved >= behind - 1e-9
    else:
        assert saved == pytest.approx(available)
    assert len({cut.activity.slide for cut in cuts}) == len(cuts)
    assert all(0 <= cut.to_minutes < cut.activity.minutes for cut in cuts)
