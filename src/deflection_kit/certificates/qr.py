"""QR codes as SVG path data, so a template places and scales them like any shape (no Qt)."""

from __future__ import annotations

from dataclasses import dataclass

import segno

QUIET_ZONE = 4  # modules of white margin the QR standard asks for
MASK = 2  # any fixed mask decodes; scoring all eight would cost five times the encoding


@dataclass(frozen=True)
class QrPath:
    """A QR code as one SVG path: ``size`` modules square, quiet zone included."""

    path: str
    size: int
    version: int
    modules: tuple[tuple[bool, ...], ...]


def qr_path(text: str) -> QrPath:
    """Return the QR code for ``text`` as path data, one unit per module, runs merged per row."""
    code = segno.make_qr(text, error="m", boost_error=False, mask=MASK)
    rows = tuple(tuple(bool(cell) for cell in row) for row in code.matrix)
    parts: list[str] = []
    for y, row in enumerate(rows):
        x = 0
        width = len(row)
        while x < width:
            if not row[x]:
                x += 1
                continue
            start = x
            while x < width and row[x]:
                x += 1
            parts.append(f"M{start + QUIET_ZONE} {y + QUIET_ZONE}h{x - start}v1h-{x - start}z")
    size = len(rows) + 2 * QUIET_ZONE
    version = code.version if isinstance(code.version, int) else 0
    return QrPath("".join(parts), size, version, rows)
