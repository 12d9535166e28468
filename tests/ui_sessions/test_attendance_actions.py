"""Attendance that says what happened: Enter only checks in, check-out is its own action, Ctrl+Z
undoes, closing says who falls short first, decisions are made from the page."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import QApplication
from test_sessions_page import make_page, roster_names

from deflection_kit.storage import Store
from deflection_kit.ui.sessions import SessionsPage
from deflection_kit.ui.sessions.session_dialog import SessionDialog


def today_at(hhmm: str) -> dt.datetime:
    """Return a local time today (the seeded session is today at 09:00 local)."""
    hour, minute = map(int, hhmm.split(":"))
    return dt.datetime.combine(dt.date.today(), dt.time(hour, minute)).astimezone()


def person_id(page: SessionsPage, name: str) -> str:
    return page.controller.store.participants.search(name)[0].id


def attendance(page: SessionsPage, name: str):  # type: ignore[no-untyped-def]
    assert page._session is not None
    return page.controller.store.attendance.get(page._session.id, person_id(page, name))


def test_enter_on_someone_here_only_says_so(qtbot, app_context, seeded: str) -> None:
    page = make_page(qtbot, app_context)
    qtbot.keyClicks(page.search, "ana lo")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert attendance(page, "ana ruiz").checked_in and page.search.text() == ""
    qtbot.keyClicks(page.search, "ana lo")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)  # again, on someone who is here
    assert attendance(page, "ana ruiz").checked_in  # not checked out
    assert "Ana María Ruiz-López is already here (since" in page.message.text()
    assert "Check out (Ctrl+Shift+Enter)" in page.message.text()
    assert page.search.text() == "ana lo"  # nothing happened, so nothing was cleared


def test_enter_in_an_empty_search_does_nothing(qtbot, app_context, seeded: str) -> None:
    page = make_page(qtbot, app_context)
    page.focus_search()
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert "<b>0</b> checked in" in page.counts.text()
    assert page.message.text() == ""
    qtbot.keyClicks(page.search, "zzz")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert "No one on the roster matches “zzz”" in page.message.text()
    assert "<b>0</b> checked in" in page.counts.text()


def test_down_moves_into_the_list_and_enter_there_checks_in(
    qtbot, app_context, seeded: str
) -> None:
    page = make_page(qtbot, app_context)
    qtbot.keyClicks(page.search, "ana")
    assert sorted(roster_names(page)) == ["Ana Bell", "Ana María Ruiz-López"]
    qtbot.keyClick(page.search, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is page.roster_view
    assert page.roster_view.currentIndex().row() == 0
    qtbot.keyClick(page.roster_view, Qt.Key.Key_Down)
    second = page.filter.index(1, 0).data()
    assert page.selected_participant() == person_id(page, second)
    qtbot.keyClick(page.roster_view, Qt.Key.Key_Return)
    assert f"{second} checked in at" in page.message.text()
    qtbot.keyClick(page.roster_view, Qt.Key.Key_Return)  # Enter on them again: only says so
    assert "is already here" in page.message.text()
    assert attendance(page, second).checked_in


def test_a_double_click_never_checks_out(qtbot, app_context, seeded: str) -> None:
    page = make_page(qtbot, app_context)
    page.select_participant(person_id(page, "bo li"))
    page.check_in_selected()
    where = page.roster_view.visualRect(page.roster_view.currentIndex()).center()
    # A double-click: press and release, then Qt's double-click event.
    qtbot.mouseClick(page.roster_view.viewport(), Qt.MouseButton.LeftButton, pos=where)
    qtbot.mouseDClick(page.roster_view.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert attendance(page, "bo li").checked_in
    assert "Bo Li is already here" in page.message.text()


def test_check_out_is_its_own_named_keyboard_action(qtbot, app_context, seeded: str) -> None:
    page = make_page(qtbot, app_context)
    button = page.check_out_button
    assert button.accessibleName() == "Check out the selected person"
    assert button.focusPolicy() & Qt.FocusPolicy.TabFocus  # reachable with Tab
    keys = {a.text(): a.shortcut().toString() for a in page.actions()}
    assert keys["Check out the selected person"] == "Ctrl+Shift+Return"
    assert keys["Undo the last check-in or check-out"] == "Ctrl+Z"
    page.select_participant(person_id(page, "cy okafor"))
    page.check_in_selected()
    page.roster_view.setFocus()
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Space)
    assert "Cy Okafor checked out at" in page.message.text()


def test_ctrl_z_undoes_the_last_check_in_even_from_the_search(
    qtbot, app_context, seeded: str
) -> None:
    page = make_page(qtbot, app_context)
    qtbot.keyClicks(page.search, "bo")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)  # Bo checked in; the box is empty
    assert "<b>1</b> checked in" in page.counts.text()
    qtbot.keyClick(page.search, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert page.message.text().startswith("Undid Bo Li's check-in")
    assert "<b>0</b> checked in" in page.counts.text()
    assert page.search.text() == ""  # the key went to the undo, not to the text
    with Store.open(app_context.db_path) as store:  # recorded, not deleted
        kinds = [e.kind for e in store.events(seeded)]
    assert kinds[-2:] == ["checkin", "attendance.undo"]
    qtbot.keyClick(page.search, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert page.message.text().startswith("Nothing to undo")


def test_the_undo_button_takes_back_a_check_out(qtbot, app_context, seeded: str) -> None:
    page = make_page(qtbot, app_context)
    page.select_participant(person_id(page, "cy okafor"))
    page.check_in_selected()
    page.check_out_selected()
    qtbot.mouseClick(page.undo_button, Qt.MouseButton.LeftButton)
    assert page.message.text().startswith("Undid Cy Okafor's check-out")
    assert attendance(page, "cy okafor").checked_in
    assert "1 here now" in page.counts.text()


def present(page: SessionsPage, start: str, end: str) -> None:
    """Record presenting the session from ``start`` to ``end`` today, as the console does."""
    assert page._session is not None
    events = [
        {"kind": kind, "at": today_at(hhmm).timestamp(), "seq": seq, "elapsed": 0.0, "data": {}}
        for seq, (kind, hhmm) in enumerate((("started", start), ("ended", end)))
    ]
    page.controller.store.live.save(page._session.id, {"status": "ended"}, events)


def test_closing_says_who_will_not_complete_before_it_acts(qtbot, app_context, seeded: str) -> None:
    page = make_page(qtbot, app_context)
    sid = page.current_session_id()
    page.controller.check_in(sid, person_id(page, "ana ruiz"), today_at("08:58"))
    page.controller.check_in(sid, person_id(page, "bo li"), today_at("09:40"))
    present(page, "09:00", "10:45")  # ran 15 minutes over
    dialog = page.close_session()
    assert dialog is not None
    qtbot.addWidget(dialog)
    assert "check out the 2 people still here at 10:45, when presenting ended" in (
        dialog.question.text()
    )
    assert "1 person will complete. 1 person will not" in dialog.summary.text()
    assert [dialog.short.item(i).text() for i in range(dialog.short.count())] == [
        "Bo Li: 50 of the 81 minutes needed; arrived at 09:40, 40 min after the start"
    ]
    assert dialog.hint.isVisibleTo(dialog) and "Presenting ran 09:00–10:45" in dialog.hint.text()
    assert attendance(page, "bo li").checked_in  # nothing done yet
    assert not dialog.close_button.isDefault()  # shortfalls to read: Enter does not close
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert "Session closed; 2 people checked out at 10:45 (when presenting ended)" in (
        page.message.text()
    )
    ana = attendance(page, "ana ruiz")
    assert ana.check_out == today_at("10:45") and ana.completed
    assert page.controller.session(sid).status == "closed"


def test_cancelling_the_close_changes_nothing(qtbot, app_context, seeded: str) -> None:
    page = make_page(qtbot, app_context)
    page.controller.check_in(page.current_session_id(), person_id(page, "bo li"), today_at("09:00"))
    present(page, "09:00", "10:30")
    dialog = page.close_session()
    assert dialog is not None and dialog.short.count() == 0
    assert "All 1 person who came will complete." in dialog.summary.text()
    dialog.reject()
    assert attendance(page, "bo li").checked_in
    assert page.controller.session(page.current_session_id()).status == "planned"


def test_a_completion_decision_is_made_from_the_page(qtbot, app_context, seeded: str) -> None:
    page = make_page(qtbot, app_context)
    sid = page.current_session_id()
    bo = person_id(page, "bo li")
    page.controller.check_in(sid, bo, today_at("09:00"))
    page.controller.check_out(sid, bo, today_at("09:30"))
    page.select_participant(bo)
    dialog = page.decide_completion()
    assert dialog is not None
    qtbot.addWidget(dialog)
    assert "30 of the 81 minutes needed" in dialog.standing.text()
    assert dialog.by.text() == "Jo Park"  # the session's facilitator, to start with
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "Say who decides and why" in dialog.message.text()  # no reason: stays open
    assert attendance(page, "bo li").override is None
    qtbot.keyClicks(dialog.reason, "called to a scene; made up the module")
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert page.message.text() == "Recorded: Bo Li completed (decided by Jo Park)."
    decided = attendance(page, "bo li")
    assert decided.completed and decided.override.reason == "called to a scene; made up the module"
    row = roster_names(page).index("Bo Li")
    assert page.filter.index(row, 7).data() == "yes (decided)"
    # Removing it lets the minutes decide again.
    dialog = page.decide_completion()
    assert dialog is not None
    qtbot.addWidget(dialog)
    assert dialog.remove.isEnabled()
    dialog.remove.setChecked(True)
    dialog.save()
    assert not attendance(page, "bo li").completed


def test_editing_the_start_recomputes_credited_minutes(qtbot, app_context, seeded: str) -> None:
    page = make_page(qtbot, app_context)
    sid = page.current_session_id()
    bo = person_id(page, "bo li")
    page.controller.check_in(sid, bo, today_at("09:30"))
    page.controller.check_out(sid, bo, today_at("11:00"))
    assert attendance(page, "bo li").credited_minutes == 60
    session = page.controller.session(sid)
    dialog = SessionDialog(app_context.course, session, parent=page)
    qtbot.addWidget(dialog)
    dialog.start.setTime(QTime(9, 30))  # it really started at 09:30
    assert dialog.end.time() == QTime(11, 0)  # the end follows the start
    page.save_session(dialog)
    assert "Credited minutes recomputed for 1 person (now completing: Bo Li)" in (
        page.message.text()
    )
    row = roster_names(page).index("Bo Li")
    assert page.filter.index(row, 6).data() == "90"


def test_editing_the_end_changes_the_length(qtbot, app_context, seeded: str) -> None:
    page = make_page(qtbot, app_context)
    dialog = SessionDialog(app_context.course, page.controller.session(page.current_session_id()))
    qtbot.addWidget(dialog)
    assert (dialog.start.time(), dialog.end.time()) == (QTime(9, 0), QTime(10, 30))
    dialog.end.setTime(QTime(10, 0))
    assert dialog.minutes.value() == 60
    assert dialog.fields().minutes == 60


def test_a_new_session_is_worth_no_more_hours_than_it_lasts(qtbot, app_context) -> None:
    dialog = SessionDialog(app_context.course)
    qtbot.addWidget(dialog)
    course_hours = app_context.course.info.credit_hours
    assert dialog.hours.value() == course_hours
    dialog.minutes.setValue(10)
    assert dialog.hours.value() == 0.16  # not the course's hours for a 10-minute session
    dialog.minutes.setValue(45)
    assert dialog.hours.value() == 0.75
    dialog.hours.setValue(0.5)  # chosen by hand: kept
    dialog.minutes.setValue(60)
    assert dialog.hours.value() == 0.5


def test_enter_in_the_close_dialog_with_shortfalls_cancels(qtbot, app_context, seeded: str) -> None:
    page = make_page(qtbot, app_context)
    sid = page.current_session_id()
    page.controller.check_in(sid, person_id(page, "bo li"), today_at("10:00"))
    present(page, "09:00", "10:30")
    dialog = page.close_session()
    assert dialog is not None and dialog.short.count() == 1
    qtbot.addWidget(dialog)
    dialog.close_button.setFocus()  # even with the close button focused
    with qtbot.waitSignal(dialog.rejected):
        qtbot.keyClick(dialog.close_button, Qt.Key.Key_Return)
    assert attendance(page, "bo li").checked_in
