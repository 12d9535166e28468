"""Benchmark: the kit's commands as whole processes against the tools they stand beside.

    uv run python benchmarks/bench_cli.py [--runs 5] [--sessions 20] [--people 30]

Each row starts the kit's command and its baseline as separate processes, alternately, ``runs``
times (after one warm-up run each), and prints the medians and their ratio (issue 19's table):

    session list     deflection-kit session list       sqlite-utils rows DB sessions   <= 1.5x
    checkin          deflection-kit checkin (one)      sqlite-utils rows DB sessions   <= 2.0x
    deck build       deflection-kit deck build         benchmarks/plain_deck.py   <= 1.3x, < 1 s
                     (the 111-slide full course)       (same slides, plain python-pptx)
    app start        deflection-kit app, main window   a bare PySide6 window shown     <= 1.5x
                     shown (see bench_live.py)

Bytecode: this environment sets PYTHONDONTWRITEBYTECODE=1, so every Python process would compile
every module it imports from source, which is not how an installed kit runs (a deck build looked
2.6x plain python-pptx that way, 2.1x with a warm cache). The benchmark unsets it for its child
processes and runs each command once before timing, so the bytecode cache is warm.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

os.environ.pop("PYTHONDONTWRITEBYTECODE", None)  # before any child starts: see the docstring

BENCHMARKS = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent


@dataclass
class Row:
    """One line of the table: the kit's command, its baseline, and the goal for their ratio."""

    name: str
    kit: Callable[[int], Sequence[str]]  # run number -> command line
    baseline: Callable[[int], Sequence[str]]
    baseline_name: str
    goal: float
    limit: float | None = None  # seconds the kit's median must stay under, if any


def script(name: str) -> str:
    """Return the path of an installed console script in this environment."""
    found = shutil.which(name, path=str(BIN))
    if found is None:
        raise SystemExit(f"{name} is not installed here; run 'uv sync' first")
    return found


def timed(command: Sequence[str], env: dict[str, str]) -> float:
    """Run ``command`` to its end and return its wall-clock seconds (it must succeed)."""
    started = time.perf_counter()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def seed(db: Path, sessions: int, people: int) -> str:
    """Fill ``db`` with sessions and check-ins; return the id of the first session."""
    from deflection_kit.storage import CourseFacts, PersonFields, SessionFields, Store

    first = ""
    with Store.open(db) as store:
        for number in range(sessions):
            day = dt.date(2026, 1, 5) + dt.timedelta(days=7 * number)
            session = store.sessions.create(
                SessionFields(title=f"Deflection training {number + 1}", date=day), CourseFacts()
            )
            first = first or session.id
            moment = dt.datetime.combine(day, dt.time(9), tzinfo=dt.UTC)
            for person in range(people):
                who = PersonFields(name=f"Person {number}-{person}", agency="Metro Fire")
                store.attendance.check_in(session.id, who, moment, actor="bench")
    return first


def deck_baseline_data(folder: Path) -> Path:
    """Build the default deck in process and write its slides for the plain script."""
    sys.path.insert(0, str(BENCHMARKS))
    from deflection_kit import paths
    from deflection_kit.content import load_course
    from deflection_kit.decks import DeckOptions, deck_spec, prepare
    from plain_deck import deck_data

    course = load_course(paths.content_dir())
    prepared = prepare(course, DeckOptions())  # the defaults of 'deflection-kit deck build'
    deck = deck_spec(prepared)
    data = deck_data(deck, prepared.theme.path)
    target = folder / "slides.json"
    target.write_text(json.dumps(data), encoding="utf-8")
    print(f"deck: {len(deck.slides)} slides, recipe {deck.recipe}, theme {prepared.theme.name}")
    return target


def compare(row: Row, runs: int, env: dict[str, str]) -> tuple[float, float]:
    """Return the medians of the kit's command and of its baseline, run alternately."""
    timed(row.kit(-1), env)  # warm the bytecode and disk caches
    timed(row.baseline(-1), env)
    kit: list[float] = []
    base: list[float] = []
    for run in range(runs):
        kit.append(timed(row.kit(run), env))
        base.append(timed(row.baseline(run), env))
    return statistics.median(kit), statistics.median(base)


def app_start(runs: int, folder: Path) -> tuple[float, float]:
    """Return the medians of the app's and a bare PySide6 window's time to first paint."""
    sys.path.insert(0, str(BENCHMARKS))
    from bench_live import APP, BARE, _time_child

    app: list[float] = []
    bare: list[float] = []
    for run in range(runs + 1):  # the first pair warms the caches and is dropped
        data = folder / f"app-{run}"
        data.mkdir()
        bare_shown, _ = _time_child(BARE, data)
        shown, _ = _time_child(APP, data)
        if run:
            bare.append(bare_shown)
            app.append(shown)
    return statistics.median(app), statistics.median(bare)


def verdict(ratio: float, goal: float, seconds: float, limit: float | None) -> str:
    """Return "ok" or what is over its goal."""
    over = []
    if ratio > goal:
        over.append(f"over {goal}x")
    if limit is not None and seconds >= limit:
        over.append(f"not under {limit:g} s")
    return "ok" if not over else "OVER: " + ", ".join(over)


def main() -> None:
    """Time every row and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--people", type=int, default=30, help="check-ins per session")
    args = parser.parse_args()
    kit, rows_tool = script("deflection-kit"), script("sqlite-utils")
    with tempfile.TemporaryDirectory(prefix="bench-cli-") as name:
        folder = Path(name)
        db = folder / "kit.sqlite3"
        session = seed(db, args.sessions, args.people)
        slides = deck_baseline_data(folder)
        env = {k: v for k, v in os.environ.items() if not k.startswith("DEFLECTION_KIT_")}
        env["DEFLECTION_KIT_DATA_DIR"] = str(folder / "data")
        rows_of_sessions = [rows_tool, "rows", str(db), "sessions"]
        table = [
            Row(
                "session list",
                lambda _run: [kit, "--db", str(db), "session", "list"],
                lambda _run: rows_of_sessions,
                "sqlite-utils rows",
                1.5,
            ),
            Row(
                "checkin (one person)",
                lambda run: [kit, "--db", str(db), "checkin", session, "--name", f"Walk-in {run}"],
                lambda _run: rows_of_sessions,
                "sqlite-utils rows",
                2.0,
            ),
            Row(
                "deck build (full course)",
                lambda _run: [kit, "deck", "build", "--out", str(folder / "kit.pptx")],
                lambda _run: [
                    sys.executable,
                    str(BENCHMARKS / "plain_deck.py"),
                    str(slides),
                    str(folder / "plain.pptx"),
                ],
                "plain python-pptx",
                1.3,
                limit=1.0,
            ),
        ]
        print(
            f"{args.sessions} sessions x {args.people} check-ins; median of {args.runs} runs, "
            "whole processes, bytecode cache warm"
        )
        results = []
        for row in table:
            ours, base = compare(row, args.runs, env)
            results.append((row.name, ours, row.baseline_name, base, row.goal, row.limit))
        ours, base = app_start(args.runs, folder)
        results.append(("app start -> window", ours, "bare PySide6 window", base, 1.5, None))
    print(f"{'command':<26} {'kit':>8}   {'baseline':<20} {'':>8}  {'ratio':>6}  goal")
    for name, ours, base_name, base, goal, limit in results:
        ratio = ours / base
        print(
            f"{name:<26} {ours * 1000:6.0f} ms   {base_name:<20} {base * 1000:6.0f} ms  "
            f"{ratio:5.2f}x  <= {goal}x{f', < {limit:g} s' if limit else ''}: "
            f"{verdict(ratio, goal, ours, limit)}"
        )


if __name__ == "__main__":
    main()
