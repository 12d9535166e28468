"""Sessions saved as they run: the Present dialog lists sessions; a stopped one is offered back."""

from __future__ import annotations

import datetime as dt

import pytest
from live_helpers import close_presentation

from deflection_kit.decks import DeckOptions
from deflection_kit.storage import CourseFacts, SessionFields, Store
from deflection_kit.ui.live import presenting, resume
from deflection_kit.ui.live.present_dialog import PresentChoice
from deflection_kit.ui.main_window import MainWindow
from deflection_kit.ui.pages import AppContext


@pytest.fixture
def db_and_session(tmp_path, bundled_course):
    db = tmp_path / "kit.sqlite3"
    with Store.open(db) as store:
        facts = CourseFacts.from_info(bundled_course.info)
        session = store.sessions.create(
            SessionFields(
                title="Spring training", date=dt.date(2026, 4, 2), location="Ames",
                minutes=120, audience="law-enforcement", pathways=("self-referral",),
            ),
            facts,
        )  # fmt: skip
        store.sessions.create(
            SessionFields(title="Old one", date=dt.date(2025, 1, 2), status="closed"), facts
        )
    return db, session.id


def make_window(qtbot, course, db) -> MainWindow:
    window = MainWindow(AppContext(course, db), pages=[])
    qtbot.addWidget(window)
    return window


def test_the_present_dialog_offers_planned_sessions(qtbot, bundled_course, db_and_session):
    db, session_id = db_and_session
    window = make_window(qtbot, bundled_course, db)
    dialog = presenting.ask_and_present(window, session_id)
    qtbot.addWidget(dialog)
    labels = [dialog.session.itemText(i) for i in range(dialog.session.count())]
    assert labels == ["Rehearsal (no session record)", "2026-04-02 · Spring training · Ames"]
    assert dialog.session.currentData() == session_id
    choice = dialog.choice()
    assert choice.minutes == 120
    assert choice.options.audience == "law-enforcement"
    assert choice.options.pathways == ("self-referral",)
    dialog.reject()


def test_a_stopped_session_is_offered_and_resumes_where_it_was(
    qtbot, bundled_course, db_and_session
):
    db, session_id = db_and_session
    window = make_window(qtbot, bundled_course, db)
    choice = PresentChoice(session_id, "Spring training", DeckOptions(), 90)
    shown = presenting.start(window, choice)
    for _ in range(5):
        shown.controller.next()
    shown.controller.toggle_blank("black")
    assert shown.controller.recorder.flush()
    # The app stops without ending the session (as a crash would).
    shown.controller._timer.stop()
    shown.controller.recorder.close()
    shown.audience.allow_close = True
    shown.audience.close()
    shown.console.hide()

    later = make_window(qtbot, bundled_course, db)
    prompt = resume.offer_resume(later)
    assert prompt is not None and prompt.isVisible()
    assert "Spring training" in prompt.informativeText()
    assert "slide 6" in prompt.informativeText()
    prompt.resume_button.click()
    again = prompt.presentation
    assert again.session.current == 5
    assert again.session.audience_view().blank == "black"
    assert again.session.session_id == session_id
    assert again.session.events[-1].kind == "resumed"
    qtbot.waitUntil(lambda: again.audience.painted_view == again.session.audience_view())
    close_presentation(again)
    with Store.open(db) as store:
        assert store.live.get(session_id).status == "ended"
        kinds = [e["kind"] for e in store.live.events(session_id)]
    assert kinds.count("started") == 1
    assert kinds[-2:] == ["resumed", "ended"]
    assert resume.offer_resume(later) is None


def test_end_it_as_it_was(qtbot, bundled_course, db_and_session):
    db, session_id = db_and_session
    window = make_window(qtbot, bundled_course, db)
    shown = presenting.start(window, PresentChoice(session_id, "T", DeckOptions(), 90))
    shown.controller.next()
    shown.controller.recorder.flush()
    shown.controller._timer.stop()
    shown.controller.recorder.close()
    shown.audience.allow_close = True
    shown.audience.close()
    shown.console.hide()
    prompt = resume.offer_resume(make_window(qtbot, bundled_course, db))
    prompt.end_button.click()
    with Store.open(db) as store:
        assert store.live.get(session_id).status == "ended"
        assert store.live.events(session_id)[-1]["kind"] == "ended"
        assert store.live.unfinished() == []
