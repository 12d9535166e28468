"""Turn what a session recorded into a signed certificate whose every character prints (QtGui)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from deflection_kit.certificates.codes import new_certificate_id
from deflection_kit.certificates.glyphs import printable
from deflection_kit.certificates.keys import IssuerKey
from deflection_kit.certificates.model import (
    Certificate,
    SignedCertificate,
    format_hours,
)
from deflection_kit.certificates.signing import sign
from deflection_kit.errors import DeflectionKitError
from deflection_kit.storage.completion import hours_for_minutes


@dataclass(frozen=True)
class Prepared:
    """A signed certificate and the warnings about characters that could not be printed."""

    signed: SignedCertificate
    warnings: tuple[str, ...] = ()


def prepare_certificate(
    key: IssuerKey,
    *,
    course_id: str,
    course_title: str,
    participant_name: str,
    date: dt.date,
    credit_hours: float,
    minutes_attended: int,
    facilitators: Sequence[str] = (),
    host_agency: str = "",
    certificate_id: str | None = None,
) -> Prepared:
    """Return a signed certificate: text cleaned, emoji and unprintable characters left out, and
    the credit hours capped by the minutes attended (``storage.completion.hours_for_minutes``)."""
    warnings: list[str] = []

    def keep(text: str, what: str) -> str:
        result = printable(text)
        if result.dropped:
            warnings.append(result.warning(what))
        return result.text

    name = keep(participant_name, f"name {participant_name!r}")
    if not name:
        raise DeflectionKitError(
            f"the name {participant_name!r} has no characters the certificate fonts can print"
        )
    # Credit for time actually spent (CE boards grant no more): never above the minutes attended.
    hours = min(credit_hours, hours_for_minutes(minutes_attended))
    if format_hours(hours) != format_hours(credit_hours):
        warnings.append(
            f"{name}: {format_hours(hours)} credit hours, not {format_hours(credit_hours)}: "
            f"attended {minutes_attended} minutes (hours never exceed the time attended)"
        )
    certificate = Certificate(
        certificate_id=certificate_id or new_certificate_id(),
        course_id=keep(course_id, "course id"),
        course_title=keep(course_title, "course title"),
        participant_name=name,
        date=date,
        credit_hours=hours,
        minutes_attended=minutes_attended,
        facilitators=tuple(keep(person, f"facilitator {person!r}") for person in facilitators),
        host_agency=keep(host_agency, "host agency"),
        issuer_key_id=key.key_id,
    )
    return Prepared(sign(certificate, key), tuple(warnings))
