"""``deflection-kit materials``: build everything or one document; bad input is one line."""

from __future__ import annotations

import stat

from pdf_reading import pdf_flat


def test_build_everything_for_a_session(run_cli, tmp_path, local_csv) -> None:
    sid = run_cli(
        "session",
        "new",
        "--title",
        "Night shift class",
        "--date",
        "2025-06-02",
        "--start",
        "19:00",
        "--minutes",
        "120",
    ).out.strip()
    out = tmp_path / "materials"
    result = run_cli(
        "materials",
        "build",
        "--out",
        str(out),
        "--session",
        sid[:8],
        "--resources",
        str(local_csv),
        "--pathways",
        "officer-intervention",
        "--paper",
        "a4",
    )
    assert result.code == 0, result
    assert len(list(out.iterdir())) == 9
    assert "120 minutes from 19:00, a4 paper" in result.err
    for path in out.iterdir():
        assert str(path) in result.out
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    guide = pdf_flat(out / "facilitator-guide.pdf")
    assert "19:00–21:00 (120 minutes)" in guide and "Night shift class" in guide


def test_one_command_per_document(run_cli, tmp_path) -> None:
    expected = {
        "guide": {"facilitator-guide.pdf", "facilitator-guide.md", "facilitator-guide.odt"},
        "handout": {"participant-handout.pdf", "resource-guide.pdf"},
        "worksheet": {"action-planning-worksheet.pdf"},
        "forms": {"knowledge-check.pdf", "knowledge-check-answer-key.pdf", "evaluation-form.pdf"},
    }
    for command, files in expected.items():
        out = tmp_path / command
        result = run_cli(
            "materials", command, "--out", str(out), "--recipe", "roll-call", "--start", "07:00"
        )
        assert result.code == 0, result
        assert {p.name for p in out.iterdir()} == files


def test_unknown_choices_exit_2_naming_the_valid_ones(run_cli, tmp_path) -> None:
    out = tmp_path / "out"
    cases = {
        ("--pathways", "self-referral,warp-drive"): "unknown pathway 'warp-drive'; choose from: ",
        ("--audience", "astronauts"): "unknown audience 'astronauts'; choose from: ",
        ("--recipe", "banquet"): "unknown recipe 'banquet'; choose one of: ",
        ("--session", "zzzz9999"): "no session 'zzzz9999'",
    }
    for args, message in cases.items():
        result = run_cli("materials", "build", "--out", str(out), *args)
        assert result.code == 2, (args, result)
        assert result.err.count("\n") == 1 and message in result.err
        assert "Traceback" not in result.err
    assert not out.exists()


def test_a_malformed_resources_file_is_one_line_and_nothing_written(run_cli, tmp_path) -> None:
    bad = tmp_path / "local.csv"
    bad.write_text('name,service,phone\n"Riverside,Treatment\n', encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli("materials", "build", "--out", str(out), "--resources", str(bad))
    assert result.code == 1
    assert result.err.startswith(f"deflection-kit: {bad}:")
    assert result.err.count("\n") == 1
    assert not out.exists() and sorted(p.name for p in tmp_path.iterdir()) == ["local.csv"]
