"""Sign certificates and check signed ones against trusted issuers and the register (no Qt)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from deflection_kit.certificates.codes import format_code, group
from deflection_kit.certificates.keys import IssuerKey, verify_signature
from deflection_kit.certificates.model import Certificate, SignedCertificate, within_attendance
from deflection_kit.certificates.trust import TrustedIssuer, TrustStore
from deflection_kit.errors import DeflectionKitError

Outcome = Literal[
    "genuine", "altered", "unsigned", "unknown-issuer", "revoked", "superseded", "unconfirmed"
]
PAPER_MUST_MATCH = (
    "The printed certificate must show exactly these details. If the paper differs in any way "
    "(name, hours, date, code), it is not this certificate."
)
CLAIMS_ONLY = "These are the details it claims; do not rely on them."


class RevocationUnknownError(DeflectionKitError):
    """The revocation list (the certificate register) could not be read."""


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
    if not within_attendance(certificate):
        raise DeflectionKitError(
            f"{certificate.participant_name}: {certificate.hours_text} credit hours is more than "
            f"the {certificate.minutes_attended} minutes attended; a certificate's hours never "
            "exceed the time attended"
        )
    return SignedCertificate(certificate, key.sign(certificate.canonical_bytes()))


@dataclass(frozen=True)
class Verdict:
    """The answer to "is this certificate genuine?", with the reason when it is not."""

    outcome: Outcome
    signed: SignedCertificate
    reason: str = ""
    issuer: TrustedIssuer | None = None
    register: RegisterStatus | None = field(default=None)
    document: str = ""  # what the PDF's own signature says, for a PDF

    @property
    def ok(self) -> bool:
        """Return True only for a genuine, unrevoked certificate from a trusted issuer."""
        return self.outcome == "genuine"

    @property
    def headline(self) -> str:
        """Return the answer in a few words: GENUINE, CANNOT CONFIRM or NOT VALID, and why."""
        if self.ok:
            return "GENUINE"
        if self.outcome == "unconfirmed":
            return f"CANNOT CONFIRM: {self.reason}"
        return f"NOT VALID: {self.reason}"

    def _status(self) -> str:
        if self.outcome == "unconfirmed":
            return "unknown: the revocation list could not be read"
        status = self.register
        if status is None:
            return "not revoked (this installation's register has no record of it)"
        if status.state == "issued":
            return "issued, not revoked"
        when = f" on {status.at[:10]}" if status.at else ""
        if status.state == "superseded":
            replaced = format_code(status.replaced_by) if status.replaced_by else "a newer one"
            return f"replaced{when} by {replaced}"
        who = f" by {status.by}" if status.by else ""
        return f"revoked{when}{who}: {status.reason or 'no reason given'}"

    def fields(self) -> list[tuple[str, str]]:
        """Return every signed field as (label, value), then the checks made, for people."""
        from deflection_kit.certificates.templates import long_date

        cert = self.signed.certificate
        issuer = group(cert.issuer_key_id)
        if self.issuer is not None and self.issuer.label:
            issuer = f"{issuer} ({self.issuer.label})"
        rows = [
            ("code", cert.code),
            ("participant", cert.participant_name),
            ("course", f"{cert.course_title} ({cert.course_id})"),
            ("date", f"{long_date(cert.date)} ({cert.date_text})"),
            ("credit hours", cert.hours_text),
            ("minutes attended", str(cert.minutes_attended)),
            ("facilitators", "; ".join(cert.facilitators) or "-"),
            ("host agency", cert.host_agency or "-"),
            ("issuer key", issuer),
            ("revocation", self._status()),
        ]
        if self.document:
            rows.append(("PDF signature", self.document))
        return rows

    @property
    def note(self) -> str:
        """Return what a person does with the fields: match the paper, or not rely on them."""
        return PAPER_MUST_MATCH if self.ok else CLAIMS_ONLY

    def lines(self) -> list[str]:
        """Return the verdict, every field on aligned lines, and what the paper must show."""
        rows = self.fields()
        width = max(len(label) for label, _ in rows) + 1
        out = [self.headline]
        out += [f"  {label + ':':<{width}} {value}" for label, value in rows]
        out.append(self.note)
        return out


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
    try:
        status = lookup(cert.certificate_id) if lookup is not None else None
    except RevocationUnknownError as error:
        return Verdict(
            "unconfirmed",
            signed,
            f"the revocation list could not be read ({error}), so it may have been revoked",
            issuer,
        )
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
