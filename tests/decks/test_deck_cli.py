"""``deflection-kit deck``: exit codes and one-line errors, as a department's script sees them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from deck_readers import open_pptx, slide_title

FIXTURE_CONTENT = Path(__file__).resolve().parent / "fixture_content"


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]):
    """Run the command line in this process; return (exit code, stdout, stderr)."""
    from deflection_kit.cli import main

    def invoke(*args: str) -> subprocess.CompletedProcess[str]:
        capsys.readouterr()
        umask = os.umask(0o022)  # main() sets the process umask; give it back afterwards
        os.umask(umask)
        try:
            with pytest.raises(SystemExit) as done:
                main(["--content", str(FIXTURE_CONTENT), *args])
        finally:
            os.umask(umask)
        out, err = capsys.readouterr()
        return subprocess.CompletedProcess(args, int(done.value.code or 0), out, err)

    return invoke


def test_the_installed_command_builds_a_deck(tmp_path: Path) -> None:
    out = tmp_path / "deck.pptx"
    command = [sys.executable, "-m", "deflection_kit", "--content", str(FIXTURE_CONTENT)]
    result = subprocess.run(
        [*command, "deck", "build", "--out", str(out), "--recipe", "roll-call"],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert len(open_pptx(out).slides) > 3


def test_fixture_content_passes_the_content_check(run) -> None:
    result = run("content", "check", str(FIXTURE_CONTENT))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("ok: ")
    assert "4 pathways" in result.stdout


def test_build_writes_the_deck(run, tmp_path: Path) -> None:
    out = tmp_path / "briefing.pptx"
    result = run(
        "deck", "build", "--out", str(out), "--recipe", "pathway-briefing",
        "--pathways", "naloxone-plus,self-referral", "--audience", "ems",
        "--theme", "high-contrast", "--agency", "Lake County EMS",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"wrote {out}: ")
    assert result.stderr == ""
    titles = [slide_title(slide) for slide in open_pptx(out).slides]
    assert "Naloxone Plus" in titles and "Self-Referral" in titles
    assert "Active Outreach" not in titles


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--pathways", "naloxone-plus,bogus"],
            "unknown pathway 'bogus'; choose from: self-referral",
        ),
        (["--audience", "cops"], "unknown audience 'cops'; choose from: law-enforcement"),
        (["--recipe", "nope"], "unknown recipe 'nope'; choose one of: community-leaders"),
        (["--theme", "nope"], "unknown theme 'nope'; choose one of: default, high-contrast"),
        (["--accent", "ffffee"], "choose a darker colour"),
    ],
)
def test_unknown_names_exit_2_with_one_line(run, tmp_path: Path, args, message) -> None:
    out = tmp_path / "deck.pptx"
    result = run("deck", "build", "--out", str(out), *args)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert message in result.stderr
    assert not out.exists()


def test_a_bad_resources_file_exits_1_with_file_line(run, tmp_path: Path) -> None:
    csv_path = tmp_path / "local.csv"
    csv_path.write_text("name,phone\nCrisis Line,555\n,556\n", encoding="utf-8")
    out = tmp_path / "deck.pptx"
    result = run("deck", "build", "--out", str(out), "--resources", str(csv_path))
    assert result.returncode == 1
    assert result.stderr == f"deflection-kit: {csv_path}:3: the name is empty\n"
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["local.csv"]


def test_out_must_be_a_pptx(run, tmp_path: Path) -> None:
    result = run("deck", "build", "--out", str(tmp_path / "deck.ppt"))
    assert result.returncode == 2
    assert "must end in .pptx" in result.stderr


def test_a_missing_template_exits_1(run, tmp_path: Path) -> None:
    result = run("deck", "build", "--out", str(tmp_path / "d.pptx"), "--theme", "ours.pptx")
    assert result.returncode == 1
    assert "ours.pptx: template file not found" in result.stderr


def test_recipes_and_themes_are_listed(run) -> None:
    recipes = run("deck", "recipes")
    assert recipes.returncode == 0
    names = [line.split(":")[0] for line in recipes.stdout.splitlines()]
    assert names == ["community-leaders", "full-course", "pathway-briefing", "roll-call"]
    themes = run("deck", "themes")
    assert themes.returncode == 0
    assert [line.split(":")[0] for line in themes.stdout.splitlines()] == [
        "default",
        "high-contrast",
    ]


@pytest.mark.parametrize(
    "command", [["deck"], ["deck", "build"], ["deck", "recipes"], ["deck", "themes"]]
)
def test_every_deck_command_has_help(run, command) -> None:
    result = run(*command, "--help")
    assert result.returncode == 0
    assert "Usage:" in result.stdout
