"""Benchmark: the full-course deck with every pathway against a plain python-pptx script.

    uv run python benchmarks/bench_deck.py [--runs 5] [--content DIR]

Both write the same slides (same titles, bullets, pictures and notes) into the same theme file;
the plain script is benchmarks/plain_deck.py. (bench_cli.py times the same pair as whole processes.)
The kit also renders the recipe in its sandbox, fits every text box with font metrics, copies
footers and slide numbers, sets alt text and fixed dates, and writes atomically. Prints the best
time of each over several runs and the ratio (target: at most 1.3x and under 1 s).
"""

from __future__ import annotations

import argparse
import io
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from pptx import Presentation

from deflection_kit import paths
from deflection_kit.content import Course, load_course
from deflection_kit.decks import DeckOptions, DeckSpec, deck_spec, prepare
from deflection_kit.decks.pptx_writer import write_pptx
from plain_deck import deck_data, write_deck


def best(function: Callable[[], object], runs: int) -> tuple[float, float]:
    """Return the best and the median time of ``runs`` calls."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return min(times), statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--content", default=None, help="content folder (default: bundled)")
    args = parser.parse_args()
    course: Course = load_course(paths.content_dir(args.content))
    options = DeckOptions(agency="Benchmark County Fire Department", audience="ems")
    folder = Path(tempfile.mkdtemp(prefix="bench-deck-"))

    def ours() -> DeckSpec:
        prepared = prepare(course, options)
        deck = deck_spec(prepared)
        write_pptx(deck, prepared.theme, folder / "ours.pptx")
        return deck

    started = time.perf_counter()
    deck = ours()  # the first build also compiles the recipe and loads fonts
    cold = time.perf_counter() - started
    data = deck_data(deck, prepare(course, options).theme.path)

    def plain() -> None:
        write_deck(data, folder / "plain.pptx")

    plain()
    ours_best, ours_median = best(ours, args.runs)
    plain_best, plain_median = best(plain, args.runs)
    prepared = prepare(course, options)
    spec_best, _ = best(lambda: deck_spec(prepared), args.runs)

    size = (folder / "ours.pptx").stat().st_size
    buffer = io.BytesIO((folder / "plain.pptx").read_bytes())
    plain_slides = len(Presentation(buffer).slides)
    print(f"course: {course.info.title} ({len(course.pathways)} pathways)")
    print(f"deck: {len(deck.slides)} slides (plain script: {plain_slides}), {size // 1024} KB")
    runs = f"best of {args.runs}"
    print(f"deflection-kit build, first (cold):  {cold:.3f} s")
    print(f"deflection-kit build, {runs}:      {ours_best:.3f} s (median {ours_median:.3f})")
    print(f"  of which recipe + fitting:         {spec_best:.3f} s")
    print(f"plain python-pptx script, {runs}:  {plain_best:.3f} s (median {plain_median:.3f})")
    ratio = ours_best / plain_best
    verdict = "ok" if ratio <= 1.3 and ours_best < 1.0 else "OVER TARGET"
    print(f"ratio: {ratio:.2f}x (target <= 1.3x and < 1 s): {verdict}")


if __name__ == "__main__":
    main()
