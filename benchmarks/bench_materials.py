"""Benchmark the workshop materials: every document for the full course, and each on its own.

Run: uv run python benchmarks/bench_materials.py
Baseline, measured in the same run: the shared PDF layer writing the guide's text as plain
paragraphs (the same words, no lists, notes, tables or fields), so the ratio is the cost of the
lesson-plan layout itself. Also timed: checking the options and planning the session alone.
"""

from __future__ import annotations

import datetime as dt
import tempfile
import time
from pathlib import Path

from deflection_kit import paths
from deflection_kit.content import load_course
from deflection_kit.materials import KINDS, MaterialsOptions, build_materials, prepare_materials
from deflection_kit.materials.guide import guide_blocks
from deflection_kit.materials.markdown import to_markdown
from deflection_kit.pdf import Document, Paragraph, ensure_gui_app

RUNS = 3


def best(function) -> float:
    """Return the best of RUNS timings of ``function()``, in seconds."""
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    ensure_gui_app()
    course = load_course(paths.content_dir())
    options = MaterialsOptions(date=dt.date(2025, 3, 4))
    prepared = prepare_materials(course, options)
    text = to_markdown(guide_blocks(prepared))
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)

        def plain() -> int:
            document = Document(title="baseline", created=prepared.created)
            document.extend(Paragraph(p) for p in text.split("\n\n") if p.strip())
            return document.write_pdf(root / "plain.pdf")

        baseline = best(plain)
        plain_pages = plain()
        planning = best(lambda: prepare_materials(course, options))
        timings = {}
        for kind in KINDS:
            timings[kind] = best(
                lambda kind=kind: build_materials(course, options, root / kind, [kind])
            )
        everything = best(lambda: build_materials(course, options, root / "all"))
        result = build_materials(course, options, root / "count")
    pages = sum(result.pages.values())
    print(f"baseline: the guide's text as plain paragraphs, {plain_pages} pages: {baseline:.2f} s")
    print(f"checking options, rendering the recipe, planning: {planning:.3f} s")
    for kind, seconds in timings.items():
        print(f"{kind:>10}: {seconds:.2f} s ({seconds / baseline:.1f}x baseline)")
    print(
        f"everything: {everything:.2f} s for {pages} PDF pages + Markdown + .odt "
        f"({everything / baseline:.1f}x baseline, {pages / everything:.0f} pages/s)"
    )


if __name__ == "__main__":
    main()
