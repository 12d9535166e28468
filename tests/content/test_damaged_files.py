"""Property: however a content file is damaged, the loader raises only the kit's ContentError."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from deflection_kit.content import Course, load_course
from deflection_kit.errors import ContentError

MINIMAL = Path(__file__).parent / "minimal_content"
FILES = sorted(
    str(p.relative_to(MINIMAL)) for p in MINIMAL.rglob("*") if p.suffix in (".yaml", ".md")
)
SYNTAX = ":-[]{}#!*&|>@`'\"\n\t ,?%<=~\\" + "abcxyz0123456789" + "é中\u202e\x00"
PROBLEM_LINE = re.compile(r"^\S.*:\d+: .+$")


@st.composite
def damage(draw: st.DrawFn, data: bytes) -> bytes:
    """Return ``data`` cut, overwritten, spliced or shuffled at random."""
    kind = draw(st.sampled_from(["truncate", "overwrite", "insert", "drop-line", "swap-lines"]))
    size = len(data)
    at = draw(st.integers(0, size))
    if kind == "truncate":
        return data[:at]
    if kind == "overwrite":
        junk = draw(st.binary(min_size=1, max_size=12))
        return data[:at] + junk + data[at + len(junk) :]
    if kind == "insert":
        text = draw(st.text(alphabet=SYNTAX, min_size=1, max_size=20))
        return data[:at] + text.encode("utf-8") + data[at:]
    lines = data.split(b"\n")
    first = draw(st.integers(0, len(lines) - 1))
    if kind == "drop-line":
        del lines[first]
    else:
        second = draw(st.integers(0, len(lines) - 1))
        lines[first], lines[second] = lines[second], lines[first]
    return b"\n".join(lines)


@st.composite
def damaged_file(draw: st.DrawFn) -> tuple[str, bytes]:
    """Pick a content file and damage it."""
    name = draw(st.sampled_from(FILES))
    return name, draw(damage((MINIMAL / name).read_bytes()))


@settings(
    max_examples=int(os.environ.get("DK_FUZZ_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(case=damaged_file())
def test_damaged_file_gives_content_error_or_a_course(
    tmp_path: Path, case: tuple[str, bytes]
) -> None:
    name, data = case
    folder = tmp_path / "damaged"
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(MINIMAL, folder)
    (folder / name).write_bytes(data)
    try:
        course = load_course(folder)
    except ContentError as error:
        assert error.problems
        for problem in error.problems:
            assert PROBLEM_LINE.match(str(problem)), str(problem)
            assert "\n" not in str(problem)
            assert problem.line >= 1
    else:
        assert isinstance(course, Course)
