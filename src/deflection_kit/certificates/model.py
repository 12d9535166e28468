"""The certificate as signed: its canonical fields and their one byte serialisation (no Qt).

Every text field is cleaned on construction (``text.clean_text``), so a certificate can only hold
what prints and verifies; the canonical bytes are a compact JSON array in a fixed order.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from dataclasses import dataclass, field, fields, replace
from fractions import Fraction
from typing import Any

from deflection_kit.certificates.codes import format_code, is_certificate_id
from deflection_kit.certificates.text import clean_text

FORMAT = "deflection-kit/certificate"
VERSION = 1


class CertificateFormatError(ValueError):
    """Bytes or values that cannot be a certificate."""


def format_hours(hours: float) -> str:
    """Return credit hours as printed and signed: ``1.5``, ``2``, ``0.75`` (two decimals)."""
    if not math.isfinite(hours) or hours < 0:
        raise CertificateFormatError(f"credit hours must be a positive number, not {hours!r}")
    text = f"{round(hours, 2):.2f}".rstrip("0").rstrip(".")
    return text or "0"


def within_attendance(certificate: Certificate) -> bool:
    """Return True when the certificate's hours do not exceed its minutes attended."""
    return Fraction(certificate.hours_text) * 60 <= certificate.minutes_attended


@dataclass(frozen=True)
class Certificate:
    """A completion certificate's canonical fields: what the signature covers."""

    certificate_id: str
    course_id: str
    course_title: str
    participant_name: str
    date: dt.date
    credit_hours: float
    minutes_attended: int
    facilitators: tuple[str, ...]
    host_agency: str
    issuer_key_id: str
    _hours_text: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not is_certificate_id(self.certificate_id):
            raise CertificateFormatError(f"bad certificate ID {self.certificate_id!r}")
        for name in ("course_id", "course_title", "participant_name", "host_agency"):
            object.__setattr__(self, name, clean_text(str(getattr(self, name))))
        names = (clean_text(str(person)) for person in self.facilitators)
        object.__setattr__(self, "facilitators", tuple(p for p in names if p))
        object.__setattr__(self, "issuer_key_id", clean_text(self.issuer_key_id))
        if not self.participant_name:
            raise CertificateFormatError("a certificate needs the participant's name")
        if not self.course_title:
            raise CertificateFormatError("a certificate needs the course title")
        if not isinstance(self.date, dt.date) or isinstance(self.date, dt.datetime):
            raise CertificateFormatError(f"bad certificate date {self.date!r}")
        if isinstance(self.minutes_attended, bool) or not isinstance(self.minutes_attended, int):
            raise CertificateFormatError(f"bad minutes attended {self.minutes_attended!r}")
        if self.minutes_attended < 0:
            raise CertificateFormatError("minutes attended cannot be negative")
        hours_text = format_hours(float(self.credit_hours))
        object.__setattr__(self, "credit_hours", float(hours_text))
        object.__setattr__(self, "_hours_text", hours_text)

    @property
    def code(self) -> str:
        """Return the short printed code (``XXXX-XXXX-XXXX-XXXX-C``)."""
        return format_code(self.certificate_id)

    @property
    def hours_text(self) -> str:
        """Return the credit hours as printed (``1.5``)."""
        return self._hours_text

    @property
    def date_text(self) -> str:
        """Return the date as signed (ISO 8601)."""
        return self.date.isoformat()

    def canonical(self) -> list[Any]:
        """Return the fields as the canonical JSON array, in signing order."""
        return [
            FORMAT,
            VERSION,
            self.certificate_id,
            self.course_id,
            self.course_title,
            self.participant_name,
            self.date_text,
            self.hours_text,
            self.minutes_attended,
            list(self.facilitators),
            self.host_agency,
            self.issuer_key_id,
        ]

    def canonical_bytes(self) -> bytes:
        """Return the exact bytes the signature covers."""
        return json.dumps(
            self.canonical(), ensure_ascii=False, separators=(",", ":"), allow_nan=False
        ).encode("utf-8")

    def with_changes(self, **changes: Any) -> Certificate:
        """Return a copy with some fields changed (cleaned again)."""
        return replace(self, **changes)

    def as_dict(self) -> dict[str, Any]:
        """Return the fields for display and JSON (code included, no internals)."""
        data: dict[str, Any] = {
            f.name: getattr(self, f.name) for f in fields(self) if not f.name.startswith("_")
        }
        data["date"] = self.date_text
        data["credit_hours"] = self.hours_text
        data["facilitators"] = list(self.facilitators)
        data["code"] = self.code
        return data

    @classmethod
    def from_canonical_bytes(cls, data: bytes) -> Certificate:
        """Return the certificate serialised in ``data``, or raise CertificateFormatError."""
        try:
            items = json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            raise CertificateFormatError("the certificate fields are not readable") from None
        if not isinstance(items, list) or len(items) != 12 or items[:2] != [FORMAT, VERSION]:
            raise CertificateFormatError("not a Deflection Kit certificate (version 1)")
        (
            _,
            _,
            certificate_id,
            course_id,
            course_title,
            name,
            date_text,
            hours_text,
            minutes,
            facilitators,
            host_agency,
            key_id,
        ) = items
        texts = (certificate_id, course_id, course_title, name, date_text, hours_text, host_agency)
        if not all(isinstance(t, str) for t in (*texts, key_id)):
            raise CertificateFormatError("a certificate field has the wrong type")
        if not isinstance(facilitators, list) or not all(isinstance(f, str) for f in facilitators):
            raise CertificateFormatError("the facilitators field has the wrong type")
        try:
            date = dt.date.fromisoformat(date_text)
            hours = float(hours_text)
        except ValueError as error:
            raise CertificateFormatError(f"bad date or hours: {error}") from error
        return cls(
            certificate_id=certificate_id,
            course_id=course_id,
            course_title=course_title,
            participant_name=name,
            date=date,
            credit_hours=hours,
            minutes_attended=minutes,
            facilitators=tuple(facilitators),
            host_agency=host_agency,
            issuer_key_id=key_id,
        )


@dataclass(frozen=True)
class SignedCertificate:
    """A certificate and the issuer's Ed25519 signature over its canonical bytes."""

    certificate: Certificate
    signature: bytes

    @property
    def code(self) -> str:
        """Return the short printed code."""
        return self.certificate.code
