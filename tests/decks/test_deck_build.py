"""Build decks from the fixture course and read them back as PowerPoint would."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from deck_readers import all_text, alt_text, notes_text, open_pptx, pictures, slide_title
from PIL import Image
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from deflection_kit.decks import DeckOptions, build_deck, deck_spec, prepare
from deflection_kit.decks.spec import CONTENT_ROLES
from deflection_kit.errors import DeflectionKitError

BODY_TYPES = (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT, PP_PLACEHOLDER.SUBTITLE)
TITLE_TYPES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)


@pytest.fixture(scope="module")
def logo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("logo") / "logo.png"
    Image.new("RGB", (300, 120), (200, 30, 30)).save(path)
    return path


@pytest.fixture(scope="module")
def full_deck(fixture_course, logo, tmp_path_factory):
    """A full-course deck with two pathways, an audience, an agency, a logo and local resources."""
    folder = tmp_path_factory.mktemp("deck")
    resources = folder / "local.csv"
    resources.write_text(
        "name,service,phone,address,hours\n"
        "Harbor Recovery Center,Detox and outpatient treatment,555-0100,1 Main St,24/7\n"
        "Peer Line,Peer recovery coaching,555-0101,,Mon-Fri 9-5\n",
        encoding="utf-8",
    )
    options = DeckOptions(
        pathways=("naloxone-plus", "self-referral"),
        audience="ems",
        agency="Springfield Fire Department",
        logo=logo,
        logo_alt="Springfield Fire Department badge",
        resources=resources,
    )
    path, deck = build_deck(fixture_course, options, folder / "deck.pptx")
    return path, deck


def test_titles_come_back_in_order(full_deck) -> None:
    path, deck = full_deck
    prs = open_pptx(path)
    assert [slide_title(slide) for slide in prs.slides] == deck.titles()
    titles = deck.titles()
    # modules in order, the chosen pathways after module 4's own slide, before its activities
    assert titles.index("The pathways") < titles.index("The pathways at a glance")
    assert titles.index("The pathways at a glance") < titles.index("Self-Referral")
    assert titles.index("Self-Referral") < titles.index("Naloxone Plus")  # course order
    # only the self-referral question of the pathway check is left, after the pathways
    assert titles.index("Discuss: Naloxone Plus") < titles.index("Pathway check")
    assert titles[0].startswith("First Responder Deflection")
    assert titles[-1] == "Thank you"
    assert "Local resources" in titles and "Resources" in titles


def test_every_content_slide_has_notes(full_deck) -> None:
    path, deck = full_deck
    prs = open_pptx(path)
    for spec, slide in zip(deck.slides, prs.slides, strict=True):
        assert notes_text(slide).strip(), spec.title
        if spec.role in CONTENT_ROLES:
            assert len(notes_text(slide)) > 20, spec.title


def test_notes_cite_sources_in_short_form(full_deck) -> None:
    path, _deck = full_deck
    prs = open_pptx(path)
    by_title = {slide_title(slide): notes_text(slide) for slide in prs.slides}
    assert (
        "Sources: NCHS, Drug Overdose Deaths in the United States, 2002–2022, 2024."
        in (by_title["Overdose deaths in the United States"])
    )
    assert "Sources:" in by_title["Naloxone Plus: what the evidence says"]


def test_knowledge_checks_put_the_answer_in_the_notes(full_deck) -> None:
    path, _deck = full_deck
    prs = open_pptx(path)
    for slide in prs.slides:
        if slide_title(slide) == "Pre-check: question 1 of 2":
            body = "\n".join(s.text_frame.text for s in slide.placeholders if s.has_text_frame)
            assert "B. 2022" in body
            assert "Answer: B. 2022" in notes_text(slide)
            assert "Answer" not in body
            assert "Why:" in notes_text(slide)
            break
    else:
        pytest.fail("no pre-check slide")


def test_every_picture_has_alt_text(full_deck) -> None:
    path, _deck = full_deck
    prs = open_pptx(path)
    found = [(slide_title(slide), shape) for slide in prs.slides for shape in pictures(slide)]
    assert found, "the deck should have the chart and the logo"
    for title, shape in found:
        assert alt_text(shape).strip(), title
    alts = {alt_text(shape) for _title, shape in found}
    assert "Springfield Fire Department badge" in alts
    assert any("overdose deaths" in alt.lower() for alt in alts)
    logos = [title for title, shape in found if alt_text(shape).endswith("badge")]
    assert len(logos) == 2  # title and closing slides


def test_only_chosen_pathways_appear(full_deck) -> None:
    path, deck = full_deck
    text = all_text(open_pptx(path))
    assert deck.pathways == ("self-referral", "naloxone-plus")
    for name in ("Self-Referral", "Naloxone Plus", "Colerain Township"):
        assert name in text
    for name in ("Active Outreach", "Officer Intervention", "LEAD", "Arlington"):
        assert name not in text, name
    # the case study tied to an unchosen pathway is left out; the one for EMS leads
    titles = deck.titles()
    assert "A call at a convenience store" not in titles
    assert titles.index("The day after an overdose") < titles.index("A council asks for numbers")


def test_audience_notes_lead_for_the_chosen_audience(full_deck) -> None:
    path, _deck = full_deck
    prs = open_pptx(path)
    notes = {slide_title(slide): notes_text(slide) for slide in prs.slides}
    assert "For emergency medical services: Paramedics who ran" in notes["Naloxone Plus"]
    assert "Plain clothes" not in notes["Naloxone Plus"]  # the police note is for police decks


def test_font_sizes_are_readable_at_projector_distance(full_deck) -> None:
    path, _deck = full_deck
    prs = open_pptx(path)
    for slide in prs.slides:
        for shape in slide.placeholders:
            kind = shape.placeholder_format.type
            sizes = [run.font.size.pt for p in shape.text_frame.paragraphs for run in p.runs]
            assert all(size is not None for size in sizes)
            if kind in TITLE_TYPES:
                assert min(sizes) >= 32, slide_title(slide)
            elif kind in BODY_TYPES:
                assert min(sizes) >= 20, slide_title(slide)


def test_footer_and_slide_numbers_on_every_slide(full_deck) -> None:
    path, _deck = full_deck
    prs = open_pptx(path)
    for number, slide in enumerate(prs.slides, start=1):
        kinds = {shape.placeholder_format.type: shape for shape in slide.placeholders}
        assert kinds[PP_PLACEHOLDER.FOOTER].text_frame.text == "Springfield Fire Department"
        number_shape = kinds[PP_PLACEHOLDER.SLIDE_NUMBER]
        fields = number_shape._element.xpath(".//a:fld[@type='slidenum']")
        assert fields and fields[0].xpath("string(.)") == str(number)


def test_deck_is_16_by_9_with_local_resources(full_deck) -> None:
    path, _deck = full_deck
    prs = open_pptx(path)
    assert prs.slide_width * 9 == prs.slide_height * 16
    local = [s for s in prs.slides if slide_title(s).startswith("Local resources")]
    text = "\n".join(shape.text_frame.text for s in local for shape in s.placeholders)
    assert "Harbor Recovery Center" in text
    assert "Detox and outpatient treatment · 555-0100" in text
    assert "Peer Line" in text and "Mon-Fri 9-5" in text


def test_file_is_owner_only_and_nothing_else_is_left(full_deck) -> None:
    path, _deck = full_deck
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert sorted(p.name for p in path.parent.iterdir()) == ["deck.pptx", "local.csv"]


def test_same_inputs_give_the_same_bytes(fixture_course, tmp_path: Path) -> None:
    options = DeckOptions(pathways=("active-outreach",), agency="Town", accent="224466")
    first, _ = build_deck(fixture_course, options, tmp_path / "a.pptx")
    second, _ = build_deck(fixture_course, options, tmp_path / "b.pptx")
    assert first.read_bytes() == second.read_bytes()
    prs = open_pptx(first)
    assert prs.core_properties.modified.year == 2024
    assert prs.core_properties.author == "Town"


def test_accent_colour_goes_into_the_theme(fixture_course, tmp_path: Path) -> None:
    path, _ = build_deck(fixture_course, DeckOptions(accent="#224466"), tmp_path / "a.pptx")
    prs = open_pptx(path)
    theme = prs.slide_master.part.part_related_by(RT.THEME).blob
    assert b'<a:accent1><a:srgbClr val="224466"/>' in theme


def test_no_pathways_gives_a_deck_without_pathway_slides(fixture_course) -> None:
    deck = deck_spec(prepare(fixture_course, DeckOptions(pathways=())))
    assert deck.pathways == ()
    assert not any(title.startswith("Discuss:") for title in deck.titles())
    assert not any(t.startswith("Pathway check") for t in deck.titles())  # pathway questions only


@pytest.mark.parametrize(
    "recipe", ["full-course", "pathway-briefing", "roll-call", "community-leaders"]
)
@pytest.mark.parametrize("theme", ["default", "high-contrast"])
def test_every_recipe_builds_in_every_theme(fixture_course, tmp_path, recipe, theme) -> None:
    options = DeckOptions(recipe=recipe, theme=theme, pathways=("officer-intervention",))
    path, deck = build_deck(fixture_course, options, tmp_path / "deck.pptx")
    prs = open_pptx(path)
    assert len(prs.slides) == len(deck.slides) >= 5
    assert [slide_title(s) for s in prs.slides] == deck.titles()
    assert any("Officer Intervention" in title for title in deck.titles())
    # other pathways may be named as wrong answers in a quiz, but get no slides of their own
    assert not any("Naloxone Plus" in title for title in deck.titles())
    assert "Quick Response Team" not in all_text(prs)


def test_roll_call_is_short_and_leads_with_local_resources(fixture_course, write_csv) -> None:
    csv_path = write_csv("name,phone\nCounty Crisis Line,555-0199\n")
    options = DeckOptions(recipe="roll-call", resources=csv_path, audience="police")
    deck = deck_spec(prepare(fixture_course, options))
    assert len(deck.slides) <= 10
    assert "Local resources" in deck.titles()
    assert "Resources" not in deck.titles()
    assert deck.audience == "law-enforcement"


def test_a_failed_build_writes_nothing(fixture_course, tmp_path: Path) -> None:
    target = tmp_path / "deck.pptx"
    target.write_bytes(b"the old deck")
    broken = tmp_path / "logo.png"
    broken.write_bytes(b"not a picture")
    with pytest.raises(DeflectionKitError, match="logo"):
        build_deck(fixture_course, DeckOptions(logo=broken), target)
    assert target.read_bytes() == b"the old deck"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deck.pptx", "logo.png"]


@pytest.mark.parametrize("theme", ["default", "high-contrast"])
def test_footer_text_carries_a_readable_colour_of_its_own(fixture_course, tmp_path, theme) -> None:
    # LibreOffice ignores a layout's footer colour and falls back to the master's: grey on the
    # high-contrast theme's yellow section slides. The colour goes on the text itself.
    from deflection_kit.decks.look import contrast_ratio
    from deflection_kit.decks.themes import resolve_theme

    look = resolve_theme(theme).look
    options = DeckOptions(recipe="community-leaders", theme=theme)
    path, deck = build_deck(fixture_course, options, tmp_path / "deck.pptx")
    prs = open_pptx(path)
    roles = set()
    for spec, slide in zip(deck.slides, prs.slides, strict=True):
        background = look.colour(look.layout(spec.role).background)
        for shape in slide.placeholders:
            if shape.placeholder_format.type not in (
                PP_PLACEHOLDER.FOOTER,
                PP_PLACEHOLDER.SLIDE_NUMBER,
            ):
                continue
            colours = shape._element.xpath(".//a:rPr/a:solidFill/a:srgbClr/@val")
            assert colours, (spec.title, shape.name)
            for colour in colours:
                assert contrast_ratio(colour, background) >= 4.5, (spec.role, colour)
        roles.add(spec.role)
    assert {"section", "bullets", "title", "closing"} <= roles
