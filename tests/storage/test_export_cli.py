"""``attendance export`` and ``attendance rollup`` from the command line."""

from __future__ import annotations

import csv
import stat
from pathlib import Path


def session_with_people(cli) -> str:
    session_id = cli(
        "session", "new", "--title", "Metro", "--date", "2025-03-04", "--start", "09:00"
    ).out.strip()
    cli("checkin", session_id, "--name", "Ana Ruiz", "--email", "ana@example.org",
        "--at", "2025-03-04T09:00Z")  # fmt: skip
    cli("checkout", session_id, "--name", "Ana Ruiz", "--at", "2025-03-04T10:30Z")
    cli("checkin", session_id, "--name", "@Bo Li", "--at", "2025-03-04T09:10Z")
    return session_id


def rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_export_one_session_to_csv(cli, tmp_path: Path) -> None:
    session_id = session_with_people(cli)
    out = tmp_path / "a.csv"
    result = cli(
        "attendance", "export", "--session", session_id, "--format", "csv", "--out", str(out)
    )
    assert result.code == 0 and "2 rows, profile generic" in result.out
    assert [r["Name"] for r in rows(out)] == ["Ana Ruiz", "'@Bo Li"]
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_export_a_date_range_to_xlsx_and_pdf(cli, tmp_path: Path, qapp) -> None:
    session_with_people(cli)
    for fmt in ("xlsx", "pdf"):
        out = tmp_path / f"range.{fmt}"
        result = cli("attendance", "export", "--from", "2025-03-01", "--to", "2025-03-31",
                     "--format", fmt, "--out", str(out))  # fmt: skip
        assert result.code == 0, result.err
        assert out.stat().st_size > 1000


def test_ce_roster_lists_who_lacks_what(cli, tmp_path: Path) -> None:
    session_id = session_with_people(cli)
    out = tmp_path / "ce.csv"
    result = cli("attendance", "export", "--session", session_id, "--format", "csv",
                 "--profile", "ce-roster", "--out", str(out))  # fmt: skip
    assert result.code == 1 and not out.exists()
    assert result.err.splitlines() == [
        "Ana Ruiz (2025-03-04 Metro): missing Credential ID",
        "deflection-kit: profile 'ce-roster': 1 person lacks required fields; nothing was written",
    ]


def test_export_needs_a_session_or_a_range(cli, tmp_path: Path) -> None:
    session_id = session_with_people(cli)
    out = str(tmp_path / "x.csv")
    both = cli("attendance", "export", "--session", session_id, "--from", "2025-01-01",
               "--to", "2025-12-31", "--format", "csv", "--out", out)  # fmt: skip
    assert both.code == 2 and "not both" in both.err
    neither = cli("attendance", "export", "--format", "csv", "--out", out)
    assert neither.code == 2 and "give --session ID" in neither.err
    unknown = cli("attendance", "export", "--session", session_id, "--format", "csv",
                  "--profile", "nope", "--out", out)  # fmt: skip
    assert unknown.code == 2 and "no export profile 'nope'" in unknown.err


def test_rollup_prints_and_writes(cli, tmp_path: Path) -> None:
    session_with_people(cli)
    printed = cli("attendance", "rollup").out
    assert "Ana Ruiz" in printed and "1.5 h" in printed
    out = tmp_path / "hours.csv"
    assert cli("attendance", "rollup", "--out", str(out)).code == 0
    assert {r["Name"]: r["Credit hours"] for r in rows(out)} == {"Ana Ruiz": "1.5", "'@Bo Li": "0"}


def test_a_place_that_cannot_be_written_is_one_line(cli, tmp_path: Path) -> None:
    session_id = session_with_people(cli)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where a folder should be")
    for fmt in ("csv", "xlsx"):
        out = blocker / f"a.{fmt}"
        result = cli(
            "attendance", "export", "--session", session_id, "--format", fmt, "--out", str(out)
        )
        assert result.code == 1
        assert result.err.startswith(f"deflection-kit: {out}: ")
        assert len(result.err.splitlines()) == 1 and "internal error" not in result.err
    backup = cli("backup", "--out", str(blocker / "b.sqlite3"))
    assert backup.code == 1 and "internal error" not in backup.err
    assert blocker.read_text() == "a file where a folder should be"
