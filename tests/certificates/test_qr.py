"""The certificate QR code: standard modules, and path data that paints exactly those modules."""

from __future__ import annotations

import re

import pytest
import segno
from certhelp import make_certificate

from deflection_kit.certificates import payload
from deflection_kit.certificates.qr import QUIET_ZONE, qr_code
from deflection_kit.certificates.signing import sign

PAYLOADS = {
    "tiny": "DK1:AB",
    "certificate": "DK1:" + "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567" * 9,
    "long name": "DK1:" + "Q7" * 500,
}


def _dark(rows: tuple[bytes, ...]) -> set[tuple[int, int]]:
    return {(x, y) for y, row in enumerate(rows) for x, value in enumerate(row) if value}


@pytest.mark.parametrize("kind", sorted(PAYLOADS))
def test_modules_match_an_independent_encoder(kind: str) -> None:
    # segno, a separate implementation of ISO 18004, makes the same symbol with one of the eight
    # masks: zxing-cpp's codes are standard, not merely readable by zxing-cpp.
    text = PAYLOADS[kind]
    code = qr_code(text)
    assert code.size == len(code.rows) + 2 * QUIET_ZONE == 4 * code.version + 17 + 8
    matches = [
        mask
        for mask in range(8)
        if tuple(
            bytes(row)
            for row in segno.make_qr(
                text, error="m", boost_error=False, mask=mask, version=code.version
            ).matrix
        )
        == code.rows
    ]
    assert len(matches) == 1


def _filled(path: str) -> set[tuple[int, int]]:
    cells = set()
    for x, y, width in re.findall(r"M(\d+) (\d+)h(\d+)v1h-\3z", path):
        cells |= {(int(x) + i - QUIET_ZONE, int(y) - QUIET_ZONE) for i in range(int(width))}
    assert len(re.findall("M", path)) == len(re.findall(r"M\d+ \d+h\d+v1h-\d+z", path))
    return cells


def _stroked(lines: str) -> set[tuple[int, int]]:
    cells = set()
    for x, y, width in re.findall(r"M(\d+) (\d+)\.5h(\d+)", lines):
        cells |= {(int(x) + i - QUIET_ZONE, int(y) - QUIET_ZONE) for i in range(int(width))}
    assert len(re.findall("M", lines)) == len(re.findall(r"M\d+ \d+\.5h\d+", lines))
    return cells


def test_the_filled_path_and_the_stroked_lines_paint_exactly_the_dark_modules(issuer) -> None:
    text = payload.encode(sign(make_certificate(issuer), issuer))
    code = qr_code(text)
    dark = _dark(code.rows)
    assert 0.3 < len(dark) / len(code.rows) ** 2 < 0.7
    assert _filled(code.path) == dark
    assert _stroked(code.lines) == dark
    assert len(code.lines) < len(code.path) * 0.8
