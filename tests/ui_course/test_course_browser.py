"""The Course page, driven offscreen the way a keyboard user drives it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from deflection_kit.content import Course, load_course
from deflection_kit.ui.course.browser import CourseBrowser
from deflection_kit.ui.course.models import KEY_ROLE
from deflection_kit.ui.main_window import MainWindow
from deflection_kit.ui.pages import AppContext


@pytest.fixture(params=["minimal", "bundled"])
def course(request: pytest.FixtureRequest, minimal_content: Path) -> Course:
    if request.param == "minimal":
        return load_course(minimal_content)
    return request.getfixturevalue("bundled_course")


@pytest.fixture
def window(qtbot, course: Course, tmp_path: Path) -> MainWindow:
    main = MainWindow(AppContext(course=course, db_path=tmp_path / "kit.sqlite3"))
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    return main


def _browser(window: MainWindow) -> CourseBrowser:
    page = window.show_page("course")
    assert isinstance(page, CourseBrowser)
    return page


def test_course_page_opens_first_and_shows_every_pathway(
    window: MainWindow, course: Course
) -> None:
    assert window.page_keys()[0] == "course"
    browser = _browser(window)
    model = browser.pathway_table.model()
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert len(headers) == len(course.pathways)
    for pathway, header in zip(course.pathways, headers, strict=True):
        assert header.startswith(pathway.name)
        assert header.endswith("(added later)") == pathway.added_later


def test_modules_tree_lists_modules_and_slides(window: MainWindow, course: Course) -> None:
    browser = _browser(window)
    model = browser.module_tree.model()
    assert model.rowCount() == len(course.modules)
    first = model.index(0, 0)
    assert first.data() == f"1. {course.modules[0].title}"
    slide_titles = [model.index(r, 0, first).data() for r in range(model.rowCount(first))]
    assert slide_titles[: len(course.modules[0].slides)] == [
        s.title for s in course.modules[0].slides
    ]


def test_selecting_a_slide_shows_its_notes(qtbot, window: MainWindow, course: Course) -> None:
    browser = _browser(window)
    slide = course.modules[0].slides[0]
    browser.show_item("slide", slide.id)
    text = browser.module_detail.toPlainText()
    assert slide.title in text
    assert "Speaker notes" in text
    assert slide.notes.split("\n\n")[0][:40] in " ".join(text.split())


def test_keyboard_moves_through_the_tree(qtbot, window: MainWindow, course: Course) -> None:
    browser = _browser(window)
    browser.module_tree.setFocus()
    browser.module_tree.setCurrentIndex(browser.module_tree.model().index(0, 0))
    qtbot.keyClick(browser.module_tree, Qt.Key.Key_Down)
    current = browser.module_tree.currentIndex().data(KEY_ROLE)
    assert current == ("slide", course.modules[0].slides[0].id)
    assert course.modules[0].slides[0].title in browser.module_detail.toPlainText()


def test_search_finds_across_the_course_and_opens_a_pathway(
    qtbot, window: MainWindow, course: Course
) -> None:
    browser = _browser(window)
    pathway = course.pathways[-1]
    browser.set_query(pathway.name)
    hits = [
        browser.results_model.index(r, 0).data(KEY_ROLE)
        for r in range(browser.results_model.rowCount())
    ]
    assert ("pathway", pathway.id) in hits
    row = hits.index(("pathway", pathway.id))
    browser.results.setCurrentIndex(browser.results_model.index(row, 0))
    qtbot.keyClick(browser.results, Qt.Key.Key_Return)
    assert browser.tabs.tabText(browser.tabs.currentIndex()) == "Pa&thways"
    assert pathway.name in browser.pathway_detail.toPlainText()


def test_search_for_nothing_shows_nothing(window: MainWindow) -> None:
    browser = _browser(window)
    browser.set_query("zzzqqqxxy")
    assert browser.results_model.rowCount() == 0
    assert browser.results_count.text().startswith("0 results")
    browser.set_query("")
    assert browser.stack.currentWidget() is browser.tabs


def test_every_tab_has_a_keyboard_mnemonic_and_controls_have_names(window: MainWindow) -> None:
    browser = _browser(window)
    for index in range(browser.tabs.count()):
        assert "&" in browser.tabs.tabText(index)
    for widget in (browser.search_box, browser.module_tree, browser.pathway_table, browser.results):
        assert widget.accessibleName()


def test_f1_lists_the_shortcuts(qtbot, window: MainWindow) -> None:
    from deflection_kit.ui.shortcuts_dialog import shortcut_rows

    rows = {name: keys for _where, name, keys in shortcut_rows(window)}
    assert rows["Course"] == "Ctrl+1"
    assert "F1" in rows["Keyboard shortcuts"]


def test_tour_screenshots(qtbot, bundled_course: Course, tmp_path: Path, save_screenshot) -> None:
    main = MainWindow(AppContext(course=bundled_course, db_path=tmp_path / "kit.sqlite3"))
    qtbot.addWidget(main)
    main.resize(1440, 900)
    main.show()
    qtbot.waitExposed(main)
    browser = _browser(main)
    slide = next(s for m in bundled_course.modules for s in m.slides if s.image is not None)
    browser.show_item("slide", slide.id)
    assert save_screenshot(main, "course-browser").stat().st_size > 10_000
    browser.show_item("pathway", bundled_course.pathways[0].id)
    assert save_screenshot(main, "course-pathways").stat().st_size > 10_000
    browser.set_query("warm handoff")
    assert browser.results_model.rowCount() > 0
    assert save_screenshot(main, "course-search").stat().st_size > 10_000
