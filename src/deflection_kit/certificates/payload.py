"""The self-contained payload in the QR code: fields and signature, compact (no Qt).

``DK1:`` then RFC 4648 base32 of the 64-byte signature followed by the canonical bytes, raw
deflated with a preset dictionary. Upper-case letters, digits and a colon fit QR's alphanumeric
mode (5.5 bits a symbol).
"""

from __future__ import annotations

import base64
import binascii
import zlib

from deflection_kit.certificates.model import (
    Certificate,
    CertificateFormatError,
    SignedCertificate,
)

PREFIX = "DK1:"
SIGNATURE_BYTES = 64
MAX_PAYLOAD_CHARS = 8192
MAX_FIELDS_BYTES = 16384
# A preset deflate dictionary: the strings most certificates share (the format header, the course,
# the words agencies are named with) cost a few bits instead of a byte each. Part of format DK1:
# never change it; a new dictionary needs a new prefix.
_DICTIONARY = (
    b"County Sheriff's Office Township Village City of State Police Department of Public Safety "
    b"Fire Rescue Fire Department Fire Protection District Emergency Medical Services EMS "
    b"Behavioral Health Recovery Center Treatment Hospital Health Department Community Services "
    b"Crisis Response Team Coalition University College Association Agency Program Police "
    b'Department","first-responder-deflection","First Responder Deflection: A Warm Handoff to '
    b'Services in the Community","'
    b'["deflection-kit/certificate",1,"'
)


def encode(signed: SignedCertificate) -> str:
    """Return the QR payload for a signed certificate."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15, zdict=_DICTIONARY)
    packed = packer.compress(signed.certificate.canonical_bytes()) + packer.flush()
    body = base64.b32encode(signed.signature + packed).decode("ascii").rstrip("=")
    return PREFIX + body


def looks_like_payload(text: str) -> bool:
    """Return True when ``text`` starts like a certificate payload."""
    return text.strip().upper().startswith(PREFIX)


def decode(text: str) -> SignedCertificate:
    """Return the signed certificate in a payload, or raise CertificateFormatError."""
    cleaned = "".join(text.split()).upper()
    if not cleaned.startswith(PREFIX):
        raise CertificateFormatError("not a certificate payload (it starts with DK1:)")
    if len(cleaned) > MAX_PAYLOAD_CHARS:
        raise CertificateFormatError("too long to be a certificate payload")
    body = cleaned[len(PREFIX) :]
    try:
        raw = base64.b32decode(body + "=" * (-len(body) % 8))
    except (binascii.Error, ValueError):
        raise CertificateFormatError("the certificate payload is damaged") from None
    if len(raw) <= SIGNATURE_BYTES:
        raise CertificateFormatError("the certificate payload is cut short")
    signature, packed = raw[:SIGNATURE_BYTES], raw[SIGNATURE_BYTES:]
    unpacker = zlib.decompressobj(-15, zdict=_DICTIONARY)
    try:
        fields = unpacker.decompress(packed, MAX_FIELDS_BYTES)
    except zlib.error:
        raise CertificateFormatError("the certificate payload is damaged") from None
    if unpacker.unconsumed_tail or not unpacker.eof:
        raise CertificateFormatError("the certificate payload is damaged or too large")
    certificate = Certificate.from_canonical_bytes(fields)
    if certificate.canonical_bytes() != fields:
        # The signature covers the canonical bytes only; another spelling of the same fields
        # is not something the issuer wrote.
        raise CertificateFormatError("the certificate fields are not in canonical form")
    return SignedCertificate(certificate, signature)
