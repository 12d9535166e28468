"""The delivery report, read back from the events record, attendance and feedback forms."""

from __future__ import annotations

import datetime as dt

import pytest
from live_drive import answer, teach

from deflection_kit.live import LiveSession
from deflection_kit.live.records import live_report
from deflection_kit.live.report import build_report
from deflection_kit.reports.records import load_report
from deflection_kit.storage import CourseFacts, SessionFields, Store


def test_minutes_parts_and_objectives(bundled_course, full_agenda, clock) -> None:
    session = LiveSession(full_agenda, clock=clock)
    answer(session, full_agenda, "pre", 5, 15)
    teach(session, clock, full_agenda, skip="starting-or-enhancing")
    answer(session, full_agenda, "post", 17, 3)
    session.goto(full_agenda.checks[-1].slide)
    session.reveal()
    session.end()
    report = live_report(bundled_course, session)
    by_key = {p.segment.key: p for p in report.parts}
    for key, part in by_key.items():
        if key == "starting-or-enhancing":
            assert part.status == "not delivered" and part.actual_minutes == 0
        else:
            assert part.status == "delivered"
            assert part.actual_minutes == pytest.approx(part.segment.planned_minutes)
    assert report.modules_delivered == (7, 8)
    assert report.actual_minutes == pytest.approx(90 - 10)
    status = {o.id: o.status for o in report.objectives}
    assert status["starting-or-enhancing"] == "not delivered"
    assert all(s == "delivered" for k, s in status.items() if k != "starting-or-enhancing")
    # In the order taught: context (module 2) before deflection (3), pathways (4), evaluation (7).
    assert [o.id for o in report.objectives] == [
        "context-and-purpose", "diversion-vs-deflection", "pathways", "evaluation",
        "starting-or-enhancing",
    ]  # fmt: skip
    assert report.objectives[-1].first_taught is None
    assert report.gain.pre == pytest.approx(0.25)
    assert report.gain.post == pytest.approx(0.85)
    assert report.gain.gain == pytest.approx(0.60)
    assert len(report.gain.questions) == 6
    texts = [m.text for m in report.timeline]
    assert texts[0] == "Session clock started"
    assert "Started 4. The deflection pathways" in texts
    assert "Started 6. Starting or enhancing an initiative" not in texts
    assert any(t.startswith("Answers shown: ") for t in texts)
    assert texts[-1] == "Session ended"


def test_time_away_after_a_crash_is_not_counted(bundled_course, full_agenda, clock) -> None:
    session = LiveSession(full_agenda, clock=clock)
    session.next()
    clock.advance(minutes=3)
    state, events = session.to_dict(), list(session.events)
    clock.advance(minutes=20)  # the laptop died and was restarted
    again = LiveSession.restore(full_agenda, state, events, clock=clock)
    clock.advance(minutes=2)
    again.end()
    report = build_report(bundled_course, full_agenda, again.events)
    assert report.actual_minutes == pytest.approx(5)
    assert report.interruptions == pytest.approx((20 * 60,))
    assert any("Resumed after the app stopped (20:00 away)" in m.text for m in report.timeline)


def test_a_clock_set_back_drops_the_rehearsal(bundled_course, full_agenda, clock) -> None:
    session = LiveSession(full_agenda, clock=clock)
    session.next()
    clock.advance(minutes=7)
    session.restart_clock()
    clock.advance(minutes=1)
    session.end()
    report = build_report(bundled_course, full_agenda, session.events)
    assert sum(p.actual_minutes for p in report.parts) == pytest.approx(1)
    assert report.actual_minutes == pytest.approx(1)


def test_two_runs_add_up(bundled_course, full_agenda, clock) -> None:
    first = LiveSession(full_agenda, clock=clock)
    first.next()
    clock.advance(minutes=4)
    first.end()
    second = LiveSession(full_agenda, clock=clock)
    second._next_seq = first._next_seq  # a second run of the same session continues the record
    second.goto(30)
    clock.advance(minutes=6)
    second.end()
    report = build_report(bundled_course, full_agenda, [*first.events, *second.events])
    assert report.actual_minutes == pytest.approx(10)


def test_a_stored_session_reports_attendance_and_feedback(stored, bundled_course) -> None:
    path, session_id = stored
    with Store.open(path) as store:
        report = load_report(store, bundled_course, session_id[:8])
    assert report.title == "Spring training"
    assert report.modules_delivered == (8, 8)
    assert report.objectives_delivered == (5, 5)
    attendance = report.attendance
    assert (attendance.checked_in, attendance.completed) == (4, 3)
    assert attendance.by_discipline == (("Law enforcement", 2), ("(not given)", 1), ("EMS", 1))
    assert attendance.by_agency[0] == ("Ames PD", 2)
    assert report.feedback.forms == 2
    objectives = next(i for i in report.feedback.items if i.item == "objectives")
    assert objectives.mean == pytest.approx(4.5)
    assert objectives.agree_share == 1.0
    recommend = next(i for i in report.feedback.items if i.item == "recommend")
    assert recommend.counts == (0, 1, 0, 1, 0)
    assert report.feedback.comments[0][2] == ("The QRT story",)


def test_a_session_never_presented_has_no_report(tmp_path, bundled_course) -> None:
    from deflection_kit.errors import DeflectionKitError

    with Store.open(tmp_path / "kit.sqlite3") as store:
        session = store.sessions.create(
            SessionFields(title="Not yet", date=dt.date(2026, 5, 1)),
            CourseFacts.from_info(bundled_course.info),
        )
        with pytest.raises(DeflectionKitError, match="not been presented"):
            load_report(store, bundled_course, session.id)


def test_paper_answer_sheets_and_the_full_evaluation_form(stored, bundled_course) -> None:
    from deflection_kit.materials import evaluation

    path, session_id = stored
    with Store.open(path) as store:
        session = store.sessions.get(session_id)
        from deflection_kit.materials.entry import session_questions

        questions = session_questions(bundled_course, session)
        right = {q.id: q.answer_index for q in questions}
        wrong = {q.id: (q.answer_index + 1) % len(q.choices) for q in questions}
        for _ in range(3):
            store.check_sheets.add(session_id, "pre", wrong)
        store.check_sheets.add(session_id, "pre", right)
        for _ in range(4):
            store.check_sheets.add(session_id, "post", right)
        store.feedback.add(session_id, {"instructor-time": 5, "objective-pathways": 4})
        report = load_report(store, bundled_course, session_id)
    paper = report.paper
    assert paper is not None and (paper.pre_sheets, paper.post_sheets) == (4, 4)
    assert paper.pre == pytest.approx(0.25) and paper.post == pytest.approx(1.0)
    assert paper.gain == pytest.approx(0.75)
    ids = [item.item for item in report.feedback.items]
    assert ids == [s.id for s in evaluation.statements(bundled_course)]
    timing = next(i for i in report.feedback.items if i.item == "instructor-time")
    assert timing.counts == (0, 0, 0, 0, 1)
    assert [c[0] for c in report.feedback.comments] == [c.id for c in evaluation.COMMENTS]


def test_a_report_from_the_events_alone_as_a_bundle_brings_them(stored, bundled_course) -> None:
    path, session_id = stored
    with Store.open(path) as store:
        whole = load_report(store, bundled_course, session_id)
        store.live.discard(session_id)  # the saved state stays on the presenting laptop
        assert store.live.presented_sessions() == [session_id]
        from_events = load_report(store, bundled_course, session_id)
    assert from_events.parts == whole.parts
    assert from_events.planned_minutes == whole.planned_minutes == 90
    assert from_events.deck == whole.deck


def test_the_report_travels_in_a_bundle(stored, bundled_course, tmp_path) -> None:
    from deflection_kit.certificates.revocation import BundleCertificateChecks
    from deflection_kit.storage.bundle_file import export_bundle
    from deflection_kit.storage.merge import import_bundle

    path, session_id = stored
    with Store.open(path) as store:
        here = load_report(store, bundled_course, session_id)
        export_bundle(store, session_id, tmp_path / "session.dkbundle")
    with Store.open(tmp_path / "coordinator.sqlite3") as elsewhere:
        import_bundle(elsewhere, tmp_path / "session.dkbundle", BundleCertificateChecks())
        there = load_report(elsewhere, bundled_course, session_id)
    assert there.parts == here.parts
    assert there.objectives == here.objectives
    assert there.gain.gain == pytest.approx(here.gain.gain)
    assert there.attendance == here.attendance
