"""The timing plan: whole minutes that add up to the session, for every recipe and length."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from deflection_kit.decks.recipes import list_recipes
from deflection_kit.errors import UsageError
from deflection_kit.materials import MaterialsOptions, parse_start, prepare_materials

RECIPES = [info.name for info in list_recipes()]


@pytest.fixture(scope="module")
def decks(bundled_course):
    """Return each recipe's prepared materials (no session), built once."""
    return {
        name: prepare_materials(bundled_course, MaterialsOptions(recipe=name)) for name in RECIPES
    }


def test_the_full_course_keeps_every_module_s_minutes(decks, bundled_course) -> None:
    plan = decks["full-course"].plan
    assert plan.total == bundled_course.info.minutes == 90
    modules = [part for part in plan.parts if part.module is not None]
    assert [(p.module.id, p.minutes) for p in modules] == [
        (m.id, m.minutes) for m in bundled_course.modules
    ]
    assert len(modules) == len(plan.parts)  # title and closing slides join a module
    assert plan.clock(0) == "09:00" and plan.span(plan.parts[-1]) == "10:25–10:30"


@pytest.mark.parametrize("recipe", RECIPES)
def test_every_slide_belongs_to_exactly_one_part_in_order(decks, recipe: str) -> None:
    prepared = decks[recipe]
    indices = [i for part in prepared.plan.parts for i in part.slides]
    assert indices == list(range(len(prepared.deck.slides)))
    starts = [part.start for part in prepared.plan.parts]
    assert starts == sorted(starts) and starts[0] == 0


@pytest.mark.parametrize("recipe", RECIPES)
def test_a_recipe_without_a_session_plans_its_own_length(decks, recipe: str) -> None:
    plan = decks[recipe].plan
    assert sum(part.minutes for part in plan.parts) == plan.total
    assert plan.total % 5 == 0 and plan.total >= plan.natural
    if recipe == "roll-call":
        assert plan.total <= 15  # a roll-call briefing stays short


@settings(max_examples=60, deadline=None)
@given(recipe=st.sampled_from(RECIPES), minutes=st.integers(min_value=1, max_value=600))
def test_the_parts_add_up_to_any_session_length(decks, recipe: str, minutes: int) -> None:
    from deflection_kit.materials.agenda import plan_session

    prepared = decks[recipe]
    try:
        plan = plan_session(prepared.course, prepared.deck, dt.time(8, 15), minutes)
    except UsageError as error:
        # Too short to give every module a minute: the message names a length that works.
        shortest = int(re.search(r"give (\d+) minutes or more", str(error)).group(1))
        assert shortest > minutes
        assert plan_session(prepared.course, prepared.deck, dt.time(8, 15), shortest).parts
        with pytest.raises(UsageError):
            plan_session(prepared.course, prepared.deck, dt.time(8, 15), shortest - 1)
        return
    assert sum(part.minutes for part in plan.parts) == minutes == plan.total
    assert all(part.minutes >= 1 for part in plan.parts if part.module is not None)
    assert all(part.minutes >= 0 for part in plan.parts)
    assert plan.parts[-1].end == minutes
    for index, start in enumerate(plan.slide_start):
        assert -1e-6 <= start <= minutes + 1e-6, index
    ends = [s + m for s, m in zip(plan.slide_start, plan.slide_span, strict=True)]
    assert max(ends) <= minutes + 1e-6


def test_activities_keep_their_minutes_when_they_fit(decks, bundled_course) -> None:
    prepared = decks["full-course"]
    plan = prepared.plan
    for index, slide in enumerate(prepared.deck.slides):
        if slide.role in ("discussion", "case-study", "knowledge-check") and slide.minutes:
            assert plan.slide_minutes[index] == pytest.approx(slide.minutes), slide.key
    pathways = next(p for p in plan.parts if p.module and p.module.id == "pathways")
    intro = [i for i in pathways.slides if plan.slide_owner[i] < 0 and plan.slide_span[i] > 0]
    assert intro  # the module's own introduction gets time before the pathways


def test_start_times_are_checked() -> None:
    assert parse_start("13:30") == dt.time(13, 30)
    with pytest.raises(UsageError, match="HH:MM"):
        parse_start("1:30pm")


def test_the_session_s_start_and_length_drive_the_clock(bundled_course, session) -> None:
    prepared = prepare_materials(bundled_course, MaterialsOptions(session=session))
    assert prepared.plan.clock(0) == "13:30" and prepared.plan.total == session.minutes
    assert [p.id for p in prepared.pathways] == list(session.pathways)
    assert prepared.audience is not None and prepared.audience.id == "ems"
    longer = prepare_materials(bundled_course, MaterialsOptions(session=session, minutes=120))
    assert longer.plan.total == 120
    assert sum(p.minutes for p in longer.plan.parts) == 120


def test_a_length_too_short_for_the_modules_is_refused(run_cli, tmp_path) -> None:
    result = run_cli("materials", "guide", "--out", str(tmp_path / "out"), "--minutes", "5")
    assert result.code == 2
    assert result.err.startswith("deflection-kit: 5 minutes is too short for this deck")
    assert re.search(r"\(give \d+ minutes or more, or choose a shorter recipe\)$", result.err)
    assert not (tmp_path / "out").exists()
