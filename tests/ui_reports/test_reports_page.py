"""The Reports page: a presented session's report as charts, its PDF, feedback, audit packet."""

from __future__ import annotations

import unicodedata

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QSize, Qt

from deflection_kit.storage import Store
from deflection_kit.ui.pages import AppContext
from deflection_kit.ui.reports import ReportsPage


@pytest.fixture
def page(qtbot, bundled_course, presented):
    path, _ = presented
    widget = ReportsPage(AppContext(bundled_course, path))
    qtbot.addWidget(widget)
    return widget


def test_the_page_shows_the_latest_session_with_charts(page, presented) -> None:
    _, session_id = presented
    assert page.session.count() == 1
    assert page.session.currentData() == session_id
    assert page.report is not None and page.report.session.id == session_id
    summary = page.summary.text()
    assert "8 of 8 modules and 5 of 5 objectives delivered" in summary
    assert "7 checked in, 7 completed" in summary
    titles = [chart.chart.title for chart in page.charts]
    assert titles[:3] == [
        "Attendance by discipline",
        "Attendance by agency",
        "Pacing: planned and actual minutes",
    ]
    # Screen readers get the numbers, not just bars.
    assert "Law enforcement: 3" in page.charts[0].accessibleDescription()
    assert "Ames Police Department: 2" in page.charts[1].accessibleDescription()
    assert page.feedback_button.isEnabled() and page.packet_button.isEnabled()


def test_export_pdf_and_packet(page, tmp_path) -> None:
    out = page.export_pdf(tmp_path / "report")
    assert out == tmp_path / "report.pdf"
    text = " ".join(unicodedata.normalize("NFKC", "".join(
        p.extract_text() for p in PdfReader(str(out)).pages)).split())  # fmt: skip
    assert "Delivery report — Spring training" in text
    folder = page.write_packet(tmp_path / "packet")
    assert sorted(p.name for p in folder.iterdir())[0] == "01-delivery-report.pdf"
    single = page.write_packet(tmp_path / "packet.pdf")
    assert single.stat().st_size > 10_000


def test_feedback_forms_at_typing_speed(qtbot, page, presented) -> None:
    path, session_id = presented
    dialog = page.enter_feedback()
    qtbot.addWidget(dialog)
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    first = next(iter(dialog.ratings.values()))
    first.setFocus()
    qtbot.waitUntil(first.hasFocus)
    # One digit per statement of the printed form: each jumps to the next box by itself.
    digits = ("5445545" * 3)[: len(dialog.ratings)]
    assert len(dialog.ratings) > 10  # course, objective and instructor statements
    for digit in digits:
        qtbot.keyClicks(dialog.focusWidget(), digit)
    assert dialog.focusWidget() is dialog.comments["useful"]
    qtbot.keyClicks(dialog.comments["useful"], "Real local examples")
    with qtbot.waitSignal(dialog.saved):
        qtbot.keyClick(dialog.comments["useful"], Qt.Key.Key_Return,
                       Qt.KeyboardModifier.ControlModifier)  # fmt: skip
    assert dialog.entered.count() == 4
    assert first.text() == "" and first.hasFocus()
    with Store.open(path) as store:
        forms = store.feedback.list(session_id)
    assert forms[-1].ratings == dict(zip(dialog.ratings, (int(d) for d in digits), strict=True))
    assert forms[-1].comments == {"useful": "Real local examples"}
    # The page refreshed: four forms now.
    assert page.report.feedback.forms == 4
    # A form typed wrongly is deleted from the list.
    dialog.entered.setCurrentRow(3)
    dialog.delete_button.click()
    assert dialog.entered.count() == 3
    # Out-of-range digits never get in; an empty form is refused.
    qtbot.keyClicks(first, "9")
    assert first.text() == ""
    dialog.save_button.click()
    assert "empty" in dialog.message.text()
    dialog.close()


def test_screenshot_of_the_reports_page(qtbot, bundled_course, presented, save_screenshot):
    from deflection_kit.ui.main_window import MainWindow

    path, _ = presented
    window = MainWindow(AppContext(bundled_course, path))
    qtbot.addWidget(window)
    window.resize(QSize(1440, 960))
    window.show()
    page = window.show_page("reports")
    qtbot.waitExposed(window)
    assert page.report is not None
    save_screenshot(window, "reports-page")
    dialog = page.enter_feedback()
    qtbot.addWidget(dialog)
    save_screenshot(dialog, "feedback-entry")
    dialog.close()


def test_a_database_with_no_presented_session(qtbot, bundled_course, tmp_path) -> None:
    page = ReportsPage(AppContext(bundled_course, tmp_path / "empty.sqlite3"))
    qtbot.addWidget(page)
    assert page.session.count() == 0
    assert "Present a session" in page.summary.text()
    assert not page.pdf_button.isEnabled() and not page.packet_button.isEnabled()
