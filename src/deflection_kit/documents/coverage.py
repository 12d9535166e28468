"""Which characters the bundled fonts can print, read from their character maps (no Qt).

A PDF/UA-1 document may not show text no font has a glyph for (Typst refuses to compile it),
so every string is checked against the union of the bundled fonts' ``cmap`` tables before it
reaches a template. Reads TrueType/OpenType files and collections (.ttc): cmap formats 4 and 12.
"""

from __future__ import annotations

import bisect
import struct
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from deflection_kit import paths

FONT_SUFFIXES = (".ttf", ".otf", ".ttc")
# Unicode platform (0) or Windows Unicode (3, 1 = BMP / 10 = full repertoire) subtables.
_UNICODE_SUBTABLES = ((3, 10), (0, 4), (0, 6), (3, 1), (0, 3), (0, 2), (0, 1), (0, 0))


def _u16(data: bytes, offset: int) -> int:
    return int(struct.unpack_from(">H", data, offset)[0])


def _u32(data: bytes, offset: int) -> int:
    return int(struct.unpack_from(">I", data, offset)[0])


def _font_offsets(data: bytes) -> list[int]:
    if data[:4] == b"ttcf":
        count = _u32(data, 8)
        return [_u32(data, 12 + 4 * i) for i in range(count)]
    return [0]


def _cmap_offset(data: bytes, font: int) -> int | None:
    tables = _u16(data, font + 4)
    for index in range(tables):
        record = font + 12 + 16 * index
        if data[record : record + 4] == b"cmap":
            return _u32(data, record + 8)
    return None


Range = tuple[int, int]  # first and last code point, inclusive


def _format4(data: bytes, start: int) -> list[Range]:
    segments = _u16(data, start + 6) // 2
    ends = start + 14
    starts = ends + 2 * segments + 2
    deltas = starts + 2 * segments
    ranges = deltas + 2 * segments
    found: list[Range] = []
    for i in range(segments):
        end, first = min(_u16(data, ends + 2 * i), 0xFFFE), _u16(data, starts + 2 * i)
        delta, range_offset = _u16(data, deltas + 2 * i), _u16(data, ranges + 2 * i)
        if first > end:
            continue
        if range_offset == 0:
            # glyph = code + delta: one code at most lands on glyph 0 (.notdef)
            empty = -delta & 0xFFFF
            found += [r for r in ((first, min(end, empty - 1)), (max(first, empty + 1), end))
                      if r[0] <= r[1]]  # fmt: skip
            continue
        for code in range(first, end + 1):
            at = ranges + 2 * i + range_offset + 2 * (code - first)
            glyph = _u16(data, at) if at + 2 <= len(data) else 0
            if glyph and (glyph + delta) & 0xFFFF:
                found.append((code, code))
    return found


def _format12(data: bytes, start: int) -> list[Range]:
    found: list[Range] = []
    for i in range(_u32(data, start + 12)):
        group = start + 16 + 12 * i
        first, last, glyph = _u32(data, group), _u32(data, group + 4), _u32(data, group + 8)
        if glyph == 0:
            first += 1  # the first code maps to .notdef, the rest to the glyphs after it
        if first <= last:
            found.append((first, min(last, 0x10FFFF)))
    return found


def font_ranges(data: bytes) -> list[Range]:
    """Return the code point ranges the fonts in a font file (or collection) map to glyphs."""
    found: list[Range] = []
    for font in _font_offsets(data):
        cmap = _cmap_offset(data, font)
        if cmap is None:
            continue
        subtables: dict[tuple[int, int], int] = {}
        for index in range(_u16(data, cmap + 2)):
            record = cmap + 4 + 8 * index
            key = (_u16(data, record), _u16(data, record + 2))
            subtables.setdefault(key, cmap + _u32(data, record + 4))
        for key in _UNICODE_SUBTABLES:
            if key in subtables:
                start = subtables[key]
                kind = _u16(data, start)
                if kind in (4, 12):
                    found += _format12(data, start) if kind == 12 else _format4(data, start)
                    break
    return found


def _merged(ranges: Iterable[Range]) -> tuple[tuple[int, ...], tuple[int, ...]]:
    starts: list[int] = []
    ends: list[int] = []
    for first, last in sorted(ranges):
        if ends and first <= ends[-1] + 1:
            ends[-1] = max(ends[-1], last)
        else:
            starts.append(first)
            ends.append(last)
    return tuple(starts), tuple(ends)


def _font_files(folder: Path) -> Iterable[Path]:
    if not folder.is_dir():
        return ()
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in FONT_SUFFIXES)


@cache
def _bundled_ranges() -> tuple[tuple[int, ...], tuple[int, ...]]:
    found: list[Range] = []
    for path in _font_files(paths.fonts_dir()):
        try:
            found += font_ranges(path.read_bytes())
        except (OSError, struct.error):
            continue  # a damaged font file prints nothing; the others still do
    return _merged(found)


def can_print(ch: str) -> bool:
    """Return True when some bundled font has a glyph for the character ``ch``."""
    starts, ends = _bundled_ranges()
    index = bisect.bisect_right(starts, ord(ch)) - 1
    return index >= 0 and ord(ch) <= ends[index]
