"""Sign certificate PDFs: a PAdES baseline (B-B) signature over the whole file (pyHanko; no Qt).

The signature goes into an incremental update of the PDF Qt wrote, together with the document's
language and "show the title" viewer preference, so the one signature covers every byte. One
``CertificatePdfSigner`` signs a whole batch: made once, it keeps the pyHanko signer, the
certificates and the encoded signing-certificate attribute, and it reserves a fixed, measured
room for the signature (pyHanko otherwise signs every file twice to estimate it).
"""

from __future__ import annotations

import asyncio
import io
from collections.abc import Iterable

from asn1crypto import algos, tsp
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko.sign.attributes import CMSAttributeProvider, SignedAttributeProviderSpec
from pyhanko.sign.general import as_signing_certificate_v2
from pyhanko_certvalidator.registry import SimpleCertificateStore

from deflection_kit.certificates.pdfkey import PdfSigningIdentity

FIELD_NAME = "CertificateSignature"
REASON = "Issued this certificate of completion; any change to the file breaks this signature"
DIGEST = "sha256"
_ROOM_MARGIN = 64  # bytes beyond the measured signature: ECDSA values vary by a byte or two


def _asn1(certificate: object) -> asn1_x509.Certificate:
    der = certificate.public_bytes(serialization.Encoding.DER)  # type: ignore[attr-defined]
    return asn1_x509.Certificate.load(der)


class _SigningCertificate(CMSAttributeProvider):
    """The PAdES signing-certificate-v2 attribute, encoded once.

    pyHanko builds it afresh for every signature, and asn1crypto re-encodes the freshly built
    issuer name many times over: about 8 ms of the 12 ms a signature took (profiled).
    """

    attribute_type = "signing_certificate_v2"

    def __init__(self, encoded: bytes) -> None:
        self._encoded = encoded

    async def build_attr_value(self, dry_run: bool = False) -> tsp.SigningCertificateV2:
        return tsp.SigningCertificateV2.load(self._encoded)


class _PadesAttributes(SignedAttributeProviderSpec):
    """Signed attributes for PAdES B-B: the signing certificate only (the time is /M)."""

    def __init__(self, certificate: asn1_x509.Certificate) -> None:
        self._provider = _SigningCertificate(as_signing_certificate_v2(certificate).dump())

    def signed_attr_providers(
        self, data_digest: bytes, digest_algorithm: str
    ) -> Iterable[CMSAttributeProvider]:
        yield self._provider


class _EcdsaSigner(signers.Signer):
    """A pyHanko signer that keeps the private key as a key object, never as encoded bytes."""

    def __init__(self, identity: PdfSigningIdentity) -> None:
        certificate = _asn1(identity.certificate)
        super().__init__(
            signing_cert=certificate,
            cert_registry=SimpleCertificateStore.from_certs(  # type: ignore[no-untyped-call]
                [_asn1(identity.issuer_certificate)]
            ),
            signature_mechanism=algos.SignedDigestAlgorithm({"algorithm": "sha256_ecdsa"}),
        )
        self._key = identity.private_key
        self.signed_attr_prov_spec = _PadesAttributes(certificate)

    async def async_sign_raw(
        self, data: bytes, digest_algorithm: str, dry_run: bool = False
    ) -> bytes:
        return self._key.sign(data, ec.ECDSA(hashes.SHA256()))


class CertificatePdfSigner:
    """Sign certificate PDFs with one issuer's PDF identity."""

    def __init__(self, identity: PdfSigningIdentity, language: str = "en") -> None:
        self.identity = identity
        self.language = language
        self._signer = _EcdsaSigner(identity)
        meta = signers.PdfSignatureMetadata(
            field_name=FIELD_NAME,
            md_algorithm=DIGEST,
            subfilter=fields.SigSeedSubFilter.PADES,
            reason=REASON,
        )
        self._pdf_signer = signers.PdfSigner(meta, self._signer)
        self._room = self._measure_room()

    def _measure_room(self) -> int:
        """Return the room to reserve for the signature (hex digits): one measured signature."""
        sample = asyncio.run(self._signer.async_sign(b"\x00" * 32, DIGEST, use_pades=True))
        return 2 * (len(sample.dump()) + _ROOM_MARGIN)

    def sign(self, pdf: bytes) -> bytes:
        """Return ``pdf`` with its language set and a PDF signature over the whole file."""
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=True)
        writer.root["/Lang"] = generic.TextStringObject(self.language)
        writer.root["/ViewerPreferences"] = generic.DictionaryObject(  # type: ignore[no-untyped-call]
            {generic.NameObject("/DisplayDocTitle"): generic.BooleanObject(True)}  # type: ignore[no-untyped-call]
        )
        writer.update_root()  # type: ignore[no-untyped-call]
        output = io.BytesIO()
        self._pdf_signer.sign_pdf(writer, bytes_reserved=self._room, output=output)
        return output.getvalue()
