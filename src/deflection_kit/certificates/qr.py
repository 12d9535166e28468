"""QR codes as SVG path data, so a template places and scales them like any shape (no Qt)."""

from __future__ import annotations

import re
from dataclasses import dataclass

import segno

QUIET_ZONE = 4  # modules of white margin the QR standard asks for
_DARK_RUN = re.compile(b"\x01+")
MASK = 2  # any fixed mask decodes; scoring all eight would cost five times the encoding


@dataclass(frozen=True)
class QrPath:
    """A QR code as one SVG path: ``size`` modules square, quiet zone included."""

    path: str
    size: int
    version: int
    rows: tuple[bytes, ...]  # the modules, one byte each (1 dark), quiet zone not included


def qr_path(text: str) -> QrPath:
    """Return the QR code for ``text`` as path data, one unit per module, runs merged per row."""
    code = segno.make_qr(text, error="m", boost_error=False, mask=MASK)
    rows = tuple(bytes(row) for row in code.matrix)  # one byte a module: 1 dark, 0 light
    parts: list[str] = []
    for y, row in enumerate(rows):
        for run in _DARK_RUN.finditer(row):
            start, width = run.start() + QUIET_ZONE, run.end() - run.start()
            parts.append(f"M{start} {y + QUIET_ZONE}h{width}v1h-{width}z")
    size = len(rows) + 2 * QUIET_ZONE
    version = code.version if isinstance(code.version, int) else 0
    return QrPath("".join(parts), size, version, rows)
