"""The console's keys as a facilitator meets them: entry boxes keep their own keys, every key
the shortcut list names does what it says, and the clock can be started or set back to zero."""

from __future__ import annotations

from live_helpers import activate
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from deflection_kit.ui.shortcuts_dialog import ShortcutsDialog, shortcut_rows


def _go_to_check(qtbot, shown):
    slot = shown.session.agenda.checks[0]
    shown.controller.goto(slot.slide + 1)
    qtbot.waitUntil(lambda: shown.console.checks.isVisible())
    return slot


def test_up_and_down_in_a_count_box_change_the_count_not_the_slide(qtbot, presentation) -> None:
    shown = presentation
    slot = _go_to_check(qtbot, shown)
    spin = shown.console.checks.spins[0]
    spin.setFocus()
    qtbot.waitUntil(spin.hasFocus)
    up, down, page_up, page_down = (
        Qt.Key.Key_Up,
        Qt.Key.Key_Down,
        Qt.Key.Key_PageUp,
        Qt.Key.Key_PageDown,
    )
    for key in (up, up, page_up, page_down, down):
        qtbot.keyClick(QApplication.focusWidget(), key)
        assert shown.session.current == slot.slide
    assert spin.value() == 1
    # Esc leaves the box (saving the count); then the same keys turn slides again.
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert shown.session.results[slot.key][0] == 1
    assert not shown.console.typing()
    qtbot.keyClick(QApplication.focusWidget() or shown.console, Qt.Key.Key_Down)
    assert shown.session.current == slot.slide + 1


def test_typing_a_message_never_turns_slides_or_blanks(qtbot, presentation) -> None:
    shown = presentation
    box = shown.console.overlay.text
    box.setFocus()
    qtbot.waitUntil(box.hasFocus)
    qtbot.keyClicks(box, "Back in 5 min. Take a break, please!")
    for key in (Qt.Key.Key_Down, Qt.Key.Key_PageDown, Qt.Key.Key_Up):
        qtbot.keyClick(box, key)
    assert box.text() == "Back in 5 min. Take a break, please!"
    assert (shown.session.current, shown.session.blank) == (0, "none")
    assert shown.session.status == "ready"


def test_every_listed_console_key_reaches_its_action(qtbot, presentation) -> None:
    """Each key in the F1 list fires its action, and only its action (no two share a key)."""
    console = presentation.console
    fired: list[str] = []
    actions = [a for a in console.actions() if a.shortcuts()]
    for action in actions:
        name = action.text()
        action.triggered.disconnect()  # the key's route is under test here, not the slot
        action.triggered.connect(lambda _checked=False, name=name: fired.append(name))
    listed = {action: keys for _where, action, keys in shortcut_rows(console)}
    assert "Go to slide" in listed
    for action in actions:
        assert action.text() in listed, action.text()
        for sequence in action.shortcuts():
            fired.clear()
            console.current_view.setFocus()
            QTest.keySequence(console.current_view, sequence)
            assert fired == [action.text()], (sequence.toString(), fired)
    keys = [k.toString() for a in actions for k in a.shortcuts()]
    assert len(keys) == len(set(keys)), keys


def _open_list():
    return next(
        (
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, ShortcutsDialog) and w.isVisible()
        ),
        None,
    )


def test_f1_and_question_mark_list_the_keys(qtbot, presentation) -> None:
    console = presentation.console
    for key in (Qt.Key.Key_F1, Qt.Key.Key_Question):
        console.current_view.setFocus()
        qtbot.keyClick(console.current_view, key)
        qtbot.waitUntil(lambda: _open_list() is not None)
        dialog = _open_list()
        texts = [dialog.table.item(r, 1).text() for r in range(dialog.table.rowCount())]
        assert "Next slide" in texts and "Go to slide" in texts
        dialog.close()
        qtbot.waitUntil(lambda: _open_list() is None)
        activate(qtbot, console)


def test_start_the_clock_on_the_title_slide_then_set_it_back(qtbot, presentation, clock) -> None:
    shown = presentation
    button = shown.console.timers.start_button
    assert button.isVisible() and "Start" in button.text()
    button.click()
    assert shown.session.status == "running" and shown.session.current == 0
    clock.advance(minutes=4)
    shown.controller.tick()
    assert shown.console.timers.elapsed.text() == "4:00"
    assert "Restart" in button.text()
    box = shown.console.start_or_restart_clock()
    assert box is not None
    qtbot.waitUntil(box.isVisible)
    shown.console.restart_button.click()
    assert shown.session.elapsed() == 0
    assert shown.session.events[-1].kind == "clock-reset"
    qtbot.waitUntil(lambda: shown.console.timers.elapsed.text() == "0:00")


def test_alt_s_starts_the_clock(qtbot, presentation) -> None:
    shown = presentation
    QTest.keySequence(shown.console.current_view, QKeySequence("Alt+S"))
    qtbot.waitUntil(lambda: shown.session.status == "running")  # a mnemonic clicks animated


def test_alt_letters_on_the_console_are_all_different(qtbot, presentation) -> None:
    import re

    from PySide6.QtWidgets import QAbstractButton, QLabel

    shown = presentation
    _go_to_check(qtbot, shown)
    console = shown.console
    qtbot.waitUntil(lambda: console.checks.spins[0].isVisible())
    letters: list[str] = []
    for widget in [*console.findChildren(QLabel), *console.findChildren(QAbstractButton)]:
        if isinstance(widget, QLabel) and widget.buddy() is None:
            continue
        match = re.search(r"&([^&\s])", widget.text())
        if match and widget.isVisibleTo(console):
            letters.append(match.group(1).lower())
    assert "a" in letters and "r" in letters  # the answers counts, the clock
    assert len(letters) == len(set(letters)), sorted(letters)
