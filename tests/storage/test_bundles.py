"""Bundles: merge records from several facilitators; twice or in any order gives one result;
a damaged or hostile file is rejected whole before anything is merged."""

from __future__ import annotations

import datetime as dt
import itertools
import shutil
import sqlite3
import stat
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from storehelp import FACTS, at

from deflection_kit.certificates.revocation import BundleCertificateChecks
from deflection_kit.errors import InputFileError
from deflection_kit.storage import PersonFields, SessionFields, Store
from deflection_kit.storage.bundle_file import export_bundle
from deflection_kit.storage.maintenance import purge_before
from deflection_kit.storage.merge import import_bundle

CHECKS = BundleCertificateChecks()

TABLES = (
    "sessions", "participants", "participant_aliases", "attendance",
    "events", "tombstones", "session_origins", "deleted_identities",
)  # fmt: skip

POOL = [
    PersonFields("Ana Ruiz", "ana@metro.example", agency="Metro PD"),
    PersonFields("Bo Li", "", agency="County EMS"),
    PersonFields("Cy Okafor", "cy@fire.example", agency="Metro Fire"),
    PersonFields("Dee Nakamura", "", agency="Harbor Recovery"),
    PersonFields("王小明", "xm@county.example", agency="County EMS"),
    PersonFields("Eve Adams", "eve@peer.example"),
]


def dump(store: Store) -> dict[str, list[tuple[object, ...]]]:
    return {
        table: sorted(
            (tuple(row) for row in store.db.execute(f"SELECT * FROM {table}").fetchall()),
            key=repr,
        )
        for table in TABLES
    }


def facilitator_store(title: str, day: str, people: list[int], leave: str = "10:30") -> Store:
    store = Store.memory()
    session = store.sessions.create(
        SessionFields(title=title, date=dt.date.fromisoformat(day), start=dt.time(9)), FACTS
    )
    for index in people:
        store.attendance.check_in(session.id, POOL[index], at("09:00", day))
        store.attendance.check_out(session.id, POOL[index], at(leave, day))
    return store


def bundle_of(store: Store, folder: Path, name: str) -> Path:
    (session,) = store.sessions.list()
    return export_bundle(store, session.id, folder / f"{name}.dkbundle")


def test_export_then_import_recreates_the_session(tmp_path: Path) -> None:
    source = facilitator_store("Metro", "2025-03-04", [0, 1, 4])
    path = bundle_of(source, tmp_path, "metro")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    target = Store.memory()
    report = import_bundle(target, path, CHECKS)
    assert (report.sessions_added, report.people_added, report.attendance_added) == (1, 3, 3)
    assert dump(target)["attendance"] == dump(source)["attendance"]
    assert dump(target)["participants"] == dump(source)["participants"]
    assert dump(target)["events"] == [
        e
        for e in dump(source)["events"]
        if e[3] is not None  # session events travel
    ]


def test_importing_twice_changes_nothing(tmp_path: Path) -> None:
    path = bundle_of(facilitator_store("Metro", "2025-03-04", [0, 1, 2]), tmp_path, "m")
    target = Store.memory()
    import_bundle(target, path, CHECKS)
    once = dump(target)
    again = import_bundle(target, path, CHECKS)
    assert dump(target) == once
    assert (again.people_added, again.attendance_added) == (0, 0)


def test_the_same_person_from_two_facilitators_becomes_one(tmp_path: Path) -> None:
    first = bundle_of(facilitator_store("North", "2025-03-04", [0, 1]), tmp_path, "north")
    second = bundle_of(facilitator_store("South", "2025-03-11", [0, 1]), tmp_path, "south")
    coordinator = Store.memory()
    import_bundle(coordinator, first, CHECKS)
    import_bundle(coordinator, second, CHECKS)
    assert sorted(p.name for p in coordinator.participants.all()) == ["Ana Ruiz", "Bo Li"]
    hours = {h.participant.name: h.credit_hours for h in coordinator.attendance.rollup()}
    assert hours == {"Ana Ruiz": 3.0, "Bo Li": 3.0}
    # The other laptop's ids still find the person.
    (session,) = [s for s in coordinator.sessions.list() if s.title == "South"]
    assert len(coordinator.attendance.roster(session.id)) == 2


def test_one_session_on_two_laptops_keeps_earliest_in_and_latest_out(tmp_path: Path) -> None:
    laptop_a = facilitator_store("Metro", "2025-03-04", [0, 1], leave="10:00")
    (session,) = laptop_a.sessions.list()
    laptop_b = Store.memory()
    import_bundle(laptop_b, bundle_of(laptop_a, tmp_path, "a0"), CHECKS)
    ana = laptop_b.participants.search("ana")[0]
    laptop_b.attendance.check_out(session.id, ana.id, at("10:40"))  # already out on A: no change
    laptop_b.attendance.check_in(session.id, POOL[2], at("09:05"))
    laptop_b.attendance.check_out(session.id, POOL[2], at("10:35"))
    coordinator = Store.memory()
    import_bundle(coordinator, bundle_of(laptop_b, tmp_path, "b"), CHECKS)
    import_bundle(coordinator, bundle_of(laptop_a, tmp_path, "a"), CHECKS)
    roster = {e.participant.name: e.attendance for e in coordinator.attendance.roster(session.id)}
    assert sorted(roster) == ["Ana Ruiz", "Bo Li", "Cy Okafor"]
    assert roster["Cy Okafor"].completed and not roster["Ana Ruiz"].completed


@st.composite
def facilitators(draw: st.DrawFn) -> list[tuple[str, str, list[int], str]]:
    count = draw(st.integers(2, 3))
    plans = []
    for number in range(count):
        day = draw(st.sampled_from(["2025-03-04", "2025-03-11", "2025-04-01"]))
        people = draw(st.lists(st.integers(0, len(POOL) - 1), min_size=1, max_size=4, unique=True))
        leave = draw(st.sampled_from(["09:30", "10:25", "10:30"]))
        plans.append((f"Session {number}", day, people, leave))
    return plans


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(facilitators(), st.booleans())
def test_merging_is_idempotent_and_order_independent(
    plans: list[tuple[str, str, list[int], str]], shared: bool
) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        stores = [facilitator_store(*plan) for plan in plans]
        bundles = [bundle_of(s, folder, f"f{i}") for i, s in enumerate(stores)]
        if shared:  # the last facilitator also worked the first one's session
            (first_session,) = stores[0].sessions.list()
            import_bundle(stores[-1], bundles[0], CHECKS)
            stores[-1].attendance.check_in(first_session.id, POOL[5], at("09:10", "2025-03-04"))
            bundles.append(export_bundle(stores[-1], first_session.id, folder / "shared.dkbundle"))
        results = []
        for order in itertools.permutations(bundles):
            merged = Store.memory()
            for path in order:
                import_bundle(merged, path, CHECKS)
            results.append(dump(merged))
            for path in order:
                import_bundle(merged, path, CHECKS)  # and again: nothing changes
            assert dump(merged) == results[-1]
            assert merged.integrity_ok()
        assert all(result == results[0] for result in results)
        emails = [p[3] for p in results[0]["participants"] if p[3]]
        assert len(emails) == len(set(emails))  # one person per email, whatever the order


def _damage(tmp_path: Path, name: str, sql: str) -> Path:
    good = bundle_of(facilitator_store("Metro", "2025-03-04", [0, 1]), tmp_path, "good")
    bad = tmp_path / f"{name}.dkbundle"
    shutil.copy(good, bad)
    conn = sqlite3.connect(bad)
    conn.executescript(sql)
    conn.commit()
    conn.close()
    return bad


HOSTILE = {
    "trigger": (
        "CREATE TRIGGER evil AFTER INSERT ON sessions BEGIN DELETE FROM participants; END;",
        "unexpected structure",
    ),
    "view": ("CREATE VIEW v AS SELECT 1;", "unexpected structure"),
    "dangling": ("UPDATE participants SET id = 'x' || id;", "point nowhere"),
    "bad-uuid": ("UPDATE participants SET id = 'x' || id; "
                 "UPDATE attendance SET participant_id = 'x' || participant_id; "
                 "UPDATE events SET participant_id = NULL;", "malformed"),
    "bad-date": ("UPDATE sessions SET date = 'yesterday';", "malformed"),
    "naive-time": ("UPDATE attendance SET check_in = '2025-03-04T09:00:00';", "malformed"),
    "bad-status": ("PRAGMA ignore_check_constraints = ON; UPDATE attendance SET status = 'x';",
                   "malformed"),
    "bad-email": ("UPDATE participants SET email = 'not an email' WHERE email != '';",
                  "not an email address"),
    "not-a-bundle": ("DELETE FROM bundle_info;", "not a Deflection Kit bundle"),
    "too-many": ("INSERT INTO sessions SELECT lower(hex(randomblob(16))), title, date, start, "
                 "minutes, location, host_agency, facilitators, audience, pathways, credit_hours, "
                 "status, course_id, course_title, course_version, completion_share, utc_offset, "
                 "created_at, updated_at FROM sessions;", "too many sessions"),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_a_hostile_bundle_is_rejected_whole(tmp_path: Path, case: str) -> None:
    sql, message = HOSTILE[case]
    bad = _damage(tmp_path, case, sql)
    target = facilitator_store("Mine", "2025-02-01", [2, 3])
    before = dump(target)
    with pytest.raises(InputFileError, match=message):
        import_bundle(target, bad, CHECKS)
    assert dump(target) == before


def test_a_damaged_or_foreign_file_is_rejected(tmp_path: Path, db_path: Path) -> None:
    good = bundle_of(facilitator_store("Metro", "2025-03-04", [0, 1]), tmp_path, "good")
    truncated = tmp_path / "cut.dkbundle"
    truncated.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    flipped = tmp_path / "flipped.dkbundle"
    data = bytearray(good.read_bytes())
    for offset in range(4096 + 200, len(data), 997):
        data[offset] ^= 0xFF
    flipped.write_bytes(bytes(data))
    text = tmp_path / "notes.dkbundle"
    text.write_text("hello")
    Store.open(db_path).close()  # a whole kit database is not a bundle either
    target = Store.memory()
    for path, message in (
        (truncated, "damaged|unexpected"),
        (flipped, "damaged|unexpected|malformed"),
        (text, "not an SQLite file"),
        (db_path, "unexpected structure"),
        (tmp_path / "missing.dkbundle", "cannot read"),
    ):
        with pytest.raises(InputFileError, match=message):
            import_bundle(target, path, CHECKS)
    assert target.sessions.list() == []


def test_purged_records_are_not_brought_back(tmp_path: Path) -> None:
    path = bundle_of(facilitator_store("Old", "2023-03-04", [0]), tmp_path, "old")
    coordinator = Store.memory()
    import_bundle(coordinator, path, CHECKS)
    purge_before(coordinator, dt.date(2024, 1, 1))
    report = import_bundle(coordinator, path, CHECKS)
    assert coordinator.sessions.list() == [] and coordinator.participants.count() == 0
    assert report.skipped_deleted >= 1


def test_cli_bundle_export_and_import(cli, tmp_path: Path, monkeypatch) -> None:
    session_id = cli("session", "new", "--title", "Metro", "--date", "2025-03-04").out.strip()
    cli("checkin", session_id, "--name", "Ana Ruiz", "--at", "2025-03-04T09:00Z")
    out = tmp_path / "metro.dkbundle"
    assert cli("bundle", "export", session_id, "--out", str(out)).code == 0
    monkeypatch.setenv("DEFLECTION_KIT_DB", str(tmp_path / "coordinator.sqlite3"))
    first = cli("bundle", "import", str(out))
    assert first.code == 0 and first.out.startswith("merged: 1 new and 0 updated sessions")
    again = cli("bundle", "import", str(out))
    assert "0 new and 0 updated sessions, 0 new and 1 known people" in again.out
    bad = cli("bundle", "import", str(tmp_path / "missing.dkbundle"))
    assert bad.code == 1 and "cannot read" in bad.err


def _paper_forms(store: Store) -> dict[str, list[tuple[object, ...]]]:
    return {
        table: sorted(tuple(r) for r in store.db.execute(f"SELECT * FROM {table}").fetchall())
        for table in ("feedback_forms", "check_sheets")
    }


def test_paper_evaluations_and_checks_travel_and_merge_once(tmp_path: Path) -> None:
    source = facilitator_store("Metro", "2025-03-04", [0, 1])
    (session,) = source.sessions.list()
    form = source.feedback.add(session.id, {"relevant": 5}, {"best": "The case studies"}, "Jo")
    source.check_sheets.add(session.id, "pre", {"q1": 1}, code="AB12")
    source.check_sheets.add(session.id, "post", {"q1": 0}, code="AB12")
    first = bundle_of(source, tmp_path, "first")
    source.feedback.update(form.id, {"relevant": 4}, {"best": "The case studies"})
    second = bundle_of(source, tmp_path, "second")

    one, other = Store.memory(), Store.memory()
    report = import_bundle(one, first, CHECKS)
    assert report.forms_added == 3
    import_bundle(one, second, CHECKS)
    import_bundle(other, second, CHECKS)
    import_bundle(other, first, CHECKS)
    import_bundle(other, first, CHECKS)  # again: nothing changes
    assert _paper_forms(one) == _paper_forms(other) == _paper_forms(source)
    (merged,) = one.feedback.list(session.id)
    assert merged.ratings == {"relevant": 4}  # the later correction wins in either order


def test_a_malformed_paper_form_rejects_the_bundle(tmp_path: Path) -> None:
    source = facilitator_store("Metro", "2025-03-04", [0])
    (session,) = source.sessions.list()
    source.check_sheets.add(session.id, "pre", {"q1": 1})
    path = bundle_of(source, tmp_path, "bad")
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE check_sheets SET answers = '[1, 2]'")
    target = Store.memory()
    with pytest.raises(InputFileError, match="check sheet"):
        import_bundle(target, path, CHECKS)
    assert target.sessions.list() == []
