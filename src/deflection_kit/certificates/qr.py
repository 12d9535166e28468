"""QR codes as SVG path data, so a template places and scales them like any shape (no Qt).

zxing-cpp encodes them (a C++ encoder: under a millisecond for a certificate's payload, where a
pure-Python one took six); the path data is built here, and only the form a design asks for.
"""

from __future__ import annotations

import re
from functools import cached_property

import zxingcpp

QUIET_ZONE = 4  # modules of white margin the QR standard asks for
_DARK_RUN = re.compile(b"\x01+")
# zxing-cpp's image: one byte a module, 0 dark and 255 light. Turned into 1 dark, 0 light.
_DARK_IS_ONE = bytes([1] + [0] * 255)


class QrCode:
    """A QR code: its modules, and SVG path data for them (``size`` units square, quiet zone
    included, one unit a module)."""

    def __init__(self, rows: tuple[bytes, ...]) -> None:
        self.rows = rows  # the modules, one byte each (1 dark), quiet zone not included
        self.size = len(rows) + 2 * QUIET_ZONE
        self.version = (len(rows) - 17) // 4

    def _runs(self) -> list[tuple[int, int, int]]:
        """Return each horizontal run of dark modules as (x, y, width), quiet zone added."""
        # One search over all the rows, a light module between them: a run never spans two.
        stride = len(self.rows) + 1
        runs = []
        for run in _DARK_RUN.finditer(b"\x00".join(self.rows)):
            y, x = divmod(run.start(), stride)
            runs.append((x + QUIET_ZONE, y + QUIET_ZONE, run.end() - run.start()))
        return runs

    @cached_property
    def path(self) -> str:
        """Return the dark modules as filled rectangles, one per run: ``fill`` this path."""
        return "".join(f"M{x} {y}h{w}v1h-{w}z" for x, y, w in self._runs())

    @cached_property
    def lines(self) -> str:
        """Return the dark modules as horizontal lines through the middle of each run: stroke
        this path one unit wide with butt caps.

        It paints the same squares as ``path`` with two points a run instead of five, so a PDF
        carries under half the drawing commands and is written faster.
        """
        return "".join(f"M{x} {y}.5h{w}" for x, y, w in self._runs())


def qr_code(text: str) -> QrCode:
    """Return the QR code for ``text`` at error-correction level M."""
    code = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    image = code.to_image(scale=1, add_quiet_zones=False)
    height, width = image.shape
    # The image supports the buffer protocol (one byte a pixel, row after row); the stub omits it.
    pixels = bytes(memoryview(image))  # type: ignore[arg-type]
    if len(pixels) != width * height:
        raise ValueError(f"unexpected QR image layout from zxing-cpp: {image.shape}")
    modules = pixels.translate(_DARK_IS_ONE)
    return QrCode(tuple(modules[y * width : (y + 1) * width] for y in range(height)))
