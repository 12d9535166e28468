"""The Decks page, driven through its widgets as a department trainer would."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QProgressBar,
)

from deflection_kit.ui.decks import DecksPage
from deflection_kit.ui.decks.slide_model import SlideRole

INTERACTIVE = (QAbstractButton, QComboBox, QLineEdit, QListView, QListWidget, QProgressBar)


class _UrlRecorder(QObject):
    """Receives the URLs the page asks the desktop to open (Qt's own URL-handler hook)."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url)


@pytest.fixture
def opened_urls():
    recorder = _UrlRecorder()
    QDesktopServices.setUrlHandler("file", recorder, "open")
    yield recorder.urls
    QDesktopServices.unsetUrlHandler("file")


@pytest.fixture
def page(qtbot, app_context) -> DecksPage:
    widget = DecksPage(app_context)
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    return widget


def _uncheck(page: DecksPage, pathway_id: str) -> None:
    for row in range(page.form.pathways.count()):
        item = page.form.pathways.item(row)
        if item.data(Qt.ItemDataRole.UserRole) == pathway_id:
            item.setCheckState(Qt.CheckState.Unchecked)


def _inside_combo(widget: QObject) -> bool:
    parent = widget.parent()
    while parent is not None:
        if isinstance(parent, QComboBox):
            return True  # a combo box's own popup list
        parent = parent.parent()
    return False


def test_every_control_has_an_accessible_name(page: DecksPage) -> None:
    controls = [
        w for w in page.findChildren(QObject) if isinstance(w, INTERACTIVE) and not _inside_combo(w)
    ]
    assert len(controls) >= 15
    unnamed = [type(w).__name__ + ":" + w.objectName() for w in controls if not w.accessibleName()]
    assert unnamed == []


def test_every_field_has_a_labelled_keyboard_shortcut(page: DecksPage) -> None:
    labels = [label for label in page.findChildren(QLabel) if label.buddy() is not None]
    mnemonics = [label.text() for label in labels]
    assert all("&" in text for text in mnemonics), mnemonics
    mnemonics += [b.text() for b in page.findChildren(QAbstractButton) if "&" in b.text()]
    keys = [text[text.index("&") + 1].lower() for text in mnemonics]
    assert len(keys) == len(set(keys)), sorted(keys)  # no two controls share an Alt key
    buddies = {label.buddy() for label in labels}
    form = page.form
    for field in (form.recipe, form.pathways, form.audience, form.theme, form.agency, form.logo,
                  form.logo_alt, form.accent, form.resources, page.out):  # fmt: skip
        assert field in buddies
        assert field.focusPolicy() & Qt.FocusPolicy.TabFocus


def test_the_preview_shows_the_deck_and_paints_lazily(qtbot, page: DecksPage) -> None:
    page.show()
    qtbot.waitExposed(page)
    model = page.model
    deck = page.deck()
    assert deck is not None and model.rowCount() == len(deck.slides) > 30
    assert model.data(model.index(0, 0)) == f"1. {deck.slides[0].title}"
    assert model.data(model.index(0, 0), SlideRole) is deck.slides[0]
    tip = model.data(model.index(1, 0), Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith(f"Slide 2 of {len(deck.slides)}: ")
    qtbot.waitUntil(lambda: model.painted > 0)
    assert model.painted < model.rowCount()  # only what the view showed was painted
    assert "slides · 4 pathways · theme default" in page.summary.text()


def test_unchecking_a_pathway_updates_the_preview(qtbot, page: DecksPage) -> None:
    with qtbot.waitSignal(page.preview_ready, timeout=5000):
        _uncheck(page, "naloxone-plus")
    deck = page.deck()
    assert deck is not None
    assert "naloxone-plus" not in deck.pathways
    assert not any("Naloxone Plus" in title for title in deck.titles())
    assert page.model.rowCount() == len(deck.slides)


def test_audience_and_theme_choices_reach_the_deck(qtbot, page: DecksPage) -> None:
    with qtbot.waitSignal(page.preview_ready, timeout=5000):
        page.form.select(page.form.audience, "ems")
    with qtbot.waitSignal(page.preview_ready, timeout=5000):
        page.form.select(page.form.theme, "high-contrast")
    deck = page.deck()
    assert deck is not None and deck.audience == "ems" and deck.fitted_for == "high-contrast"
    titles = deck.titles()
    assert titles.index("The day after an overdose") < titles.index("A council asks for numbers")


def test_a_bad_option_is_shown_and_blocks_generate(qtbot, page: DecksPage) -> None:
    with qtbot.waitSignal(page.preview_ready, timeout=5000, raising=False):
        page.form.accent.setText("ffff00")
    qtbot.waitUntil(lambda: "Cannot build the deck" in page.summary.text())
    assert "contrast" in page.summary.text()
    assert not page.generate_button.isEnabled()
    with qtbot.waitSignal(page.preview_ready, timeout=5000):
        page.form.accent.setText("123456")
    assert page.generate_button.isEnabled()


def test_generate_writes_the_deck_and_opens_its_folder(
    qtbot, page: DecksPage, tmp_path: Path, opened_urls
) -> None:
    out = tmp_path / "decks" / "ours.pptx"
    page.out.setText(str(out))
    page.form.agency.setText("Springfield Fire Department")
    values: list[int] = []
    page.progress.valueChanged.connect(values.append)
    with qtbot.waitSignal(page.generated, timeout=30_000) as blocker:
        qtbot.mouseClick(page.generate_button, Qt.MouseButton.LeftButton)
        assert page.busy()
    assert blocker.args == [str(out)]
    qtbot.waitUntil(lambda: not page.busy())
    assert out.is_file()
    from pptx import Presentation

    prs = Presentation(str(out))
    deck = page.deck()
    assert deck is not None and len(prs.slides) == len(deck.slides)
    assert page.progress.maximum() == len(deck.slides) and max(values) == len(deck.slides)
    assert page.result.text() == f"Saved {out}\nAccessibility check: no problems found."
    built = page.built()
    assert built is not None and built.path == out and built.findings == ()
    assert [url.toLocalFile() for url in opened_urls] == [str(out.parent)]
    assert page.generate_button.isEnabled()


def test_generate_reports_a_failure_and_writes_nothing(qtbot, page: DecksPage, tmp_path) -> None:
    page.out.setText(str(tmp_path / "deck.ppt"))
    with qtbot.waitSignal(page.generate_failed, timeout=5000):
        page.generate()
    assert "must end in .pptx" in page.result.text()
    assert list(tmp_path.iterdir()) == []


def test_a_template_file_joins_the_theme_list(qtbot, page: DecksPage, tmp_path: Path) -> None:
    from pptx import Presentation

    template = tmp_path / "department.pptx"
    Presentation().save(template)
    with qtbot.waitSignal(page.preview_ready, timeout=10_000):
        page.form.use_template(template)
    assert page.form.theme.currentText() == "Template: department.pptx"
    assert "theme department.pptx" in page.summary.text()
    # python-pptx's blank template is 4:3 and has none of the kit's labelled layouts: say so
    assert not page.changes.isHidden()
    warning = page.changes.text()
    assert warning.startswith("Warning: the template changes the deck:")
    assert "4:3" in warning
    assert "'Discussion' and 'Knowledge check' labels" in warning
    with qtbot.waitSignal(page.preview_ready, timeout=10_000):
        page.form.select(page.form.theme, "default")
    assert page.changes.isHidden()


def test_generate_shows_what_the_accessibility_check_found(
    qtbot, page: DecksPage, tmp_path: Path, opened_urls
) -> None:
    from pptx import Presentation
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    # a template whose text colour (dk1) is light grey: every slide's text is hard to read
    prs = Presentation()
    prs.slide_width, prs.slide_height = 12_192_000, 6_858_000
    theme = prs.slide_master.part.part_related_by(RT.THEME)
    theme._blob = theme.blob.replace(b'<a:sysClr val="windowText" lastClr="000000"/>',
                                     b'<a:srgbClr val="C8C8C8"/>')  # fmt: skip
    template = tmp_path / "pale.pptx"
    prs.save(template)
    with qtbot.waitSignal(page.preview_ready, timeout=10_000):
        page.form.use_template(template)
    out = tmp_path / "pale-deck.pptx"
    page.out.setText(str(out))
    with qtbot.waitSignal(page.generated, timeout=30_000):
        page.generate()
    qtbot.waitUntil(lambda: not page.busy())
    built = page.built()
    assert built is not None and built.errors
    text = page.result.text()
    assert text.startswith(f"Saved {out}\nAccessibility check: ")
    assert "• slide 1: text " in text and "#C8C8C8 on #FFFFFF" in text
    assert f"deflection-kit deck check {out} lists them all" in text


def test_decks_page_in_the_main_window_screenshot(
    qtbot, bundled_course, tmp_path: Path, save_screenshot
) -> None:
    from deflection_kit.ui.main_window import MainWindow
    from deflection_kit.ui.pages import AppContext

    main = MainWindow(AppContext(course=bundled_course, db_path=tmp_path / "kit.sqlite3"))
    qtbot.addWidget(main)
    main.resize(1440, 900)
    main.show()
    qtbot.waitExposed(main)
    page = main.show_page("decks")
    assert isinstance(page, DecksPage)
    page.form.agency.setText("Springfield Fire Department")
    page.out.setText("~/Documents/springfield-fire-deck.pptx")
    with qtbot.waitSignal(page.preview_ready, timeout=10_000):
        page.form.select(page.form.audience, "ems")
    qtbot.waitUntil(lambda: page.model.painted >= 6)
    assert page.deck() is not None and len(page.deck().pathways) == len(bundled_course.pathways)
    path = save_screenshot(main, "decks-page")
    assert path.stat().st_size > 20_000
