"""The Present action: F5 in the main window asks what to present, then opens the live windows."""

from __future__ import annotations

from live_helpers import activate, close_presentation
from PySide6.QtCore import Qt

from deflection_kit.decks import DeckOptions
from deflection_kit.ui.main_window import MainWindow
from deflection_kit.ui.pages import AppContext


def test_f5_opens_the_present_dialog_and_then_the_console(qtbot, bundled_course, tmp_path):
    from deflection_kit.ui.live.presenting import running

    window = MainWindow(AppContext(bundled_course, tmp_path / "kit.sqlite3"), pages=[])
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    activate(qtbot, window)
    menus = [action.text() for action in window.menuBar().actions()]
    assert "&Present" in menus
    qtbot.keyClick(window, Qt.Key.Key_F5)
    from deflection_kit.ui.live.present_dialog import PresentDialog

    qtbot.waitUntil(lambda: any(d.isVisible() for d in window.findChildren(PresentDialog)))
    dialog = next(d for d in window.findChildren(PresentDialog) if d.isVisible())
    assert dialog.session.currentText().startswith("Rehearsal")
    assert dialog.minutes.value() == 90
    dialog.form.select(dialog.form.recipe, "roll-call")
    dialog.minutes.setValue(10)
    dialog.present_button.click()
    qtbot.waitUntil(lambda: len(running(window)) == 1)
    shown = running(window)[0]
    assert shown.console.isVisible() and shown.audience.isVisible()
    assert shown.session.agenda.total_minutes == 10
    assert shown.session.agenda.deck.recipe == "roll-call"
    assert shown.session.deck_choice["recipe"] == "roll-call"
    assert shown.session.session_id == ""
    close_presentation(shown)
    qtbot.waitUntil(lambda: running(window) == [])


def test_a_bad_deck_option_says_why_and_opens_nothing(qtbot, bundled_course, tmp_path, monkeypatch):
    from deflection_kit.decks import DeckOptions
    from deflection_kit.ui.live import presenting
    from deflection_kit.ui.live.present_dialog import PresentChoice

    shown_warnings: list[str] = []
    monkeypatch.setattr(
        presenting.QMessageBox, "warning", lambda _parent, _title, text: shown_warnings.append(text)
    )
    window = MainWindow(AppContext(bundled_course, tmp_path / "kit.sqlite3"), pages=[])
    qtbot.addWidget(window)
    choice = PresentChoice("", "Rehearsal", DeckOptions(pathways=("no-such-pathway",)), 90)
    assert presenting.start(window, choice) is None
    assert "unknown pathway" in shown_warnings[0]
    assert presenting.running(window) == []


def test_ending_a_session_shows_its_report(qtbot, bundled_course, tmp_path):
    import datetime as dt

    from deflection_kit.storage import CourseFacts, SessionFields, Store
    from deflection_kit.ui.live.present_dialog import PresentChoice
    from deflection_kit.ui.live.presenting import start
    from deflection_kit.ui.reports import ReportsPage

    db = tmp_path / "kit.sqlite3"
    with Store.open(db) as store:
        session = store.sessions.create(
            SessionFields(title="Night shift training", date=dt.date(2026, 5, 6)),
            CourseFacts.from_info(bundled_course.info),
        )
    window = MainWindow(AppContext(bundled_course, db))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    shown = start(window, PresentChoice(session.id, session.title, DeckOptions(), 90))
    activate(qtbot, shown.console)
    for _ in range(3):
        qtbot.keyClick(shown.console.current_view, Qt.Key.Key_Right)
    qtbot.keyClick(shown.console.current_view, Qt.Key.Key_Escape)
    qtbot.waitUntil(
        lambda: shown.console._end_box is not None and shown.console._end_box.isVisible()
    )
    with qtbot.waitSignal(shown.console.finished):
        shown.console.end_button.click()
    page = window.page("reports")
    assert isinstance(page, ReportsPage)
    assert window.stack.currentWidget() is page
    qtbot.waitUntil(lambda: page.report is not None)
    assert page.report.session.id == session.id
    assert page.report.title == "Night shift training"
    assert page.session.currentData() == session.id
    # Four of the welcome module's fourteen slides were shown: partly delivered.
    assert page.report.parts[0].status == "partly" and page.report.parts[0].shown == 4
    assert "0 of 8 modules" in page.summary.text()
    close_presentation(shown)
