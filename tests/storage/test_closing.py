"""Closing a session: check out at the real end, say who falls short and why; credited hours
never exceed the time attended."""

from __future__ import annotations

import datetime as dt

from storehelp import FACTS, at

from deflection_kit.storage import PersonFields, Session, SessionFields, Store
from deflection_kit.storage.clock import now
from deflection_kit.storage.completion import awarded_hours, default_credit_hours

ANA = PersonFields("Ana Ruiz", "ana@metro.example")
BO = PersonFields("Bo Li")
CY = PersonFields("Cy Okafor")


def presented(store: Store, session_id: str, start: str, end: str) -> None:
    """Record presenting from ``start`` to ``end`` as the live console does."""
    events = [
        {"kind": kind, "at": at(hhmm).timestamp(), "seq": seq, "elapsed": 0.0, "data": {}}
        for seq, (kind, hhmm) in enumerate((("started", start), ("ended", end)))
    ]
    store.live.save(session_id, {"status": "ended", "slide": 0}, events)


def by_name(store: Store, session_id: str) -> dict[str, object]:
    return {e.participant.name: e.attendance for e in store.attendance.roster(session_id)}


def test_closing_checks_out_at_the_end_of_presenting(
    store: Store, morning_session: Session
) -> None:
    sid = morning_session.id  # planned 09:00-10:30; presenting ran late, to 10:45
    store.attendance.check_in(sid, ANA, at("08:55"))
    store.attendance.check_in(sid, BO, at("09:40"))
    store.attendance.check_in(sid, CY, at("10:50"))  # came after presenting ended
    presented(store, sid, "09:02", "10:45")
    plan = store.attendance.plan_close(sid)
    assert (plan.ends_at, plan.source) == (at("10:45"), "presented")
    assert plan.presented_from == at("09:02")
    assert {p.participant.name: p.check_out for p in plan.still_here} == {
        "Ana Ruiz": at("10:45"),
        "Bo Li": at("10:45"),
        "Cy Okafor": at("10:50"),  # never before their own check-in
    }
    # Working out the plan wrote nothing.
    assert store.sessions.counts(sid).here == 3
    assert store.sessions.get(sid).status == "planned"

    closed = store.attendance.close(sid, plan.ends_at, actor="app")
    assert closed.still_here == plan.still_here
    people = by_name(store, sid)
    assert people["Ana Ruiz"].check_out == at("10:45") and people["Ana Ruiz"].completed
    assert people["Bo Li"].check_out == at("10:45") and not people["Bo Li"].completed
    assert store.sessions.get(sid).status == "closed"
    assert store.sessions.counts(sid).here == 0


def test_closing_says_who_falls_short_and_why(store: Store, morning_session: Session) -> None:
    sid = morning_session.id
    for person, arrive in ((ANA, "09:00"), (BO, "09:40"), (CY, "10:50")):
        store.attendance.check_in(sid, person, at(arrive))
    dee = store.attendance.check_in(sid, PersonFields("Dee Nakamura"), at("09:00"))
    store.attendance.check_out(sid, dee.participant.id, at("09:50"))
    eve = store.attendance.check_in(sid, PersonFields("Eve Adams"), at("09:00"))
    store.attendance.override_completion(
        sid, eve.participant.id, False, "Jo Park", "slept through the module"
    )
    presented(store, sid, "09:00", "10:30")
    short = {p.participant.name: p.shortfall for p in store.attendance.plan_close(sid).short}
    assert sorted(short) == ["Bo Li", "Cy Okafor", "Dee Nakamura", "Eve Adams"]
    bo, cy, dee_why, eve_why = (short[n] for n in sorted(short))
    assert bo is not None
    assert (bo.credited_minutes, bo.required_minutes, bo.late_minutes) == (50, 81, 40)
    assert cy is not None and cy.after_end and cy.credited_minutes == 0
    assert dee_why is not None and dee_why.early_minutes == 40
    assert eve_why is not None and eve_why.override is not None
    assert eve_why.override.reason == "slept through the module"


def test_closing_a_session_not_presented_uses_now_not_the_planned_end(store: Store) -> None:
    # Planned to have ended an hour ago; one person arrived after that planned end.
    start = (now() - dt.timedelta(minutes=150)).replace(second=0, microsecond=0)
    session = store.sessions.create(
        SessionFields(title="Late day", date=start.date(), start=start.time()), FACTS
    )
    late = store.attendance.check_in(session.id, ANA, now() - dt.timedelta(minutes=30))
    before = now()
    count = store.attendance.check_out_everyone(session.id)
    after = now()
    assert count == 1
    (entry,) = store.attendance.roster(session.id)
    assert late.attendance.check_in is not None
    assert entry.attendance.check_out is not None
    assert before - dt.timedelta(seconds=1) <= entry.attendance.check_out <= after
    assert entry.attendance.check_out > late.attendance.check_in  # not the planned end


def test_a_session_without_hours_is_worth_no_more_than_it_lasts(store: Store) -> None:
    def hours(**fields: object) -> float | None:
        made = store.sessions.create(
            SessionFields(title="S", date=dt.date(2025, 3, 4), **fields),  # type: ignore[arg-type]
            FACTS,
        )
        return made.credit_hours

    assert hours(minutes=10) == 0.16  # not the course's 1.5
    assert hours(minutes=45) == 0.75
    assert hours() == 1.5  # the course's 90 minutes
    assert hours(minutes=240) == 1.5  # longer than the course: still the course's hours
    assert hours(minutes=10, credit_hours=1.0) == 1.0  # given hours are kept
    assert default_credit_hours(None, 90) is None


def test_awarded_hours_never_exceed_the_time_credited(store: Store) -> None:
    session = store.sessions.create(
        SessionFields(title="S", date=dt.date(2025, 3, 4), start=dt.time(9)), FACTS
    )
    assert awarded_hours(session, 90, True) == 1.5
    assert awarded_hours(session, 85, True) == 1.41  # completed, but 85 minutes is 1.41 h
    assert awarded_hours(session, 200, True) == 1.5
    assert awarded_hours(session, 85, False) == 0.0
    store.attendance.check_in(session.id, ANA, at("09:05"))
    store.attendance.check_out(session.id, ANA, at("10:30"))
    (row,) = store.attendance.rollup()
    assert (row.completed, row.credited_minutes, row.credit_hours) == (1, 85, 1.41)


def test_walk_ins_are_counted_with_the_expected(store: Store, morning_session: Session) -> None:
    for name in ("A One", "B Two"):
        person = store.participants.create(PersonFields(name=name))
        store.attendance.add_to_roster(morning_session.id, person.id)
    store.attendance.check_in(morning_session.id, PersonFields(name="A One"), at("09:00"))
    store.attendance.check_in(morning_session.id, PersonFields(name="Walk In"), at("09:01"))
    counts = store.sessions.counts(morning_session.id)
    assert (counts.checked_in, counts.expected, counts.walk_ins, counts.attending) == (2, 2, 1, 3)
