"""Sign certificates and check signed ones against trusted issuers and the register (no Qt)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from deflection_kit.certificates.codes import format_code, group
from deflection_kit.certificates.keys import IssuerKey, verify_signature
from deflection_kit.certificates.model import Certificate, SignedCertificate
from deflection_kit.certificates.trust import TrustedIssuer, TrustStore

Outcome = Literal["genuine", "altered", "unknown-issuer", "revoked", "superseded"]


@dataclass(frozen=True)
class RegisterStatus:
    """What the register says about a certificate ID."""

    state: Literal["issued", "revoked", "superseded"]
    reason: str = ""
    by: str = ""
    at: str = ""
    replaced_by: str = ""  # the certificate ID that superseded this one


StatusLookup = Callable[[str], RegisterStatus | None]


def sign(certificate: Certificate, key: IssuerKey) -> SignedCertificate:
    """Return ``certificate`` signed by ``key`` (the key ID in the fields must be the key's)."""
    if certificate.issuer_key_id != key.key_id:
        raise ValueError("the certificate names another issuer key")
    return SignedCertificate(certificate, key.sign(certificate.canonical_bytes()))


@dataclass(frozen=True)
class Verdict:
    """The answer to "is this certificate genuine?", with the reason when it is not."""

    outcome: Outcome
    signed: SignedCertificate
    reason: str = ""
    issuer: TrustedIssuer | None = None
    register: RegisterStatus | None = field(default=None)

    @property
    def ok(self) -> bool:
        """Return True only for a genuine, unrevoked certificate from a trusted issuer."""
        return self.outcome == "genuine"

    def lines(self) -> list[str]:
        """Return the verdict and every field, one ``label: value`` a line, for people."""
        cert = self.signed.certificate
        head = "GENUINE" if self.ok else f"NOT VALID: {self.reason}"
        issuer = group(cert.issuer_key_id)
        if self.issuer is not None and self.issuer.label:
            issuer = f"{issuer} ({self.issuer.label})"
        return [
            head,
            f"code: {cert.code}",
            f"participant: {cert.participant_name}",
            f"course: {cert.course_title} ({cert.course_id})",
            f"date: {cert.date_text}",
            f"credit hours: {cert.hours_text}",
            f"minutes attended: {cert.minutes_attended}",
            f"facilitators: {'; '.join(cert.facilitators) or '-'}",
            f"host agency: {cert.host_agency or '-'}",
            f"issuer key: {issuer}",
        ]


def verify(
    signed: SignedCertificate, trust: TrustStore, lookup: StatusLookup | None = None
) -> Verdict:
    """Return whether ``signed`` is genuine: a trusted issuer, a matching signature, not revoked."""
    cert = signed.certificate
    issuer = trust.find(cert.issuer_key_id)
    if issuer is None:
        return Verdict(
            "unknown-issuer",
            signed,
            f"signed by an unknown issuer (key {group(cert.issuer_key_id)}); import that "
            "issuer's public key to trust it",
        )
    if not verify_signature(issuer.public_key, signed.signature, cert.canonical_bytes()):
        return Verdict(
            "altered",
            signed,
            "altered: the signature does not match these fields",
            issuer,
        )
    status = lookup(cert.certificate_id) if lookup is not None else None
    if status is not None and status.state == "revoked":
        when = f" on {status.at[:10]}" if status.at else ""
        who = f" by {status.by}" if status.by else ""
        return Verdict(
            "revoked",
            signed,
            f"revoked{when}{who}: {status.reason or 'no reason given'}",
            issuer,
            status,
        )
    if status is not None and status.state == "superseded":
        replaced = format_code(status.replaced_by) if status.replaced_by else "a newer certificate"
        return Verdict("superseded", signed, f"replaced by certificate {replaced}", issuer, status)
    return Verdict("genuine", signed, "", issuer, status)
