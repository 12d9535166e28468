"""Nothing lost: kill the app mid-session and restart it; and only one app runs at a time.

These run the real app in child processes (offscreen), as a facilitator would start it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import queue
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest

from deflection_kit.storage import CourseFacts, SessionFields, Store

PROBE = Path(__file__).with_name("app_probe.py")


def launch(*args: str) -> subprocess.Popen[str]:
    """Start the probe; its output lines are collected on a thread (``process.lines``)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    # Qt's chatter goes to a file: a full pipe would stall the app.
    errors = tempfile.TemporaryFile(mode="w+")  # noqa: SIM115 - lives as long as the process
    process = subprocess.Popen(
        [sys.executable, str(PROBE), *args],
        stdout=subprocess.PIPE,
        stderr=errors,
        text=True,
        env=env,
    )
    lines: queue.Queue[str | None] = queue.Queue()

    def pump() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            lines.put(line)
        lines.put(None)

    threading.Thread(target=pump, daemon=True).start()
    process.lines = lines  # type: ignore[attr-defined]
    process.errors = errors  # type: ignore[attr-defined]
    return process


def read_until(process: subprocess.Popen[str], event: str, timeout: float = 60) -> list[dict]:
    """Read JSON lines until one with ``event``; return them all."""
    found: list[dict] = []
    deadline = time.monotonic() + timeout
    while True:
        try:
            line = process.lines.get(timeout=max(deadline - time.monotonic(), 0.01))
        except queue.Empty:
            raise AssertionError(f"no {event!r} within {timeout} s") from None
        if line is None:
            process.errors.seek(0)  # type: ignore[attr-defined]
            raise AssertionError(f"the app stopped: {process.errors.read()[-2000:]}")  # type: ignore[attr-defined]
        if line.startswith("{"):
            found.append(json.loads(line))
            if found[-1]["event"] == event:
                return found


@pytest.fixture
def planned_session(tmp_path, bundled_course) -> tuple[Path, str]:
    db = tmp_path / "kit.sqlite3"
    with Store.open(db) as store:
        session = store.sessions.create(
            SessionFields(title="Spring training", date=dt.date(2026, 4, 2)),
            CourseFacts.from_info(bundled_course.info),
        )
    return db, session.id


@pytest.mark.slow
def test_killed_mid_session_the_app_resumes_at_the_same_slide(planned_session) -> None:
    db, session_id = planned_session
    first = launch("present", str(db), session_id, "7")
    try:
        ready = read_until(first, "ready")[-1]
        ready_at = time.monotonic()
        assert ready["slide"] == 7
        # Wait for two heartbeats to reach the disk, then pull the plug.
        with Store.open(db) as store:
            seen = {store.live.get(session_id).updated_at}
            deadline = time.monotonic() + 20
            while len(seen) < 3 and time.monotonic() < deadline:
                time.sleep(0.2)
                seen.add(store.live.get(session_id).updated_at)
        assert len(seen) >= 3, "the heartbeat did not save the timers"
    finally:
        killed_at = time.monotonic()
        first.send_signal(signal.SIGKILL)
        first.wait(10)
    assert first.returncode == -signal.SIGKILL

    second = launch("resume", str(db))
    try:
        resumed = read_until(second, "resumed")[-1]
        assert second.wait(30) == 0
    finally:
        if second.poll() is None:
            second.kill()
    assert resumed["slide"] == 7
    assert resumed["audience_slide"] == 7
    assert resumed["status"] == "running"
    assert "slide 8" in resumed["prompt"]
    assert resumed["kinds"][-1] == "resumed"
    # The timers came back no more than 5 seconds stale.
    elapsed_at_kill = ready["elapsed"] + (killed_at - ready_at)
    assert elapsed_at_kill - 5 <= resumed["elapsed"] <= elapsed_at_kill + 1


def test_a_second_launch_brings_the_first_forward_and_exits(tmp_path) -> None:
    db = tmp_path / "kit.sqlite3"
    first = launch("idle", str(db))
    try:
        up = read_until(first, "up")[-1]
        assert up["listening"]
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
        second = subprocess.run(
            [sys.executable, "-m", "deflection_kit", "--db", str(db), "app"],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
            check=False,
        )
        assert second.returncode == 0, second.stderr
        read_until(first, "raised", timeout=20)
    finally:
        first.kill()
        first.wait(10)
