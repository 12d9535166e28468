"""The Sessions page, driven through its widgets as a facilitator would."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit, QTableView

from deflection_kit.storage import Store
from deflection_kit.ui.sessions import SessionsPage
from deflection_kit.ui.sessions.session_dialog import SessionDialog
from deflection_kit.ui.sessions.walk_in_dialog import WalkInDialog

INTERACTIVE = (QAbstractButton, QComboBox, QLineEdit, QTableView)


def make_page(qtbot, app_context) -> SessionsPage:
    page = SessionsPage(app_context)
    qtbot.addWidget(page)
    page.resize(1280, 760)
    with qtbot.waitActive(page):  # shortcuts reach only the active window
        page.show()
        page.activateWindow()
    return page


def roster_names(page: SessionsPage) -> list[str]:
    return [page.filter.index(r, 0).data() for r in range(page.filter.rowCount())]


def test_an_empty_database_invites_a_new_session(qtbot, app_context) -> None:
    page = make_page(qtbot, app_context)
    assert "create one with New session" in page.heading.text()
    assert not page.check_in_button.isEnabled()
    dialog = SessionDialog(app_context.course, parent=page)
    dialog.title.setText("Harbor Fire roll call")
    dialog.location.setText("Station 9")
    dialog.facilitators.setText("Jo Park; Sam Lee")
    created = page.create_session(dialog)
    assert created is not None
    assert created.minutes == app_context.course.info.minutes  # the course's length by default
    assert created.facilitators == ("Jo Park", "Sam Lee")
    assert page.sessions_model.rowCount() == 1 and page.heading.text() == "Harbor Fire roll call"
    assert page.check_in_button.isEnabled()


def test_roster_search_as_you_type_and_check_in_with_the_keyboard(
    qtbot, app_context, seeded: str
) -> None:
    page = make_page(qtbot, app_context)
    assert page.heading.text() == "Metro Deflection Training"
    assert "<b>0</b> checked in of <b>5</b> expected" in page.counts.text()
    qtbot.keyClicks(page.search, "ana")
    assert sorted(roster_names(page)) == ["Ana Bell", "Ana María Ruiz-López"]
    qtbot.keyClicks(page.search, " lo")  # "ana lo": every word starts a word of the name
    assert roster_names(page) == ["Ana María Ruiz-López"]
    qtbot.keyClick(page.search, Qt.Key.Key_Return)  # Enter checks in the match
    assert page.search.text() == ""
    assert "Ana María Ruiz-López checked in at" in page.message.text()
    assert "<b>1</b> checked in of <b>5</b> expected" in page.counts.text()
    assert "1 here now" in page.counts.text()

    page.select_participant(page.controller.store.participants.search("bo li")[0].id)
    page.roster_view.setFocus()
    qtbot.keyClick(page.roster_view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert "Bo Li checked in" in page.message.text()
    qtbot.keyClick(
        page.roster_view,
        Qt.Key.Key_Return,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert "Bo Li checked out at" in page.message.text()
    assert "1 here now" in page.counts.text()


def test_buttons_check_in_and_out_and_repeat_changes_nothing(
    qtbot, app_context, seeded: str
) -> None:
    page = make_page(qtbot, app_context)
    person = page.controller.store.participants.search("cy")[0]
    page.select_participant(person.id)
    qtbot.mouseClick(page.check_in_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.check_in_button, Qt.MouseButton.LeftButton)
    assert "was already checked in" in page.message.text()
    qtbot.mouseClick(page.check_out_button, Qt.MouseButton.LeftButton)
    assert "Cy Okafor checked out" in page.message.text()
    with Store.open(app_context.db_path) as store:  # another connection sees it committed
        entry = next(e for e in store.attendance.roster(seeded) if e.participant.id == person.id)
        assert entry.attendance.check_in is not None and entry.attendance.check_out is not None


def test_walk_in(qtbot, app_context, seeded: str) -> None:
    page = make_page(qtbot, app_context)
    dialog = WalkInDialog(page)
    qtbot.keyClicks(dialog.name, "Dee Nakamura")
    qtbot.keyClicks(dialog.agency, "Peer Network")
    dialog.credential_type.setCurrentIndex(dialog.credential_type.findData("dpsst"))
    qtbot.keyClicks(dialog.credential, "55123")
    result = page.check_in_walk_in(dialog)
    assert result is not None and result.created_participant
    assert result.participant.credentials == {"dpsst": "55123"}
    assert "Dee Nakamura" in roster_names(page)
    # The walk-in counts in "checked in of ...": 1 of 6, not 1 of the 5 expected.
    assert "<b>1</b> checked in of <b>6</b> (5 expected + 1 walk-in)" in page.counts.text()
    row = page.sessions_model.row_of(page.current_session_id())
    assert page.sessions_model.index(row, 2).data() == "1/6"


def test_import_wizard_previews_and_changes_the_mapping(
    qtbot, app_context, seeded: str, tmp_path: Path
) -> None:
    page = make_page(qtbot, app_context)
    roster = tmp_path / "signups.csv"
    with open(roster, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Attendee", "Work e-mail", "Dept", "Badge"])
        writer.writerow(["Eve Adams", "eve@peer.example", "Peer Network", "B-1"])
        writer.writerow(["Femi Okoro", "femi@metro.example", "Metro PD", "B-2"])
    dialog = page.import_roster()
    assert dialog is not None
    qtbot.addWidget(dialog)
    dialog.load(str(roster))
    assert dialog.current_mapping().describe() == [
        "Attendee → Full name", "Work e-mail → Email", "Dept → Agency", "Badge (ignored)",
    ]  # fmt: skip
    assert dialog.import_button.isEnabled() and "2 people ready" in dialog.summary.text()
    dialog.set_field(1, "")  # ignore the email column: still fine
    dialog.set_field(0, "")  # no name column: problems, nothing can be imported
    assert not dialog.import_button.isEnabled()
    assert "no name column" in dialog.problems.item(0).text()
    dialog.set_field(0, "name")
    dialog.set_field(3, "credential:other")
    with qtbot.waitSignal(dialog.imported):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert "imported 2 rows: 2 new" in dialog.summary.text()
    assert {"Eve Adams", "Femi Okoro"} <= set(roster_names(page))
    eve = page.controller.store.participants.search("eve adams")[0]
    assert eve.email == "" and eve.credentials == {"other": "B-1"}
    assert "<b>0</b> checked in of <b>7</b> expected" in page.counts.text()


def test_import_wizard_lists_bad_rows_with_lines(
    qtbot, app_context, seeded: str, tmp_path: Path
) -> None:
    page = make_page(qtbot, app_context)
    roster = tmp_path / "bad.csv"
    roster.write_text("Name,Email\nEve Adams,not-an-email\nEve Adams,eve@x.org\n")
    dialog = page.import_roster()
    assert dialog is not None
    qtbot.addWidget(dialog)
    dialog.load(str(roster))
    problems = [dialog.problems.item(i).text() for i in range(dialog.problems.count())]
    assert problems == [f"{roster}:2: 'not-an-email' is not an email address"]
    assert not dialog.import_button.isEnabled()
    assert len(roster_names(page)) == 5


def test_export_dialog_writes_a_file_or_lists_missing_people(
    qtbot, app_context, seeded: str, tmp_path: Path
) -> None:
    page = make_page(qtbot, app_context)
    ana = page.controller.store.participants.search("ana ruiz")[0]
    start = dt.datetime.combine(dt.date.today(), dt.time(9, 0)).astimezone()
    page.controller.check_in(seeded, ana.id, start)
    page.controller.check_out(seeded, ana.id, start + dt.timedelta(minutes=90))
    dialog = page.export()
    assert dialog is not None
    qtbot.addWidget(dialog)
    target = tmp_path / "attendance.xlsx"
    dialog.choose("xlsx", "generic", str(target))
    with qtbot.waitSignal(dialog.exported):
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert target.is_file() and "Saved 5 rows" in dialog.outcome.text()
    ce = tmp_path / "ce.csv"
    dialog.choose("csv", "ce-roster", str(ce))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert not ce.exists()
    assert dialog.missing.isVisibleTo(dialog)
    assert dialog.missing.item(0).text().startswith("Ana María Ruiz-López (")


def test_every_control_has_an_accessible_name(qtbot, app_context, seeded: str) -> None:
    page = make_page(qtbot, app_context)
    unnamed = [
        type(w).__name__
        for kind in INTERACTIVE
        for w in page.findChildren(kind)
        if not w.accessibleName() and w.isVisibleTo(page)
    ]
    assert unnamed == []


def test_shortcuts_are_listed_for_the_help_dialog(qtbot, app_context, seeded: str) -> None:
    page = make_page(qtbot, app_context)
    keys = {a.text(): a.shortcut().toString() for a in page.actions()}
    assert keys["Check in the selected person"] == "Ctrl+Return"
    assert keys["Kiosk check-in"] == "Ctrl+Shift+K"


def test_sessions_page_in_the_main_window_screenshot(
    qtbot, app_context, seeded: str, save_screenshot
) -> None:
    from deflection_kit.storage import CourseFacts, SessionFields
    from deflection_kit.ui.main_window import MainWindow

    with Store.open(app_context.db_path) as store:
        for days, title in ((14, "County EMS in-service"), (35, "Harbor Fire roll call")):
            store.sessions.create(
                SessionFields(title, dt.date.today() - dt.timedelta(days=days), dt.time(13, 30)),
                CourseFacts.from_info(app_context.course.info),
            )
    window = MainWindow(app_context)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    page = window.show_page("sessions")
    assert isinstance(page, SessionsPage)
    page.select_session(seeded)
    people = page.controller.store.participants
    start = dt.datetime.combine(dt.date.today(), dt.time(9, 0)).astimezone()
    for offset, query in enumerate(("ana ruiz", "bo li", "王")):
        page.controller.check_in(
            seeded, people.search(query)[0].id, start + dt.timedelta(minutes=offset * 4)
        )
    page.controller.check_out(
        seeded, people.search("bo li")[0].id, start + dt.timedelta(minutes=88)
    )
    page.select_participant(people.search("cy")[0].id)
    assert save_screenshot(window, "sessions-page").stat().st_size > 10_000


def test_present_button_opens_the_present_dialog_on_this_session(qtbot, tmp_path) -> None:
    import datetime as dt

    from deflection_kit.content import load_course
    from deflection_kit.paths import content_dir
    from deflection_kit.storage import CourseFacts, SessionFields, Store
    from deflection_kit.ui.live.present_dialog import PresentDialog
    from deflection_kit.ui.main_window import MainWindow
    from deflection_kit.ui.pages import AppContext

    db = tmp_path / "kit.sqlite3"
    with Store.open(db) as store:
        session = store.sessions.create(
            SessionFields("Spring training", dt.date(2026, 4, 2), dt.time(9)),
            CourseFacts(title="First Responder Deflection", minutes=90, credit_hours=1.5),
        )
    window = MainWindow(AppContext(load_course(content_dir()), db))
    qtbot.addWidget(window)
    page = window.show_page("sessions")
    page.select_session(session.id)
    assert page.present_button.isEnabled()
    page.present_button.click()
    dialog = window.findChild(PresentDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.choice().session_id == session.id
    dialog.reject()
