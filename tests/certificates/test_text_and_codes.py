"""Certificate text is clean and codes survive typing: Qt-free checks."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from deflection_kit.certificates import codes
from deflection_kit.certificates.text import BIDI_CONTROLS, clean_text, split_emoji


def test_bidi_controls_cannot_survive_cleaning() -> None:
    spoof = "Dana \u202eregdiW\u202c \u2066Smith\u2069 \u200f\u061c"
    assert clean_text(spoof) == "Dana regdiW Smith"


@given(st.text(alphabet=st.characters(codec="utf-8")))
def test_cleaned_text_is_nfc_single_spaced_and_free_of_controls(text: str) -> None:
    cleaned = clean_text(text)
    assert not (set(cleaned) & BIDI_CONTROLS)
    assert unicodedata.is_normalized("NFC", cleaned)
    assert cleaned == cleaned.strip()
    assert "  " not in cleaned
    assert all(unicodedata.category(ch) not in ("Cc", "Cs") for ch in cleaned)
    assert clean_text(cleaned) == cleaned


def test_decomposed_accents_become_composed() -> None:
    assert clean_text("Zoe\u0308 A\u030angstro\u0308m") == "Zoë Ångström"


def test_joiners_that_shape_names_stay() -> None:
    persian = "مهرداد\u200cزاده"
    assert clean_text(persian) == persian


@pytest.mark.parametrize(
    ("name", "kept", "removed"),
    [
        ("Dana 😀 Whitfield", "Dana Whitfield", "😀"),
        ("Sam 👩🏽‍🚒 Lee", "Sam Lee", "👩🏽🚒"),
        ("Ana ❤️", "Ana", "❤"),
        ("Kai 1️⃣ Tan", "Kai Tan", ""),
        ("Flag 🏴󠁧󠁢󠁳󠁣󠁴󠁿 Roe", "Flag Roe", "🏴"),  # tags are format characters: cleaned first
        ("王小明", "王小明", ""),
    ],
)
def test_emoji_sequences_are_dropped_whole(name: str, kept: str, removed: str) -> None:
    assert split_emoji(clean_text(name)) == (kept, removed)


def test_code_round_trip_and_grouping() -> None:
    certificate_id = codes.new_certificate_id()
    code = codes.format_code(certificate_id)
    assert len(code) == 21 and code.count("-") == 4
    assert codes.parse_code(code) == certificate_id
    assert codes.parse_code(code.lower().replace("-", " ")) == certificate_id


def test_lookalike_letters_are_read_as_digits() -> None:
    certificate_id = "0011" + codes.new_certificate_id()[4:]
    code = codes.format_code(certificate_id)
    typed = "OoIl" + code[4:]
    assert codes.parse_code(typed) == certificate_id


def test_every_single_typing_mistake_is_caught() -> None:
    certificate_id = codes.new_certificate_id()
    symbols = certificate_id + codes.check_symbol(certificate_id)
    for position in range(len(symbols)):
        for wrong in codes.ALPHABET:
            if wrong == symbols[position]:
                continue
            typo = symbols[:position] + wrong + symbols[position + 1 :]
            with pytest.raises(codes.CodeError):
                codes.parse_code(typo)


def test_bad_codes_say_what_is_wrong() -> None:
    with pytest.raises(codes.CodeError, match="17 letters and digits"):
        codes.parse_code("ABCD-EFGH")
    with pytest.raises(codes.CodeError, match="'U'"):
        codes.parse_code("UUUU-UUUU-UUUU-UUUU-U")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Dana Whitfield", "Dana-Whitfield_C.pdf"),
        ("../../etc/passwd", "etc-passwd_C.pdf"),
        ("O'Brien, Seán  Jr.", "O-Brien-Seán-Jr_C.pdf"),
        ("فاطمة الزهراء", "فاطمة-الزهراء_C.pdf"),
        ("王小明", "王小明_C.pdf"),
        ("CON", "CON_C.pdf"),
        ("...", "certificate_C.pdf"),
        ("a" * 200, "a" * 60 + "_C.pdf"),
    ],
)
def test_certificate_file_names_are_safe_and_readable(name: str, expected: str) -> None:
    from deflection_kit.certificates.filenames import certificate_file_name

    assert certificate_file_name(name, "C") == expected
