"""Feedback forms typed in from paper: stored, corrected, deleted; anonymous; checked."""

from __future__ import annotations

import datetime as dt

import pytest

from deflection_kit.errors import UsageError
from deflection_kit.storage import CourseFacts, SessionFields, Store


@pytest.fixture
def store_and_session(tmp_path, bundled_course):
    store = Store.open(tmp_path / "kit.sqlite3")
    session = store.sessions.create(
        SessionFields(title="Spring training", date=dt.date(2026, 4, 2)),
        CourseFacts.from_info(bundled_course.info),
    )
    yield store, session.id
    store.close()


def test_forms_are_stored_and_read_back(store_and_session, tmp_path) -> None:
    store, session_id = store_and_session
    first = store.feedback.add(session_id, {"objectives": 5, "relevant": 4}, {"useful": "  QRT\n"})
    store.feedback.add(session_id, {"objectives": 3}, entered_by="Dana")
    store.close()
    with Store.open(tmp_path / "kit.sqlite3") as again:
        forms = again.feedback.list(session_id)
        assert [f.ratings for f in forms] == [{"objectives": 5, "relevant": 4}, {"objectives": 3}]
        assert forms[0].comments == {"useful": "QRT"}
        assert forms[0].id == first.id
        changed = again.feedback.update(first.id, {"objectives": 4}, {"improve": "More time"})
        assert changed.ratings == {"objectives": 4}
        again.feedback.delete(forms[1].id)
        assert len(again.feedback.list(session_id)) == 1
        kinds = [e.kind for e in again.events(session_id)]
        assert kinds.count("feedback.added") == 2 and "feedback.deleted" in kinds


@pytest.mark.parametrize(
    ("ratings", "comments", "message"),
    [
        ({"objectives": 6}, {}, "from 1 to 5"),
        ({"objectives": 0}, {}, "from 1 to 5"),
        ({"objectives": True}, {}, "whole number"),
        ({}, {"useful": "   "}, "empty"),
        ({}, {"useful": "x" * 4001}, "longer than"),
    ],
)
def test_bad_forms_are_refused_and_nothing_is_stored(
    store_and_session, ratings, comments, message
) -> None:
    store, session_id = store_and_session
    with pytest.raises(UsageError, match=message):
        store.feedback.add(session_id, ratings, comments)
    assert store.feedback.list(session_id) == []


def test_a_form_needs_a_real_session(store_and_session) -> None:
    store, _ = store_and_session
    with pytest.raises(UsageError, match="no session"):
        store.feedback.add("nope", {"objectives": 3})
