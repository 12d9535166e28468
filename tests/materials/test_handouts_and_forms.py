"""Handout, resource guide, worksheet and paper forms, read back the way a reader would."""

from __future__ import annotations

import io
import subprocess

import pytest
from chosen import CHOSEN
from pypdf import PdfReader, PdfWriter

from deflection_kit.decks.local_resources import read_local_resources
from pdf_reading import flat, page_texts, pdf_flat


def test_the_handout_covers_the_chosen_pathways_only(built, bundled_course) -> None:
    text = pdf_flat(built.folder / "participant-handout.pdf")
    for pathway in bundled_course.pathways:
        if pathway.id in CHOSEN:
            assert flat(pathway.definition) in text
            assert flat(pathway.warm_handoff) in text
        else:
            assert pathway.name not in text, pathway.id
    assert "This session covered 2 of the 6 pathways" in text


def test_every_local_resource_is_in_the_handout_and_the_resource_guide(
    built, local_csv, bundled_course
) -> None:
    for name in ("participant-handout.pdf", "resource-guide.pdf"):
        text = pdf_flat(built.folder / name)
        for resource in read_local_resources(local_csv):
            for value in (resource.name, resource.phone, resource.hours):
                assert flat(value) in text, (name, value)
        for resource in bundled_course.resources:
            assert flat(resource.name) in text, (name, resource.id)
        assert "In an emergency, call 911." in text


def test_the_handout_prints_double_sided(built) -> None:
    pages = page_texts(built.folder / "participant-handout.pdf")
    assert len(pages) % 2 == 0
    start = next(i for i, page in enumerate(pages) if "RESOURCE GUIDE" in page)
    assert start % 2 == 0  # page index 0, 2, 4...: a right-hand page
    assert len(page_texts(built.folder / "resource-guide.pdf")) % 2 == 0
    page = PdfReader(built.folder / "participant-handout.pdf").pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (612, 792)


def test_a4_paper_on_request(bundled_course, options, tmp_path) -> None:
    from dataclasses import replace

    from deflection_kit.materials import build_materials

    result = build_materials(
        bundled_course, replace(options, paper="a4"), tmp_path / "a4", ["forms"]
    )
    page = PdfReader(result.folder / "knowledge-check.pdf").pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)


def test_check_questions_are_on_the_form_and_answers_only_in_the_key(built) -> None:
    from deflection_kit.materials.forms import answer_letter, check_questions

    form = pdf_flat(built.folder / "knowledge-check.pdf")
    key = pdf_flat(built.folder / "knowledge-check-answer-key.pdf")
    questions = check_questions(built.prepared)
    assert len(questions) >= 5
    for number, question in enumerate(questions, start=1):
        assert f"{number}. {flat(question.prompt)}" in form
        assert flat(question.prompt) in key
        for choice in question.choices:
            assert flat(choice) in form
        assert flat(question.why) in key
        assert flat(question.why) not in form
    letters = " ".join(answer_letter(q) for q in questions)
    assert letters in key  # the quick key, one letter under each question number
    for word in ("Answer", "Why", "correct answer", "Quick key"):
        assert word not in form
    assert len(page_texts(built.folder / "knowledge-check.pdf")) == 1  # one sheet to hand out


def test_the_evaluation_form_has_every_statement_and_role(built, bundled_course) -> None:
    from deflection_kit.materials import evaluation

    text = pdf_flat(built.folder / "evaluation-form.pdf")
    for number, statement in enumerate(evaluation.statements(bundled_course), start=1):
        assert f"{number}. {flat(statement.text)}" in text
    for _, role in evaluation.roles(bundled_course):
        assert role in text
    for comment in evaluation.COMMENTS:
        assert comment.prompt in text
    assert len(page_texts(built.folder / "evaluation-form.pdf")) == 2  # one sheet, both sides


def _filled(path) -> bytes:
    """Return the worksheet with two fields filled, as a filling program saves it."""
    writer = PdfWriter(clone_from=PdfReader(path))
    for page in writer.pages:
        writer.update_page_form_field_values(
            page,
            {"community": "Springfield", "pathway.naloxone-plus": "/Yes"},
            auto_regenerate=False,
        )
    writer.set_need_appearances_writer(True)  # as a filling program does: readers redraw
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_the_worksheet_is_fillable_and_filled_answers_read_back(built, bundled_course) -> None:
    path = built.folder / "action-planning-worksheet.pdf"
    fields = PdfReader(path).get_fields() or {}
    for pathway in bundled_course.pathways:
        assert fields[f"pathway.{pathway.id}"]["/FT"] == "/Btn"
    for audience in bundled_course.info.audiences:
        assert f"partner.{audience.id}.organization" in fields
    for name in ("community", "pathway.why", "capacity.wait", "data.who", "step.1.what"):
        assert fields[name]["/FT"] == "/Tx"
    assert any(name.startswith("data.process.") for name in fields)
    assert any(name.startswith("data.outcome.") for name in fields)
    again = PdfReader(io.BytesIO(_filled(path))).get_fields() or {}
    assert again["community"]["/V"] == "Springfield"
    assert again["pathway.naloxone-plus"]["/V"] == "/Yes"
    text = pdf_flat(path)
    assert "Naloxone Plus (covered today)" in text
    assert len(page_texts(path)) == 2


@pytest.mark.needs("pdftoppm")
def test_poppler_redraws_the_filled_worksheet_with_fonts_it_finds(built, tmp_path) -> None:
    # An independent reader redrawing the filled fields finds the fonts they name (poppler
    # prints "Unknown font" if not): the check is poppler's own, so this test runs poppler.
    filled = tmp_path / "filled.pdf"
    filled.write_bytes(_filled(built.folder / "action-planning-worksheet.pdf"))
    drawn = subprocess.run(
        ["pdftoppm", "-png", "-r", "30", "-f", "1", "-l", "1", str(filled), str(tmp_path / "p")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "Unknown font" not in drawn.stderr, drawn.stderr
    assert (tmp_path / "p-1.png").stat().st_size > 1000
