"""The frozen entry point: a desktop app built without a console still says what went wrong."""

from __future__ import annotations

import os
import stat
import subprocess
import sys

from packaging_support import ROOT

# What the windowed Windows app sees: no stdout, no stderr. A bad command must not crash it.
PROBE = f"""
import runpy, sys
sys.stdout = None
sys.stderr = None
sys.argv = ["deflection-kit", "content", "check", "no-such-folder"]
try:
    runpy.run_path({str(ROOT / "packaging" / "entry.py")!r}, run_name="__main__")
except SystemExit as done:
    sys.__stdout__.write(f"exit {{done.code}}")
"""


def test_a_windowed_app_writes_its_messages_to_a_private_log(tmp_path) -> None:
    env = {**os.environ, "DEFLECTION_KIT_DATA_DIR": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, timeout=60
    )
    assert result.stdout == "exit 1", result.stderr
    log = tmp_path / "deflection-kit.log"
    assert "no-such-folder" in log.read_text() and "content folder not found" in log.read_text()
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
