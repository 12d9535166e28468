"""The live session state machine: moving, blanking, checks, timers, overlay, the record."""

from __future__ import annotations

import pytest

from deflection_kit.errors import DeflectionKitError
from deflection_kit.live import AudienceView, ChartView


def kinds(session) -> list[str]:
    return [event.kind for event in session.events]


def test_a_new_session_waits_on_the_first_slide(session) -> None:
    assert session.status == "ready"
    assert session.audience_view() == AudienceView(slide=0)
    assert session.elapsed() == 0
    assert session.events == []


def test_moving_starts_the_clock_and_records_each_slide(session, clock) -> None:
    clock.advance(minutes=10)  # the room fills up: not session time
    assert session.next()
    assert session.status == "running"
    assert session.current == 1
    clock.advance(30)
    session.next()
    clock.advance(20)
    session.previous()
    assert session.current == 1
    assert session.elapsed() == pytest.approx(50)
    assert kinds(session) == ["started", "slide", "slide", "slide", "slide"]
    assert [e.data["index"] for e in session.events[1:]] == [0, 1, 2, 1]
    assert [e.data["via"] for e in session.events[1:]] == ["start", "next", "next", "previous"]
    assert session.slide_seconds()[1] == pytest.approx(30)
    assert session.slide_seconds()[2] == pytest.approx(20)


def test_no_move_past_either_end(session, full_agenda) -> None:
    assert not session.previous()
    session.goto(len(full_agenda) - 1)
    assert not session.next()
    assert session.current == len(full_agenda) - 1


def test_a_jump_shows_no_slide_in_between(session, clock) -> None:
    session.start()
    before = len(session.events)
    session.goto(40)
    slides = [e for e in session.events[before:] if e.kind == "slide"]
    assert [e.data["index"] for e in slides] == [40]
    assert slides[0].data["via"] == "jump"
    assert session.audience_view().slide == 40
    with pytest.raises(DeflectionKitError, match="no slide 500"):
        session.goto(499)


def test_blank_toggles_and_an_advance_key_brings_the_slide_back(session) -> None:
    session.next()
    assert session.toggle_blank("black")
    assert session.audience_view() == AudienceView(slide=1, blank="black")
    assert session.toggle_blank("white")
    assert session.audience_view().blank == "white"
    assert session.toggle_blank("white")
    assert session.audience_view().blank == "none"
    session.toggle_blank("black")
    assert session.next()  # as in PowerPoint: unblank, stay on the slide
    assert session.audience_view() == AudienceView(slide=1)
    session.toggle_blank("black")
    session.goto(5)  # a jump keeps the screen dark: the next slide is set up unseen
    assert session.audience_view() == AudienceView(slide=5, blank="black")
    assert [e.data["mode"] for e in session.events if e.kind == "blank"] == [
        "black", "white", "none", "black", "none", "black",
    ]  # fmt: skip


def test_time_goes_to_the_part_being_shown(session, clock, full_agenda) -> None:
    session.start()
    clock.advance(minutes=4)
    second = full_agenda.segments[1].first
    session.goto(second)
    clock.advance(minutes=7)
    spent = session.segment_seconds()
    assert spent[0] == pytest.approx(240)
    assert spent[1] == pytest.approx(420)
    assert sum(spent) == pytest.approx(session.elapsed())
    assert session.remaining() == pytest.approx(90 * 60 - 660)


def test_a_check_stays_hidden_until_revealed(session, clock, full_agenda) -> None:
    slot = full_agenda.checks[0]
    session.goto(slot.slide)
    assert session.current_check() == slot
    counts = [1] * (len(slot.choices) - 1) + [3]
    session.set_counts(slot.key, counts)
    assert session.audience_view().chart is None  # counts typed in: the room sees nothing yet
    assert session.reveal()
    chart = session.audience_view().chart
    assert chart == ChartView(slot.key, slot.prompt, slot.choices, tuple(counts), slot.answer)
    # Counts changed while revealed show at once; moving on takes the chart down.
    counts[0] = 9
    session.set_counts(slot.key, counts)
    assert session.audience_view().chart.counts[0] == 9
    session.next()
    assert session.audience_view().chart is None
    assert session.check_results()[0].counts == tuple(counts)
    assert "check-revealed" in kinds(session)


def test_reveal_needs_a_question_on_screen(session) -> None:
    assert not session.reveal()
    assert not session.hide_chart()


def test_counts_are_checked(session, full_agenda) -> None:
    slot = full_agenda.checks[0]
    with pytest.raises(DeflectionKitError, match="choices"):
        session.set_counts(slot.key, [1])
    with pytest.raises(DeflectionKitError, match="between 0"):
        session.set_counts(slot.key, [-1] * len(slot.choices))
    with pytest.raises(DeflectionKitError, match="whole number"):
        session.set_counts(slot.key, [1.5] * len(slot.choices))
    assert session.results == {}


def test_countdown_start_pause_add(session, clock) -> None:
    session.start()
    session.start_countdown(120)
    clock.advance(30)
    assert session.countdown_left() == pytest.approx(90)
    session.toggle_countdown()
    clock.advance(100)
    assert session.countdown_left() == pytest.approx(90)
    session.add_to_countdown()
    assert session.countdown_left() == pytest.approx(150)
    session.toggle_countdown()
    clock.advance(200)
    assert session.countdown_left() == 0
    assert session.countdown.finished(clock())
    assert not session.toggle_countdown()
    actions = [e.data["action"] for e in session.events if e.kind == "countdown"]
    assert actions == ["start", "pause", "add", "resume"]


def test_the_audience_sees_the_countdown_only_when_told(session, clock) -> None:
    session.start_countdown(90)
    assert session.audience_view().timer is None
    session.show_timer(True)
    clock.advance(0.4)
    assert session.audience_view().timer == 90  # whole seconds, rounded up
    session.clear_countdown()
    assert session.audience_view().timer is None


def test_a_break_overlay_says_when_to_be_back(session, clock) -> None:
    import time

    session.next()
    text = session.start_break(15)
    back = time.localtime(clock() + 900)
    assert text == f"Break — back at {back.tm_hour}:{back.tm_min:02d}"
    view = session.audience_view()
    assert view.overlay == text
    assert view.timer == 900
    clock.advance(minutes=5)
    assert session.audience_view().timer == 600
    session.clear_overlay()
    assert session.audience_view().overlay == ""
    with pytest.raises(DeflectionKitError):
        session.show_overlay("   ")
    with pytest.raises(DeflectionKitError):
        session.show_overlay("x" * 201)


def test_ending_stops_the_clock_and_darkens_the_screen(session, clock) -> None:
    session.next()
    clock.advance(minutes=3)
    assert session.end()
    clock.advance(minutes=10)
    assert session.elapsed() == pytest.approx(180)
    assert session.audience_view() == AudienceView(slide=1, blank="black", ended=True)
    assert not session.next()
    assert not session.toggle_blank("white")
    assert session.events[-1].kind == "ended"
    assert not session.end()


def test_restart_clock_after_a_rehearsal_run(session, clock) -> None:
    session.next()
    clock.advance(minutes=5)
    session.restart_clock()
    clock.advance(10)
    assert session.elapsed() == pytest.approx(10)
    assert sum(session.segment_seconds()) == pytest.approx(10)


def test_the_record_is_append_only_and_numbered(session, clock) -> None:
    session.next()
    session.toggle_blank("black")
    session.toggle_blank("black")
    session.show_overlay("Hello")
    session.end()
    seqs = [e.seq for e in session.events]
    assert seqs == list(range(1, len(seqs) + 1))
    assert all(e.to_dict()["kind"] == e.kind for e in session.events)
    revision = session.revision
    assert revision == len(session.events)
