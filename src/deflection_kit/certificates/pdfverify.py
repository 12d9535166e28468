"""Read a certificate PDF as untrusted input and check its digital signature (no Qt).

A certificate PDF is genuine only as the issuer wrote it: one PAdES signature whose byte ranges
cover the whole file, made with a PDF key that a trusted issuer key certified (see pdfkey). Any
changed byte, appended update (an annotation, a replaced font) or second signature fails. The
file is read with bounds first (size, header, end marker, page count) and pyHanko's decoding
limits, so hostile files are refused in one line instead of exhausting memory or time.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import os
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.x509.oid import NameOID
from pyhanko.pdf_utils.decode_limits import (
    DecodeLimits,
    DocumentDecodeBudget,
    StreamDecodeLimits,
)
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from deflection_kit.certificates.codes import group
from deflection_kit.certificates.keys import key_id_of, raw_public_bytes
from deflection_kit.certificates.pdfkey import certified_by
from deflection_kit.certificates.pdfmeta import CertificateDataError, payloads_in_xmp
from deflection_kit.certificates.trust import TrustedIssuer, TrustStore
from deflection_kit.errors import InputFileError

MAX_PDF_BYTES = 50 * 1024 * 1024
MAX_PAGES = 1000  # a combined print file holds a whole session; thousands is not a certificate
_MIB = 1024 * 1024
# Tighter than pyHanko's defaults for untrusted files: a certificate PDF decodes a few kB.
_LIMITS = DecodeLimits(
    per_stream=StreamDecodeLimits(max_ratio=1100, max_output_size=8 * _MIB),
    document_budget=DocumentDecodeBudget(base_allowance=32 * _MIB, max_ratio=20),
)
_UNREADABLE = (
    PdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError,
    OverflowError, EOFError, UnicodeError, zlib.error,
)  # fmt: skip
_NO_DATA = "no certificate data in this PDF (was it made by Deflection Kit?)"
# pyHanko reports what it finds through logging; the verdict says it, once, in words.
for _name in ("pyhanko", "pyhanko_certvalidator"):
    logging.getLogger(_name).addHandler(logging.NullHandler())

PdfOutcome = Literal["signed", "unsigned", "altered", "unknown-issuer"]


@dataclass(frozen=True)
class PdfSignature:
    """What the PDF's digital signature says about the file."""

    outcome: PdfOutcome
    reason: str = ""
    key_id: str = ""
    issuer: TrustedIssuer | None = None
    signed_at: dt.datetime | None = None
    signer: str = ""  # the name PDF readers show for the signer

    @property
    def ok(self) -> bool:
        """Return True for a whole, unchanged file signed by a trusted issuer."""
        return self.outcome == "signed"

    def summary(self) -> str:
        """Return one line for people: who signed the file and when, or what is wrong."""
        if not self.ok:
            return self.reason
        when = (
            f" on {self.signed_at.astimezone(dt.UTC):%Y-%m-%d %H:%M} UTC" if self.signed_at else ""
        )
        who = f" ({self.issuer.label})" if self.issuer is not None and self.issuer.label else ""
        return f"signed{when} by issuer key {group(self.key_id)}{who}; the whole file, unchanged"


@dataclass(frozen=True)
class CertificatePdf:
    """A certificate PDF as read: its pages, the payload of each, and its signature's answer."""

    name: str
    pages: int
    payloads: tuple[str, ...]
    signature: PdfSignature


def _read_bytes(source: str) -> bytes:
    path = Path(source)
    if path.is_dir():
        raise InputFileError(source, None, "is a folder, not a PDF file")
    if not path.exists():
        raise InputFileError(source, None, "no such file")
    if not path.is_file():
        raise InputFileError(source, None, "not a regular file")
    try:
        size = path.stat().st_size
        if size > MAX_PDF_BYTES:
            raise InputFileError(
                source, None, f"too large to be a certificate PDF ({size // _MIB} MB; at most 50)"
            )
        data = path.read_bytes()
    except OSError as error:
        raise InputFileError(source, None, f"cannot read it ({error.strerror})") from None
    if not data:
        raise InputFileError(source, None, "the file is empty")
    if b"%PDF-" not in data[:1024]:
        raise InputFileError(source, None, "not a PDF (it does not start with %PDF-)")
    if b"%%EOF" not in data[-1024:]:
        raise InputFileError(
            source, None, "the PDF is cut short, or has something after its end: copy it again"
        )
    return data


def _common_name(certificate: x509.Certificate) -> str:
    names = certificate.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    return str(names[0].value) if names else certificate.subject.rfc4514_string()


def _check_signature(reader: PdfFileReader, trust: TrustStore) -> PdfSignature:
    signatures = reader.embedded_signatures
    if not signatures:
        return PdfSignature(
            "unsigned",
            "the PDF has no digital signature, so nothing shows it is as issued (made before "
            "certificate PDFs were signed, or saved again by another program): check its code or "
            "QR code instead",
        )
    if len(signatures) > 1:
        return PdfSignature(
            "altered", "altered: the PDF has more than one signature (one was added after issue)"
        )
    embedded = signatures[0]
    signer = x509.load_der_x509_certificate(embedded.signer_cert.dump())
    name = _common_name(signer)
    root = None
    for other in embedded.other_embedded_certs:
        candidate = x509.load_der_x509_certificate(other.dump())
        public = candidate.public_key()
        if isinstance(public, Ed25519PublicKey) and certified_by(signer, public):
            root, root_asn1, root_key = candidate, other, public
            break
    if root is None:
        return PdfSignature(
            "unknown-issuer",
            f"signed by {name!r}, which is not a Deflection Kit issuer key",
            signer=name,
        )
    key_id = key_id_of(root_key)
    issuer = trust.find(key_id)
    if issuer is None or raw_public_bytes(issuer.public_key) != raw_public_bytes(root_key):
        return PdfSignature(
            "unknown-issuer",
            f"signed by an unknown issuer (key {group(key_id)}); import that issuer's public "
            "key to trust it",
            key_id=key_id,
            signer=name,
        )
    context = ValidationContext(trust_roots=[root_asn1], allow_fetching=False)
    status = validate_pdf_signature(embedded, signer_validation_context=context, skip_diff=True)
    found = PdfSignature("signed", "", key_id, issuer, status.signer_reported_dt, name)
    if not status.intact or not status.valid:
        return _altered(found, "the file was changed after it was signed")
    if status.coverage != SignatureCoverageLevel.ENTIRE_FILE:
        return _altered(
            found, "something was added to the file after it was signed (an incremental update)"
        )
    if not status.trusted:
        return _altered(found, "the signing certificate does not check out")
    return found


def _altered(found: PdfSignature, why: str) -> PdfSignature:
    return PdfSignature(
        "altered", f"altered: {why}", found.key_id, found.issuer, None, found.signer
    )


def _page_count(reader: PdfFileReader, source: str) -> int:
    count: Any = reader.root["/Pages"].get_object()["/Count"]
    if not isinstance(count, int) or count < 1:
        raise InputFileError(source, None, "not a readable PDF (its page count is damaged)")
    if count > MAX_PAGES:
        raise InputFileError(
            source, None, f"{count} pages: too many for a certificate PDF (at most {MAX_PAGES})"
        )
    return count


def _payloads(reader: PdfFileReader, source: str) -> tuple[str, ...]:
    metadata = reader.root.get("/Metadata")
    if metadata is None:
        return ()
    try:
        return tuple(payloads_in_xmp(bytes(metadata.get_object().data)))
    except CertificateDataError as error:
        raise InputFileError(source, None, str(error)) from None


def read_certificate_pdf(path: str | os.PathLike[str], trust: TrustStore) -> CertificatePdf:
    """Return what a certificate PDF holds and what its signature says, or raise InputFileError
    (one line, naming the file) when it cannot be a certificate PDF."""
    source = os.fspath(path)
    data = _read_bytes(source)
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=True, decode_limits=_LIMITS)
        pages = _page_count(reader, source)
        signature = _check_signature(reader, trust)
        payloads = _payloads(reader, source)
    except InputFileError:
        raise
    except RecursionError:
        raise InputFileError(source, None, "not a readable PDF (nested too deeply)") from None
    except _UNREADABLE as error:
        detail = " ".join(str(error).split())[:200] or type(error).__name__
        raise InputFileError(source, None, f"not a readable PDF ({detail})") from None
    if not payloads:
        raise InputFileError(source, None, _NO_DATA)
    if len(payloads) != pages and signature.ok:
        raise InputFileError(
            source, None, f"{pages} pages but data for {len(payloads)} certificates"
        )
    return CertificatePdf(Path(source).name, pages, payloads, signature)
