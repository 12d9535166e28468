"""PySide6 6.12.0 on Python 3.11 over-releases None and aborts after ~5,000 calls; we pin."""

from __future__ import annotations

import subprocess
import sys

LOOP = (
    "from PySide6.QtCore import QObject\n"
    "o = QObject()\n"
    "for _ in range(20000):\n"
    "    o.setObjectName('x')\n"
    "print('survived')\n"
)


def test_twenty_thousand_none_returning_calls_do_not_crash() -> None:
    result = subprocess.run(
        [sys.executable, "-c", LOOP], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "survived" in result.stdout
