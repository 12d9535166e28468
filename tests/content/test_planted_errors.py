"""Each planted error is reported as `path:line: message`, with the right file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from deflection_kit.content import load_course
from deflection_kit.errors import ContentError


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _problems(folder: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_course(folder)
    return [str(problem) for problem in caught.value.problems]


# (file, text to replace, replacement, expected "path:line: message" start)
PLANTED = [
    pytest.param(
        "questions.yaml",
        "    prompt: In Self-Referral, who starts the contact?",
        "    prompt: [unclosed",
        "content/questions.yaml:5: not valid YAML",
        id="malformed-yaml",
    ),
    pytest.param(
        "questions.yaml",
        "    answer: The person\n",
        "",
        "content/questions.yaml:2: missing field 'answer'",
        id="question-without-answer",
    ),
    pytest.param(
        "questions.yaml",
        "    sources: [six-pathways]\n  - id: q-process",
        "    sources: []\n  - id: q-process",
        "content/questions.yaml:10: cite at least one source",
        id="question-without-source",
    ),
    pytest.param(
        "questions.yaml",
        "    answer: The person",
        "    answer: Somebody else",
        "content/questions.yaml:6: answer 'Somebody else' is not one of the choices",
        id="answer-not-a-choice",
    ),
    pytest.param(
        "questions.yaml",
        "    pathways: [self-referral]",
        "    pathways: [self-referal]",
        "content/questions.yaml:9: unknown pathway 'self-referal'",
        id="unknown-pathway",
    ),
    pytest.param(
        "questions.yaml",
        "    objective: evaluation",
        "    objective: evalution",
        "content/questions.yaml:17: unknown objective 'evalution'",
        id="unknown-objective-in-question",
    ),
    pytest.param(
        "modules/02-pathways.md",
        "objectives: [pathways, evaluation]",
        "objectives: [pathways, evaluations]",
        "content/modules/02-pathways.md:6: unknown objective 'evaluations'",
        id="unknown-objective-in-module",
    ),
    pytest.param(
        "modules/02-pathways.md",
        "minutes: 12\n",
        "minutes: 15\n",
        "content/course.yaml:5: module minutes add up to 23 (8 + 15), not the course's 20",
        id="minutes-do-not-add-up",
    ),
    pytest.param(
        "modules/01-intro.md",
        "![A simple diagram with two boxes](images/diagram.png)",
        "![](images/diagram.png)",
        "content/modules/01-intro.md:21: image has no alt text",
        id="image-without-alt-text",
    ),
    pytest.param(
        "modules/01-intro.md",
        "(images/diagram.png)",
        "(images/missing.png)",
        "content/modules/01-intro.md:21: image file 'images/missing.png' not found",
        id="image-file-missing",
    ),
    pytest.param(
        "modules/01-intro.md",
        "  - besides arrest or no action",
        "  - besides arresting every addict",
        "content/modules/01-intro.md:20: stigmatizing term 'addict'",
        id="stigmatizing-term",
    ),
    pytest.param(
        "modules/01-intro.md",
        "- Deflection is a third option [@six-pathways]",
        "- Deflection is a third option [@six-pathway]",
        "content/modules/01-intro.md:19: unknown source 'six-pathway'",
        id="unknown-source",
    ),
    pytest.param(
        "modules/01-intro.md",
        "Notes:\nWelcome the room and say what the next twenty minutes hold.\n",
        "",
        "content/modules/01-intro.md:18: slide has no speaker notes",
        id="slide-without-notes",
    ),
    pytest.param(
        "pathways/naloxone-plus.yaml",
        "charges: none",
        "charges: maybe",
        "content/pathways/naloxone-plus.yaml:9: charges: Input should be",
        id="bad-choice",
    ),
    pytest.param(
        "pathways/naloxone-plus.yaml",
        "warm_handoff: A peer meets the person.",
        "warm_handoff: A peer meets the person.\nhandoff_time: 3 hours",
        "content/pathways/naloxone-plus.yaml:13: unknown field 'handoff_time'",
        id="unknown-field",
    ),
    pytest.param(
        "pathways/naloxone-plus.yaml",
        "  ems: Crews can make the referral.",
        "  ems: Crews can make the referral.\n  fire: Engines too.",
        "content/pathways/naloxone-plus.yaml:23: unknown audience 'fire'",
        id="unknown-audience",
    ),
    pytest.param(
        "course.yaml",
        "  - {id: evaluation, title: Evaluation,",
        "  - {id: evaluation, title: Evaluation,",
        None,
        id="unchanged-control",
    ),
]


@pytest.mark.parametrize(("name", "old", "new", "expected"), PLANTED)
def test_planted_error_is_reported_with_file_and_line(
    minimal_content: Path, name: str, old: str, new: str, expected: str | None
) -> None:
    _replace(minimal_content / name, old, new)
    if expected is None:
        load_course(minimal_content)  # the control: the untouched course loads
        return
    problems = _problems(minimal_content)
    assert any(p.startswith(expected) for p in problems), problems


def test_every_problem_is_reported_not_just_the_first(minimal_content: Path) -> None:
    _replace(minimal_content / "questions.yaml", "pathways: [self-referral]", "pathways: [x-y]")
    _replace(minimal_content / "modules/01-intro.md", "or no action", "or a junkie")
    problems = _problems(minimal_content)
    assert len(problems) == 2
    assert problems[0].startswith("content/modules/01-intro.md:20:")
    assert problems[1].startswith("content/questions.yaml:9:")


def test_file_that_is_not_utf8_names_the_line(minimal_content: Path) -> None:
    path = minimal_content / "glossary.yaml"
    path.write_bytes(path.read_bytes().replace(b"present.", b"pr\xe9sent."))
    assert _problems(minimal_content) == [
        "content/glossary.yaml:3: not UTF-8 text; save the file as UTF-8"
    ]


def test_missing_required_file(minimal_content: Path) -> None:
    (minimal_content / "resources.yaml").unlink()
    assert _problems(minimal_content) == ["content/resources.yaml:1: required file is missing"]


def test_duplicate_key_is_an_error(minimal_content: Path) -> None:
    _replace(minimal_content / "course.yaml", "level: Beginner", "level: Beginner\nlevel: Advanced")
    assert _problems(minimal_content) == ["content/course.yaml:7: duplicate key 'level'"]


def test_glossary_may_name_the_terms_it_explains(minimal_content: Path) -> None:
    # The glossary's person-first entry quotes "addict"; that is allowed there and only there.
    course = load_course(minimal_content)
    assert any("addict" in term.definition for term in course.glossary)


def _line_of(path: Path, text: str) -> int:
    lines = path.read_text(encoding="utf-8").split("\n")
    return next(number for number, line in enumerate(lines, start=1) if text in line)


def test_bundled_content_reports_every_planted_error_at_once(run_cli, content_copy: Path) -> None:
    # Field errors (a question without answer, a bad choice) used to hide every cross-file
    # check: a trainer fixed one round only to meet the next. All of them come out at once,
    # and a broken item is not reported again as "unknown" where it is used.
    root = content_copy
    planted: list[tuple[str, str, str, str]] = [
        ("questions.yaml", "    answer: Reach\n", "", "missing field 'answer'"),
        ("pathways/naloxone-plus.yaml", "charges: none", "charges: sometimes", "charges:"),
        ("modules/07-evaluation.md", "minutes: 8", "minutes: 9", "module minutes add up to 91"),
        (
            "modules/02-context-and-purpose.md",
            "- Repeat calls for the same people and places",
            "- Repeat calls for the same addicts and places",
            "stigmatizing term 'addicts'",
        ),
        (
            "modules/06-starting-or-enhancing.md",
            "objectives: [starting-or-enhancing]",
            "objectives: [starting-or-enhancin]",
            "unknown objective 'starting-or-enhancin'",
        ),
        ("pathways/self-referral.yaml", "  ems: >-", "  paramedics: >-", "unknown audience"),
        (
            "questions.yaml",
            "    pathways: [self-referral]",
            "    pathways: [self-referal]",
            "unknown pathway 'self-referal'",
        ),
        (
            "modules/05-case-studies.md",
            "- Four situations, one per audience group",
            "- Four situations, one per audience group [@nope]",
            "unknown source 'nope'",
        ),
        (
            "modules/03-diversion-vs-deflection.md",
            "![Diagram of the Sequential",
            "![](images/sequential-intercept-model.png)\n![Diagram of the Sequential",
            "image has no alt text",
        ),
    ]
    expected: list[str] = []
    for name, old, new, message in planted:
        path = root / name
        _replace(path, old, new)
        if name == "modules/07-evaluation.md":
            expected.append(f"content/course.yaml:{_line_of(root / 'course.yaml', 'minutes:')}: ")
        elif message == "missing field 'answer'":
            expected.append(f"content/questions.yaml:{_line_of(path, 'id: q-re-aim')}: {message}")
        else:
            anchor = (new.split("\n")[0] if new else old).strip()
            expected.append(f"content/{name}:{_line_of(path, anchor)}: {message}")
    result = run_cli("content", "check", str(root))
    assert result.code == 1
    lines = result.out.splitlines()
    for start in expected:
        assert any(line.startswith(start) for line in lines), (start, lines)
    # a slide with a second picture says so instead of keeping only the last one
    assert any(line.endswith("a slide holds one picture") for line in lines), lines
    # the broken Naloxone Plus pathway and question are not reported again where they are used
    assert not any("unknown pathway 'naloxone-plus'" in line for line in lines), lines
    assert not any("unknown question 'q-re-aim'" in line for line in lines), lines
    assert len(lines) == len(planted) + 1
