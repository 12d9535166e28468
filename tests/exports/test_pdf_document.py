"""The shared PDF layer: pages, repeated table headers, page x of y, real glyphs, metadata."""

from __future__ import annotations

import stat
from pathlib import Path

from PySide6.QtGui import QPdfWriter
from PySide6.QtPrintSupport import QPrinter

from deflection_kit.pdf import (
    Column,
    Details,
    Document,
    Heading,
    PageSetup,
    Paragraph,
    Table,
    fit_font,
    make_font,
)
from pdf_reading import embedded_fonts, metadata, page_texts

NAMES = ["Ana María Ruiz-López", "王小明", "محمد الأحمد", "דוד כהן", "Ólafur Þórsson"]


def long_document() -> Document:
    document = Document(
        title="Attendance roster",
        author="Jo Park",
        header_left="Deflection Kit · Attendance",
        header_right="2025-03-04",
        footer_left="First Responder Deflection",
    )
    rows = [[str(i), NAMES[i % len(NAMES)], "Metro PD"] for i in range(1, 121)]
    document.add(
        Heading("Attendance roster"),
        Details([("Session", "Metro training"), ("Date", "2025-03-04")]),
        Paragraph("Everyone who signed in. " * 30),
        Table([Column("Row", 0.5, "right"), Column("Full name", 3), Column("Agency", 2)], rows),
    )
    return document


def test_a_long_table_breaks_across_pages_and_repeats_its_header(tmp_path: Path) -> None:
    target = tmp_path / "roster.pdf"
    pages = long_document().write_pdf(target)
    texts = page_texts(target)
    assert pages == len(texts) >= 3
    for number, text in enumerate(texts, start=1):
        assert "Full name" in text and "Agency" in text  # header row on every page
        assert f"Page {number} of {pages}" in text
    rows = [int(line.split()[0]) for text in texts for line in text.splitlines()
            if line.split() and line.split()[0].isdigit() and "Metro PD" in line]  # fmt: skip
    assert sorted(set(rows)) == list(range(1, 121))  # no row lost or cut at a page break
    assert "Springfield" not in texts[0]


def test_title_author_and_owner_only_mode(tmp_path: Path) -> None:
    target = tmp_path / "roster.pdf"
    long_document().write_pdf(target)
    info = metadata(target)
    assert info["/Title"] == "Attendance roster"
    assert info["/Author"] == "Jo Park"
    assert info["/Creator"] == "Deflection Kit"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_names_in_every_script_print_with_bundled_fonts(tmp_path: Path) -> None:
    target = tmp_path / "names.pdf"
    long_document().write_pdf(target)
    fonts = embedded_fonts(target)
    assert {"NotoSans-Regular", "NotoSans-Bold", "WenQuanYiMicroHei"} <= fonts
    assert {"NotoSansArabic-Regular", "NotoSansHebrew-Regular"} <= fonts
    text = page_texts(target)[0]
    assert "王小明" in text and "Ana María Ruiz-López" in text and "Ólafur Þórsson" in text


def test_a_120_character_name_wraps_inside_its_cell(tmp_path: Path) -> None:
    name = "Maximiliana " * 10
    target = tmp_path / "long.pdf"
    document = Document(title="Long")
    document.add(Table([Column("Name", 1), Column("Agency", 1)], [[name.strip(), "Metro PD"]]))
    document.write_pdf(target)
    text = page_texts(target)[0]
    assert text.count("Maximiliana") == 10


def test_fit_font_shrinks_until_the_text_fits(tmp_path: Path) -> None:
    writer = QPdfWriter(str(tmp_path / "probe.pdf"))
    writer.setResolution(300)
    font = make_font(28.0, serif=True)
    fitted = fit_font("Ana María Ruiz-López de la Santísima Trinidad " * 3, font, 1500.0, writer)
    assert 6.0 <= fitted.pointSizeF() < 28.0
    same = fit_font("Bo Li", font, 1500.0, writer)
    assert same.pointSizeF() == 28.0


def test_the_same_painting_goes_to_a_printer(tmp_path: Path) -> None:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    target = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(target))
    printer.setPageLayout(PageSetup(orientation="landscape").page_layout())
    pages = long_document().paint(printer)
    del printer
    texts = page_texts(target)
    assert len(texts) == pages and "Page 1 of" in texts[0] and "Full name" in texts[-1]
