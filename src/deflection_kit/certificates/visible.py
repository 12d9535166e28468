"""What a certificate page must show, and a signed digest of all its text (no Qt).

``verify FILE.pdf`` does not trust the embedded payload alone: every signed field must be on the
page, and the page's text as a whole must be what the issuer printed (its characters, counted,
are signed when the PDF is made), so a PDF edited after issue fails.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter

from deflection_kit.certificates.keys import IssuerKey, verify_signature
from deflection_kit.certificates.model import Certificate
from deflection_kit.certificates.templates import long_date
from deflection_kit.certificates.trust import TrustedIssuer

_PAGE_DOMAIN = b"deflection-kit/page-text/1\x00"
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


def page_digest(page_text: str) -> bytes:
    """Return SHA-256 of the page's characters counted (order-free: extraction may reorder)."""
    counts = Counter(normalise(page_text))
    canonical = "".join(f"{ch}{n}\x00" for ch, n in sorted(counts.items()))
    return hashlib.sha256(canonical.encode("utf-8")).digest()


def _page_message(cert: Certificate, digest: bytes) -> bytes:
    return _PAGE_DOMAIN + cert.certificate_id.encode("ascii") + b"\x00" + digest


def sign_page(cert: Certificate, page_text: str, key: IssuerKey) -> bytes:
    """Return the issuer's signature over the certificate ID and the page's text digest."""
    return key.sign(_page_message(cert, page_digest(page_text)))


def page_text_matches(
    cert: Certificate, page_text: str, signature: bytes, issuer: TrustedIssuer
) -> bool:
    """Return True when ``page_text`` is the text the issuer signed for this certificate."""
    return verify_signature(
        issuer.public_key, signature, _page_message(cert, page_digest(page_text))
    )
