"""Undo a check-in or check-out: a new event, never a deletion, and it holds through bundles."""

from __future__ import annotations

import datetime as dt
import itertools
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from storehelp import FACTS, at

from deflection_kit.certificates.revocation import BundleCertificateChecks
from deflection_kit.errors import UsageError
from deflection_kit.storage import PersonFields, Session, SessionFields, Store
from deflection_kit.storage.bundle_file import export_bundle
from deflection_kit.storage.merge import import_bundle as merge_bundle


def import_bundle(store: Store, path: Path) -> object:
    """Merge a bundle as the CLI does (certificates in it checked by their issuers' keys)."""
    return merge_bundle(store, path, BundleCertificateChecks())


ANA = PersonFields("Ana Ruiz", "ana@metro.example", agency="Metro PD")
BO = PersonFields("Bo Li", agency="County EMS")


def attendance_of(store: Store, session_id: str) -> dict[str, tuple[object, ...]]:
    return {
        e.participant.name: (
            e.attendance.check_in,
            e.attendance.check_out,
            e.attendance.credited_minutes,
            e.attendance.completed,
        )
        for e in store.attendance.roster(session_id)
    }


def test_undo_takes_back_the_last_check_in_and_keeps_the_history(
    store: Store, morning_session: Session
) -> None:
    sid = morning_session.id
    store.attendance.check_in(sid, ANA, at("09:00"))
    store.attendance.check_in(sid, BO, at("09:02"))  # the wrong person was clicked
    events_before = len(store.events(sid))
    undone = store.attendance.undo_last(sid, actor="app")
    assert undone is not None
    assert (undone.participant.name, undone.kind) == ("Bo Li", "checkin")
    assert undone.moment == at("09:02")
    assert undone.attendance.check_in is None
    # Bo was a walk-in whose only check-in was undone: no longer on the record.
    assert list(attendance_of(store, sid)) == ["Ana Ruiz"]
    counts = store.sessions.counts(sid)
    assert (counts.checked_in, counts.here) == (1, 1)
    # Nothing was deleted: the check-in is still in the log, and an undo event names it.
    events = store.events(sid)
    assert len(events) == events_before + 1
    checkin = next(
        e for e in events if e.kind == "checkin" and e.participant_id == undone.participant.id
    )
    assert events[-1].kind == "attendance.undo" and events[-1].data["event"] == checkin.id


def test_undo_of_a_check_out_puts_the_person_back_in_the_room(
    store: Store, morning_session: Session
) -> None:
    sid = morning_session.id
    store.attendance.check_in(sid, ANA, at("09:00"))
    store.attendance.check_out(sid, ANA, at("09:40"))  # Enter on the wrong row, say
    undone = store.attendance.undo_last(sid)
    assert undone is not None and undone.kind == "checkout"
    assert undone.attendance.checked_in and undone.attendance.check_in == at("09:00")
    assert store.sessions.counts(sid).here == 1
    # Undo again: the check-in goes too; then nothing is left to undo.
    assert store.attendance.undo_last(sid) is not None
    assert store.attendance.undo_last(sid) is None
    assert store.sessions.counts(sid).checked_in == 0


def test_undo_of_a_return_restores_the_earlier_check_out(
    store: Store, morning_session: Session
) -> None:
    sid = morning_session.id
    store.attendance.check_in(sid, ANA, at("09:00"))
    store.attendance.check_out(sid, ANA, at("10:30"))
    store.attendance.check_in(sid, ANA, at("10:31"))  # checked in again by mistake
    store.attendance.undo_last(sid)
    assert attendance_of(store, sid)["Ana Ruiz"] == (at("09:00"), at("10:30"), 90, True)


def test_a_new_check_in_after_an_undo_counts(store: Store, morning_session: Session) -> None:
    sid = morning_session.id
    store.attendance.check_in(sid, ANA, at("08:50"))
    store.attendance.undo_last(sid)
    store.attendance.check_in(sid, ANA, at("09:01"))
    store.attendance.check_out(sid, ANA, at("10:30"))
    assert attendance_of(store, sid)["Ana Ruiz"] == (at("09:01"), at("10:30"), 89, True)
    # Editing the session replays the same events: still 09:01, not the undone 08:50.
    store.sessions.update(sid, _same_fields(store, sid))
    assert attendance_of(store, sid)["Ana Ruiz"][0] == at("09:01")


def _same_fields(store: Store, session_id: str) -> SessionFields:
    s = store.sessions.get(session_id)
    return SessionFields(title=s.title, date=s.date, start=s.start, minutes=s.minutes)


def test_an_undone_check_in_stays_undone_in_another_database(
    tmp_path: Path, store: Store, morning_session: Session
) -> None:
    sid = morning_session.id
    store.attendance.check_in(sid, ANA, at("09:00"))
    store.attendance.check_in(sid, BO, at("09:03"))
    before = export_bundle(store, sid, tmp_path / "before.dkbundle")
    coordinator = Store.open(tmp_path / "coordinator.sqlite3")
    import_bundle(coordinator, before)
    assert sorted(attendance_of(coordinator, sid)) == ["Ana Ruiz", "Bo Li"]

    store.attendance.undo_last(sid)  # Bo's check-in was a mistake
    after = export_bundle(store, sid, tmp_path / "after.dkbundle")
    import_bundle(coordinator, after)
    assert sorted(attendance_of(coordinator, sid)) == ["Ana Ruiz"]
    assert coordinator.sessions.counts(sid).checked_in == 1
    # The old bundle again does not bring Bo's check-in back, nor does the new one twice.
    import_bundle(coordinator, before)
    import_bundle(coordinator, after)
    assert sorted(attendance_of(coordinator, sid)) == ["Ana Ruiz"]
    coordinator.close()

    # Any order, into fresh databases: the same result.
    results = []
    for order in itertools.permutations([before, after]):
        fresh = Store.memory()
        for path in order:
            import_bundle(fresh, path)
        results.append(attendance_of(fresh, sid))
    assert results[0] == results[1] == attendance_of(store, sid)


def test_an_undone_check_out_stays_undone_after_a_round_trip(
    tmp_path: Path, store: Store, morning_session: Session
) -> None:
    sid = morning_session.id
    store.attendance.check_in(sid, ANA, at("09:00"))
    store.attendance.check_out(sid, ANA, at("09:30"))
    laptop_b = Store.memory()
    import_bundle(laptop_b, export_bundle(store, sid, tmp_path / "one.dkbundle"))
    store.attendance.undo_last(sid)  # she had not left
    import_bundle(laptop_b, export_bundle(store, sid, tmp_path / "two.dkbundle"))
    assert attendance_of(laptop_b, sid)["Ana Ruiz"][:2] == (at("09:00"), None)
    assert laptop_b.sessions.counts(sid).here == 1
    store.attendance.check_out(sid, ANA, at("10:30"))
    import_bundle(laptop_b, export_bundle(store, sid, tmp_path / "two.dkbundle"))
    assert attendance_of(laptop_b, sid)["Ana Ruiz"] == (at("09:00"), at("10:30"), 90, True)
    # And back again: laptop B's copy changes nothing on the first laptop.
    import_bundle(store, export_bundle(laptop_b, sid, tmp_path / "three.dkbundle"))
    assert attendance_of(store, sid)["Ana Ruiz"] == (at("09:00"), at("10:30"), 90, True)


OPS = st.lists(
    st.tuples(st.sampled_from(["in", "out", "undo", "bundle"]), st.sampled_from([ANA, BO])),
    min_size=1,
    max_size=12,
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(OPS)
def test_bundles_with_undos_merge_the_same_in_any_order(
    ops: list[tuple[str, PersonFields]],
) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        laptop = Store.memory()
        session = laptop.sessions.create(
            SessionFields(title="Metro", date=dt.date(2025, 3, 4), start=dt.time(9)), FACTS
        )
        bundles: list[Path] = []
        for minute, (op, person) in enumerate(ops):
            moment = at("09:00") + dt.timedelta(minutes=5 * minute)
            try:
                if op == "in":
                    laptop.attendance.check_in(session.id, person, moment)
                elif op == "out":
                    laptop.attendance.check_out(session.id, person, moment)
                elif op == "undo":
                    laptop.attendance.undo_last(session.id)
                else:
                    bundles.append(export_bundle(laptop, session.id, folder / f"{minute}.dkbundle"))
            except UsageError:
                pass  # checking out someone not in: refused, nothing changes
        bundles.append(export_bundle(laptop, session.id, folder / "last.dkbundle"))
        wanted = attendance_of(laptop, session.id)
        for order in itertools.islice(itertools.permutations(bundles), 6):
            coordinator = Store.memory()
            for path in (*order, *order):  # every bundle twice
                import_bundle(coordinator, path)
            assert attendance_of(coordinator, session.id) == wanted


def test_a_return_to_the_room_survives_a_merge(
    tmp_path: Path, store: Store, morning_session: Session
) -> None:
    # Found by the property test above: merging stored times alone kept the 09:05 check-out.
    sid = morning_session.id
    store.attendance.check_in(sid, ANA, at("09:00"))
    store.attendance.check_out(sid, ANA, at("09:05"))
    early = export_bundle(store, sid, tmp_path / "early.dkbundle")
    store.attendance.check_in(sid, ANA, at("09:15"))  # she came back and stayed
    late = export_bundle(store, sid, tmp_path / "late.dkbundle")
    for order in ((early, late), (late, early)):
        coordinator = Store.memory()
        for path in order:
            import_bundle(coordinator, path)
        assert attendance_of(coordinator, sid)["Ana Ruiz"][:2] == (at("09:00"), None)
