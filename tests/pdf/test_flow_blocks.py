"""The richer blocks materials use: lists, notes, checklists, form fields, grids, page parity."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from pypdf import PdfReader, PdfWriter

from deflection_kit.pdf import Document, Heading, PageBreak, Paragraph
from deflection_kit.pdf.blocks import (
    Bullets,
    Checklist,
    FieldRow,
    KeepTogether,
    Note,
    RatingGrid,
    TextField,
    Title,
)
from pdf_reading import page_texts


def form_document(created: dt.datetime | None = None) -> Document:
    document = Document(title="Plan", author="Kit", header_left="Course", created=created)
    document.add(
        Title("Action plan", kicker="Worksheet", subtitle="For community leaders"),
        Bullets(["First step", ("a detail", 1), "Second step"], numbered=True),
        Note("Ask who is missing from the table.", label="Speaker notes"),
        Checklist(["Self-Referral", "Active Outreach"], names=["pathway.a", "pathway.b"]),
        FieldRow([TextField("Community", "community"), TextField("Date", "date", weight=0.5)]),
        TextField("Partners", "partners", lines=4),
        TextField("Print only", lines=2),
        RatingGrid(["Clear objectives"], ["Disagree", "Neutral", "Agree"]),
    )
    return document


def test_form_fields_are_real_acroform_fields_over_the_boxes(tmp_path: Path) -> None:
    target = tmp_path / "plan.pdf"
    form_document().write_pdf(target)
    fields = PdfReader(target).get_fields() or {}
    assert set(fields) == {"pathway.a", "pathway.b", "community", "date", "partners"}
    assert fields["partners"]["/FT"] == "/Tx"
    assert fields["pathway.a"]["/FT"] == "/Btn"
    page = PdfReader(target).pages[0]
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    for annot in page["/Annots"]:
        x0, y0, x1, y1 = (float(v) for v in annot.get_object()["/Rect"])
        assert 0 < x0 < x1 < width and 0 < y0 < y1 < height  # on the page, inside the margins


def test_filled_fields_read_back(tmp_path: Path) -> None:
    target = tmp_path / "plan.pdf"
    form_document().write_pdf(target)
    writer = PdfWriter(clone_from=PdfReader(target))
    writer.update_page_form_field_values(
        writer.pages[0], {"partners": "Metro PD; County Health", "pathway.a": "/Yes"}
    )
    buffer = io.BytesIO()
    writer.write(buffer)
    values = PdfReader(buffer).get_fields() or {}
    assert values["partners"]["/V"] == "Metro PD; County Health"
    assert values["pathway.a"]["/V"] == "/Yes"
    assert values["pathway.b"].get("/V") == "/Off"


def test_a_dated_document_is_written_byte_for_byte_the_same(tmp_path: Path) -> None:
    when = dt.datetime(2025, 3, 4, tzinfo=dt.UTC)
    first, second = tmp_path / "a.pdf", tmp_path / "b.pdf"
    form_document(when).write_pdf(first)
    form_document(when).write_pdf(second)
    assert first.read_bytes() == second.read_bytes()
    info = PdfReader(first).metadata or {}
    assert str(info["/CreationDate"]).startswith("D:20250304")


def test_odd_page_breaks_and_even_page_count_use_the_filler(tmp_path: Path) -> None:
    document = Document(title="Handout", filler=[Heading("Notes", 2)], even_pages=True)
    document.add(Paragraph("Summary"), PageBreak(odd=True), Paragraph("Resource guide"))
    target = tmp_path / "handout.pdf"
    assert document.write_pdf(target) == 4
    texts = page_texts(target)
    assert "Summary" in texts[0]
    assert "Notes" in texts[1] and "Resource guide" in texts[2] and "Notes" in texts[3]


def test_keep_together_moves_a_group_that_would_split(tmp_path: Path) -> None:
    document = Document(title="Check")
    document.add(Paragraph("filler line\n" * 44))  # without keeping, the list would split
    document.add(KeepTogether([Paragraph("Question one?", bold=True), Bullets(["A", "B", "C"])]))
    target = tmp_path / "check.pdf"
    document.write_pdf(target)
    texts = page_texts(target)
    assert len(texts) == 2
    assert "Question one?" not in texts[0]
    assert "Question one?" in texts[1] and "C" in texts[1].split("Question one?")[1]
