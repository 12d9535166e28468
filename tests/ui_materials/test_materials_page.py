"""The Materials page, driven through its widgets as a facilitator would."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QSpinBox,
    QTabWidget,
    QTimeEdit,
    QWidget,
)

from deflection_kit.materials.entry import session_questions
from deflection_kit.storage import CourseFacts, SessionFields, Store
from deflection_kit.ui.main_window import MainWindow
from deflection_kit.ui.materials import MaterialsPage
from deflection_kit.ui.pages import AppContext

INTERACTIVE = (
    QAbstractButton,
    QComboBox,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QSpinBox,
    QTimeEdit,
    QTabWidget,
)
BUILD_TIMEOUT_MS = 120_000


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "kit.sqlite3"


@pytest.fixture
def stored_session(db_path: Path, bundled_course):
    with Store.open(db_path) as store:
        return store.sessions.create(
            SessionFields(
                title="Evening class",
                date=dt.date(2025, 5, 6),
                start=dt.time(18, 0),
                minutes=100,
                audience="fire",
                pathways=("active-outreach",),
            ),
            CourseFacts.from_info(bundled_course.info),
        )


@pytest.fixture
def page(qtbot, bundled_course, db_path: Path) -> MaterialsPage:
    widget = MaterialsPage(AppContext(bundled_course, db_path))
    qtbot.addWidget(widget)
    widget.resize(1100, 900)
    widget.show()
    return widget


def test_build_everything_and_open_the_folder(qtbot, page: MaterialsPage, tmp_path) -> None:
    panel = page.build_panel
    out = tmp_path / "materials"
    panel.out.setText(str(out))
    qtbot.mouseClick(panel.none_button, Qt.MouseButton.LeftButton)
    panel.pathways.item(2).setCheckState(Qt.CheckState.Checked)
    with qtbot.waitSignal(panel.built, timeout=BUILD_TIMEOUT_MS) as done:
        qtbot.mouseClick(panel.build_button, Qt.MouseButton.LeftButton)
    assert done.args == [str(out)]
    assert len(list(out.iterdir())) == 9
    assert panel.result.text().startswith(f"Saved 9 files in {out}")
    qtbot.waitUntil(lambda: not panel.busy())
    assert panel.build_button.isEnabled()


def test_bad_resources_show_one_line_and_write_nothing(qtbot, page, tmp_path) -> None:
    bad = tmp_path / "local.csv"
    bad.write_text("name,service\nRiverside,Treatment\n,Peers\n", encoding="utf-8")
    panel = page.build_panel
    panel.out.setText(str(tmp_path / "out"))
    panel.resources.setText(str(bad))
    with qtbot.waitSignal(panel.build_failed, timeout=BUILD_TIMEOUT_MS) as failed:
        panel.build()
    assert failed.args == [f"{bad}:3: the name is empty"]
    assert panel.result.text() == f"Nothing written: {bad}:3: the name is empty"
    assert not (tmp_path / "out").exists()
    qtbot.waitUntil(lambda: not panel.busy())


def test_choosing_a_session_fills_its_choices(qtbot, page, stored_session) -> None:
    panel = page.build_panel
    qtbot.mouseClick(panel.refresh_button, Qt.MouseButton.LeftButton)
    panel.session.setCurrentIndex(1)
    assert panel.checked_pathways() == ("active-outreach",)
    assert panel.audience.currentData() == "fire"
    assert panel.start.time().toString("HH:mm") == "18:00"
    options = panel.options()
    assert options.session is not None and options.session.id == stored_session.id
    assert options.minutes == 100


def test_type_in_knowledge_checks_with_the_keyboard(
    qtbot, page, stored_session, db_path, bundled_course
) -> None:
    qtbot.keyClick(page.tabs, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    assert page.tabs.currentWidget() is page.entry_panel
    checks = page.entry_panel.checks
    questions = session_questions(bundled_course, stored_session)
    typed = "".join("T" if q.kind == "true-false" else "C" for q in questions)
    qtbot.keyClicks(checks.code, "rb07")
    qtbot.keyClick(checks.code, Qt.Key.Key_Return)
    assert checks.answers.hasFocus()
    qtbot.keyClicks(checks.answers, typed)
    qtbot.keyClick(checks.answers, Qt.Key.Key_Return)
    checks.after.setChecked(True)
    qtbot.keyClicks(checks.answers, "Z" * len(questions))
    qtbot.keyClick(checks.answers, Qt.Key.Key_Return)
    assert "answer 1 is 'Z'" in checks.reading.text()  # a slip is shown, not saved
    with Store.open(db_path) as store:
        sheets = store.check_sheets.list(stored_session.id)
    assert [(s.phase, s.code, len(s.answers)) for s in sheets] == [("pre", "rb07", len(questions))]
    assert checks.sheets.count() == 1
    assert checks.summary.text().startswith("Before: 1 sheet,")
    checks.sheets.setCurrentRow(0)
    qtbot.mouseClick(checks.delete_button, Qt.MouseButton.LeftButton)
    with Store.open(db_path) as store:
        assert store.check_sheets.list(stored_session.id) == []


def test_type_in_an_evaluation(qtbot, page, stored_session, db_path) -> None:
    page.tabs.setCurrentWidget(page.entry_panel)
    page.entry_panel.tabs.setCurrentIndex(1)
    form = page.entry_panel.evaluations
    form.ratings.setFocus()
    qtbot.waitUntil(form.ratings.hasFocus)
    qtbot.keyClicks(form.ratings, "55-4")
    assert form.reading.text().startswith("Next: 5.")
    qtbot.keyClick(form.ratings, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert "type - for a statement left blank" in form.reading.text()  # not saved half-typed
    qtbot.keyClicks(form.ratings, "-" * (len(form.statements) - 4))
    form.role.setCurrentIndex(form.role.findData("fire"))
    qtbot.keyClicks(form.comments["useful"], "The case studies")
    qtbot.keyClick(form.ratings, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    with Store.open(db_path) as store:
        forms = store.feedback.list(stored_session.id)
    assert len(forms) == 1
    assert forms[0].ratings == {"objectives": 5, "relevant": 5, "handoff": 4}
    assert forms[0].comments == {"useful": "The case studies", "role": "fire"}
    assert form.ratings.text() == "" and form.forms.count() == 1


def test_every_control_is_named_and_every_label_has_a_key(qtbot, page) -> None:
    unnamed = [
        f"{type(w).__name__} {getattr(w, 'text', lambda: '')()!r}"
        for w in page.findChildren(QWidget)
        if isinstance(w, INTERACTIVE)
        and not w.accessibleName()
        and type(w).__name__ not in ("QTabBar", "QToolButton")  # Qt's own parts of a widget
        and w.objectName() not in ("qt_spinbox_lineedit",)
    ]
    assert unnamed == []
    for tab in (page.build_panel, page.entry_panel.checks, page.entry_panel.evaluations):
        keys = []
        for widget in tab.findChildren(QWidget):
            if not isinstance(widget, (QLabel, QAbstractButton)):
                continue
            found = re.search(r"&(\w)", widget.text())
            if found:
                keys.append(found.group(1).lower())
                if isinstance(widget, QLabel):
                    assert widget.buddy() is not None, widget.text()
        assert len(keys) == len(set(keys)), (type(tab).__name__, sorted(keys))


def test_the_main_window_has_the_page(qtbot, bundled_course, db_path, save_screenshot) -> None:
    window = MainWindow(AppContext(bundled_course, db_path))
    qtbot.addWidget(window)
    window.resize(1280, 860)
    window.show()
    page = window.show_page("materials")
    assert isinstance(page, MaterialsPage)
    save_screenshot(window, "materials-page")
    page.tabs.setCurrentWidget(page.entry_panel)
    bar = page.tabs.tabBar()  # the bold current tab is laid out again before the grab
    qtbot.waitUntil(lambda: bar.tabRect(0).left() >= 0 and bar.tabRect(1).right() < bar.width())
    save_screenshot(window, "materials-entry")
