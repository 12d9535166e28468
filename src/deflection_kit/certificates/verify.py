"""Answer "is this certificate genuine?" for a typed code, a QR payload or a PDF file (no Qt)."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from deflection_kit.certificates import payload
from deflection_kit.certificates.codes import looks_like_code, parse_code
from deflection_kit.certificates.model import CertificateFormatError, SignedCertificate
from deflection_kit.certificates.signing import StatusLookup, Verdict, verify
from deflection_kit.certificates.trust import TrustStore
from deflection_kit.errors import DeflectionKitError

# Finds a certificate the register issued, by ID (None when this installation never saw it).
RegisterFind = Callable[[str], SignedCertificate | None]


class NotACertificateError(DeflectionKitError):
    """The input is not a certificate code, payload or certificate PDF the kit can read."""


def verify_code_or_payload(
    text: str,
    trust: TrustStore,
    lookup: StatusLookup | None = None,
    find: RegisterFind | None = None,
) -> Verdict:
    """Verify a pasted QR payload (works anywhere) or a typed code (needs the register)."""
    text = text.strip()
    if payload.looks_like_payload(text):
        try:
            signed = payload.decode(text)
        except CertificateFormatError as error:
            raise NotACertificateError(f"the certificate data is damaged: {error}") from None
        return verify(signed, trust, lookup)
    if looks_like_code(text) or "-" in text:
        certificate_id = parse_code(text)
        found = find(certificate_id) if find is not None else None
        if found is None:
            raise NotACertificateError(
                "this code is not in this installation's certificate register: verify the PDF or "
                "the QR code instead (they carry the signed fields)"
            )
        return verify(found, trust, lookup)
    raise NotACertificateError(
        "give a certificate code (XXXX-XXXX-XXXX-XXXX-X), the text of its QR code (DK1:...) "
        "or a certificate PDF"
    )


def verify_pdf(
    path: str | os.PathLike[str], trust: TrustStore, lookup: StatusLookup | None = None
) -> list[Verdict]:
    """Verify a certificate PDF: its digital signature over the whole file, then every page's
    certificate (its own signature and the register), one verdict a page."""
    from deflection_kit.certificates.pdfverify import read_certificate_pdf

    document = read_certificate_pdf(path, trust)
    seal = document.signature
    verdicts = []
    for number, text in enumerate(document.payloads, start=1):
        try:
            signed = payload.decode(text)
        except CertificateFormatError as error:
            raise NotACertificateError(
                f"{document.name}: page {number}: the certificate data is damaged ({error})"
            ) from None
        verdict = verify(signed, trust, lookup)
        if seal.outcome != "signed":
            verdict = replace(verdict, outcome=seal.outcome, reason=seal.reason)
        elif signed.certificate.issuer_key_id != seal.key_id:
            verdict = replace(
                verdict,
                outcome="altered",
                reason="altered: the PDF was signed by another issuer than its certificate",
            )
        verdicts.append(replace(verdict, document=seal.summary()))
    return verdicts


def looks_like_pdf(value: str) -> bool:
    """Return True when ``value`` names a PDF file rather than a code or QR text."""
    value = value.strip()
    if value.lower().endswith(".pdf"):
        return True
    try:  # a path to something else (a folder, a PDF without its extension) is a file too
        return len(value) < 4096 and os.sep in value and Path(value).exists()
    except OSError:
        return False


def check(
    value: str,
    trust: TrustStore,
    lookup: StatusLookup | None = None,
    find: RegisterFind | None = None,
) -> list[Verdict]:
    """Verify whatever a user gave: a PDF path (one verdict a page), a code or QR text."""
    value = value.strip()
    if looks_like_pdf(value):
        return verify_pdf(value, trust, lookup)
    return [verify_code_or_payload(value, trust, lookup, find)]
