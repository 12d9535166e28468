"""The command line: report build and audit-packet on a presented session."""

from __future__ import annotations

import os


def test_report_build(run_cli, stored, tmp_path) -> None:
    path, session_id = stored
    out = tmp_path / "report.pdf"
    result = run_cli("--db", str(path), "report", "build", session_id[:8], "--out", str(out))
    assert result.code == 0, result
    assert "delivery report of 'Spring training'" in result.out
    assert out.read_bytes().startswith(b"%PDF")
    assert oct(os.stat(out).st_mode & 0o777) == "0o600"


def test_audit_packet_folder_and_pdf(run_cli, stored, tmp_path) -> None:
    path, session_id = stored
    folder = tmp_path / "packet"
    result = run_cli("--db", str(path), "audit-packet", session_id, "--out", str(folder))
    assert result.code == 0, result
    assert (folder / "CONTENTS.txt").is_file()
    single = tmp_path / "packet.pdf"
    result = run_cli("--db", str(path), "audit-packet", session_id, "--out", str(single))
    assert result.code == 0, result
    assert "pages)" in result.out and single.is_file()


def test_a_session_not_presented_is_one_line(run_cli, tmp_path) -> None:
    db = tmp_path / "kit.sqlite3"
    made = run_cli("--db", str(db), "session", "new", "--title", "Later", "--date", "2026-06-01")
    assert made.code == 0, made
    session_id = made.out.strip()
    out = tmp_path / "r.pdf"
    result = run_cli("--db", str(db), "report", "build", session_id, "--out", str(out))
    assert result.code == 1
    assert result.err.count("\n") == 1 and "not been presented" in result.err
    assert not out.exists()
    missing = run_cli("--db", str(db), "audit-packet", "nope", "--out", str(tmp_path / "p"))
    assert missing.code == 2 and "no session" in missing.err
