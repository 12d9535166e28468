"""What every printed document shares: the page frame, the running header, small text helpers."""

from __future__ import annotations

from collections.abc import Sequence

from deflection_kit.materials.options import Prepared
from deflection_kit.pdf import Block, Document

MAKER = "Deflection Kit"
PARTICIPANT_PREFIX = "Participants will be able to "


def new_document(
    prepared: Prepared,
    name: str,
    *,
    even_pages: bool = False,
    filler: Sequence[Block] = (),
) -> Document:
    """Return an empty document with the course title as running header and ``name`` beside it."""
    course = prepared.course.info.title
    session = prepared.session.title if prepared.session else ""
    footer = " · ".join(
        part for part in (prepared.organization, session, prepared.date.isoformat()) if part
    )
    return Document(
        title=f"{name} — {course}",
        author=prepared.organization or MAKER,
        setup=prepared.page_setup(),
        header_left=course,
        header_right=name,
        footer_left=footer,
        filler=filler,
        even_pages=even_pages,
        created=prepared.created,
    )


def minutes_text(minutes: float) -> str:
    """Return minutes for people: "3 min", "about 3 min", "under a minute"."""
    if minutes <= 0:
        return "no set time"
    whole = round(minutes)
    if abs(minutes - whole) < 0.05:
        return f"{whole} min"
    if minutes < 1:
        return "under a minute"
    return f"about {whole} min"


def objective_text(statement: str) -> str:
    """Return an objective's statement without "Participants will be able to", capitalised."""
    text = statement.strip()
    if text.startswith(PARTICIPANT_PREFIX):
        text = text[len(PARTICIPANT_PREFIX) :]
    return text[:1].upper() + text[1:]


def plural(count: int, word: str) -> str:
    """Return "1 slide", "3 slides"."""
    return f"{count} {word}" if count == 1 else f"{count} {word}s"
