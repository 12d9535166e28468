"""Every key the F1 list names works where it says, and no two shortcuts share a key there."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QShortcut
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QGroupBox,
    QLabel,
    QStackedWidget,
    QTabWidget,
    QWidget,
)
from shiboken6 import getCppPointer

from deflection_kit.storage import CourseFacts, SessionFields, Store
from deflection_kit.ui.main_window import MainWindow
from deflection_kit.ui.pages import AppContext
from deflection_kit.ui.shortcuts_dialog import EVERYWHERE, ShortcutsDialog, shortcut_rows


@pytest.fixture
def window(qtbot, bundled_course, tmp_path: Path) -> MainWindow:
    db = tmp_path / "kit.sqlite3"
    with Store.open(db) as store:  # a session, so the pages' session tools are enabled
        store.sessions.create(
            SessionFields(title="Spring training", date=dt.date.today()),
            CourseFacts.from_info(bundled_course.info),
        )
    main = MainWindow(AppContext(course=bundled_course, db_path=db))
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    main.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main)
    return main


def _page_of(window: MainWindow, owner: QObject | None) -> str | None:
    while owner is not None and owner is not window:
        if owner.objectName().startswith("page-"):
            return owner.objectName()[5:]
        owner = owner.parent()
    return None


def _reveal(window: MainWindow, widget: QWidget) -> None:
    """Show the page and the tabs ``widget`` sits in."""
    page = _page_of(window, widget)
    if page is not None:
        window.show_page(page)
    chain: list[QWidget] = []
    current: QWidget | None = widget
    while current is not None and current is not window:
        chain.append(current)
        current = current.parentWidget()
    for child in reversed(chain):
        stack = child.parentWidget()
        if isinstance(stack, QStackedWidget) and isinstance(stack.parentWidget(), QTabWidget):
            stack.parentWidget().setCurrentWidget(child)


def _focus_target(window: MainWindow, shortcut: QObject) -> QWidget:
    """Return where the keyboard focus must be for ``shortcut`` to answer."""
    owner = shortcut.parent()
    assert isinstance(owner, QWidget)
    context = shortcut.shortcutContext() if isinstance(shortcut, QAction) else shortcut.context()
    if owner is window:
        return window.nav
    if context == Qt.ShortcutContext.WidgetShortcut:
        return owner
    for child in owner.findChildren(QWidget):
        typing = child.inherits("QLineEdit") or child.inherits("QAbstractSpinBox")
        focusable = bool(child.focusPolicy() & Qt.FocusPolicy.TabFocus)
        if child.isVisible() and child.isEnabled() and focusable and not typing:
            return child
    return owner


def _has_focus(widget: QWidget) -> bool:
    focus = QApplication.focusWidget()
    return focus is not None and (focus is widget or widget.isAncestorOf(focus))


def test_every_listed_shortcut_fires_its_own_action_on_its_page(qtbot, window) -> None:
    dialog = window.show_shortcuts()  # builds every page, so every page's keys are listed
    rows = shortcut_rows(window)
    dialog.close()
    wheres = list(dict.fromkeys(where for where, _, _ in rows))
    assert wheres == [EVERYWHERE, "Course page", "Sessions page", "Materials page", "Settings page"]
    listed = {(where, name) for where, name, _ in rows}

    fired: list[str] = []
    objects: list[tuple[QObject, str]] = []
    for action in window.findChildren(QAction):
        name = action.text().replace("&", "")
        if action.shortcuts() and name:
            action.triggered.disconnect()  # the route of the key is under test, not the slot
            action.triggered.connect(lambda _c=False, n=name: fired.append(n))
            objects.append((action, name))
    for shortcut in window.findChildren(QShortcut):
        name = shortcut.whatsThis()
        assert name, f"a shortcut with no description in the F1 list: {shortcut.keys()}"
        shortcut.activated.disconnect()
        shortcut.activated.connect(lambda n=name: fired.append(n))
        objects.append((shortcut, name))

    for shortcut, name in objects:
        page = _page_of(window, shortcut)
        titles = dict(window.property("pageTitles"))
        where = f"{titles[page]} page" if page else EVERYWHERE
        assert (where, name) in listed, (where, name)
        owner = shortcut.parent()
        assert isinstance(owner, QWidget)
        _reveal(window, owner)
        keys = shortcut.shortcuts() if isinstance(shortcut, QAction) else shortcut.keys()
        for sequence in keys:
            if sequence[0].key().value >= Qt.Key.Key_Back.value:
                continue  # a media keyboard's Find or Save key, not listed
            target = _focus_target(window, shortcut)
            target.setFocus()
            qtbot.waitUntil(lambda t=target: _has_focus(t))
            fired.clear()
            QTest.keySequence(target, sequence)
            assert fired == [name], (where, sequence.toString(), fired)


def test_f1_and_question_mark_open_the_list(qtbot, window) -> None:
    for key in (Qt.Key.Key_F1, Qt.Key.Key_Question):
        window.nav.setFocus()
        qtbot.keyClick(window.nav, key)
        qtbot.waitUntil(
            lambda: any(
                isinstance(w, ShortcutsDialog) and w.isVisible()
                for w in QApplication.topLevelWidgets()
            )
        )
        dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, ShortcutsDialog))
        table = dialog.table
        names = [table.item(r, 1).text() for r in range(table.rowCount())]
        assert "Course" in names and "New session" in names and "Save settings" in names
        dialog.close()
        qtbot.waitUntil(lambda d=dialog: not d.isVisible())


def test_typing_a_question_mark_in_a_search_box_types_it(qtbot, window) -> None:
    browser = window.show_page("course")
    browser.search_box.setFocus()
    qtbot.waitUntil(browser.search_box.hasFocus)
    qtbot.keyClick(browser.search_box, Qt.Key.Key_Question)
    assert browser.search_box.text() == "?"
    assert not any(isinstance(w, ShortcutsDialog) for w in QApplication.topLevelWidgets())


def _mnemonic(text: str) -> str | None:
    match = re.search(r"&([^&\s])", text.replace("&&", ""))
    return match.group(1).lower() if match else None


def _tab_path(widget: QWidget, page: QWidget) -> dict[int, int]:
    """Return, for each tab stack above ``widget`` in ``page``, which of its tabs holds it."""
    path: dict[int, int] = {}
    child, parent = widget, widget.parentWidget()
    while parent is not None and child is not page:
        if isinstance(parent, QStackedWidget) and isinstance(parent.parentWidget(), QTabWidget):
            path[getCppPointer(parent)[0]] = parent.indexOf(child)  # id() of a wrapper varies
        child, parent = parent, parent.parentWidget()
    return path


def _together(a: dict[int, int], b: dict[int, int]) -> bool:
    """Return True if two widgets can be on screen at once (no tab holds one and not the other)."""
    return all(a[stack] == b[stack] for stack in a.keys() & b.keys())


def test_no_two_alt_letters_collide_on_any_page(window) -> None:
    """Alt + an underlined letter must reach one control: with two, Qt cycles between them (the
    first press focuses a field, the second opens a menu), which nobody expects."""
    menus = {_mnemonic(a.text()): a.text() for a in window.menuBar().actions()}
    clashes: list[str] = []
    for key in window.page_keys():
        page = window.page(key)
        owners: list[tuple[str, str, dict[int, int]]] = []
        for label in page.findChildren(QLabel):
            if label.buddy() is not None and (letter := _mnemonic(label.text())):
                owners.append((letter, label.text(), _tab_path(label, page)))
        for button in page.findChildren(QAbstractButton):
            if letter := _mnemonic(button.text()):
                owners.append((letter, button.text(), _tab_path(button, page)))
        for group in page.findChildren(QGroupBox):
            if letter := _mnemonic(group.title()):
                owners.append((letter, group.title(), _tab_path(group, page)))
        for tabs in page.findChildren(QTabWidget):
            for index in range(tabs.count()):
                if letter := _mnemonic(tabs.tabText(index)):
                    owners.append((letter, tabs.tabText(index), _tab_path(tabs, page)))
        for number, (letter, text, where) in enumerate(owners):
            if letter in menus:
                clashes.append(f"{key}: Alt+{letter.upper()} {text!r} and menu {menus[letter]!r}")
            for other, other_text, other_where in owners[number + 1 :]:
                if other == letter and _together(where, other_where):
                    clashes.append(f"{key}: Alt+{letter.upper()} {text!r} and {other_text!r}")
    assert clashes == [], "\n".join(clashes)
