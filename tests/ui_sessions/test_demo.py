"""``deflection-kit app --demo``: a throwaway database with a realistic sample session."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from deflection_kit.storage import CourseFacts, Store
from deflection_kit.storage.demo import seed_demo
from deflection_kit.ui.app import app_database, main_window


def test_the_sample_is_realistic(tmp_path: Path) -> None:
    now = dt.datetime(2025, 3, 4, 10, 7).astimezone()
    with Store.open(tmp_path / "demo.sqlite3") as store:
        demo = seed_demo(store, CourseFacts(minutes=90, credit_hours=1.5), now)
        today = store.attendance.roster(demo.today)
        disciplines = {e.participant.discipline for e in today}
        agencies = {e.participant.agency for e in today}
        assert len(today) == 12 and len(disciplines) >= 6 and len(agencies) >= 7
        counts = store.sessions.counts(demo.today)
        assert (counts.checked_in, counts.here, counts.expected) == (9, 9, 12)
        assert any(e.attendance.status == "late" for e in today)
        assert all(e.attendance.check_in <= now for e in today if e.attendance.check_in)
        earlier = store.attendance.roster(demo.last_week)
        statuses = sorted(e.attendance.status for e in earlier)
        assert statuses == ["excused", "left early", "present", "present", "present", "present"]
        assert sum(e.attendance.completed for e in earlier) == 4
        assert store.integrity_ok()


def test_app_demo_opens_on_the_sample_and_leaves_nothing_behind(
    qtbot, bundled_course, tmp_path: Path
) -> None:
    real_db = tmp_path / "mine.sqlite3"
    with app_database(bundled_course, real_db, demo=True) as demo_db:
        window = main_window(bundled_course, demo_db, demo=True)
        qtbot.addWidget(window)
        page = window.page("sessions")
        assert "demo" in window.windowTitle()
        assert window.stack.currentWidget() is page
        assert page.sessions_model.rowCount() == 2
        assert page.heading.text() == "Metro Deflection Training — Spring cohort"
        assert demo_db != real_db
        window.close()
        page.controller.close()
    assert not demo_db.parent.exists()  # thrown away
    assert not real_db.exists()  # the user's own database was never touched
