"""Certificate PDFs carry a PAdES signature over the whole file that PDF readers show, made with a
PDF key the installation's issuer key certified; only a trusted issuer's signature verifies."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pytest
from certhelp import make_certificate, need_program
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import signers
from pypdf import PdfReader

from deflection_kit.certificates import payload
from deflection_kit.certificates.keys import IssuerKey, PublicKeyFile
from deflection_kit.certificates.pdfkey import (
    PDF_CHAIN_FILE,
    PDF_KEY_FILE,
    PdfSigningIdentity,
)
from deflection_kit.certificates.pdfsign import CertificatePdfSigner
from deflection_kit.certificates.render import CertificateRenderer
from deflection_kit.certificates.signing import sign
from deflection_kit.certificates.trust import TrustStore
from deflection_kit.certificates.verify import verify_pdf


@pytest.fixture
def renderer(gui, wording):
    return CertificateRenderer(wording)


def _issue(renderer, key, path: Path, name: str = "Dana Whitfield") -> Path:
    page = renderer.page(sign(make_certificate(key, participant_name=name), key))
    return renderer.write_pdf([page], path, key, f"Certificate of Completion – {name}", "J. Ellis")


def _pdfsig(path: Path) -> str:
    return subprocess.run(
        [need_program("pdfsig"), str(path)], capture_output=True, text=True, check=False
    ).stdout


def test_pdfsig_lists_the_signature_over_the_whole_file(renderer, issuer, tmp_path) -> None:
    TrustStore().set_own_label("Jordan Ellis, Springfield PD")
    pdf = _issue(renderer, issuer, tmp_path / "c.pdf")
    report = _pdfsig(pdf)
    assert "Signature #1:" in report and "Signature #2" not in report
    assert "Signer Certificate Common Name: Jordan Ellis, Springfield PD" in report
    assert "Signature Type: ETSI.CAdES.detached" in report  # PAdES
    assert "Signing Hash Algorithm: SHA-256" in report
    assert "Total document signed" in report
    assert "Signature Validation: Signature is Valid." in report
    # The issuer is this installation, which no PDF reader trusts of itself: the kit's verify
    # (or a trusted public key file) says whose it is.
    assert "Certificate issuer isn't Trusted" in report


def test_pdfsig_sees_an_update_after_the_signature(renderer, issuer, tmp_path) -> None:
    from forgery import cover_with_text_box

    pdf = _issue(renderer, issuer, tmp_path / "c.pdf")
    forged = cover_with_text_box(pdf, tmp_path / "f.pdf", [("Riley Park", 40)])
    report = _pdfsig(forged)
    assert "Not total document signed" in report
    assert "Total document signed" not in report.replace("Not total document signed", "")


def test_the_pdf_has_its_language_and_title(renderer, issuer, tmp_path) -> None:
    pdf = _issue(renderer, issuer, tmp_path / "c.pdf", "Zoë Ångström")
    reader = PdfReader(pdf)
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en"
    assert root["/ViewerPreferences"]["/DisplayDocTitle"].value is True
    assert reader.metadata.title == "Certificate of Completion – Zoë Ångström"
    assert len(reader.pages) == 1


def test_the_pdf_key_is_kept_owner_only_and_reused(renderer, issuer, trust, tmp_path) -> None:
    first = _issue(renderer, issuer, tmp_path / "a.pdf")
    folder = IssuerKey.path().parent
    key_file, chain_file = folder / PDF_KEY_FILE, folder / PDF_CHAIN_FILE
    assert key_file.stat().st_mode & 0o777 == 0o600
    assert b"PRIVATE" not in chain_file.read_bytes()
    chain = x509.load_pem_x509_certificates(chain_file.read_bytes())
    assert isinstance(chain[0].public_key(), ec.EllipticCurvePublicKey)  # P-256, for readers
    assert chain[1].subject == chain[1].issuer  # then the issuer's own (Ed25519) certificate
    # A new renderer (another day) signs with the same PDF key.
    again = _issue(CertificateRenderer(renderer.wording), issuer, tmp_path / "b.pdf")
    assert x509.load_pem_x509_certificates(chain_file.read_bytes())[0] == chain[0]
    assert all(v.ok for p in (first, again) for v in verify_pdf(p, trust))
    # A new label remakes the certificate for the same key; earlier PDFs still verify.
    TrustStore().set_own_label("County EMS training")
    relabelled = _issue(CertificateRenderer(renderer.wording), issuer, tmp_path / "c.pdf")
    remade = x509.load_pem_x509_certificates(chain_file.read_bytes())[0]
    assert remade != chain[0] and remade.public_key() == chain[0].public_key()
    assert all(v.ok for p in (first, relabelled) for v in verify_pdf(p, TrustStore()))
    assert "PdfSigningIdentity(issuer_key_id=" in repr(PdfSigningIdentity.for_issuer(issuer))


def _pdf_signed_by(renderer, key: IssuerKey, identity: PdfSigningIdentity, path: Path) -> Path:
    """A certificate of ``key`` in a PDF signed by ``identity`` (what a forger can make)."""
    signed = sign(make_certificate(key), key)
    unsigned = renderer.pdf_bytes(
        [renderer.page(signed)], "Certificate", "J. Ellis", [payload.encode(signed)]
    )
    path.write_bytes(CertificatePdfSigner(identity).sign(unsigned))
    return path


def test_a_pdf_signed_with_someone_elses_pdf_key_fails(renderer, issuer, trust, tmp_path):
    # A stranger's PDF key, certified by the stranger's own issuer key: an unknown issuer.
    stranger = IssuerKey.generate()
    theirs = _pdf_signed_by(renderer, issuer, PdfSigningIdentity.make(stranger), tmp_path / "a.pdf")
    verdict = verify_pdf(theirs, trust)[0]
    assert verdict.outcome == "unknown-issuer"
    assert "unknown issuer" in verdict.reason


def test_a_chain_that_only_names_the_trusted_issuer_fails(renderer, issuer, trust, tmp_path):
    # The forger copies the trusted issuer's public key into a certificate of their own making,
    # but cannot make the issuer key sign their PDF key.
    forger = IssuerKey.generate()
    genuine = PdfSigningIdentity.make(issuer)
    fake_root = (
        x509.CertificateBuilder()
        .subject_name(genuine.issuer_certificate.subject)
        .issuer_name(genuine.issuer_certificate.subject)
        .public_key(issuer.public_key)
        .serial_number(7)
        .not_valid_before(genuine.issuer_certificate.not_valid_before_utc)
        .not_valid_after(genuine.issuer_certificate.not_valid_after_utc)
    )
    pdf_key = ec.generate_private_key(ec.SECP256R1())
    fake_leaf = (
        x509.CertificateBuilder()
        .subject_name(genuine.certificate.subject)
        .issuer_name(genuine.issuer_certificate.subject)
        .public_key(pdf_key.public_key())
        .serial_number(8)
        .not_valid_before(genuine.certificate.not_valid_before_utc)
        .not_valid_after(genuine.certificate.not_valid_after_utc)
    )
    forged = PdfSigningIdentity(
        pdf_key, forger.certify(fake_leaf), forger.certify(fake_root), issuer.key_id
    )
    pdf = _pdf_signed_by(renderer, issuer, forged, tmp_path / "forged.pdf")
    verdict = verify_pdf(pdf, trust)[0]
    assert verdict.outcome == "unknown-issuer"
    assert "not a Deflection Kit issuer key" in verdict.reason


def test_a_second_signature_added_after_issue_fails(renderer, issuer, trust, tmp_path) -> None:
    pdf = _issue(renderer, issuer, tmp_path / "c.pdf")
    identity = PdfSigningIdentity.for_issuer(issuer)
    key_der = identity.private_key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    from asn1crypto import keys
    from asn1crypto import x509 as asn1_x509
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    again = signers.SimpleSigner(
        asn1_x509.Certificate.load(identity.certificate.public_bytes(serialization.Encoding.DER)),
        keys.PrivateKeyInfo.load(key_der),
        SimpleCertificateStore(),
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf.read_bytes()))
    out = signers.sign_pdf(writer, signers.PdfSignatureMetadata(field_name="Second"), signer=again)
    twice = tmp_path / "twice.pdf"
    twice.write_bytes(out.getvalue())
    verdict = verify_pdf(twice, trust)[0]
    assert verdict.outcome == "altered"
    assert "more than one signature" in verdict.reason


def test_verify_says_what_the_pdf_signature_shows(renderer, issuer, trust, tmp_path) -> None:
    verdict = verify_pdf(_issue(renderer, issuer, tmp_path / "c.pdf"), trust)[0]
    assert verdict.ok
    document = dict(verdict.fields())["PDF signature"]
    assert document.startswith("signed on ")
    assert document.endswith("(this installation); the whole file, unchanged")


def test_a_trusted_signer_cannot_vouch_for_another_issuers_certificate(
    renderer, issuer, tmp_path
) -> None:
    # Both keys are trusted here, but the PDF must be signed by the certificate's own issuer.
    other = IssuerKey.generate()
    TrustStore().add(PublicKeyFile.parse(other.public_file("County EMS").to_text().encode(), "k"))
    pdf = _pdf_signed_by(renderer, issuer, PdfSigningIdentity.make(other), tmp_path / "x.pdf")
    verdict = verify_pdf(pdf, TrustStore())[0]
    assert verdict.outcome == "altered"
    assert verdict.reason == "altered: the PDF was signed by another issuer than its certificate"
