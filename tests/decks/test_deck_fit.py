"""Text that does not fit shrinks within limits or continues on follow-on slides."""

from __future__ import annotations

import pytest

from deflection_kit.decks.fit import (
    BodyMeasure,
    FitError,
    SlideFitter,
    TextArea,
    fit_deck,
    fit_line_text,
)
from deflection_kit.decks.measure import metrics_for, wrap
from deflection_kit.decks.spec import CONTINUED, DeckSpec, Paragraph, SlideSpec
from deflection_kit.decks.themes import resolve_theme


@pytest.fixture(scope="module")
def look():
    return resolve_theme("default").look


def _bullets(count: int, words: int = 6, level: int = 0) -> tuple[Paragraph, ...]:
    return tuple(
        Paragraph(" ".join(f"word{i}x{j}" for j in range(words)), level) for i in range(count)
    )


def _measure(look, role="bullets"):
    layout = look.layout(role)
    return BodyMeasure(look, TextArea.of(layout.body, look), layout.body_italic)


def test_measurement_uses_the_metric_twins() -> None:
    calibri = metrics_for("Calibri")
    arial = metrics_for("Arial")
    # Calibri is narrower than Arial; Carlito and Liberation Sans reproduce that exactly
    assert calibri.width("deflection pathways") < arial.width("deflection pathways")
    assert calibri.line_height == pytest.approx(1.22, abs=0.01)
    assert wrap("one two three", calibri, 28, 10_000) == ["one two three"]
    assert len(wrap("one two three four five six", calibri, 28, 100)) > 2


def test_a_word_longer_than_a_line_is_broken() -> None:
    lines = wrap("x" * 200, metrics_for("Calibri"), 28, 300)
    assert len(lines) > 1 and "".join(lines) == "x" * 200


def test_short_slide_keeps_the_theme_size(look) -> None:
    slide = SlideSpec("bullets", "Short", body=_bullets(3), notes="n")
    [fitted] = SlideFitter(look).fit(slide)
    assert fitted.body_size == look.body_size
    assert fitted.title_size == look.title_size


def test_slightly_long_slide_shrinks_but_not_below_the_minimum(look) -> None:
    measure = _measure(look)
    count = 3
    while measure.fits(_bullets(count, 10), look.body_size):
        count += 1
    [fitted] = SlideFitter(look).fit(SlideSpec("bullets", "A bit long", body=_bullets(count, 10)))
    assert look.min_body_size <= fitted.body_size < look.body_size
    assert measure.fits(fitted.body, fitted.body_size)


def test_long_slide_continues_on_follow_on_slides(look) -> None:
    body = (*_bullets(30, 12), Paragraph("a sub point", 1))
    slide = SlideSpec("bullets", "Many points", body=body, notes="The notes.", key="k")
    pages = SlideFitter(look).fit(slide)
    assert len(pages) > 1
    assert pages[0].title == "Many points" and pages[0].notes == "The notes."
    assert len(pages) >= 3
    assert pages[1].title == f"Many points {CONTINUED}"
    assert pages[2].title == "Many points (continued, part 3)"
    assert len({page.title for page in pages}) == len(pages)  # no two slides share a title
    for number, page in enumerate(pages[1:], start=2):
        assert page.page == number and page.continued
        assert "previous slide" in page.notes
    measure = _measure(look)
    for page in pages:
        assert page.body_size >= look.min_body_size
        assert measure.fits(page.body, page.body_size), page.page
    # nothing lost, nothing reordered
    assert tuple(p for page in pages for p in page.body) == body


def test_a_sub_bullet_stays_with_its_bullet(look) -> None:
    measure = _measure(look)
    body: list[Paragraph] = []
    while measure.fits(body, look.min_body_size):
        body.append(Paragraph("A top level point that is long enough to wrap onto two lines " * 1))
    body[-1:] = [Paragraph("Parent point"), Paragraph("its child", 1)]
    pages = SlideFitter(look).fit(SlideSpec("bullets", "Grouped", body=tuple(body), notes="n"))
    for page in pages:
        assert page.body[0].level == 0  # no page starts with an orphaned sub-bullet


def test_a_paragraph_taller_than_a_slide_is_split(look) -> None:
    text = " ".join(f"word{i}" for i in range(900))
    pages = SlideFitter(look).fit(SlideSpec("bullets", "One huge point", body=(Paragraph(text),)))
    assert len(pages) > 1
    assert " ".join(page.body[0].text for page in pages) == text


def test_two_columns_continue_together(look) -> None:
    slide = SlideSpec(
        "two-column", "Both sides", body=_bullets(20, 8), right=_bullets(3), notes="n"
    )
    pages = SlideFitter(look).fit(slide)
    assert len(pages) > 1
    assert tuple(p for page in pages for p in page.body) == slide.body
    assert tuple(p for page in pages for p in page.right) == slide.right


def test_long_title_shrinks_then_fails_clearly(look) -> None:
    layout = look.layout("bullets")
    metrics = metrics_for(look.title_font, look.title_bold)
    medium = "A title"
    while fit_line_text(medium, layout.title, look, metrics, 40, 40, look.title_line_spacing):
        medium += " that goes on"
    [fitted] = SlideFitter(look).fit(SlideSpec("bullets", medium, body=_bullets(1)))
    assert look.min_title_size <= fitted.title_size < look.title_size
    with pytest.raises(FitError, match="shorten it"):
        SlideFitter(look).fit(SlideSpec("bullets", "Far too long a title " * 12, body=_bullets(1)))


def test_fit_deck_marks_the_theme(look) -> None:
    deck = DeckSpec("t", (SlideSpec("title", "Hello", subtitle="World"),))
    fitted = fit_deck(deck, look)
    assert fitted.fitted_for == "default"
    assert fitted.slides[0].subtitle_size == look.subtitle_size


def test_high_contrast_never_goes_below_its_own_minimum() -> None:
    look = resolve_theme("high-contrast").look
    pages = SlideFitter(look).fit(SlideSpec("bullets", "Long", body=_bullets(25, 10), notes="n"))
    assert all(page.body_size >= look.min_body_size >= 24 for page in pages)


@pytest.mark.parametrize("theme", ["default", "high-contrast"])
def test_a_long_agency_footer_stays_on_one_line(theme: str) -> None:
    # The footer used to be written at the theme's size whatever its length: a 119-character
    # agency name wrapped out of its box and over the slide's bottom edge.
    look = resolve_theme(theme).look
    width = TextArea.of(look.footer, look).width
    metrics = metrics_for(look.body_font)
    short = fit_deck(DeckSpec("t", (), footer="Town PD"), look)
    assert (short.footer, short.footer_size) == ("Town PD", look.footer_size)
    agency = (
        "Springfield County Department of Fire and Emergency Medical Services, "
        "Behavioral Health Response and Community Outreach"
    )
    fitted = fit_deck(DeckSpec("t", (), footer=agency), look)
    assert fitted.footer == agency
    assert 10 <= fitted.footer_size < look.footer_size
    assert len(wrap(fitted.footer, metrics, fitted.footer_size, width)) == 1
    endless = fit_deck(DeckSpec("t", (), footer=" ".join([agency] * 3)), look)
    assert endless.footer.endswith("…") and endless.footer.startswith("Springfield County")
    assert endless.footer_size == 10
    assert len(wrap(endless.footer, metrics, 10, width)) == 1
