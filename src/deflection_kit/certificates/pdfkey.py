"""The key that signs certificate PDFs, certified by the installation's issuer key (no Qt).

PDF readers check a PDF signature only with algorithms they know. Measured with poppler 22.12
(NSS): ``pdfsig`` reports an Ed25519 PDF signature as "Document isn't signed or corrupted data"
and an ECDSA P-256 one as "Signature is Valid" (Adobe Reader likewise knows P-256, not Ed25519).
So each installation has a second key, ECDSA P-256, used for PDF signatures only, and its X.509
certificate is signed by the installation's Ed25519 issuer key: whoever trusts the issuer key
can tell that a PDF signature is the issuer's, and any PDF reader shows the signature.

Two files sit beside the issuer key in the owner-only keys folder: ``pdf-signing-key.pem`` (the
private key; never written anywhere else) and ``pdf-signing-chain.pem`` (public: the PDF key's
certificate, then the issuer's self-signed certificate). Throwaway issuer keys (specimens) get a
PDF key in memory only.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.x509.oid import NameOID

from deflection_kit import privatefiles
from deflection_kit.certificates.codes import group
from deflection_kit.certificates.keys import IssuerKey, IssuerKeyError, keys_dir, raw_public_bytes

PDF_KEY_FILE = "pdf-signing-key.pem"
PDF_CHAIN_FILE = "pdf-signing-chain.pem"
ORGANIZATION = "Deflection Kit"
UNIT = "Certificates of completion"
# The binding of the PDF key to the issuer key holds for as long as the issuer key does:
# a fixed start (a wrong clock on either computer cannot make it "not yet valid") and RFC 5280's
# "no well-defined expiration" end.
VALID_FROM = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
VALID_UNTIL = dt.datetime(9999, 12, 31, 23, 59, 59, tzinfo=dt.UTC)
_CN_LIMIT = 64  # X.520 upper bound for a common name


def issuer_common_name(key_id: str) -> str:
    """Return the common name of an issuer key's self-signed certificate."""
    return f"Deflection Kit issuer {group(key_id)}"


def signer_common_name(key_id: str, label: str) -> str:
    """Return the common name PDF readers show as the signer: the issuer's label, else its key."""
    cleaned = " ".join(label.split())
    if not cleaned:
        return issuer_common_name(key_id)
    return cleaned if len(cleaned) <= _CN_LIMIT else cleaned[: _CN_LIMIT - 1].rstrip() + "…"


def _serial(*parts: bytes) -> int:
    """Return a positive 63-bit certificate serial number derived from ``parts``."""
    return int.from_bytes(hashlib.sha256(b"\x00".join(parts)).digest()[:8], "big") >> 1 or 1


def _key_usage(**allowed: bool) -> x509.KeyUsage:
    """Return a key usage extension allowing only the ``allowed`` uses."""
    uses = (
        "digital_signature", "content_commitment", "key_encipherment", "data_encipherment",
        "key_agreement", "key_cert_sign", "crl_sign", "encipher_only", "decipher_only",
    )  # fmt: skip
    return x509.KeyUsage(**{use: allowed.get(use, False) for use in uses})


def _issuer_certificate(issuer: IssuerKey) -> x509.Certificate:
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, issuer_common_name(issuer.key_id)),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, ORGANIZATION),
            x509.NameAttribute(NameOID.SERIAL_NUMBER, issuer.key_id),
        ]
    )
    builder = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(issuer.public_key)
        .serial_number(_serial(b"issuer", raw_public_bytes(issuer.public_key)))
        .not_valid_before(VALID_FROM)
        .not_valid_after(VALID_UNTIL)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(_key_usage(key_cert_sign=True, crl_sign=True), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(issuer.public_key), False)
    )
    return issuer.certify(builder)


def _signer_certificate(
    issuer: IssuerKey, root: x509.Certificate, public_key: ec.EllipticCurvePublicKey, label: str
) -> x509.Certificate:
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, signer_common_name(issuer.key_id, label)),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, ORGANIZATION),
            x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, UNIT),
            x509.NameAttribute(NameOID.SERIAL_NUMBER, issuer.key_id),
        ]
    )
    spki = public_key.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    builder = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(root.subject)
        .public_key(public_key)
        .serial_number(_serial(b"pdf", spki, label.encode("utf-8")))
        .not_valid_before(VALID_FROM)
        .not_valid_after(VALID_UNTIL)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_key_usage(digital_signature=True, content_commitment=True), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.public_key), False)
    )
    return issuer.certify(builder)


def certified_by(certificate: x509.Certificate, issuer_key: Ed25519PublicKey) -> bool:
    """Return True when ``issuer_key`` signed ``certificate`` (the PDF key's binding)."""
    try:
        issuer_key.verify(certificate.signature, certificate.tbs_certificate_bytes)
    except InvalidSignature:
        return False
    return True


class PdfSigningIdentity:
    """A PDF signing key and its certificate chain; only ``private_key`` is secret."""

    def __init__(
        self,
        private_key: ec.EllipticCurvePrivateKey,
        certificate: x509.Certificate,
        issuer_certificate: x509.Certificate,
        issuer_key_id: str,
    ) -> None:
        self._private = private_key
        self.certificate = certificate
        self.issuer_certificate = issuer_certificate
        self.issuer_key_id = issuer_key_id

    def __repr__(self) -> str:  # never show key material in logs or tracebacks
        return f"PdfSigningIdentity(issuer_key_id={self.issuer_key_id!r})"

    @property
    def private_key(self) -> ec.EllipticCurvePrivateKey:
        """Return the private key (for the PDF signer only)."""
        return self._private

    def chain_pem(self) -> bytes:
        """Return the public certificate chain in PEM: the PDF key's, then the issuer's."""
        return b"".join(
            c.public_bytes(serialization.Encoding.PEM)
            for c in (self.certificate, self.issuer_certificate)
        )

    @classmethod
    def make(
        cls,
        issuer: IssuerKey,
        label: str = "",
        private_key: ec.EllipticCurvePrivateKey | None = None,
    ) -> PdfSigningIdentity:
        """Return an identity for ``issuer``: a (new) P-256 key and a fresh chain."""
        key = private_key or ec.generate_private_key(ec.SECP256R1())
        root = _issuer_certificate(issuer)
        leaf = _signer_certificate(issuer, root, key.public_key(), label)
        return cls(key, leaf, root, issuer.key_id)

    def _fits(self, issuer: IssuerKey, label: str) -> bool:
        """Return True when the chain binds this key to ``issuer`` under ``label``."""
        root_key = self.issuer_certificate.public_key()
        names = self.certificate.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
        return (
            isinstance(root_key, Ed25519PublicKey)
            and raw_public_bytes(root_key) == raw_public_bytes(issuer.public_key)
            and self.certificate.public_key() == self._private.public_key()
            and certified_by(self.certificate, issuer.public_key)
            and [n.value for n in names] == [signer_common_name(issuer.key_id, label)]
        )

    @classmethod
    def for_issuer(cls, issuer: IssuerKey, label: str = "") -> PdfSigningIdentity:
        """Return the PDF identity of ``issuer``: saved beside this installation's own key (made
        on first use, its chain remade when the label changes), in memory for throwaway keys."""
        if not issuer.saved:
            return cls.make(issuer, label)
        folder = keys_dir()
        key_path, chain_path = folder / PDF_KEY_FILE, folder / PDF_CHAIN_FILE
        private: ec.EllipticCurvePrivateKey | None = None
        try:
            loaded = serialization.load_pem_private_key(key_path.read_bytes(), password=None)
        except FileNotFoundError:
            loaded = None
        except (ValueError, TypeError) as error:
            raise IssuerKeyError(
                f"the PDF signing key file {key_path} is damaged ({error})"
            ) from None
        if isinstance(loaded, ec.EllipticCurvePrivateKey) and isinstance(
            loaded.curve, ec.SECP256R1
        ):
            private = loaded
        if private is not None:
            try:
                leaf, root = x509.load_pem_x509_certificates(chain_path.read_bytes())[:2]
                found = cls(private, leaf, root, issuer.key_id)
                if found._fits(issuer, label):
                    return found
            except (OSError, ValueError):
                pass  # no chain yet, or a damaged one: make it again below
        identity = cls.make(issuer, label, private)
        if private is None:
            privatefiles.write_bytes(
                key_path,
                identity.private_key.private_bytes(
                    serialization.Encoding.PEM,
                    serialization.PrivateFormat.PKCS8,
                    serialization.NoEncryption(),
                ),
            )
        privatefiles.write_bytes(chain_path, identity.chain_pem())
        return identity
