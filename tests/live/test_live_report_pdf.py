"""The delivery report PDF and the audit packet, read back with a PDF reader."""

from __future__ import annotations

import stat
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

from deflection_kit.errors import DeflectionKitError
from deflection_kit.live.records import live_report
from deflection_kit.reports import write_audit_packet, write_report_pdf
from deflection_kit.reports.records import load_report
from deflection_kit.storage import Store
from pdf_reading import render_pages

DOCS = Path(__file__).resolve().parents[2] / "docs"


def pdf_text(path: Path) -> str:
    reader = PdfReader(str(path))
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    return " ".join(unicodedata.normalize("NFKC", text).split())


@pytest.fixture
def report(stored, bundled_course):
    path, session_id = stored
    with Store.open(path) as store:
        return load_report(store, bundled_course, session_id)


def test_the_report_pdf_says_what_was_delivered(report, tmp_path) -> None:
    out = write_report_pdf(report, tmp_path / "report.pdf")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    text = pdf_text(out)
    for expected in (
        "Delivery report — Spring training",
        "8 of 8 modules and 5 of 5 objectives delivered",
        "4 checked in, 3 completed",
        "knowledge gain +60 points (30% right before, 90% after)",
        "Time by part of the course",
        "4. The deflection pathways",
        "Learning objectives, in the order taught",
        "Law enforcement",
        "Ames PD",
        "Knowledge gain",
        "Course feedback",
        "The QRT story",
        "What was shown when",
        "Session clock started",
        "Pacing: planned and actual minutes",
        "Attendance by discipline",
    ):
        assert expected in text, expected
    reader = PdfReader(str(out))
    pages = len(reader.pages)
    assert f"Page {pages} of {pages}" in pdf_text(out)


def test_a_rehearsal_report_has_no_attendance(bundled_course, full_agenda, clock, tmp_path):
    from deflection_kit.live import LiveSession

    session = LiveSession(full_agenda, clock=clock)
    session.next()
    clock.advance(minutes=2)
    session.end()
    text = pdf_text(write_report_pdf(live_report(bundled_course, session), tmp_path / "r.pdf"))
    assert "Delivery report — " in text
    assert "No attendance for a rehearsal." in text
    assert "No feedback forms have been typed in." in text


def test_the_audit_packet_as_a_folder(stored, report, tmp_path) -> None:
    path, session_id = stored
    with Store.open(path) as store:
        records = store.attendance.records(session_id=session_id)
        forms = store.feedback.list(session_id)
    result = write_audit_packet(report, records, forms, tmp_path / "packet")
    names = sorted(p.name for p in result.files)
    assert names == [
        "01-delivery-report.pdf", "02-sign-in-sheet.pdf", "03-attendance-roster.pdf",
        "04-objectives-taught.pdf", "05-evaluations.pdf", "CONTENTS.txt",
    ]  # fmt: skip
    for file in result.files:
        assert stat.S_IMODE(file.stat().st_mode) == 0o600
    assert "Sign-in sheet" in pdf_text(tmp_path / "packet" / "02-sign-in-sheet.pdf")
    roster = pdf_text(tmp_path / "packet" / "03-attendance-roster.pdf")
    assert "Ana" in roster and "3 completed" in roster
    objectives = pdf_text(tmp_path / "packet" / "04-objectives-taught.pdf")
    assert objectives.index("Context and purpose") < objectives.index("Evaluating deflection:")
    evaluations = pdf_text(tmp_path / "packet" / "05-evaluations.pdf")
    assert "Each form as typed in" in evaluations and "Longer" in evaluations
    contents = (tmp_path / "packet" / "CONTENTS.txt").read_text()
    assert contents.count("sha256") == 5


def test_the_audit_packet_as_one_pdf(stored, report, tmp_path) -> None:
    path, session_id = stored
    with Store.open(path) as store:
        records = store.attendance.records(session_id=session_id)
        forms = store.feedback.list(session_id)
    result = write_audit_packet(report, records, forms, tmp_path / "packet.pdf")
    reader = PdfReader(str(result.path))
    assert len(reader.pages) == result.pages
    text = pdf_text(result.path)
    order = [
        "Audit packet — Spring training",
        "Delivery report — Spring training",
        "Sign-in sheet — Spring training",
        "Learning objectives in the order taught — Spring training",
        "Course evaluations — Spring training",
    ]
    positions = [text.index(marker) for marker in order]
    assert positions == sorted(positions)
    # Render pages 2-4 with another engine than the one that wrote them (PDFium): it can draw them.
    rendered = render_pages(result.path, 50, tmp_path / "page", range(1, 4))
    assert [path.name for path in rendered] == ["page-2.png", "page-3.png", "page-4.png"]
    assert all(path.stat().st_size > 1000 for path in rendered)


def test_the_packet_shows_every_statement_of_every_form(stored, bundled_course, tmp_path) -> None:
    """Each form's row has all the printed form's statements, the role and every comment."""
    from deflection_kit.materials import evaluation

    path, session_id = stored
    statements = evaluation.statements(bundled_course)
    with Store.open(path) as store:
        store.feedback.add(
            session_id,
            {statements[6].id: 3, "instructor-time": 2},
            {"other": "Room too warm", evaluation.ROLE_KEY: "ems"},
        )
        report = load_report(store, bundled_course, session_id)
        records = store.attendance.records(session_id=session_id)
        forms = store.feedback.list(session_id)
    write_audit_packet(report, records, forms, tmp_path / "packet")
    text = pdf_text(tmp_path / "packet" / "05-evaluations.pdf")
    table = text[text.index("Each form as typed in") :]
    assert f"S{len(statements)}" in table
    assert f"S1 {statements[0].text}" in text  # the summary numbers its statements the same way
    assert "Room too warm" in table and "ems" in table
    row = table[table.index("3 –") :]  # the third form: no rating for S1
    assert row.split()[: len(statements) + 1] == [
        "3", *("3" if n == 6 else "2" if s.id == "instructor-time" else "–"
               for n, s in enumerate(statements))
    ]  # fmt: skip


def test_a_rehearsal_has_no_audit_packet(bundled_course, full_agenda, clock, tmp_path) -> None:
    from deflection_kit.live import LiveSession

    session = LiveSession(full_agenda, clock=clock)
    session.end()
    with pytest.raises(DeflectionKitError, match="needs a session"):
        write_audit_packet(live_report(bundled_course, session), [], [], tmp_path / "p.pdf")
    assert not (tmp_path / "p.pdf").exists()
