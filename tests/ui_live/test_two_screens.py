"""Two screens: the audience window fills the projector, and comes home when it is unplugged.

Qt reads the screen layout when the platform starts, so this runs in a child process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

SCREENS = {
    "screens": [
        {"name": "laptop", "x": 0, "y": 0, "width": 1920, "height": 1080},
        {"name": "projector", "x": 1920, "y": 0, "width": 1280, "height": 720},
    ]
}
PROBE = Path(__file__).with_name("two_screens_probe.py")


def test_audience_window_follows_the_projector(tmp_path) -> None:
    from deflection_kit import paths

    layout = tmp_path / "screens.json"
    layout.write_text(json.dumps(SCREENS), encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={layout}"}
    result = subprocess.run(
        [sys.executable, str(PROBE), str(paths.content_dir())],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    start, unplugged, replugged = (json.loads(line) for line in result.stdout.splitlines())
    assert start["screens"] == ["laptop", "projector"]
    assert start["audience_screen"] == "projector"
    assert start["audience_full_screen"] and start["on_projector"]
    assert start["audience_geometry"] == [1920, 0, 1280, 720]
    assert start["console_screen"] == "laptop"
    assert start["painted_slide"] == 1
    # Unplugged: a window on the laptop's screen, not full screen (the console stays usable).
    assert unplugged["audience_screen"] == "laptop"
    assert not unplugged["audience_full_screen"] and not unplugged["on_projector"]
    x, y, width, height = unplugged["audience_geometry"]
    assert x >= 0 and x + width <= 1920 and y >= 0 and y + height <= 1080
    assert unplugged["painted_slide"] == 1
    # Plugged back in: full screen on it again.
    assert replugged["audience_screen"] == "projector" and replugged["on_projector"]
