"""Signatures: genuine certificates verify; any change, an unknown issuer or a revocation fails."""

from __future__ import annotations

import datetime as dt
import stat

import pytest
from certhelp import HARD_NAMES, make_certificate

from deflection_kit.certificates import payload
from deflection_kit.certificates.keys import IssuerKey, PublicKeyFile
from deflection_kit.certificates.model import (
    Certificate,
    CertificateFormatError,
    SignedCertificate,
)
from deflection_kit.certificates.signing import RegisterStatus, sign, verify
from deflection_kit.certificates.trust import TrustStore
from deflection_kit.errors import InputFileError

CHANGES = {
    "course_id": "another-course",
    "course_title": "First Responder Deflection: A Warm Handoff",
    "participant_name": "Dana Whitfeld",
    "date": dt.date(2025, 3, 5),
    "credit_hours": 2.5,
    "minutes_attended": 90,
    "facilitators": ("Jordan Ellis",),
    "host_agency": "Shelbyville Police Department",
}


def test_a_fresh_certificate_verifies_with_every_field(signed, trust) -> None:
    verdict = verify(signed, trust)
    assert verdict.ok, verdict.reason
    text = "\n".join(verdict.lines())
    cert = signed.certificate
    for value in (cert.code, cert.participant_name, cert.course_title, "2025-03-04", "1.5", "92"):
        assert value in text
    assert "Jordan Ellis; Priya Raman" in text
    assert "this installation" in text


@pytest.mark.parametrize("field", sorted(CHANGES))
def test_changing_any_field_breaks_the_signature(signed, trust, field: str) -> None:
    changed = signed.certificate.with_changes(**{field: CHANGES[field]})
    forged = SignedCertificate(changed, signed.signature)
    verdict = verify(forged, trust)
    assert verdict.outcome == "altered"
    assert "altered" in verdict.reason


def test_changing_the_certificate_id_breaks_the_signature(signed, trust) -> None:
    other = make_certificate(IssuerKey.load()).certificate_id
    changed = signed.certificate.with_changes(certificate_id=other)
    forged = SignedCertificate(changed, signed.signature)
    assert verify(forged, trust).outcome == "altered"


@pytest.mark.parametrize("position", [0, 31, 63])
def test_one_flipped_signature_bit_fails(signed, trust, position: int) -> None:
    damaged = bytearray(signed.signature)
    damaged[position] ^= 0x01
    assert verify(SignedCertificate(signed.certificate, bytes(damaged)), trust).outcome == "altered"


def test_a_bidi_override_in_the_name_cannot_hide_a_change(issuer, trust) -> None:
    # The name is cleaned before signing; a forger who adds an override gets a different text.
    cert = make_certificate(issuer, participant_name="Dana \u202eWhitfield")
    assert cert.participant_name == "Dana Whitfield"
    assert verify(sign(cert, issuer), trust).ok


def test_an_unknown_issuer_fails_until_its_key_is_imported(trust) -> None:
    stranger = IssuerKey.generate()
    signed = sign(make_certificate(stranger), stranger)
    verdict = verify(signed, trust)
    assert verdict.outcome == "unknown-issuer"
    assert "unknown issuer" in verdict.reason

    exported = stranger.public_file("Riley Park, County EMS").to_text().encode()
    trust.add(PublicKeyFile.parse(exported, "riley.pub"))
    reopened = TrustStore()
    verdict = verify(signed, reopened)
    assert verdict.ok
    assert verdict.issuer is not None and verdict.issuer.label == "Riley Park, County EMS"


def test_revoked_and_superseded_certificates_fail_with_the_reason(signed, trust) -> None:
    revoked = RegisterStatus("revoked", "left after 20 minutes", "J. Ellis", "2025-03-06T10:00:00Z")
    verdict = verify(signed, trust, lambda _id: revoked)
    assert verdict.outcome == "revoked"
    assert verdict.reason == "revoked on 2025-03-06 by J. Ellis: left after 20 minutes"
    newer = make_certificate(IssuerKey.load()).certificate_id
    verdict = verify(signed, trust, lambda _id: RegisterStatus("superseded", replaced_by=newer))
    assert verdict.outcome == "superseded"
    assert newer[:4] in verdict.reason


@pytest.mark.parametrize("kind", sorted(HARD_NAMES))
def test_payload_round_trips_hard_names(issuer, trust, kind: str) -> None:
    signed = sign(make_certificate(issuer, participant_name=HARD_NAMES[kind]), issuer)
    text = payload.encode(signed)
    assert text.startswith("DK1:")
    assert set(text[4:]) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
    back = payload.decode(text)
    assert back == signed
    assert verify(back, trust).ok


def test_a_long_name_payload_stays_small_enough_for_a_printed_qr(issuer) -> None:
    cert = make_certificate(issuer, participant_name="王" * 120, host_agency="Agency " * 10)
    assert len(payload.encode(sign(cert, issuer))) < 1100


def test_a_damaged_payload_is_refused_or_fails(signed, trust) -> None:
    text = payload.encode(signed)
    with pytest.raises(CertificateFormatError):
        payload.decode("DK1:" + "A" * 40)
    with pytest.raises(CertificateFormatError):
        payload.decode("hello")
    with pytest.raises(CertificateFormatError):
        payload.decode(text[:-30])
    # Changing one symbol inside the signature part still decodes, and then fails to verify.
    index = 10
    swapped = "B" if text[index] != "B" else "C"
    tampered = text[:index] + swapped + text[index + 1 :]
    assert verify(payload.decode(tampered), trust).outcome == "altered"


def test_canonical_bytes_are_stable_and_readable(signed) -> None:
    data = signed.certificate.canonical_bytes()
    assert Certificate.from_canonical_bytes(data) == signed.certificate
    assert data.startswith(b'["deflection-kit/certificate",1,"')
    with pytest.raises(CertificateFormatError):
        Certificate.from_canonical_bytes(data.replace(b'"1.5"', b"1.5"))


def test_the_private_key_is_owner_only_and_never_in_the_public_file(issuer) -> None:
    path = IssuerKey.path()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert IssuerKey.load_or_create().key_id == issuer.key_id
    exported = issuer.public_file("Jordan").to_text()
    assert "PRIVATE" not in exported
    private_pem = path.read_bytes()
    assert b"PRIVATE KEY" in private_pem
    assert "IssuerKey(key_id=" in repr(issuer) and "PRIVATE" not in repr(issuer)


def test_importing_a_private_key_or_junk_is_refused(issuer) -> None:
    with pytest.raises(InputFileError, match="private key"):
        PublicKeyFile.parse(IssuerKey.path().read_bytes(), "key.pem")
    with pytest.raises(InputFileError, match="no public key"):
        PublicKeyFile.parse(b"hello", "x.pub")
    text = issuer.public_file("Jordan").to_text()
    lied = text.replace("# key id: ", "# key id: 0000")
    with pytest.raises(InputFileError, match="does not match"):
        PublicKeyFile.parse(lied.encode(), "x.pub")
