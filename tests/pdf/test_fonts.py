"""The bundled fonts register with Qt and cover the scripts names are written in."""

from __future__ import annotations

from PySide6.QtGui import QFontMetricsF, QRawFont

from deflection_kit.pdf.fonts import (
    SANS,
    SCRIPT_FALLBACKS,
    SERIF,
    document_font,
    register_bundled_fonts,
)


def test_bundled_families_are_registered() -> None:
    families = set(register_bundled_fonts())
    assert {SANS, SERIF, "Carlito", "Liberation Sans", *SCRIPT_FALLBACKS} <= families


def test_every_script_has_a_family_with_its_glyphs() -> None:
    register_bundled_fonts()
    samples = {
        SANS: "Zoë Ångström Łukasz Ψυχή Юлия",
        "Noto Sans Arabic": "فاطمة",
        "Noto Sans Hebrew": "שרה",
        "WenQuanYi Micro Hei": "王小明 さくら 김민준",
    }
    for family, text in samples.items():
        font = document_font(12)
        font.setFamilies([family])
        raw = QRawFont.fromFont(font)
        assert raw.familyName() == family
        assert all(raw.supportsCharacter(ord(ch)) for ch in text if not ch.isspace()), family


def test_document_font_falls_back_across_scripts() -> None:
    font = document_font(14, bold=True)
    assert font.families()[0] == SANS
    assert font.bold()
    assert QFontMetricsF(font).horizontalAdvance("王小明") > 0
