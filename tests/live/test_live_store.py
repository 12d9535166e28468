"""The live state and events in the database: saved as they change, read back after a restart."""

from __future__ import annotations

import json

import pytest

from deflection_kit.live import LiveEvent, LiveSession
from deflection_kit.live.recorder import LiveRecorder
from deflection_kit.storage import CourseFacts, SessionFields, Store


@pytest.fixture
def db_path(tmp_path, bundled_course):
    """Return a database holding one planned session; its id is in ``db_path.session_id``."""
    import datetime as dt

    path = tmp_path / "kit.sqlite3"
    with Store.open(path) as store:
        session = store.sessions.create(
            SessionFields(title="Spring training", date=dt.date(2026, 4, 2)),
            CourseFacts.from_info(bundled_course.info),
        )
    return path, session.id


def test_state_and_events_survive_a_reopen(db_path, full_agenda, clock) -> None:
    path, session_id = db_path
    live = LiveSession(full_agenda, clock=clock, session_id=session_id)
    live.next()
    clock.advance(30)
    live.goto(20)
    with Store.open(path) as store:
        store.live.save(session_id, live.to_dict(), [e.to_dict() for e in live.events])
    with Store.open(path) as store:
        record = store.live.get(session_id)
        assert record is not None
        assert (record.status, record.slide, record.session_id) == ("running", 20, session_id)
        assert [r.key for r in store.live.unfinished()] == [session_id]
        events = [LiveEvent.from_dict(e) for e in store.live.events(session_id)]
        assert events == live.events
        logged = sorted(
            (e for e in store.events(session_id) if e.kind.startswith("live.")),
            key=lambda e: e.data["seq"],
        )
        assert [e.kind for e in logged][:2] == ["live.started", "live.slide"]
        # Events carry no names: only slide facts.
        assert all("name" not in json.dumps(e.data) for e in store.events(session_id))
    restored = LiveSession.restore(full_agenda, record.state, events, clock=clock)
    assert restored.audience_view() == live.audience_view()


def test_a_rehearsal_keeps_its_state_but_logs_no_events(db_path, full_agenda, clock) -> None:
    path, _ = db_path
    live = LiveSession(full_agenda, clock=clock)
    live.next()
    with Store.open(path) as store:
        store.live.save(None, live.to_dict(), [e.to_dict() for e in live.events])
        assert store.live.get(None).slide == 1
        assert store.live.get(None).key == "rehearsal"
        assert [e for e in store.events() if e.kind.startswith("live.")] == []
        store.live.discard(None)
        assert store.live.get(None) is None


def test_an_ended_session_is_not_offered_for_resuming(db_path, full_agenda, clock) -> None:
    path, session_id = db_path
    live = LiveSession(full_agenda, clock=clock, session_id=session_id)
    live.next()
    live.end()
    with Store.open(path) as store:
        store.live.save(session_id, live.to_dict(), [e.to_dict() for e in live.events])
        assert store.live.unfinished() == []
        assert store.live.get(session_id).status == "ended"


def test_deleting_the_session_deletes_its_live_state(db_path, full_agenda, clock) -> None:
    path, session_id = db_path
    live = LiveSession(full_agenda, clock=clock, session_id=session_id)
    live.next()
    with Store.open(path) as store:
        store.live.save(session_id, live.to_dict(), [e.to_dict() for e in live.events])
        store.db.execute("DELETE FROM sessions WHERE id = ?", [session_id])
        assert store.live.get(session_id) is None


def test_the_recorder_writes_in_the_background_in_order(db_path, full_agenda, clock) -> None:
    path, session_id = db_path
    live = LiveSession(full_agenda, clock=clock, session_id=session_id)
    recorder = LiveRecorder(path, session_id)
    written = 0
    for _ in range(25):
        live.next()
        clock.advance(3)
        recorder.save(live, live.events[written:])
        written = len(live.events)
    assert recorder.flush()
    recorder.close()
    assert recorder.error == ""
    with Store.open(path) as store:
        assert store.live.get(session_id).slide == 25
        seqs = [e["seq"] for e in store.live.events(session_id)]
    assert seqs == list(range(1, len(live.events) + 1))


def test_the_recorder_reports_a_database_it_cannot_open(tmp_path, full_agenda, clock) -> None:
    folder = tmp_path / "a-folder"
    folder.mkdir()
    recorder = LiveRecorder(folder, "x")
    recorder.save(LiveSession(full_agenda, clock=clock), [])
    assert recorder.flush()
    recorder.close()
    assert "folder" in recorder.error
