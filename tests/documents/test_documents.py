"""The documents package: data prints as written, tagged PDF/UA-1 out, every script prints."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from deflection_kit.documents import DocumentDataError, printable_text, render_pdf, write_pdf
from deflection_kit.documents.blocks import (
    Bar,
    Chart,
    Column,
    Details,
    Document,
    Frame,
    Heading,
    Paragraph,
    Part,
    Table,
)
from deflection_kit.documents.data import MAX_DATA_CHARS
from pdf_audit import audit, page_texts, poppler_audit, read_structure
from pdf_audit import text as pdf_text
from pdf_reading import shows

NAMES = ["Ana María Ruiz-López", "王小明", "محمد الأحمد", "דוד כהן", "Ólafur Þórsson"]
# Typst markup, maths, labels, references, comments and a closing bracket: data, not markup.
HOSTILE = ['#import "x.typ": *', "]", "$x^2$", "<label>", "@ref", "// not a comment",
           "/* nor this */", '#read("/etc/passwd")', "\\", "*bold* _em_", "= Heading"]  # fmt: skip


def roster(names: list[str], rows: int = 60) -> Document:
    part = Part(Frame("Deflection Kit · Attendance", "2025-03-04", "First Responder Deflection"))
    part.add(
        Heading("Attendance roster"),
        Details([("Session", "Metro training"), ("Date", "2025-03-04")]),
        Paragraph("Everyone who signed in. " * 20, style="muted"),
        Table(
            [Column("Row", "auto", "right"), Column("Full name", 3), Column("Agency", 2)],
            [[str(i), names[i % len(names)], "Metro PD"] for i in range(1, rows + 1)],
        ),
        Chart("Who came", [Bar("Police", [3], ["3"]), Bar("EMS", [2], ["2"])], "Police 3, EMS 2."),
    )
    return Document("Attendance roster", [part])


@pytest.fixture(scope="module")
def roster_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("roster") / "roster.pdf"
    write_pdf("attendance-roster", roster(NAMES + HOSTILE).data(), target)
    return target


def test_markup_in_the_data_prints_as_written(roster_pdf: Path) -> None:
    text = pdf_text(roster_pdf)
    for value in HOSTILE:
        assert value in text, value


def test_every_script_prints_with_the_bundled_fonts(roster_pdf: Path) -> None:
    text = pdf_text(roster_pdf)
    for name in NAMES:
        assert shows(text, name), name
    fonts = {name for name, embedded in read_structure(roster_pdf).fonts.items() if embedded}
    assert {"NotoSans-Regular", "WenQuanYiMicroHei"} <= fonts
    assert {"NotoSansArabic-Regular", "NotoSansHebrew-Regular"} <= fonts


def test_the_pdf_passes_the_auditors_test(roster_pdf: Path) -> None:
    found = audit(roster_pdf, title="Attendance roster", charts=1)
    assert found.bookmarks == ["Attendance roster"]
    assert stat.S_IMODE(roster_pdf.stat().st_mode) == 0o600


def test_poppler_reads_the_same_structure(roster_pdf: Path) -> None:
    poppler_audit(roster_pdf)


def test_a_long_table_repeats_its_header_and_numbers_its_pages(tmp_path: Path) -> None:
    target = tmp_path / "long.pdf"
    pages = write_pdf("attendance-roster", roster(NAMES, rows=150).data(), target)
    texts = page_texts(target)
    assert pages == len(texts) >= 3
    for number, text in enumerate(texts, start=1):
        assert f"Page {number} of {pages}" in text
        assert "Full name" in text or "Metro PD" not in text  # the header row on every page


def test_a_long_word_wraps_inside_its_cell_without_losing_a_letter(tmp_path: Path) -> None:
    email = "maximiliana.concepcion.fernandez-ortega@county-sheriffs-office.example.org"
    target = tmp_path / "long.pdf"
    write_pdf("attendance-roster", roster([email, "x" * 120], rows=2).data(), target)
    text = pdf_text(target)
    assert shows(text, email) and shows(text, "x" * 120)
    assert "\u200b" not in text  # no invisible characters copied out with an address


def test_parts_keep_their_own_page_numbers(tmp_path: Path) -> None:
    first = roster(NAMES, rows=80).parts[0]
    second = Part(Frame("Second", landscape=True), [Heading("Sign-in sheet")])
    target = tmp_path / "two.pdf"
    pages = write_pdf("audit-packet", Document("Packet", [first, second]).data(), target)
    texts = page_texts(target)
    assert "Page 1 of 1" in texts[-1] and f"Page {pages - 1} of {pages - 1}" in texts[-2]


@pytest.mark.parametrize(
    ("typed", "printed"),
    [
        ("Zoe\u0308", "Zoë"),  # NFC
        ("\u202eevil\u202c name", "evil name"),  # a right-to-left override cannot reverse it
        ("line\r\nbreak\tand\x00null", "line\nbreak and null"),
        ("smile 😀", "smile \ufffd"),  # no bundled font has it: a visible stand-in
    ],
)
def test_text_is_made_printable(typed: str, printed: str) -> None:
    assert printable_text(typed) == printed


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=40))
def test_any_name_typesets_as_pdf_ua(name: str) -> None:
    """PDF/UA-1 refuses a glyph no font has: no typed name may stop a roster."""
    pdf = render_pdf("attendance-roster", roster([name, *HOSTILE], rows=3).data())
    assert pdf.startswith(b"%PDF")


def test_too_much_data_is_refused_in_one_line() -> None:
    huge = roster(["x" * 1000], rows=MAX_DATA_CHARS // 1000 + 10)
    with pytest.raises(DocumentDataError, match="too much for one document"):
        render_pdf("attendance-roster", huge.data())


def test_same_data_and_date_give_the_same_bytes() -> None:
    import datetime as dt

    created = dt.datetime(2025, 3, 4, 9, 0, tzinfo=dt.UTC)
    data = roster(NAMES, rows=5).data()
    first = render_pdf("attendance-roster", data, created=created)
    assert render_pdf("attendance-roster", data, created=created) == first
