"""`deflection-kit content check` and `content show --json` as scripts and users call them."""

from __future__ import annotations

import json
from pathlib import Path


def test_check_passes_with_a_summary_line(run_cli, minimal_content: Path) -> None:
    result = run_cli("content", "check", str(minimal_content))
    assert result.code == 0, result
    assert result.out.startswith(
        "ok: A Small Course v0.1: 2 modules (20 min, 3 slides), 2 pathways"
    )
    assert result.out.count("\n") == 1


def test_check_lists_one_line_per_problem_and_exits_1(run_cli, minimal_content: Path) -> None:
    questions = minimal_content / "questions.yaml"
    questions.write_text(
        questions.read_text().replace("objective: evaluation", "objective: nowhere"), "utf-8"
    )
    module = minimal_content / "modules" / "01-intro.md"
    module.write_text(module.read_text().replace("![A simple diagram with two boxes]", "![]"))
    result = run_cli("content", "check", str(minimal_content))
    assert result.code == 1
    lines = result.out.splitlines()
    assert "content/questions.yaml:17: unknown objective 'nowhere'" in lines
    assert any(line.startswith("content/modules/01-intro.md:21: ") for line in lines)
    assert "Traceback" not in result.out + result.err
    assert result.err.strip().endswith(f"in {minimal_content}")


def test_check_uses_the_global_content_option(run_cli, minimal_content: Path) -> None:
    result = run_cli("--content", str(minimal_content), "content", "check")
    assert result.code == 0, result
    assert "A Small Course" in result.out


def test_check_of_a_missing_folder_is_one_line(run_cli, tmp_path: Path) -> None:
    result = run_cli("content", "check", str(tmp_path / "nowhere"))
    assert result.code == 1
    assert result.out.strip() == f"{tmp_path / 'nowhere'}:1: content folder not found"


def test_show_json_has_the_whole_course(run_cli, minimal_content: Path) -> None:
    result = run_cli("--content", str(minimal_content), "content", "show", "--json")
    assert result.code == 0, result
    data = json.loads(result.out)
    assert set(data) >= {"course", "modules", "pathways", "questions", "resources", "glossary"}
    assert data["total_minutes"] == 20
    assert [p["id"] for p in data["pathways"]] == ["self-referral", "naloxone-plus"]
    assert data["pathways"][1]["added_later"] is True
    assert data["pathways"][0]["examples"][0]["start_year"] == 2015
    assert "origin" not in data["modules"][0]


def test_commands_on_broken_content_fail_in_one_line(run_cli, minimal_content: Path) -> None:
    (minimal_content / "course.yaml").write_text("id: [", "utf-8")
    result = run_cli("--content", str(minimal_content), "content", "show", "--json")
    assert result.code == 1
    assert result.err.count("\n") == 1
    assert result.err.startswith("deflection-kit: content/course.yaml:1: not valid YAML")
