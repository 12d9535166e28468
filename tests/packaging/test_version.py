"""``deflection-kit --version`` answers at once: it loads neither click, Qt nor the course."""

from __future__ import annotations

import subprocess
import sys

from deflection_kit import __version__

PROBE = """
import sys
from deflection_kit.cli import main
try:
    main(["--version"])
except SystemExit as done:
    loaded = sorted(m for m in sys.modules if m.startswith(("click", "PySide6", "pydantic")))
    loaded += sorted(m for m in sys.modules if m.startswith("deflection_kit."))
    print(done.code, *loaded)
"""


def test_version_prints_the_version_and_loads_nothing_heavy() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=True, timeout=60
    )
    version, status = result.stdout.splitlines()
    assert version == f"deflection-kit, version {__version__}"
    assert status == "0 deflection_kit.cli"


def test_version_through_click_says_the_same(run_cli) -> None:
    result = run_cli("--db", "x.sqlite3", "--version")  # not the short path: click answers
    assert result.code == 0
    assert result.out.strip() == f"deflection-kit, version {__version__}"
