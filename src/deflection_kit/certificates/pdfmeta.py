"""Certificate data inside a PDF: the XMP packet written with the pages, and read back (no Qt).

Each page's certificate payload (fields + Ed25519 signature, as in its QR code) goes into the
document's XMP packet, in page order, so ``verify FILE.pdf`` shows the signed fields of one
certificate or of every page of a combined print file. The PDF signature covers the packet.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from lxml import etree

DK_NS = "urn:deflection-kit:certificate:1"
RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
MAX_XMP_BYTES = 4 * 1024 * 1024


class CertificateDataError(ValueError):
    """The certificate data in a PDF's XMP packet is missing or unreadable."""


def _seq(items: list[str]) -> str:
    return "".join(f"<rdf:li>{escape(item)}</rdf:li>" for item in items)


def build_xmp(title: str, author: str, payloads: list[str]) -> bytes:
    """Return the XMP packet for a certificate PDF."""
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
        "  </rdf:Description>\n"
        " </rdf:RDF>\n"
        "</x:xmpmeta>\n"
        '<?xpacket end="w"?>'
    )
    return packet.encode("utf-8")


def payloads_in_xmp(packet: bytes) -> list[str]:
    """Return the certificate payloads in an XMP packet, in page order, or raise
    CertificateDataError."""
    if len(packet) > MAX_XMP_BYTES:
        raise CertificateDataError("the certificate data in this PDF is too large")
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        root = etree.fromstring(packet, parser)
    except etree.XMLSyntaxError:
        raise CertificateDataError("the certificate data in this PDF is damaged") from None
    found = root.find(f".//{{{DK_NS}}}payloads")
    if found is None:
        return []
    return [(li.text or "").strip() for li in found.iter(f"{{{RDF_NS}}}li")]
