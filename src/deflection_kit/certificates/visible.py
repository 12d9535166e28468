"""What a certificate page must show: every signed field, checked on the filled-in design (no Qt).

A design that leaves a signed field off the page is refused before anything is issued, so what
the PDF signature covers always shows what the certificate's signature covers.
"""

from __future__ import annotations

import re
import unicodedata

from deflection_kit.certificates.model import Certificate
from deflection_kit.certificates.templates import long_date

_RTL = ("R", "AL")


class _Unprinted(dict[int, int | None]):
    """A str.translate table that drops spaces, separators and controls (categories C and Z),
    working each character out once, the first time it is seen."""

    def __missing__(self, code: int) -> int | None:
        ch = chr(code)
        kept = None if ch.isspace() or unicodedata.category(ch)[0] in ("C", "Z") else code
        if len(self) < 65536:  # a bound, whatever text comes in
            self[code] = kept
        return kept


_UNPRINTED = _Unprinted()


def normalise(text: str) -> str:
    """Return text as compared: NFKC (Qt writes ligatures), case-folded, no spaces or controls."""
    return unicodedata.normalize("NFKC", text).casefold().translate(_UNPRINTED)


def _reverse_rtl_runs(text: str) -> str:
    """Return ``text`` with each right-to-left run reversed, as PDF text extraction reads it."""
    out: list[str] = []
    run: list[str] = []
    for ch in text:
        direction = unicodedata.bidirectional(ch)
        if direction in _RTL or (run and direction == "NSM"):
            run.append(ch)
            continue
        out.extend(reversed(run))
        run = []
        out.append(ch)
    out.extend(reversed(run))
    return "".join(out)


def _variants(value: str) -> set[str]:
    return {normalise(value), normalise(_reverse_rtl_runs(value))}


# A number standing alone: "88 minutes" shows 88, a code like "X88Q-..." does not.
_NUMBER = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)(?![\w]|\.\d)")


def required_fields(cert: Certificate) -> dict[str, tuple[str, ...]]:
    """Return each text field a page must show, with the forms it may take."""
    fields: dict[str, tuple[str, ...]] = {
        "participant name": (cert.participant_name,),
        "course title": (cert.course_title,),
        "certificate code": (cert.code,),
        "date": (long_date(cert.date), cert.date_text),
    }
    if cert.host_agency:
        fields["host agency"] = (cert.host_agency,)
    for index, person in enumerate(cert.facilitators, start=1):
        fields[f"facilitator {index}"] = (person,)
    return fields


def missing_fields(cert: Certificate, page_text: str) -> list[str]:
    """Return the names of signed fields that ``page_text`` does not show."""
    seen = normalise(page_text)
    missing = []
    for label, forms in required_fields(cert).items():
        if not any(variant in seen for form in forms for variant in _variants(form)):
            missing.append(label)
    numbers = set(_NUMBER.findall(unicodedata.normalize("NFKC", page_text)))
    for label, number in (
        ("credit hours", cert.hours_text),
        ("minutes attended", str(cert.minutes_attended)),
    ):
        if number not in numbers:
            missing.append(label)
    return missing
