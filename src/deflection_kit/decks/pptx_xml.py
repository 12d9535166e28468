"""Small pieces of PresentationML that python-pptx has no API for.

Alt text on pictures, bullet-less paragraphs, theme colours and fonts, slide-number fields and a
zip with fixed timestamps so the same deck gives the same bytes.
"""

from __future__ import annotations

import io
import struct
import zipfile
from typing import Any

from lxml import etree

NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}
A = "{" + NS["a"] + "}"
P = "{" + NS["p"] + "}"
# A fixed field id for slide numbers; PowerPoint only needs it to be a GUID.
SLIDENUM_FIELD_ID = "{4B1E6D2A-6C1F-4E1B-9C1D-2D5A0F3B7C11}"


def qn(tag: str) -> str:
    """Return Clark notation for a prefixed tag such as ``a:p``."""
    prefix, local = tag.split(":")
    return f"{{{NS[prefix]}}}{local}"


def set_alt_text(shape_element: Any, alt: str, title: str = "") -> None:
    """Set a shape's alt text: the ``descr`` attribute of its ``cNvPr`` (what readers speak)."""
    found = shape_element.xpath("./*[1]/p:cNvPr")
    if not found:
        raise ValueError("shape has no non-visual properties")
    found[0].set("descr", alt)
    if title:
        found[0].set("title", title)


def make_plain(paragraph_element: Any) -> None:
    """Turn a paragraph into plain text: no bullet, no hanging indent."""
    ppr = paragraph_element.get_or_add_pPr()
    ppr.set("marL", "0")
    ppr.set("indent", "0")
    for child in list(ppr):
        if child.tag in (qn("a:buNone"), qn("a:buChar"), qn("a:buAutoNum"), qn("a:buFont")):
            ppr.remove(child)
    bu_none = etree.SubElement(ppr, qn("a:buNone"))
    # buNone must come before any defRPr/extLst (schema order).
    for later in ppr.findall(qn("a:defRPr")) + ppr.findall(qn("a:extLst")):
        later.addprevious(bu_none)
        break


def slide_number_field(paragraph_element: Any, number: int, size_hundredths: int | None) -> Any:
    """Put a live slide-number field in a paragraph (shows the right number when reordered).

    Return the field's run properties.
    """
    for child in list(paragraph_element):
        if child.tag in (qn("a:r"), qn("a:fld"), qn("a:br")):
            paragraph_element.remove(child)
    fld = etree.Element(qn("a:fld"), id=SLIDENUM_FIELD_ID, type="slidenum")
    rpr = etree.SubElement(fld, qn("a:rPr"), lang="en-US")
    if size_hundredths:
        rpr.set("sz", str(size_hundredths))
    text = etree.SubElement(fld, qn("a:t"))
    text.text = str(number)
    end = paragraph_element.find(qn("a:endParaRPr"))
    if end is not None:
        end.addprevious(fld)
    else:
        paragraph_element.append(fld)
    return rpr


def set_solid_fill(rpr: Any, rgb: str) -> None:
    """Give run properties a solid text colour (RRGGBB), replacing any fill they had."""
    for child in list(rpr):
        if etree.QName(child).localname in ("noFill", "solidFill", "gradFill", "pattFill"):
            rpr.remove(child)
    fill = etree.Element(qn("a:solidFill"))
    etree.SubElement(fill, qn("a:srgbClr"), val=rgb)
    # the fill comes before effects, fonts and the rest (schema order); only ln precedes it
    line = rpr.find(qn("a:ln"))
    if line is not None:
        line.addnext(fill)
    else:
        rpr.insert(0, fill)


def set_scheme_colour(theme_xml: bytes, slot: str, rgb: str) -> bytes:
    """Return theme XML with one colour-scheme slot (accent1, dk1...) set to ``rgb``."""
    root = etree.fromstring(theme_xml)
    found = root.xpath(f"//a:clrScheme/a:{slot}", namespaces=NS)
    if not found:
        return theme_xml
    slot_el = found[0]
    for child in list(slot_el):
        slot_el.remove(child)
    etree.SubElement(slot_el, qn("a:srgbClr"), val=rgb)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def theme_colours(theme_xml: bytes) -> dict[str, str]:
    """Return the colour scheme of a theme part as slot -> RRGGBB."""
    root = etree.fromstring(theme_xml)
    colours: dict[str, str] = {}
    for slot in root.xpath("//a:clrScheme/*", namespaces=NS):
        name = etree.QName(slot).localname
        srgb = slot.find(qn("a:srgbClr"))
        sys_clr = slot.find(qn("a:sysClr"))
        if srgb is not None:
            colours[name] = srgb.get("val", "000000").upper()
        elif sys_clr is not None:
            colours[name] = sys_clr.get("lastClr", "000000").upper()
    return colours


def theme_fonts(theme_xml: bytes) -> tuple[str, str]:
    """Return the (major, minor) latin typefaces of a theme part."""
    root = etree.fromstring(theme_xml)
    major = root.xpath("//a:fontScheme/a:majorFont/a:latin/@typeface", namespaces=NS)
    minor = root.xpath("//a:fontScheme/a:minorFont/a:latin/@typeface", namespaces=NS)
    return (str(major[0]) if major else "Calibri", str(minor[0]) if minor else "Calibri")


def fix_zip_times(data: bytes) -> bytes:
    """Return a zip with every member's timestamp set to 1980-01-01, without recompressing.

    python-pptx stamps members with the current time; patching the two date fields in each
    local header and central-directory entry makes the same deck byte-for-byte identical.
    """
    buffer = bytearray(data)
    dos_time, dos_date = 0, (0 << 9) | (1 << 5) | 1
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = archive.infolist()
    for info in infos:
        offset = info.header_offset
        if buffer[offset : offset + 4] != b"PK\x03\x04":
            raise ValueError("unexpected zip layout")
        struct.pack_into("<HH", buffer, offset + 10, dos_time, dos_date)
    end = bytes(buffer).rfind(b"PK\x05\x06")
    if end < 0:
        raise ValueError("zip has no central directory")
    count, _size, start = struct.unpack_from("<HII", buffer, end + 10)
    position = start
    for _ in range(count):
        if buffer[position : position + 4] != b"PK\x01\x02":
            raise ValueError("unexpected central directory")
        struct.pack_into("<HH", buffer, position + 12, dos_time, dos_date)
        name_len, extra_len, comment_len = struct.unpack_from("<HHH", buffer, position + 28)
        position += 46 + name_len + extra_len + comment_len
    return bytes(buffer)
