"""What a forger does to a certificate PDF: edits that change what the page shows, not its text.

Each helper writes a new file from a genuine one, the way ordinary tools would: a whole rewrite
(pypdf, as "Save as" does) or an incremental update appended after the original bytes (as a PDF
editor adding a comment does, leaving any digital signature in the original part intact).
"""

from __future__ import annotations

import copy
import io
import re
from pathlib import Path

from fontTools.ttLib import TTFont
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    NumberObject,
    TextStringObject,
)

_RANGE_ARRAY = re.compile(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*\[([^\]]*)\]")
_RANGE_START = re.compile(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")
_CHAR = re.compile(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")


def _codes_by_character(cmap: str) -> dict[str, int]:
    """Return character -> glyph code from a ToUnicode CMap (bfrange and bfchar entries)."""
    found: dict[str, int] = {}
    for block in re.findall(r"beginbfrange(.*?)endbfrange", cmap, re.S):
        for start, _end, values in _RANGE_ARRAY.findall(block):
            for offset, value in enumerate(re.findall(r"<([0-9A-Fa-f]+)>", values)):
                found.setdefault(chr(int(value, 16)), int(start, 16) + offset)
        for start, end, value in _RANGE_START.findall(block):
            for offset in range(int(end, 16) - int(start, 16) + 1):
                found.setdefault(chr(int(value, 16) + offset), int(start, 16) + offset)
    for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
        for code, value in _CHAR.findall(block):
            found.setdefault(chr(int(value, 16)), int(code, 16))
    return found


def _writer(source: Path, incremental: bool) -> PdfWriter:
    """Return a writer holding ``source``: appending to it, or rewriting it whole."""
    if incremental:
        return PdfWriter(source, incremental=True)
    return PdfWriter(clone_from=PdfReader(source))


def _write(writer: PdfWriter, target: Path) -> Path:
    with open(target, "wb") as handle:
        writer.write(handle)
    return target


def redraw_glyphs(
    source: Path, target: Path, draw_as: dict[str, str], *, incremental: bool = False
) -> Path:
    """Change the embedded fonts so each character in ``draw_as`` is drawn as another one.

    The page's text (what extraction reads) stays the same; what it shows changes: with
    ``{"1": "2", "5": "4"}`` "1.5 contact hours" on March 4, 2025 reads "2.4" on March 4, 2024.
    """
    writer = _writer(source, incremental)
    changed = 0
    for page in writer.pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            if font.get("/Subtype") != "/Type0":
                continue
            codes = _codes_by_character(font["/ToUnicode"].get_object().get_data().decode())
            descendant = font["/DescendantFonts"][0].get_object()
            program = descendant["/FontDescriptor"].get_object()["/FontFile2"].get_object()
            tt = TTFont(io.BytesIO(program.get_data()))
            order = tt.getGlyphOrder()
            glyphs = tt["glyf"]
            for shown, drawn in draw_as.items():
                if shown in codes and drawn in codes:
                    glyphs[order[codes[shown]]] = copy.deepcopy(glyphs[order[codes[drawn]]])
                    changed += 1
            out = io.BytesIO()
            tt.save(out)
            program.set_data(out.getvalue())
    if not changed:
        raise AssertionError("no glyph was redrawn: the page does not use those characters")
    return _write(writer, target)


def cover_with_text_box(
    source: Path,
    target: Path,
    lines: list[tuple[str, float]],
    rect: tuple[float, float, float, float] = (60, 225, 732, 470),
    *,
    incremental: bool = True,
) -> Path:
    """Add a text-box (FreeText) annotation: an opaque white box with other text, over the page.

    ``lines`` are (text, font size) from the top of the box; ``rect`` is in PDF points.
    """
    writer = _writer(source, incremental)
    left, bottom, right, top = rect
    width, height = right - left, top - bottom
    ops = [f"1 1 1 rg 0 0 {width} {height} re f", "0 0 0 rg BT"]
    y = height
    for text, size in lines:
        y -= size * 1.4
        escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        ops.append(f"/Helv {size} Tf 1 0 0 1 {width / 2 - len(text) * size * 0.25} {y} Tm")
        ops.append(f"({escaped}) Tj")
    ops.append("ET")
    appearance = DecodedStreamObject()
    appearance.set_data("\n".join(ops).encode("latin-1"))
    helvetica = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    appearance.update(
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Form"),
            NameObject("/BBox"): ArrayObject(
                [NumberObject(0), NumberObject(0), FloatObject(width), FloatObject(height)]
            ),
            NameObject("/Resources"): DictionaryObject(
                {
                    NameObject("/Font"): DictionaryObject(
                        {NameObject("/Helv"): writer._add_object(helvetica)}
                    )
                }
            ),
        }
    )
    annotation = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/FreeText"),
            NameObject("/Rect"): ArrayObject([FloatObject(v) for v in rect]),
            NameObject("/Contents"): TextStringObject(" / ".join(t for t, _ in lines)),
            NameObject("/DA"): TextStringObject("/Helv 12 Tf 0 g"),
            NameObject("/F"): NumberObject(4),  # print it too
            NameObject("/AP"): DictionaryObject({NameObject("/N"): writer._add_object(appearance)}),
        }
    )
    writer.add_annotation(0, annotation)
    return _write(writer, target)


def append_bytes(source: Path, target: Path, data: bytes) -> Path:
    """Copy ``source`` with ``data`` appended (a hand-made incremental update, or junk)."""
    target.write_bytes(source.read_bytes() + data)
    return target


def flip_byte(source: Path, target: Path, marker: bytes, offset: int = 40) -> Path:
    """Copy ``source`` with one bit changed ``offset`` bytes after the first ``marker``."""
    data = bytearray(source.read_bytes())
    where = data.index(marker) + offset
    data[where] ^= 0x01
    target.write_bytes(bytes(data))
    return target
