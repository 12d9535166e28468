"""Hostile or careless bundles: a bundle adds records; it never rewrites what is here.

Each test reproduces an attack that worked before (a bundle edited with sqlite3, as anyone
holding one could) and checks what a coordinator would check: the people, sessions and
certificates in their database, and the conflicts waiting for them.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import sqlite3
from pathlib import Path

import pytest
from storehelp import FACTS, at

from deflection_kit.certificates.revocation import BundleCertificateChecks
from deflection_kit.errors import InputFileError, UsageError
from deflection_kit.storage import PersonFields, SessionFields, Store
from deflection_kit.storage.bundle_file import export_bundle
from deflection_kit.storage.conflicts import accept_conflict, list_conflicts, reject_conflict
from deflection_kit.storage.maintenance import delete_participant
from deflection_kit.storage.merge import import_bundle

CHECKS = BundleCertificateChecks()
DANA = PersonFields(
    "Dana Whitfield", "dana@metro.example", agency="Metro PD", credentials={"nremt": "123456"}
)
FAR_FUTURE = "2099-01-01T00:00:00.000000+00:00"


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


def _session(store: Store, title: str = "Spring training", day: str = "2025-03-04") -> str:
    session = store.sessions.create(
        SessionFields(title=title, date=dt.date.fromisoformat(day), start=dt.time(9)), FACTS
    )
    return session.id


def _laptop(people: list[PersonFields], title: str = "Metro", day: str = "2025-03-04") -> Store:
    store = Store.memory()
    session = _session(store, title, day)
    for person in people:
        store.attendance.check_in(session, person, at("09:00", day))
        store.attendance.check_out(session, person, at("10:30", day))
    return store


def _bundle(store: Store, path: Path, session_id: str | None = None) -> Path:
    session_id = session_id or store.sessions.list()[0].id
    return export_bundle(store, session_id, path)


def _edit(path: Path, *statements: str, params: tuple[object, ...] = ()) -> Path:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA ignore_check_constraints = ON")  # as an attacker would
    for statement in statements:
        conn.execute(statement, params if "?" in statement else ())
    conn.commit()
    conn.close()
    return path


def _table(store: Store, table: str) -> list[tuple[object, ...]]:
    return sorted(tuple(r) for r in store.db.execute(f"SELECT * FROM {table}").fetchall())


def test_a_bundle_cannot_rename_a_known_person_or_change_their_credentials(tmp_path) -> None:
    coordinator = _laptop([DANA])
    (dana,) = coordinator.participants.all()
    eve = PersonFields("Eve Mallory", "dana@metro.example", agency="Metro PD")
    bundle = _bundle(_laptop([eve]), tmp_path / "b")
    # The attack: the same email, another name and NREMT number, a far-future update time.
    _edit(
        bundle,
        'UPDATE participants SET credentials = \'{"nremt": "999999"}\', updated_at = ?',
        params=(FAR_FUTURE,),
    )
    with pytest.raises(InputFileError, match=r"updated_at 2099-01-01.* is in the future"):
        import_bundle(coordinator, bundle, CHECKS)
    assert coordinator.participants.get(dana.id) == dana

    # With a plausible time it merges, and the differences wait for a decision.
    _edit(bundle, "UPDATE participants SET updated_at = ?", params=(_now(),))
    report = import_bundle(coordinator, bundle, CHECKS)
    assert report.people_matched == 1 and report.conflicts == 1
    assert "wait for you" in report.summary()
    (person,) = coordinator.participants.all()
    assert (person.name, dict(person.credentials)) == ("Dana Whitfield", {"nremt": "123456"})
    (conflict,) = list_conflicts(coordinator)
    assert conflict.kind == "participant" and set(conflict.fields) == {"name", "credentials"}
    assert "'Dana Whitfield' → 'Eve Mallory'" in conflict.describe()
    assert "nremt 123456 → nremt 999999" in conflict.describe()
    # Importing it again raises nothing new; rejecting keeps Dana and forgets the values.
    assert import_bundle(coordinator, bundle, CHECKS).conflicts == 0
    reject_conflict(coordinator, conflict.short_id, "Coordinator")
    assert coordinator.participants.all()[0].name == "Dana Whitfield"
    assert list_conflicts(coordinator) == []
    assert b"Eve Mallory" not in json.dumps(_table(coordinator, "conflicts")).encode()
    assert import_bundle(coordinator, bundle, CHECKS).conflicts == 0
    with pytest.raises(UsageError, match="rejected already"):
        accept_conflict(coordinator, conflict.id)


def test_accepting_a_conflict_applies_exactly_its_values(tmp_path) -> None:
    coordinator = _laptop([DANA])
    corrected = PersonFields(
        "Dana Whitfield-Ray", "dana@metro.example", agency="Metro PD",
        credentials={"nremt": "123456"},
    )  # fmt: skip
    bundle = _bundle(_laptop([corrected]), tmp_path / "b")
    import_bundle(coordinator, bundle, CHECKS)
    (conflict,) = list_conflicts(coordinator)
    accepted = accept_conflict(coordinator, conflict.short_id, "Coordinator")
    assert accepted.status == "accepted" and accepted.decided_by == "Coordinator"
    (person,) = coordinator.participants.all()
    assert person.name == "Dana Whitfield-Ray" and person.agency == "Metro PD"
    assert coordinator.participants.search("ray")[0].id == person.id  # search words follow
    kinds = [e.kind for e in coordinator.events()]
    assert "participant.updated" in kinds and "conflict.accepted" in kinds


def test_a_bundle_cannot_rewrite_a_session_created_here(tmp_path) -> None:
    coordinator = Store.memory()
    session_id = _session(coordinator)
    before = coordinator.sessions.get(session_id)
    laptop = Store.memory()
    import_bundle(laptop, _bundle(coordinator, tmp_path / "out", session_id), CHECKS)
    bundle = _bundle(laptop, tmp_path / "back", session_id)
    _edit(
        bundle,
        "UPDATE sessions SET title = 'Cancelled', credit_hours = 12, completion_share = 0.01, "
        "updated_at = ?",
        params=(FAR_FUTURE,),
    )
    with pytest.raises(InputFileError, match=r"bundle session .*updated_at .* in the future"):
        import_bundle(coordinator, bundle, CHECKS)
    _edit(bundle, "UPDATE sessions SET updated_at = ?", params=(_now(),))
    report = import_bundle(coordinator, bundle, CHECKS)
    assert coordinator.sessions.get(session_id) == before
    assert report.sessions_updated == 0 and report.conflicts == 1
    (conflict,) = list_conflicts(coordinator)
    assert set(conflict.fields) == {"title", "credit_hours", "completion_share"}
    accept_conflict(coordinator, conflict.id, "Coordinator")
    after = coordinator.sessions.get(session_id)
    assert (after.title, after.credit_hours, after.completion_share) == ("Cancelled", 12, 0.01)


def test_a_session_from_elsewhere_follows_its_latest_copy(tmp_path) -> None:
    laptop = Store.memory()
    session_id = _session(laptop, "Draft title")
    first = _bundle(laptop, tmp_path / "first")
    laptop.sessions.update(
        session_id,
        SessionFields(title="Final title", date=dt.date(2025, 3, 4), start=dt.time(9)),
    )
    second = _bundle(laptop, tmp_path / "second")
    for order in ((first, second), (second, first)):
        coordinator = Store.memory()
        for path in order:
            import_bundle(coordinator, path, CHECKS)
        assert coordinator.sessions.get(session_id).title == "Final title"
        assert list_conflicts(coordinator) == []


def test_attendance_at_a_session_created_here_changes_only_when_accepted(tmp_path) -> None:
    coordinator = Store.memory()
    session_id = _session(coordinator)
    coordinator.attendance.check_in(session_id, DANA, at("09:00"))
    door = Store.memory()
    import_bundle(door, _bundle(coordinator, tmp_path / "out", session_id), CHECKS)
    door.attendance.check_out(session_id, DANA, at("10:30"))
    report = import_bundle(coordinator, _bundle(door, tmp_path / "back", session_id), CHECKS)
    (entry,) = coordinator.attendance.roster(session_id)
    assert entry.attendance.check_out is None and report.conflicts == 1
    (conflict,) = list_conflicts(coordinator)
    assert conflict.kind == "attendance" and conflict.fields == ("check_out",)
    accept_conflict(coordinator, conflict.id, "Coordinator")
    (entry,) = coordinator.attendance.roster(session_id)
    assert entry.attendance.check_out is not None and entry.attendance.completed


HOSTILE = {
    "future event": ("UPDATE events SET at = '2099-01-01T00:00:00+00:00'", "at 2099.* future"),
    "future check-out": (
        "UPDATE attendance SET check_out = '2099-01-01T00:00:00+00:00'",
        "check_out 2099.* future",
    ),
    "future bundle": (
        "UPDATE bundle_info SET value = '2099-01-01T00:00:00+00:00' WHERE key = 'created_at'",
        "bundle: created_at 2099.* future",
    ),
    "infinite hours": ("UPDATE sessions SET credit_hours = 9e999", "credit_hours is not a number"),
    "infinite share": ("UPDATE sessions SET completion_share = -9e999", "completion_share"),
    "text share": ("UPDATE sessions SET completion_share = 'all'", "completion_share"),
    "nested credentials": (
        'UPDATE participants SET credentials = \'{"nremt": {"a": [1, 2]}}\'',
        "credentials: nested values",
    ),
    "nested facilitators": (
        'UPDATE sessions SET facilitators = \'[["Jordan"], {"x": 1}]\'',
        "facilitators: nested",
    ),
    "NaN in JSON": (
        "UPDATE events SET data = '{\"x\": NaN}'", "data does not parse"
    ),
    "JSON that does not parse": (
        "UPDATE participants SET credentials = '{\"nremt\": '", "credentials does not parse"
    ),
    "deeply nested event": (
        "UPDATE events SET data = '{\"a\": [[[[[[1]]]]]]}'", "nested too deeply"
    ),
    "minutes as text": ("UPDATE sessions SET minutes = 'ninety'", "malformed"),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_bad_values_refuse_the_whole_bundle(tmp_path, case) -> None:
    sql, message = HOSTILE[case]
    bundle = _edit(_bundle(_laptop([DANA]), tmp_path / "b"), sql)
    coordinator = _laptop([PersonFields("Bo Li")], "Mine", "2025-02-01")
    before = {t: _table(coordinator, t) for t in ("sessions", "participants", "events")}
    with pytest.raises(InputFileError, match=message) as refused:
        import_bundle(coordinator, bundle, CHECKS)
    assert str(refused.value).startswith(str(bundle)) and "\n" not in str(refused.value)
    assert {t: _table(coordinator, t) for t in before} == before


def test_a_clash_found_while_merging_leaves_nothing_half_imported(tmp_path) -> None:
    laptop = _laptop([DANA, PersonFields("Bo Li")])
    bundle = _bundle(laptop, tmp_path / "b")
    coordinator = _laptop([PersonFields("Cy Okafor")], "Mine", "2025-02-01")
    # The bundle's last event reuses an id this database gave to a form on another session:
    # found only inside the merge, after sessions, people and attendance went in.
    (mine,) = coordinator.sessions.list()
    form = coordinator.feedback.add(mine.id, {"relevant": 5}, {}, "Jo")
    laptop_session = laptop.sessions.list()[0].id
    laptop.feedback.add(laptop_session, {"relevant": 4}, {}, "Jo")
    bundle = _bundle(laptop, tmp_path / "b2")
    _edit(bundle, "UPDATE feedback_forms SET id = ?", params=(form.id,))
    before = {t: _table(coordinator, t) for t in ("sessions", "participants", "attendance")}
    with pytest.raises(InputFileError, match="conflicts with records here"):
        import_bundle(coordinator, bundle, CHECKS)
    assert {t: _table(coordinator, t) for t in before} == before


def test_a_deleted_person_never_comes_back_events_included(tmp_path) -> None:
    north = _laptop([DANA, PersonFields("Bo Li")], "North")
    old = _bundle(north, tmp_path / "north")
    # Another laptop knows Dana under its own id (same email), from before the deletion.
    south = _laptop([DANA], "South", "2025-03-11")
    other = _bundle(south, tmp_path / "south")
    (south_dana,) = south.participants.all()
    coordinator = Store.memory()
    import_bundle(coordinator, old, CHECKS)
    dana = coordinator.participants.search("dana")[0]
    delete_participant(coordinator, dana.id)
    for path in (old, other, old):
        report = import_bundle(coordinator, path, CHECKS)
        assert report.skipped_deleted >= 1
    names = [p.name for p in coordinator.participants.all()]
    assert names == ["Bo Li"]
    assert south_dana.id != dana.id
    ids = {dana.id, south_dana.id}
    assert not [e for e in coordinator.events() if e.participant_id in ids]
    dump = json.dumps([_table(coordinator, t) for t in ("events", "attendance")])
    assert dana.id not in dump and south_dana.id not in dump
    # Nor do her check-ins come back with her id blanked out: Bo's are the only ones.
    checkins = [e for e in coordinator.events() if e.kind in ("checkin", "checkout")]
    (bo,) = coordinator.participants.all()
    assert {e.participant_id for e in checkins} == {bo.id} and len(checkins) == 2


def test_merging_stays_idempotent_and_order_free_with_local_records(tmp_path) -> None:
    a = _bundle(_laptop([DANA, PersonFields("Bo Li")], "North"), tmp_path / "a")
    b = _bundle(_laptop([DANA, PersonFields("Cy Okafor")], "South", "2025-03-11"), tmp_path / "b")
    tables = (
        "sessions", "session_origins", "participants", "participant_aliases", "attendance",
        "events", "certificates", "tombstones", "deleted_identities",
    )  # fmt: skip
    results = []
    for order in itertools.permutations((a, b)):
        coordinator = Store.memory()
        for path in (*order, *order):
            import_bundle(coordinator, path, CHECKS)
        results.append({t: _table(coordinator, t) for t in tables})
        results[-1]["installation"] = []  # each database has its own id
        assert list_conflicts(coordinator) == []
    assert results[0] == results[1]


def _as_older_kit(bundle: Path, target: Path, last: str) -> Path:
    """Rewrite a bundle as a kit whose last migration was ``last`` would have written it."""
    from sqlite_utils import Database

    from deflection_kit.storage import schema

    known = schema.KNOWN_MIGRATIONS
    conn = sqlite3.connect(target)
    db = Database(conn)
    schema.migrations.apply(db, stop_before=known[known.index(last) + 1])
    conn.execute("CREATE TABLE bundle_info (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    conn.execute("ATTACH DATABASE ? AS new", [str(bundle)])
    for (table,) in conn.execute("SELECT name FROM main.sqlite_master WHERE type = 'table'"):
        if table in ("_sqlite_migrations", "sqlite_sequence"):
            continue
        columns = ", ".join(r[1] for r in conn.execute(f"PRAGMA main.table_info({table})"))
        conn.execute(f"INSERT INTO main.{table} SELECT {columns} FROM new.{table}")
    conn.execute("DELETE FROM bundle_info WHERE key IN ('installation_id', 'origin')")
    conn.commit()
    conn.close()
    return target


def test_a_bundle_from_the_previous_kit_still_merges(tmp_path) -> None:
    laptop = _laptop([DANA, PersonFields("Bo Li")])
    older = _as_older_kit(_bundle(laptop, tmp_path / "new"), tmp_path / "old", "0005_live_state")
    coordinator = Store.memory()
    report = import_bundle(coordinator, older, CHECKS)
    assert (report.sessions_added, report.people_added, report.attendance_added) == (1, 2, 2)
    too_old = _as_older_kit(_bundle(laptop, tmp_path / "n2"), tmp_path / "o2", "0004_check_sheets")
    with pytest.raises(InputFileError, match="older Deflection Kit; export it again"):
        import_bundle(Store.memory(), too_old, CHECKS)
    newer = _edit(
        _bundle(laptop, tmp_path / "n3"),
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('deflection_kit', '0099_future', '2026-01-01')",
    )
    with pytest.raises(InputFileError, match="newer Deflection Kit; update the kit"):
        import_bundle(Store.memory(), newer, CHECKS)


def test_cli_lists_accepts_and_rejects_conflicts(cli, tmp_path, monkeypatch) -> None:
    session = cli("session", "new", "--title", "Metro", "--date", "2025-03-04").out.strip()
    for name in ("Ana Ruiz", "Bo Li"):
        cli("checkin", session, "--name", name, "--email", f"{name[:2].lower()}@x.example",
            "--at", "2025-03-04T09:00Z")  # fmt: skip
    out = tmp_path / "metro.dkbundle"
    cli("bundle", "export", session, "--out", str(out))
    _edit(
        out,
        "UPDATE participants SET name = name || ' Jr', updated_at = ?",
        params=(_now(),),
    )
    imported = cli("bundle", "import", str(out)).out
    assert "2 changes to records here wait for your decision (list them: deflection-kit" in imported
    listed = cli("bundle", "conflicts").out.splitlines()
    assert len(listed) == 2 and all(" → 'Ana Ruiz Jr'" in line or "Bo Li Jr" in line
                                    for line in listed)  # fmt: skip
    ana = next(line.split()[0] for line in listed if "Ana" in line)
    bo = next(line.split()[0] for line in listed if "Bo Li" in line)
    accepted = cli("bundle", "accept", ana, "--by", "Coordinator")
    assert accepted.code == 0 and "accepted" in accepted.out
    assert cli("bundle", "reject", bo).code == 0
    assert cli("bundle", "conflicts").out.strip() == "no conflicts waiting"
    assert "[accepted]" in cli("bundle", "conflicts", "--all").out
    names = cli("participant", "search", "ruiz").out
    assert "Ana Ruiz Jr" in names and "Bo Li Jr" not in cli("participant", "search", "li").out
    again = cli("bundle", "accept", bo)
    assert again.code != 0 and "rejected already" in again.err
    unknown = cli("bundle", "accept", "zzzz")
    assert unknown.code != 0 and "no conflict 'zzzz'" in unknown.err


def test_a_bundle_that_knows_less_about_a_person_proposes_nothing(tmp_path) -> None:
    coordinator = _laptop([DANA])
    sparse = PersonFields("Dana Whitfield", "", agency="Metro PD", credentials={"state_ems": "X9"})
    bundle = _bundle(_laptop([sparse]), tmp_path / "b")
    _edit(bundle, "UPDATE participants SET updated_at = ?", params=(_now(),))
    report = import_bundle(coordinator, bundle, CHECKS)
    assert report.people_matched == 1
    (conflict,) = list_conflicts(coordinator)  # no email erased: only the ID it adds
    assert conflict.fields == ("credentials",)
    assert "nremt 123456 → nremt 123456, state_ems X9" in conflict.describe()
    accept_conflict(coordinator, conflict.id)
    (dana,) = coordinator.participants.all()
    assert dana.email == "dana@metro.example"
    assert dict(dana.credentials) == {"nremt": "123456", "state_ems": "X9"}
