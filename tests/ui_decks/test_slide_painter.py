"""The slide painter draws a DeckSpec slide in its theme, at any size, into any rectangle."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from deflection_kit.decks import DeckOptions, deck_spec, prepare
from deflection_kit.decks.spec import DeckSpec, Paragraph, SlideSpec
from deflection_kit.decks.themes import resolve_theme
from deflection_kit.ui.slide_painter import SlidePainter, qt_family, register_fonts


@pytest.fixture(scope="module")
def deck(fixture_course) -> DeckSpec:
    return deck_spec(
        prepare(fixture_course, DeckOptions(agency="Springfield EMS", accent="7A1F1F"))
    )


def _colours(image: QImage) -> set[str]:
    step = max(image.width() // 80, 1)
    return {
        image.pixelColor(x, y).name()
        for x in range(0, image.width(), step)
        for y in range(0, image.height(), step)
    }


def _ink(image: QImage, colour: str) -> int:
    """Count pixels close to a colour (text is anti-aliased, so allow a little)."""
    target = QColor(colour)
    count = 0
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            pixel = image.pixelColor(x, y)
            if (
                abs(pixel.red() - target.red())
                + abs(pixel.green() - target.green())
                + abs(pixel.blue() - target.blue())
                < 60
            ):
                count += 1
    return count


def test_bundled_metric_twins_are_registered() -> None:
    families = register_fonts()
    assert "Carlito" in families and "Liberation Sans" in families
    assert qt_family("Calibri") == "Carlito" and qt_family("Arial") == "Liberation Sans"


def test_a_section_slide_is_painted_in_the_accent_colour(deck) -> None:
    look = resolve_theme("default").look.with_accent(deck.accent)
    index = next(i for i, s in enumerate(deck.slides) if s.role == "section")
    image = SlidePainter(look).image(deck.slides[index], 640, deck, index + 1)
    assert (image.width(), image.height()) == (640, 360)
    assert image.pixelColor(5, 5).name() == "#7a1f1f"  # the accent, not the theme's blue
    assert _ink(image, "#ffffff") > 50  # white title text on it


def test_bullets_are_drawn_in_the_text_colour(deck) -> None:
    painter = SlidePainter(resolve_theme("default").look)
    index = deck.titles().index("Why we are here")
    image = painter.image(deck.slides[index], 960, deck, index + 1)
    assert image.pixelColor(480, 300).name() == "#ffffff"  # white background
    assert _ink(image, "#1b1f24") > 200  # dark body text
    assert _ink(image, "#1f3a5f") > 100  # title colour


def test_high_contrast_paints_black_and_yellow(deck) -> None:
    look = resolve_theme("high-contrast").look
    slide = SlideSpec("bullets", "Big and clear", body=(Paragraph("Readable text"),), notes="n")
    image = SlidePainter(look).image(slide, 480, deck, 3)
    assert image.pixelColor(2, 2).name() == "#000000"
    assert _ink(image, "#ffe600") > 30


def test_the_same_slide_scales_to_any_size(deck) -> None:
    painter = SlidePainter(resolve_theme("default").look)
    slide = deck.slides[deck.titles().index("Overdose deaths in the United States")]
    small = painter.image(slide, 160)
    large = painter.image(slide, 1920)
    assert (large.width(), large.height()) == (1920, 1080)
    assert "#1f5f8b" in _colours(small.scaled(160, 90))  # the chart's bars, at both sizes
    assert "#1f5f8b" in _colours(large)


def test_a_wide_target_is_letterboxed_and_centred(deck) -> None:
    painter = SlidePainter(resolve_theme("default").look)
    target = QImage(800, 200, QImage.Format.Format_ARGB32)
    target.fill(QColor("#00ff00"))
    qp = QPainter(target)
    painter.paint(qp, QRectF(0, 0, 800, 200), deck.slides[0], deck, 1)
    qp.end()
    area = painter.slide_rect(QRectF(0, 0, 800, 200))
    assert area.height() == 200 and area.width() == pytest.approx(200 * 16 / 9)
    assert target.pixelColor(10, 100).name() == "#00ff00"  # left of the slide: untouched
    assert target.pixelColor(790, 100).name() == "#00ff00"
    assert target.pixelColor(int(area.center().x()), 100).name() != "#00ff00"


def test_speaker_notes_are_never_painted(deck) -> None:
    painter = SlidePainter(resolve_theme("default").look)
    plain = SlideSpec("bullets", "Same slide", body=(Paragraph("Point"),), notes="")
    noted = plain.with_changes(notes="A long private note for the facilitator. " * 20)
    first = painter.image(plain, 400, deck, 2)
    second = painter.image(noted, 400, deck, 2)
    assert first == second
