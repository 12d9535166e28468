"""Decks from the real, bundled course: every recipe, every pathway, read back."""

from __future__ import annotations

import pytest
from deck_readers import alt_text, notes_text, open_pptx, pictures, slide_title

from deflection_kit.decks import DeckOptions, build_deck, list_recipes
from deflection_kit.decks.spec import CONTENT_ROLES


@pytest.mark.parametrize("recipe", [info.name for info in list_recipes()])
def test_every_recipe_builds_from_the_bundled_course(real_course, tmp_path, recipe) -> None:
    path, deck = build_deck(real_course, DeckOptions(recipe=recipe), tmp_path / "deck.pptx")
    prs = open_pptx(path)
    assert [slide_title(slide) for slide in prs.slides] == deck.titles()
    cited = {
        slide.id for module in real_course.modules for slide in module.slides if slide.all_sources()
    }
    for spec, slide in zip(deck.slides, prs.slides, strict=True):
        notes = notes_text(slide)
        assert notes.strip(), spec.title
        if spec.role in CONTENT_ROLES:
            assert len(notes) > 30, spec.title
        if not spec.continued and (spec.key in cited or spec.role == "knowledge-check"):
            assert "Sources: " in notes, spec.title
        for picture in pictures(slide):
            assert alt_text(picture).strip(), spec.title


def test_full_course_follows_the_modules_and_presents_every_pathway(real_course, tmp_path) -> None:
    _path, deck = build_deck(real_course, DeckOptions(), tmp_path / "deck.pptx")
    titles = deck.titles()
    sections = [s.title for s in deck.slides if s.role == "section" and s.key.startswith("module-")]
    assert sections == [module.title for module in real_course.modules]
    expanding = next(m for m in real_course.modules if m.expands == "pathways")
    start = titles.index(expanding.title)
    for pathway in real_course.pathways:
        assert titles.index(pathway.name, start) > start
        assert f"Discuss: {pathway.short_name}" in titles
    assert sum(s.minutes for s in deck.slides if s.role == "section") == real_course.info.minutes


def test_full_course_opens_once_with_the_welcome_notes_on_the_title_slide(
    real_course, tmp_path
) -> None:
    opener = real_course.modules[0].slides[0]
    assert opener.layout == "section"  # the course's own opening slide, in module 1
    path, deck = build_deck(real_course, DeckOptions(), tmp_path / "deck.pptx")
    assert opener.title not in deck.titles()  # not again after the title and module 1's divider
    first = open_pptx(path).slides[0]
    assert slide_title(first) == real_course.info.title
    assert opener.notes.split("\n")[0] in notes_text(first)


@pytest.mark.parametrize("audience", ["law-enforcement", "ems", "community-leaders"])
def test_one_pathway_for_one_audience(real_course, tmp_path, audience) -> None:
    chosen = real_course.pathways[0]
    others = [p for p in real_course.pathways if p.id != chosen.id]
    options = DeckOptions(pathways=(chosen.id,), audience=audience)
    _path, deck = build_deck(real_course, options, tmp_path / "deck.pptx")
    assert any(title == chosen.name for title in deck.titles())
    for other in others:
        assert other.name not in deck.titles()


def test_community_leaders_deck_leaves_out_the_welcome_and_wrap_up(real_course, tmp_path) -> None:
    # Modules that cover every objective (welcome, closing) are about the whole course, not
    # about context or planning; they must not land in the middle of a leaders' deck.
    _path, deck = build_deck(
        real_course, DeckOptions(recipe="community-leaders"), tmp_path / "leaders.pptx"
    )
    titles = [slide.title for slide in deck.slides]
    for module_id in ("welcome", "closing"):
        assert real_course.module(module_id).title not in titles
    assert real_course.module("starting-or-enhancing").title in titles
    assert real_course.module("evaluation").title in titles


def test_short_decks_do_not_claim_the_full_course_length(real_course, tmp_path) -> None:
    for recipe in ("roll-call", "pathway-briefing", "community-leaders"):
        _path, deck = build_deck(
            real_course, DeckOptions(recipe=recipe), tmp_path / f"{recipe}.pptx"
        )
        notes = deck.slides[0].notes
        assert "not the full course" in notes
        assert "contact hours for those who attend it all" not in notes
