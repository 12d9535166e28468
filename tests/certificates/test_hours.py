"""A certificate's hours never exceed the time attended: credit is capped by the credited minutes
(one hour for 60 minutes, rounded down to the hundredth), and nothing with more hours is signed.

Tried before: a 10-minute session gave a signed certificate for 1.5 contact hours.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from certhelp import make_certificate, shown
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader

from deflection_kit.certificates.signing import sign
from deflection_kit.errors import DeflectionKitError
from deflection_kit.storage.completion import hours_for_minutes as hours_attended


def _session(run_cli, db: str, minutes: int, *extra: str) -> str:
    made = run_cli(
        "--db", db, "session", "new", "--title", "Short roll call", "--date", "2025-03-04",
        "--start", "09:00", "--minutes", str(minutes), *extra,
    )  # fmt: skip
    assert made.code == 0, made
    return made.out.strip()


def _attend(run_cli, db: str, session: str, name: str, start: str, end: str) -> None:
    for command, at in (("checkin", start), ("checkout", end)):
        done = run_cli("--db", db, command, session, "--name", name, "--at", f"2025-03-04T{at}")
        assert done.code == 0, done


def test_a_ten_minute_session_gives_no_more_than_ten_minutes_of_credit(run_cli, tmp_path):
    db = str(tmp_path / "kit.sqlite3")
    session = _session(run_cli, db, 10, "--hours", "1.5")  # the session claims the course's hours
    _attend(run_cli, db, session, "Dana Whitfield", "09:00", "09:10")
    issued = run_cli("--db", db, "certificates", "issue", session, "--out", str(tmp_path / "c"))
    assert issued.code == 0, issued
    assert "Dana Whitfield: 0.16 credit hours, not 1.5: attended 10 minutes" in issued.err
    (pdf,) = [Path(line) for line in issued.out.splitlines()]
    result = run_cli("--db", db, "certificates", "verify", str(pdf))
    assert result.code == 0, result
    assert shown(result.out, "credit hours") == "0.16"
    assert shown(result.out, "minutes attended") == "10"
    page = " ".join(PdfReader(pdf).pages[0].extract_text().split())
    assert "0.16 contact hours" in page and "1.5 contact hours" not in page


def test_credit_is_the_sessions_hours_when_attendance_covers_them(run_cli, tmp_path) -> None:
    db = str(tmp_path / "kit.sqlite3")
    session = _session(run_cli, db, 90, "--hours", "1")
    _attend(run_cli, db, session, "Dana Whitfield", "09:00", "10:30")  # 90 minutes
    _attend(run_cli, db, session, "Riley Park", "09:02", "10:30")  # 88 minutes
    issued = run_cli("--db", db, "certificates", "issue", session, "--out", str(tmp_path / "c"))
    assert issued.code == 0, issued
    assert "credit hours, not" not in issued.err  # 1 hour is within both people's time
    for pdf in issued.out.splitlines():
        result = run_cli("--db", db, "certificates", "verify", pdf)
        assert shown(result.out, "credit hours") == "1"


def test_nothing_with_more_hours_than_minutes_is_signed(issuer) -> None:
    with pytest.raises(DeflectionKitError, match="never exceed the time attended"):
        sign(make_certificate(issuer, credit_hours=1.5, minutes_attended=10), issuer)
    with pytest.raises(DeflectionKitError):
        sign(make_certificate(issuer, credit_hours=1.5, minutes_attended=89), issuer)
    assert sign(make_certificate(issuer, credit_hours=1.5, minutes_attended=90), issuer)


@pytest.mark.parametrize(
    ("minutes", "hours"),
    [(0, 0.0), (10, 0.16), (15, 0.25), (59, 0.98), (60, 1.0), (88, 1.46), (90, 1.5), (600, 10.0)],
)
def test_hours_attended(minutes: int, hours: float) -> None:
    assert hours_attended(minutes) == hours


@given(st.integers(min_value=0, max_value=100_000))
def test_hours_attended_never_exceed_the_minutes(minutes: int) -> None:
    hours = hours_attended(minutes)
    assert hours * 60 <= minutes + 1e-9
    assert (minutes - hours * 60) < 0.6 + 1e-9  # and lose less than a hundredth of an hour
