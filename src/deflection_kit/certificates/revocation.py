"""Signed revocations: only the key that issued a certificate can end it elsewhere (no Qt).

When this installation revokes or re-issues a certificate its own key signed, it signs the
ending too — the certificate ID, the new status, when, by whom, why and what replaced it. The
signature travels in the register row of a session bundle (``DKR1:`` then base32 of the 64-byte
signature and the 32-byte public key). An installation that imports the bundle applies the
ending only if that public key is the one the certificate names (its key ID is a hash of it) and
the signature matches; anything else is left out, so holding a bundle is not enough to revoke.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Mapping
from typing import Any

from deflection_kit.certificates import payload
from deflection_kit.certificates.keys import (
    IssuerKey,
    IssuerKeyError,
    key_id_of,
    public_key_from_raw,
    raw_public_bytes,
    verify_signature,
)
from deflection_kit.certificates.model import CertificateFormatError, SignedCertificate
from deflection_kit.storage import Store
from deflection_kit.storage.certificates import Ending, EndingSigner, ending_of
from deflection_kit.storage.names import clean_text

PREFIX = "DKR1:"
FORMAT = "deflection-kit/certificate-ending"
VERSION = 1
SIGNATURE_BYTES = 64
KEY_BYTES = 32


def ending_bytes(ending: Ending) -> bytes:
    """Return the bytes an ending's signature covers: a compact JSON array in a fixed order."""
    fields = [
        FORMAT, VERSION, ending.certificate_id, ending.status, ending.at, ending.by,
        ending.reason, ending.replaced_by,
    ]  # fmt: skip
    return json.dumps(fields, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def signer(key: IssuerKey) -> EndingSigner:
    """Return a function that signs endings with ``key`` (for the register to keep)."""
    public = raw_public_bytes(key.public_key)

    def sign(ending: Ending) -> str:
        raw = key.sign(ending_bytes(ending)) + public
        return PREFIX + base64.b32encode(raw).decode("ascii").rstrip("=")

    return sign


def signer_for(key: IssuerKey, issuer_key_id: str) -> EndingSigner | None:
    """Return the signer when ``key`` issued the certificate, else None (the ending stays local)."""
    return signer(key) if key.key_id == issuer_key_id else None


def sign_old_endings(store: Store, session_id: str, key: IssuerKey) -> int:
    """Sign the endings this key's certificates got before endings were signed; return how many.

    Called before a session is bundled, so those revocations travel too.
    """
    sign = signer(key)
    ended = [r for r in store.certificates.unsigned_endings(session_id) if r.key_id == key.key_id]
    for record in ended:
        store.certificates.sign_ending(record.id, sign)
    return len(ended)


def verify_ending(ending: Ending, token: str, signed: SignedCertificate) -> bool:
    """Return True when ``token`` is the certificate's issuing key's signature over ``ending``."""
    text = token.strip().upper()
    if not text.startswith(PREFIX) or len(text) > 400:
        return False
    body = text[len(PREFIX) :]
    try:
        raw = base64.b32decode(body + "=" * (-len(body) % 8))
    except (binascii.Error, ValueError):
        return False
    if len(raw) != SIGNATURE_BYTES + KEY_BYTES:
        return False
    signature, public = raw[:SIGNATURE_BYTES], raw[SIGNATURE_BYTES:]
    try:
        key = public_key_from_raw(public)
    except IssuerKeyError:
        return False
    cert = signed.certificate
    return (
        key_id_of(key) == cert.issuer_key_id
        and ending.certificate_id == cert.certificate_id
        and verify_signature(key, signed.signature, cert.canonical_bytes())
        and verify_signature(key, signature, ending_bytes(ending))
    )


class BundleCertificateChecks:
    """What storage's merge asks about the certificate rows in a bundle."""

    def payload_problem(self, row: Mapping[str, Any]) -> str | None:
        """Return what is wrong with a row's payload (it must be the certificate it names)."""
        try:
            signed = payload.decode(str(row["payload"]))
        except CertificateFormatError as error:
            return f"malformed payload: {error}"
        cert = signed.certificate
        if cert.certificate_id != row["id"]:
            return "malformed: the payload is another certificate's"
        if cert.issuer_key_id != row["key_id"]:
            return "malformed: the payload names another issuer key"
        if clean_text(cert.participant_name, 500) != clean_text(row["participant_name"], 500):
            return "malformed: the name differs from the signed one"
        return None

    def ending_signed(self, row: Mapping[str, Any]) -> bool:
        """Return True when a row's ending (revoked or superseded) is signed by its issuer."""
        if row["status"] == "issued":
            return True
        try:
            signed = payload.decode(str(row["payload"]))
        except CertificateFormatError:
            return False
        return verify_ending(ending_of(row), str(row.get("revocation") or ""), signed)
