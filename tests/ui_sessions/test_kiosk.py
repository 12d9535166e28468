"""Kiosk check-in: people find only their own name, check in or out; only the PIN leaves."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton

from deflection_kit.storage import Store
from deflection_kit.ui.sessions import KioskWindow
from deflection_kit.ui.sessions.controller import SessionsController
from deflection_kit.ui.sessions.kiosk_state import KioskLock, valid_pin


def make_kiosk(qtbot, app_context, session_id: str, pin: str = "2468") -> KioskWindow:
    controller = SessionsController(app_context.db_path, app_context.course)
    kiosk = KioskWindow(controller, session_id, pin)
    qtbot.addWidget(kiosk)
    kiosk.resize(1280, 800)
    kiosk.show()
    return kiosk


def all_text(kiosk: KioskWindow) -> str:
    """Return every piece of text a person at the kiosk can see."""
    parts = [w.text() for w in kiosk.findChildren(QLabel) if w.isVisible()]
    parts += [w.text() for w in kiosk.findChildren(QPushButton) if w.isVisible()]
    return "\n".join(parts)


def test_names_appear_only_after_three_letters_and_never_with_details(
    qtbot, app_context, seeded: str
) -> None:
    kiosk = make_kiosk(qtbot, app_context, seeded)
    qtbot.keyClicks(kiosk.search, "an")
    assert kiosk.visible_names() == []
    qtbot.keyClicks(kiosk.search, "a")
    assert sorted(kiosk.visible_names()) == ["Ana Bell", "Ana María Ruiz-López"]
    text = all_text(kiosk)
    assert "@" not in text and "Metro PD" not in text and "Bo Li" not in text
    kiosk.search.clear()
    qtbot.keyClicks(kiosk.search, "zzz")
    assert kiosk.visible_names() == [] and "No match" in kiosk.hint.text()


def test_check_in_then_out_at_the_kiosk(qtbot, app_context, seeded: str) -> None:
    kiosk = make_kiosk(qtbot, app_context, seeded)
    qtbot.keyClicks(kiosk.search, "ruiz")
    assert kiosk.visible_names() == ["Ana María Ruiz-López"]
    qtbot.mouseClick(kiosk.match_buttons[0], Qt.MouseButton.LeftButton)
    assert kiosk.screens.currentWidget() is kiosk.confirm_screen
    assert kiosk.action_button.text() == "That's me"  # nothing about the person yet
    qtbot.mouseClick(kiosk.action_button, Qt.MouseButton.LeftButton)
    assert kiosk.action_button.text() == "Check in"
    assert kiosk.question.text() == "You are not checked in yet."
    with qtbot.waitSignal(kiosk.done) as done:
        qtbot.mouseClick(kiosk.action_button, Qt.MouseButton.LeftButton)
    assert done.args[0] == "in"
    assert kiosk.done_message.text() == "Welcome, Ana!"
    assert kiosk.search.text() == ""  # the next person sees nothing of this one
    kiosk.done_timer.setInterval(10)  # don't wait the real five seconds
    kiosk.done_timer.start()
    qtbot.waitUntil(lambda: kiosk.screens.currentWidget() is kiosk.search_screen)
    with Store.open(app_context.db_path) as store:
        here = [
            e.participant.name for e in store.attendance.roster(seeded) if e.attendance.checked_in
        ]
    assert here == ["Ana María Ruiz-López"]

    qtbot.keyClicks(kiosk.search, "ana ru")
    kiosk.choose(0)
    assert "checked in" not in all_text(kiosk) and "Check out" not in all_text(kiosk)
    kiosk.act()  # "That's me"
    assert kiosk.action_button.text() == "Check out"
    with qtbot.waitSignal(kiosk.done) as done:
        kiosk.act()
    assert done.args[0] == "out" and kiosk.done_message.text() == "Thank you, Ana!"


def test_a_walk_in_signs_in_at_the_kiosk(qtbot, app_context, seeded: str) -> None:
    kiosk = make_kiosk(qtbot, app_context, seeded)
    qtbot.keyClicks(kiosk.search, "Dee Nakamura")
    qtbot.mouseClick(kiosk.walk_in_button, Qt.MouseButton.LeftButton)
    assert kiosk.walk_name.text() == "Dee Nakamura"
    qtbot.keyClicks(kiosk.walk_agency, "Peer Network")
    kiosk.walk_email.setText("not an email")
    kiosk.submit_walk_in()
    assert "not an email address" in kiosk.walk_message.text()
    kiosk.walk_email.setText("dee@peer.example")
    with qtbot.waitSignal(kiosk.done):
        kiosk.submit_walk_in()
    with Store.open(app_context.db_path) as store:
        dee = store.participants.search("dee")[0]
        assert (dee.agency, dee.email) == ("Peer Network", "dee@peer.example")


def test_idle_screen_clears_itself(qtbot, app_context, seeded: str) -> None:
    kiosk = make_kiosk(qtbot, app_context, seeded)
    kiosk.idle.setInterval(10)
    qtbot.keyClicks(kiosk.search, "ruiz")
    kiosk.choose(0)
    qtbot.waitUntil(lambda: kiosk.screens.currentWidget() is kiosk.search_screen)
    assert kiosk.search.text() == "" and kiosk.visible_names() == []


def test_only_the_pin_leaves_kiosk_mode(qtbot, app_context, seeded: str) -> None:
    kiosk = make_kiosk(qtbot, app_context, seeded, pin="2468")
    kiosk.close()  # Alt+F4 or the window manager's close button
    assert kiosk.isVisible() and kiosk.screens.currentWidget() is kiosk.leave_screen
    qtbot.keyClick(kiosk, Qt.Key.Key_Escape)
    assert kiosk.screens.currentWidget() is kiosk.search_screen
    qtbot.keyClick(kiosk, Qt.Key.Key_Escape)
    assert kiosk.screens.currentWidget() is kiosk.leave_screen
    qtbot.keyClicks(kiosk.pin, "1111")
    qtbot.keyClick(kiosk.pin, Qt.Key.Key_Return)
    assert kiosk.isVisible() and "not right" in kiosk.leave_message.text()
    with qtbot.waitSignal(kiosk.left):
        qtbot.keyClicks(kiosk.pin, "2468")
        qtbot.keyClick(kiosk.pin, Qt.Key.Key_Return)
    assert not kiosk.isVisible()


def test_without_a_pin_leaving_needs_a_confirmation(qtbot, app_context, seeded: str) -> None:
    kiosk = make_kiosk(qtbot, app_context, seeded, pin="")
    kiosk.request_leave()
    assert not kiosk.pin.isVisible() and "leave kiosk mode" in kiosk.leave_prompt.text()
    with qtbot.waitSignal(kiosk.left):
        kiosk.try_leave()


def test_pins_and_locks() -> None:
    assert valid_pin("") and valid_pin("1234") and valid_pin(" 12345678 ")
    assert not valid_pin("12") and not valid_pin("abcd") and not valid_pin("123456789")
    lock = KioskLock("2468")
    assert lock.has_pin and lock.opens_with("2468") and not lock.opens_with("2469")


def test_page_starts_the_kiosk(qtbot, app_context, seeded: str) -> None:
    from deflection_kit.ui.sessions import SessionsPage

    page = SessionsPage(app_context)
    qtbot.addWidget(page)
    kiosk = page.start_kiosk("1357")
    assert kiosk is not None
    qtbot.addWidget(kiosk)
    qtbot.keyClicks(kiosk.search, "okafor")
    kiosk.choose(0)
    kiosk.act()  # "That's me"
    kiosk.act()  # check in
    assert "<b>1</b> checked in of <b>5</b> expected" in page.counts.text()  # live update


def test_kiosk_screenshot(qtbot, app_context, seeded: str, save_screenshot) -> None:
    kiosk = make_kiosk(qtbot, app_context, seeded)
    qtbot.keyClicks(kiosk.search, "ana")
    assert save_screenshot(kiosk, "kiosk-check-in").stat().st_size > 10_000
