"""Certificate data inside a PDF: XMP metadata written with the page, read back with pypdf (no Qt).

Each page's certificate payload (fields + signature) and its page-text signature go into the
document's XMP packet, in page order, so ``verify FILE.pdf`` works offline on one certificate or
on a combined print file.
"""

from __future__ import annotations

import base64
import binascii
import os
import re
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from lxml import etree

from deflection_kit.errors import InputFileError

DK_NS = "urn:deflection-kit:certificate:1"
RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
MAX_PDF_BYTES = 50 * 1024 * 1024
# Qt fakes bold for a font without a bold face (the CJK one) by drawing the glyphs again, a
# hair to the side, inside a span marked as having no text. pypdf does not honour that mark.
_NO_TEXT_SPAN = re.compile(r"/Span << /ActualText <> >> BDC\n(.*?)EMC\n", re.S)
_GLYPHS = re.compile(r"<([0-9A-Fa-f]+)> Tj")
_NO_DATA = "no certificate data in this PDF (was it made by Deflection Kit?)"


@dataclass(frozen=True)
class PdfPage:
    """What one page of a certificate PDF carries: the payload, page signature and its text."""

    number: int
    payload: str
    page_signature: bytes
    text: str


def _seq(items: list[str]) -> str:
    return "".join(f"<rdf:li>{escape(item)}</rdf:li>" for item in items)


def build_xmp(title: str, author: str, payloads: list[str], page_signatures: list[bytes]) -> bytes:
    """Return the XMP packet for a certificate PDF."""
    signatures = [base64.b32encode(s).decode("ascii").rstrip("=") for s in page_signatures]
    packet = (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
        f' <rdf:RDF xmlns:rdf="{RDF_NS}">\n'
        '  <rdf:Description rdf:about=""\n'
        '    xmlns:dc="http://purl.org/dc/elements/1.1/"\n'
        '    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"\n'
        f'    xmlns:dk="{DK_NS}">\n'
        '   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">'
        f"{escape(title)}</rdf:li></rdf:Alt></dc:title>\n"
        f"   <dc:creator><rdf:Seq>{_seq([author])}</rdf:Seq></dc:creator>\n"
        "   <pdf:Producer>Deflection Kit</pdf:Producer>\n"
        f"   <pdf:Keywords>{escape(' '.join(payloads))}</pdf:Keywords>\n"
        f"   <dk:payloads><rdf:Seq>{_seq(payloads)}</rdf:Seq></dk:payloads>\n"
        f"   <dk:pageSignatures><rdf:Seq>{_seq(signatures)}</rdf:Seq></dk:pageSignatures>\n"
        "  </rdf:Description>\n"
        " </rdf:RDF>\n"
        "</x:xmpmeta>\n"
        '<?xpacket end="w"?>'
    )
    return packet.encode("utf-8")


def _items(root: etree._Element, name: str) -> list[str]:
    found = root.find(f".//{{{DK_NS}}}{name}")
    if found is None:
        return []
    return [(li.text or "").strip() for li in found.iter(f"{{{RDF_NS}}}li")]


def _drop_fake_bold(content: str) -> str:
    """Remove no-text spans that repeat the glyph run just before them (and nothing else)."""
    out: list[str] = []
    position = 0
    for span in _NO_TEXT_SPAN.finditer(content):
        before = content[position : span.start()]
        marks = [m.end() for m in re.finditer(r"Tm\n", content[: span.start()])]
        previous = content[marks[-2] : marks[-1]] if len(marks) >= 2 else ""
        repeated = _GLYPHS.findall(span.group(1)) == _GLYPHS.findall(previous) != []
        out.append(before if repeated else content[position : span.end()])
        position = span.end()
    out.append(content[position:])
    return "".join(out)


def _page_text(page: Any) -> str:
    """Return a page's text as drawn once (see _drop_fake_bold)."""
    stream = page.get("/Contents")
    stream = stream.get_object() if stream is not None else None
    if stream is not None and hasattr(stream, "set_data"):  # Qt writes one content stream
        data = stream.get_data().decode("latin-1")
        cleaned = _drop_fake_bold(data)
        if cleaned != data:
            stream.set_data(cleaned.encode("latin-1"))  # in memory only, to read the text
    return str(page.extract_text() or "")


def read_certificate_pdf(path: str | os.PathLike[str]) -> list[PdfPage]:
    """Return each page's certificate data and text, or raise InputFileError saying why not."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    source = os.fspath(path)
    try:
        size = os.path.getsize(source)
    except OSError as error:
        raise InputFileError(source, None, f"cannot read it ({error.strerror})") from None
    if size > MAX_PDF_BYTES:
        raise InputFileError(source, None, "too large to be a certificate PDF")
    try:
        reader = PdfReader(source)
        raw = reader.xmp_metadata.stream.get_data() if reader.xmp_metadata else b""
        texts = [_page_text(page) for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise InputFileError(source, None, f"not a readable PDF ({error})") from None
    if not raw:
        raise InputFileError(source, None, _NO_DATA)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.fromstring(raw, parser)
    except etree.XMLSyntaxError:
        raise InputFileError(source, None, "the certificate data in this PDF is damaged") from None
    payloads = _items(root, "payloads")
    signatures = _items(root, "pageSignatures")
    if not payloads:
        raise InputFileError(source, None, _NO_DATA)
    if len(payloads) != len(texts) or len(signatures) != len(texts):
        raise InputFileError(
            source, None, f"{len(texts)} pages but data for {len(payloads)} certificates"
        )
    pages = []
    for number, (payload, signature, text) in enumerate(
        zip(payloads, signatures, texts, strict=True), start=1
    ):
        try:
            page_signature = base64.b32decode(signature + "=" * (-len(signature) % 8))
        except (binascii.Error, ValueError):
            page_signature = b""
        pages.append(PdfPage(number, payload, page_signature, text))
    return pages
