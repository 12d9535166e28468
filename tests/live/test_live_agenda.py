"""The agenda: parts, planned minutes, activities and checks, from the course and the deck."""

from __future__ import annotations

import itertools

import pytest

from deflection_kit.decks import DeckOptions, DeckSpec, SlideSpec, deck_spec, prepare
from deflection_kit.live import build_agenda
from deflection_kit.live.agenda import natural_minutes


def _slide(role: str, key: str, module: str = "", minutes: float = 0.0) -> SlideSpec:
    return SlideSpec(role=role, title=key.title(), key=key, module=module, minutes=minutes)  # type: ignore[arg-type]


def test_every_slide_belongs_to_one_part_in_deck_order(full_agenda) -> None:
    covered = [i for seg in full_agenda.segments for i in range(seg.first, seg.last + 1)]
    assert covered == list(range(len(full_agenda)))
    assert [full_agenda.segment_of(i).index for i in covered] == list(full_agenda.slide_segment)


def test_full_course_parts_are_the_modules_with_their_minutes(bundled_course, full_agenda):
    assert [seg.key for seg in full_agenda.segments] == [m.id for m in bundled_course.modules]
    assert [seg.planned_minutes for seg in full_agenda.segments] == [
        m.minutes for m in bundled_course.modules
    ]
    assert full_agenda.total_minutes == bundled_course.info.minutes == 90
    # The title slide opens module 1; resources and the thank-you slide close the last one.
    assert full_agenda.segment_of(0).number == 1
    resources = full_agenda.index_of("resources")
    assert resources is not None
    assert full_agenda.segment_of(resources).key == bundled_course.modules[-1].id
    assert full_agenda.segment_of(len(full_agenda) - 1).key == bundled_course.modules[-1].id


def test_planned_starts_rise_and_end_at_the_total(full_agenda) -> None:
    starts = full_agenda.planned_start
    assert starts[0] == 0
    assert all(b >= a for a, b in itertools.pairwise(starts))
    assert full_agenda.planned_end(len(full_agenda) - 1) == pytest.approx(90)
    for seg in full_agenda.segments:
        assert starts[seg.first] == pytest.approx(
            sum(s.planned_minutes for s in full_agenda.segments[: seg.index])
        )


def test_an_activity_gets_its_own_minutes(full_agenda) -> None:
    slot = next(a for a in full_agenda.activities if a.kind == "discussion")
    length = full_agenda.planned_end(slot.slide) - full_agenda.planned_start[slot.slide]
    assert length == pytest.approx(slot.minutes)


def test_pre_and_post_checks_are_known_and_kept_whole(bundled_course, full_agenda) -> None:
    phases = {a.phase for a in full_agenda.activities if a.kind == "knowledge-check"}
    assert phases == {"pre", "during", "post"}
    for slot in full_agenda.activities:
        assert slot.shortenable == (slot.phase not in ("pre", "post"))
    pre = [c for c in full_agenda.checks if c.phase == "pre"]
    post = [c for c in full_agenda.checks if c.phase == "post"]
    assert [c.question for c in pre] == [c.question for c in post]
    assert len(pre) == 6


def test_check_slots_carry_the_question_and_its_answer(bundled_course, full_agenda) -> None:
    for slot in full_agenda.checks:
        question = bundled_course.question(slot.question)
        assert slot.choices == question.choices
        assert slot.choices[slot.answer] == question.answer
        assert full_agenda.slide(slot.slide).role == "knowledge-check"
        assert full_agenda.check_at(slot.slide) == slot
        assert full_agenda.check(slot.key) == slot
    assert full_agenda.check_at(0) is None
    with pytest.raises(KeyError):
        full_agenda.check("no-such-check")


def test_a_longer_session_stretches_every_module(bundled_course, full_deck) -> None:
    agenda = build_agenda(bundled_course, full_deck, minutes=120)
    assert sum(s.planned_minutes for s in agenda.segments) == pytest.approx(120)
    assert agenda.segments[3].planned_minutes == pytest.approx(30 * 120 / 90)


def test_slides_outside_modules_form_their_own_parts(bundled_course) -> None:
    deck = deck_spec(prepare(bundled_course, DeckOptions(recipe="community-leaders")))
    agenda = build_agenda(bundled_course, deck, minutes=60)
    titles = [seg.label() for seg in agenda.segments]
    assert "The pathways" in titles
    assert "Case studies" in titles
    assert sum(s.planned_minutes for s in agenda.segments) == pytest.approx(60)
    assert all(s.planned_minutes > 0 for s in agenda.segments)


def test_a_briefing_is_one_part_with_its_checks(bundled_course) -> None:
    deck = deck_spec(prepare(bundled_course, DeckOptions(recipe="roll-call")))
    agenda = build_agenda(bundled_course, deck, minutes=10)
    assert len(agenda.segments) == 1
    assert agenda.segments[0].number == 0
    assert [c.phase for c in agenda.checks] == ["during"]
    assert natural_minutes(bundled_course, deck) == pytest.approx(len(deck.slides))


def test_synthetic_deck_parts_and_plan(bundled_course) -> None:
    deck = DeckSpec(
        title="T",
        slides=(
            _slide("title", "title"),
            _slide("section", "module-welcome", "welcome", 5),
            _slide("bullets", "a", "welcome"),
            _slide("section", "extra"),
            _slide("bullets", "b"),
            _slide("discussion", "talk", "", 4),
            _slide("section", "more"),
            _slide("bullets", "c"),
            _slide("closing", "closing"),
        ),
    )
    agenda = build_agenda(bundled_course, deck, minutes=20)
    assert [(s.key, s.first, s.last) for s in agenda.segments] == [
        ("welcome", 0, 2),
        ("part-1", 3, 5),
        ("part-2", 6, 8),
    ]
    # Welcome keeps its 5 minutes; the rest share 15 by weight (1+1+4 and 1+1+1).
    assert [round(s.planned_minutes, 3) for s in agenda.segments] == [5, 10, 5]
    assert agenda.planned_end(5) - agenda.planned_start[5] == pytest.approx(4)


def test_an_empty_deck_cannot_be_presented(bundled_course) -> None:
    with pytest.raises(ValueError):
        build_agenda(bundled_course, DeckSpec(title="T", slides=()))
