"""LibYAML's C parser reads the course: the same data and the same lines as the pure-Python one."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from deflection_kit import paths
from deflection_kit.content import yamlfile
from deflection_kit.content.yamlfile import LineDict, LineList, parse_yaml

MINIMAL = Path(__file__).parent / "minimal_content"


def _yaml_texts() -> list[tuple[str, str, int]]:
    """Return (name, YAML text, first line) of every YAML file and module front matter."""
    found = []
    for root in (MINIMAL, paths.content_dir()):
        for path in sorted(root.rglob("*")):
            text = path.read_text(encoding="utf-8") if path.suffix in (".yaml", ".md") else ""
            if path.suffix == ".yaml":
                found.append((f"{root.name}/{path.name}", text, 1))
            elif path.suffix == ".md" and text.startswith("---\n"):
                found.append((f"{root.name}/{path.name}", text[4:].split("\n---\n")[0], 2))
    return found


TEXTS = _yaml_texts()


def shape(data: Any) -> Any:
    """Return the data with every line it remembers, for comparing two readings."""
    if isinstance(data, LineDict):
        items = {key: shape(value) for key, value in data.items()}
        return ("map", data.line, dict(data.key_lines), items)
    if isinstance(data, LineList):
        return ("seq", data.line, list(data.item_lines), [shape(item) for item in data])
    return data


def read_pure(text: str, first_line: int = 1) -> tuple[Any, list[Any]]:
    """Read with the pure-Python parser only."""
    return yamlfile._parse_pure("\n" * (first_line - 1) + text, "f.yaml", first_line)


def test_this_install_reads_with_libyaml() -> None:
    # PyYAML's wheels carry LibYAML; without it every course load is ten times slower.
    assert yaml.__with_libyaml__ and yamlfile.FAST


@pytest.mark.parametrize(("name", "text", "first"), TEXTS, ids=[name for name, _, _ in TEXTS])
def test_every_content_file_reads_the_same_with_either_parser(name, text, first) -> None:
    fast, problems = parse_yaml(text, name, first)
    pure, pure_problems = read_pure(text, first)
    assert problems == pure_problems == []
    assert shape(fast) == shape(pure)
    assert isinstance(fast, LineDict) and fast.line >= first


@pytest.mark.parametrize(
    "text",
    [
        "id: [unclosed\n",
        "a: 1\na: 2\n",
        "a:\n\tb: 1\n",
        "a: b\n  c: d\n",
        "- x\ny: 1\n",
        "a: \x07\n",
        "a: " + "[" * 2000 + "\n",
    ],
)
def test_a_damaged_file_is_reported_as_the_pure_parser_words_it(text: str) -> None:
    assert parse_yaml(text, "f.yaml", 3) == read_pure(text, 3)
    assert read_pure(text, 3)[1], "each of these is a problem"


SYNTAX = ":-[]{}#!*&|>@`'\"\n\t ,?%<=~\\" + "abcxyz0123456789" + "é中\u202e\x00\x85"


@st.composite
def damaged(draw: st.DrawFn) -> str:
    """Return a content file's YAML with characters inserted, cut or lines swapped."""
    _, text, _ = draw(st.sampled_from(TEXTS))
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(text)))
        kind = draw(st.sampled_from(["insert", "cut", "truncate"]))
        if kind == "insert":
            text = text[:at] + draw(st.text(alphabet=SYNTAX, min_size=1, max_size=8)) + text[at:]
        elif kind == "cut":
            text = text[:at] + text[at + draw(st.integers(1, 20)) :]
        else:
            text = text[:at]
    return text


@settings(
    max_examples=int(os.environ.get("DK_FUZZ_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(text=damaged())
def test_what_the_pure_parser_accepts_the_fast_one_reads_identically(text: str) -> None:
    # LibYAML is a little more lenient (a tab inside text, `[Who?, x]`); it never reads a
    # document both accept differently, and a document it refuses gets the pure parser's words.
    fast, problems = parse_yaml(text, "f.yaml")
    pure, pure_problems = read_pure(text)
    if pure_problems:
        assert problems == pure_problems or problems == []
    else:
        assert problems == [] and shape(fast) == shape(pure)
