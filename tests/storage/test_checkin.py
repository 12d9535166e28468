"""Check-in and check-out: idempotent, walk-ins created, people matched, completion computed."""

from __future__ import annotations

import datetime as dt
import os
import time

import pytest
from storehelp import FACTS, at

from deflection_kit.errors import UsageError
from deflection_kit.storage import CourseFacts, PersonFields, Session, SessionFields, Store


def test_check_in_twice_changes_nothing(store: Store, morning_session: Session) -> None:
    first = store.attendance.check_in(
        morning_session.id, PersonFields(name="Ana Ruiz"), at("08:58")
    )
    events = len(store.events(morning_session.id))
    again = store.attendance.check_in(
        morning_session.id, PersonFields(name="Ana Ruiz"), at("09:30")
    )
    assert first.changed and first.created_participant
    assert not again.changed
    assert again.attendance == first.attendance
    assert len(store.events(morning_session.id)) == events
    assert store.participants.count() == 1


def test_check_out_twice_keeps_the_first_time(store: Store, morning_session: Session) -> None:
    who = PersonFields(name="Ana Ruiz")
    store.attendance.check_in(morning_session.id, who, at("08:58"))
    first = store.attendance.check_out(morning_session.id, who, at("10:30"))
    again = store.attendance.check_out(morning_session.id, who, at("10:45"))
    assert first.changed and not again.changed
    assert again.attendance.check_out == at("10:30")


def test_full_attendance_completes_and_credits_only_session_time(
    store: Store, morning_session: Session
) -> None:
    who = PersonFields(name="Ana Ruiz")
    store.attendance.check_in(morning_session.id, who, at("08:40"))
    result = store.attendance.check_out(morning_session.id, who, at("11:00"))
    att = result.attendance
    assert (att.credited_minutes, att.completed, att.status) == (90, True, "present")


@pytest.mark.parametrize(
    ("check_in", "check_out", "minutes", "completed", "status"),
    [
        ("09:00", "10:21", 81, True, "left early"),  # 81 = 90 % of 90: just enough
        ("09:00", "10:20", 80, False, "left early"),
        ("09:09", "10:30", 81, True, "late"),
        ("09:04", "10:27", 83, True, "present"),  # within the 5-minute grace both ends
        ("09:30", "10:30", 60, False, "late"),
    ],
)
def test_completion_needs_the_course_share_of_the_session(
    store: Store,
    morning_session: Session,
    check_in: str,
    check_out: str,
    minutes: int,
    completed: bool,
    status: str,
) -> None:
    who = PersonFields(name="Bo Li")
    store.attendance.check_in(morning_session.id, who, at(check_in))
    att = store.attendance.check_out(morning_session.id, who, at(check_out)).attendance
    assert (att.credited_minutes, att.completed, att.status) == (minutes, completed, status)


def test_a_session_without_start_time_credits_the_time_between(store: Store) -> None:
    session = store.sessions.create(SessionFields(title="T", date=dt.date(2025, 3, 4)), FACTS)
    who = PersonFields(name="Bo Li")
    store.attendance.check_in(session.id, who, at("13:00"))
    att = store.attendance.check_out(session.id, who, at("15:00")).attendance
    assert (att.credited_minutes, att.completed) == (90, True)


def test_completion_share_comes_from_the_course(store: Store) -> None:
    strict = CourseFacts(minutes=60, credit_hours=1.0, completion_share=1.0)
    session = store.sessions.create(
        SessionFields(title="T", date=dt.date(2025, 3, 4), start=dt.time(9, 0)), strict
    )
    who = PersonFields(name="Bo Li")
    store.attendance.check_in(session.id, who, at("09:00"))
    att = store.attendance.check_out(session.id, who, at("09:59")).attendance
    assert session.minutes == 60 and not att.completed


def test_override_records_who_and_why_and_can_be_cleared(
    store: Store, morning_session: Session
) -> None:
    who = PersonFields(name="Bo Li")
    person = store.attendance.check_in(morning_session.id, who, at("09:00")).participant
    store.attendance.check_out(morning_session.id, who, at("09:30"))
    with pytest.raises(UsageError, match="who decides"):
        store.attendance.override_completion(morning_session.id, person.id, True, "", "")
    att = store.attendance.override_completion(
        morning_session.id, person.id, True, "Jo Facilitator", "called to a scene, made up online"
    )
    assert att.completed and att.override is not None and att.override.by == "Jo Facilitator"
    kinds = [e.kind for e in store.events(morning_session.id)]
    assert "completion.override" in kinds
    cleared = store.attendance.override_completion(morning_session.id, person.id, None, "Jo", "")
    assert not cleared.completed and cleared.override is None


def test_check_out_without_check_in_is_refused(store: Store, morning_session: Session) -> None:
    person = store.participants.create(PersonFields(name="Cy Doe"))
    store.attendance.add_to_roster(morning_session.id, person.id)
    with pytest.raises(UsageError, match="has not checked in"):
        store.attendance.check_out(morning_session.id, person.id, at("10:00"))


def test_check_in_after_check_out_undoes_the_check_out(
    store: Store, morning_session: Session
) -> None:
    who = PersonFields(name="Ana Ruiz")
    store.attendance.check_in(morning_session.id, who, at("09:00"))
    store.attendance.check_out(morning_session.id, who, at("09:10"))
    att = store.attendance.check_in(morning_session.id, who, at("09:12")).attendance
    assert att.check_in == at("09:00") and att.check_out is None


def test_people_are_matched_by_email_then_name_and_agency(
    store: Store, morning_session: Session
) -> None:
    known = store.participants.create(
        PersonFields(name="José Álvarez", email="Jose@Example.org", agency="Metro PD")
    )
    by_email = store.attendance.check_in(
        morning_session.id, PersonFields(name="J. Alvarez", email="jose@example.org"), at("09:00")
    )
    assert by_email.participant.id == known.id
    other = store.sessions.create(SessionFields(title="Other", date=dt.date(2025, 3, 5)), FACTS)
    by_name = store.attendance.check_in(
        other.id, PersonFields(name="alvarez, jose", agency="metro pd"), at("09:00", "2025-03-05")
    )
    assert by_name.participant.id == known.id
    stranger = store.attendance.check_in(
        other.id,
        PersonFields(name="José Álvarez", email="different@example.org", agency="Metro PD"),
        at("09:01", "2025-03-05"),
    )
    assert stranger.participant.id != known.id and stranger.created_participant


def test_roster_names_are_found_without_agency(store: Store, morning_session: Session) -> None:
    person = store.participants.create(PersonFields(name="Ana Ruiz", agency="Fire District 3"))
    store.attendance.add_to_roster(morning_session.id, person.id)
    result = store.attendance.check_in(morning_session.id, PersonFields(name="ana ruiz"))
    assert result.participant.id == person.id and not result.created_participant
    assert store.sessions.counts(morning_session.id).here == 1


def test_two_people_with_the_same_name_on_a_roster_need_an_email(
    store: Store, morning_session: Session
) -> None:
    for email in ("a1@example.org", "a2@example.org"):
        person = store.participants.create(PersonFields(name="Ana Ruiz", email=email))
        store.attendance.add_to_roster(morning_session.id, person.id)
    with pytest.raises(UsageError, match="2 people named"):
        store.attendance.check_in(morning_session.id, PersonFields(name="Ana Ruiz"))
    ok = store.attendance.check_in(
        morning_session.id, PersonFields(name="Ana Ruiz", email="A2@example.org")
    )
    assert ok.participant.email == "a2@example.org"


def test_counts_follow_the_room(store: Store, morning_session: Session) -> None:
    for name in ("A One", "B Two", "C Three"):
        person = store.participants.create(PersonFields(name=name))
        store.attendance.add_to_roster(morning_session.id, person.id)
    store.attendance.check_in(morning_session.id, PersonFields(name="A One"), at("09:00"))
    store.attendance.check_in(morning_session.id, PersonFields(name="Walk In"), at("09:01"))
    store.attendance.check_out(morning_session.id, PersonFields(name="A One"), at("10:40"))
    counts = store.sessions.counts(morning_session.id)
    assert (counts.here, counts.checked_in, counts.expected, counts.completed) == (1, 2, 3, 1)
    closed = store.attendance.check_out_everyone(morning_session.id, at("10:30"))
    assert closed == 1
    walk_in = next(
        e for e in store.attendance.roster(morning_session.id) if e.participant.name == "Walk In"
    )
    assert walk_in.attendance.check_out == at("10:30") and walk_in.attendance.completed


def test_moving_the_start_recomputes_completion(store: Store, morning_session: Session) -> None:
    who = PersonFields(name="Bo Li")
    store.attendance.check_in(morning_session.id, who, at("09:30"))
    assert not store.attendance.check_out(morning_session.id, who, at("11:00")).attendance.completed
    store.sessions.update(
        morning_session.id,
        SessionFields(title="Springfield PD", date=dt.date(2025, 3, 4), start=dt.time(9, 30)),
    )
    entry = store.attendance.roster(morning_session.id)[0]
    assert entry.attendance.completed and entry.attendance.status == "present"


def test_excused_absence(store: Store, morning_session: Session) -> None:
    person = store.participants.create(PersonFields(name="Cy Doe"))
    store.attendance.add_to_roster(morning_session.id, person.id)
    assert store.attendance.roster(morning_session.id)[0].attendance.status == "absent"
    store.attendance.set_excused(morning_session.id, person.id, True, "Jo")
    assert store.attendance.roster(morning_session.id)[0].attendance.status == "excused"


def test_session_times_keep_their_own_offset(db_path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "America/Chicago")
    time.tzset()
    try:
        with Store.open(db_path) as store:
            session = store.sessions.create(
                SessionFields(title="T", date=dt.date(2025, 7, 1), start=dt.time(9, 0)), FACTS
            )
            assert session.utc_offset == "-05:00"  # CDT
            who = PersonFields(name="Bo Li")
            # A naive --at is local wall-clock time: 09:00 in Chicago.
            store.attendance.check_in(session.id, who, dt.datetime(2025, 7, 1, 9, 0))
            att = store.attendance.check_out(
                session.id, who, dt.datetime(2025, 7, 1, 15, 30, tzinfo=dt.UTC)
            ).attendance
            assert att.check_in == dt.datetime(2025, 7, 1, 14, 0, tzinfo=dt.UTC)
            assert (att.credited_minutes, att.status) == (90, "present")
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
        assert os.environ.get("TZ") is None


def test_rollup_adds_credit_hours_of_completed_sessions(store: Store) -> None:
    ana = PersonFields(name="Ana Ruiz", email="ana@example.org")
    for day, leave in (("2025-03-04", "10:30"), ("2025-03-11", "10:30"), ("2025-03-18", "09:30")):
        session = store.sessions.create(
            SessionFields(title=day, date=dt.date.fromisoformat(day), start=dt.time(9, 0)), FACTS
        )
        store.attendance.check_in(session.id, ana, at("09:00", day))
        store.attendance.check_out(session.id, ana, at(leave, day))
    (row,) = store.attendance.rollup()
    assert (row.sessions, row.completed, row.credited_minutes, row.credit_hours) == (3, 2, 210, 3.0)
    (march_18,) = store.attendance.rollup(dt.date(2025, 3, 15), dt.date(2025, 3, 31))
    assert march_18.credit_hours == 0.0


def test_name_search_is_by_word_prefix_in_any_order(store: Store, morning_session: Session) -> None:
    for name in ("Ana María Ruiz-López", "Anabel Ng", "Bo Ruiz", "王小明"):
        store.participants.create(PersonFields(name=name))
    names = lambda q: sorted(p.name for p in store.participants.search(q))  # noqa: E731
    assert names("ana") == ["Ana María Ruiz-López", "Anabel Ng"]
    assert names("lopez ana") == ["Ana María Ruiz-López"]
    assert names("RUIZ") == ["Ana María Ruiz-López", "Bo Ruiz"]
    assert names("小明") == ["王小明"]
    assert names("zzz") == [] and names("  ") == []
