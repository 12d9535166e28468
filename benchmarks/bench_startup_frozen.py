"""Benchmark: how fast the frozen (PyInstaller) app starts, against running it from source.

    uv run python benchmarks/bench_startup_frozen.py [--runs 5] [--bundle DIR] [--drop-caches]

Measures, for the frozen build and for the source checkout (the venv's ``deflection-kit``),
in the same run and on the same database:

- window: launch ``deflection-kit`` until its main window is on screen (Xvfb, polled with
  xdotool) — what a facilitator sees first after double-clicking the icon;
- ready: launch ``deflection-kit app --demo`` until the window's title says the demo database is
  open — the course is loaded and the pages can be used;
- --version: launch to exit, without Qt — the command line's own start.

Each is timed cold (first launch; with --drop-caches, after emptying the system's file cache,
as after a reboot — needs root and slows other programs for a moment) and warm (median of the
following runs). Prints each time and the ratio frozen / source. Builds the bundle first if
--bundle does not exist (uv run python packaging/build.py --no-archive).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_BUNDLE = ROOT / "build" / "dist" / "deflection-kit"
POLL_SECONDS = 0.01
TIMEOUT_SECONDS = 60.0
READY_TITLE = "throwaway database"  # in the demo's title once the course and demo are loaded


def drop_caches() -> None:
    """Empty the kernel's file cache so the next launch reads everything from disk."""
    os.sync()
    Path("/proc/sys/vm/drop_caches").write_text("3\n")


@contextlib.contextmanager
def x_server() -> Iterator[str]:
    """Run a private Xvfb and yield its DISPLAY."""
    for number in range(91, 120):
        if not Path(f"/tmp/.X11-unix/X{number}").exists():
            break
    display = f":{number}"
    server = subprocess.Popen(
        ["Xvfb", display, "-screen", "0", "1920x1080x24", "-nolisten", "tcp", "-noreset"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while not Path(f"/tmp/.X11-unix/X{number}").exists():
            if time.monotonic() > deadline:
                raise SystemExit("bench: Xvfb did not start")
            time.sleep(0.05)
        yield display
    finally:
        server.terminate()
        server.wait(10)


def window_titles(pid: int, env: dict[str, str]) -> list[str]:
    """Return the titles of the visible windows of process ``pid``."""

    def xdotool(*args: str) -> str:
        return subprocess.run(
            ["xdotool", *args], env=env, capture_output=True, text=True, check=False
        ).stdout

    windows = xdotool("search", "--onlyvisible", "--pid", str(pid)).split()
    return [xdotool("getwindowname", window).strip() for window in windows]


def time_window(program: list[str], env: dict[str, str], ready: str = "") -> float:
    """Return the seconds from launch until a window (whose title has ``ready``) is shown."""
    started = time.perf_counter()
    process = subprocess.Popen(program, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        while not any(ready in title for title in window_titles(process.pid, env)):
            if process.poll() is not None:
                error = process.stderr.read().decode() if process.stderr else ""
                raise SystemExit(f"bench: {program[0]} exited early: {error[-500:]}")
            if time.perf_counter() - started > TIMEOUT_SECONDS:
                raise SystemExit(f"bench: no window from {program[0]}")
            time.sleep(POLL_SECONDS)
        return time.perf_counter() - started
    finally:
        process.terminate()
        process.wait(10)


def time_version(program: list[str], env: dict[str, str]) -> float:
    """Return the seconds ``deflection-kit --version`` takes, launch to exit."""
    started = time.perf_counter()
    subprocess.run([*program, "--version"], env=env, capture_output=True, check=True)
    return time.perf_counter() - started


def measure(
    kind: str, program: list[str], env: dict[str, str], runs: int, cold: bool
) -> tuple[float, float]:
    """Return the cold (first) and warm (median of the rest) times of one measurement."""
    times = []
    for index in range(runs + 1):
        if index == 0 and cold:
            drop_caches()
        if kind == "window":
            times.append(time_window(program, env))
        elif kind == "ready":
            times.append(time_window([*program, "app", "--demo"], env, READY_TITLE))
        else:
            times.append(time_version(program, env))
    return times[0], statistics.median(times[1:])


def main(argv: list[str] | None = None) -> int:
    """Build if needed, then time both programs and print the ratios."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="warm runs after the first")
    parser.add_argument("--bundle", type=Path, default=DEFAULT_BUNDLE, help="frozen app folder")
    parser.add_argument("--drop-caches", action="store_true", help="cold = after a cache drop")
    args = parser.parse_args(argv)
    for tool in ("Xvfb", "xdotool"):
        if not shutil.which(tool):
            raise SystemExit(f"bench: {tool} is needed (apt-get install xvfb xdotool)")
    if not (args.bundle / "deflection-kit").exists():
        subprocess.run(
            [sys.executable, str(ROOT / "packaging" / "build.py"), "--no-archive"], check=True
        )
    frozen = [str(args.bundle / "deflection-kit")]
    source = [str(Path(sys.executable).parent / "deflection-kit")]

    with tempfile.TemporaryDirectory(prefix="bench-startup-") as data, x_server() as display:
        env = {k: v for k, v in os.environ.items() if not k.startswith("DEFLECTION_KIT_")}
        env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb", DEFLECTION_KIT_DATA_DIR=data)
        # Create and migrate the database once, so every launch opens the same existing one.
        subprocess.run([*source, "session", "list"], env=env, capture_output=True, check=True)
        print(f"frozen: {frozen[0]}\nsource: {source[0]}\n")
        print(f"{'':<10} {'':<6} {'frozen':>9} {'source':>9} {'ratio':>7}")
        for kind in ("window", "ready", "--version"):
            results = {
                name: measure(kind, program, env, args.runs, args.drop_caches)
                for name, program in (("frozen", frozen), ("source", source))
            }
            for label, index in (("cold" if args.drop_caches else "first", 0), ("warm", 1)):
                f, s = results["frozen"][index], results["source"][index]
                print(f"{kind:<10} {label:<6} {f * 1000:7.0f}ms {s * 1000:7.0f}ms {f / s:6.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
