"""The certificate register in the database: issue, revoke, re-issue; nothing secret stored."""

from __future__ import annotations

import datetime as dt

import pytest

from deflection_kit.errors import UsageError
from deflection_kit.storage import CourseFacts, NewCertificate, PersonFields, SessionFields, Store


@pytest.fixture
def store(tmp_path):
    opened = Store.open(tmp_path / "kit.sqlite3")
    yield opened
    opened.close()


@pytest.fixture
def holder(store):
    session = store.sessions.create(
        SessionFields(title="Springfield PD", date=dt.date(2025, 3, 4)), CourseFacts(id="c")
    )
    person = store.participants.create(PersonFields(name="Dana Whitfield"))
    return session.id, person.id


def _new(holder, certificate_id="AAAABBBBCCCCDDDD", payload="DK1:XYZ") -> NewCertificate:
    return NewCertificate(certificate_id, holder[0], holder[1], "KEY", payload, "Dana Whitfield")


def test_issue_then_revoke_records_who_when_and_why(store, holder) -> None:
    record = store.certificates.add(_new(holder), by="Jordan Ellis")
    assert record.status == "issued" and record.issued_by == "Jordan Ellis"
    assert store.certificates.current(*holder) == record
    revoked = store.certificates.revoke(record.id, "Jordan Ellis", "left after 20 minutes")
    assert (revoked.status, revoked.revoked_by, revoked.revoke_reason) == (
        "revoked",
        "Jordan Ellis",
        "left after 20 minutes",
    )
    assert revoked.revoked_at is not None
    assert store.certificates.current(*holder) is None
    kinds = [e.kind for e in store.events(holder[0])]
    assert kinds[-2:] == ["certificate.issued", "certificate.revoked"]
    with pytest.raises(UsageError, match="already revoked"):
        store.certificates.revoke(record.id, "x", "again")


def test_a_revocation_needs_a_reason(store, holder) -> None:
    record = store.certificates.add(_new(holder))
    with pytest.raises(UsageError, match="say why"):
        store.certificates.revoke(record.id, "Jordan", "  ")


def test_reissue_supersedes_the_old_one_in_one_step(store, holder) -> None:
    old = store.certificates.add(_new(holder))
    before, after = store.certificates.reissue(
        old.id, _new(holder, "EEEEFFFFGGGGHHHH", "DK1:NEW"), "Priya Raman", "name corrected"
    )
    assert (before.status, before.replaced_by, before.revoke_reason) == (
        "superseded",
        after.id,
        "name corrected",
    )
    assert after.replaces == old.id
    assert store.certificates.current(*holder) == after
    assert [r.id for r in store.certificates.for_session(holder[0])] == [old.id, after.id]


def test_a_failed_batch_records_nothing(store, holder) -> None:
    good = _new(holder, "AAAABBBBCCCCDDDD")
    clash = _new(holder, "AAAABBBBCCCCDDDD")  # the same ID twice: the second insert fails
    with pytest.raises(Exception):  # noqa: B017 - sqlite's IntegrityError through sqlite-utils
        store.certificates.add_many([good, clash])
    assert store.certificates.for_session(holder[0]) == []


def test_records_survive_reopening_and_go_with_a_deleted_person(store, holder, tmp_path) -> None:
    store.certificates.add(_new(holder))
    store.close()
    reopened = Store.open(tmp_path / "kit.sqlite3")
    assert reopened.certificates.get("AAAABBBBCCCCDDDD") is not None
    reopened.participants.delete(holder[1])
    assert reopened.certificates.get("AAAABBBBCCCCDDDD") is None
    reopened.close()
