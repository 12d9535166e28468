"""Turn painted boxes into fillable PDF form fields (AcroForm), after Qt has written the pages.

QPdfWriter cannot make form fields, so the pages are painted first (the printed look: labels,
boxes, writing lines) and the fields are then appended with pypdf as an incremental update:
Qt's bytes stay as they are and the fields sit exactly over the painted boxes.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    IndirectObject,
    NameObject,
    NumberObject,
    TextStringObject,
)

MULTILINE = 1 << 12  # the text field flag for more than one line
PRINT = 4  # the annotation flag: print the field with the page


@dataclass(frozen=True)
class FormField:
    """A field to add: page (from 0), rectangle in points (x0, y0, x1, y1 from bottom left)."""

    page: int
    rect: tuple[float, float, float, float]
    name: str
    kind: Literal["text", "checkbox"] = "text"
    multiline: bool = False
    size: float = 10.0


def _stream(writer: PdfWriter, content: bytes, width: float, height: float) -> IndirectObject:
    stream = DecodedStreamObject()
    stream.set_data(content)
    stream[NameObject("/Type")] = NameObject("/XObject")
    stream[NameObject("/Subtype")] = NameObject("/Form")
    stream[NameObject("/BBox")] = ArrayObject(
        [FloatObject(0), FloatObject(0), FloatObject(width), FloatObject(height)]
    )
    return writer._add_object(stream)


def _tick(width: float, height: float) -> bytes:
    """Return drawing operators for a tick mark filling a box."""
    w, h = width, height
    points = (0.2 * w, 0.52 * h, 0.42 * w, 0.25 * h, 0.8 * w, 0.78 * h)
    return (
        f"q 0.11 0.12 0.14 RG {max(1.0, w / 9):.2f} w 1 J 1 j "
        f"{points[0]:.2f} {points[1]:.2f} m {points[2]:.2f} {points[3]:.2f} l "
        f"{points[4]:.2f} {points[5]:.2f} l S Q"
    ).encode()


def _rect(field: FormField) -> ArrayObject:
    return ArrayObject([FloatObject(round(v, 2)) for v in field.rect])


def add_form_fields(path: Path, fields: Sequence[FormField]) -> None:
    """Append AcroForm text fields and checkboxes to the PDF at ``path`` (in place)."""
    names = [field.name for field in fields]
    duplicated = sorted({name for name in names if names.count(name) > 1})
    if duplicated:
        raise ValueError(f"form field names must be unique: {', '.join(duplicated)}")
    writer = PdfWriter(io.BytesIO(path.read_bytes()), incremental=True)
    helvetica = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
            NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
        }
    )
    font_ref = writer._add_object(helvetica)
    # A reader that redraws a ticked box (NeedAppearances) draws the tick from this font: the
    # checkboxes' /MK /CA "4" is ZapfDingbats' check mark.
    dingbats_ref = writer._add_object(
        DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject("/ZapfDingbats"),
            }
        )
    )
    refs: list[IndirectObject] = []
    for field in fields:
        x0, y0, x1, y1 = field.rect
        widget = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Annot"),
                NameObject("/Subtype"): NameObject("/Widget"),
                NameObject("/Rect"): _rect(field),
                NameObject("/F"): NumberObject(PRINT),
                NameObject("/T"): TextStringObject(field.name),
            }
        )
        if field.kind == "checkbox":
            on = _stream(writer, _tick(x1 - x0, y1 - y0), x1 - x0, y1 - y0)
            off = _stream(writer, b"", x1 - x0, y1 - y0)
            states = DictionaryObject({NameObject("/Yes"): on, NameObject("/Off"): off})
            widget.update(
                {
                    NameObject("/FT"): NameObject("/Btn"),
                    NameObject("/V"): NameObject("/Off"),
                    NameObject("/AS"): NameObject("/Off"),
                    NameObject("/AP"): DictionaryObject({NameObject("/N"): states}),
                    NameObject("/MK"): DictionaryObject({NameObject("/CA"): TextStringObject("4")}),
                    NameObject("/DA"): TextStringObject("/ZaDb 0 Tf 0 g"),
                }
            )
        else:
            widget.update(
                {
                    NameObject("/FT"): NameObject("/Tx"),
                    NameObject("/V"): TextStringObject(""),
                    NameObject("/DA"): TextStringObject(f"/Helv {field.size:g} Tf 0 g"),
                    NameObject("/Ff"): NumberObject(MULTILINE if field.multiline else 0),
                }
            )
        added = writer.add_annotation(field.page, widget)
        assert added.indirect_reference is not None
        refs.append(added.indirect_reference)
    writer.root_object[NameObject("/AcroForm")] = DictionaryObject(
        {
            NameObject("/Fields"): ArrayObject(refs),
            NameObject("/DA"): TextStringObject("/Helv 0 Tf 0 g"),
            NameObject("/DR"): DictionaryObject(
                {
                    NameObject("/Font"): DictionaryObject(
                        {NameObject("/Helv"): font_ref, NameObject("/ZaDb"): dingbats_ref}
                    )
                }
            ),
            NameObject("/NeedAppearances"): BooleanObject(True),
        }
    )
    output = io.BytesIO()
    writer.write(output)
    path.write_bytes(output.getvalue())
