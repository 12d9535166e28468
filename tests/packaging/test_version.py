"""``deflection-kit --version`` answers at once: it loads neither Qt, the store nor the course."""

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
    heavy = ("PySide6", "pydantic", "sqlite_utils", "yaml", "deflection_kit.storage",
             "deflection_kit.content", "deflection_kit.cli.session_cmd")
    print(done.code, *sorted(m for m in sys.modules if m.startswith(heavy)))
"""


def test_version_prints_the_version_and_loads_nothing_heavy() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=True, timeout=60
    )
    version, status = result.stdout.splitlines()
    assert version == f"deflection-kit, version {__version__}"
    assert status == "0"  # exit 0, and none of the heavy modules


def test_version_after_an_option_says_the_same(run_cli) -> None:
    result = run_cli("--db", "x.sqlite3", "--version")
    assert result.code == 0
    assert result.out.strip() == f"deflection-kit, version {__version__}"
