"""The Certificates page, driven the way a facilitator drives it after a session."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter

from deflection_kit.certificates.trust import TrustStore
from deflection_kit.certificates.verify import verify_pdf
from deflection_kit.storage import CourseFacts, PersonFields, SessionFields, Store
from deflection_kit.ui.certificates.page import CertificatesPage
from deflection_kit.ui.main_window import MainWindow
from deflection_kit.ui.pages import AppContext
from pdf_reading import pdf_text

PEOPLE = {  # name: minutes in the room, from 09:00
    "Dana Whitfield": 90,
    "فاطمة الزهراء عبد الله": 88,
    "王小明": 90,
    "Larry Late": 40,
}


def _at(minutes: int) -> dt.datetime:
    return dt.datetime(2025, 3, 4, 9, 0, tzinfo=dt.UTC) + dt.timedelta(minutes=minutes)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A database with one finished session: three people completed, one did not."""
    path = tmp_path / "kit.sqlite3"
    with Store.open(path) as store:
        session = store.sessions.create(
            SessionFields(
                title="Springfield PD roll call",
                date=dt.date(2025, 3, 4),
                start=dt.time(9, 0),
                host_agency="Springfield Police Department",
                facilitators=("Jordan Ellis",),
            ),
            CourseFacts(
                id="first-responder-deflection",
                title="First Responder Deflection: A Warm Handoff to Services in the Community",
                minutes=90,
                credit_hours=1.5,
            ),
        )
        # The session's times are local to this computer: check in and out in its offset.
        offset = session.starts_at.utcoffset() if session.starts_at else dt.timedelta(0)
        for name, minutes in PEOPLE.items():
            person = PersonFields(name=name)
            start = _at(0) - offset
            store.attendance.check_in(session.id, person, start)
            store.attendance.check_out(session.id, person, start + dt.timedelta(minutes=minutes))
    return path


@pytest.fixture
def page(qtbot, bundled_course, db_path: Path) -> CertificatesPage:
    widget = CertificatesPage(AppContext(bundled_course, db_path))
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _states(page: CertificatesPage) -> dict[str, str]:
    return {h.name: h.state for h in page.model.holders()}


def test_the_page_lists_who_completed_and_previews_a_certificate(page) -> None:
    assert page.session_box.count() == 1
    assert _states(page) == {
        "Dana Whitfield": "ready",
        "Larry Late": "not completed",
        "فاطمة الزهراء عبد الله": "ready",
        "王小明": "ready",
    }
    assert "3 of 4 completed; 0 certificates issued" in page.status.text()
    assert page.preview.pixmap() is not None and not page.preview.pixmap().isNull()
    assert page.preview_note.text() == "Preview: not issued yet"
    assert not page.revoke_button.isEnabled()


def test_save_pdfs_issues_and_writes_one_file_each_plus_one_for_all(page, tmp_path) -> None:
    written = page.save_pdfs(str(tmp_path / "out"))
    assert len(written) == 4  # three certificates and the combined file
    assert all(state != "ready" for state in _states(page).values())
    trust = TrustStore()
    for path in written:
        assert all(v.ok for v in verify_pdf(path, trust)), path
    combined = next(p for p in written if p.name.startswith("all-certificates"))
    assert len(verify_pdf(combined, trust)) == 3
    # Saving again re-prints the same certificates rather than issuing new ones.
    again = page.save_pdfs(str(tmp_path / "again"))
    assert sorted(p.name for p in again) == sorted(p.name for p in written)


def test_print_sends_every_certificate_as_one_job(page, tmp_path) -> None:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "job.pdf"))
    assert page.print_all(printer)
    text = pdf_text(tmp_path / "job.pdf")  # NFKC: Qt writes the "fi" ligature
    assert text.count("Springfield Police Department") == 3
    assert "Larry Late" not in text
    assert "Sent 3 certificates to the printer as one job" in page.status.text()


def test_revoke_and_reissue_from_the_selected_row(qtbot, page, tmp_path) -> None:
    page.save_pdfs(str(tmp_path / "out"))
    row = next(i for i, h in enumerate(page.model.holders()) if h.name == "Dana Whitfield")
    page.table.selectRow(row)
    assert page.revoke_button.isEnabled() and page.reissue_button.isEnabled()
    old_code = page.selected().code
    new_code = page.reissue_selected("name corrected", "Jordan Ellis")
    assert new_code and new_code != old_code
    assert f"{old_code} replaced by {new_code}" in page.status.text()
    page.table.selectRow(row)
    assert page.selected().code == new_code
    assert page.revoke_selected("issued in error", "Jordan Ellis")
    assert _states(page)["Dana Whitfield"] == "revoked"
    page.table.selectRow(row)
    assert "REVOKED" in page.preview_note.text()

    dialog = page.verify_dialog()
    qtbot.addWidget(dialog)
    dialog.input.setPlainText(new_code)
    dialog.verify_input()
    assert dialog.verdict.text().startswith("NOT VALID")
    assert "issued in error" in dialog.verdict.text()
    dialog.input.setPlainText(old_code)
    dialog.verify_input()
    assert f"replaced by certificate {new_code}" in dialog.verdict.text()


def test_keyboard_reaches_every_control(page) -> None:
    for widget in (
        page.session_box,
        page.table,
        page.print_button,
        page.save_button,
        page.revoke_button,
        page.reissue_button,
        page.verify_button,
        page.preview,
    ):
        assert widget.accessibleName(), widget
    for button in (page.print_button, page.save_button, page.verify_button):
        assert "&" in button.text()  # Alt + the underlined letter


def test_the_page_is_in_the_main_window(qtbot, bundled_course, db_path, save_screenshot) -> None:
    window = MainWindow(AppContext(bundled_course, db_path))
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    page = window.show_page("certificates")
    assert isinstance(page, CertificatesPage)
    page.table.selectRow(1)
    qtbot.keyClick(page.table, Qt.Key.Key_Down)
    save_screenshot(window, "certificates-page")
