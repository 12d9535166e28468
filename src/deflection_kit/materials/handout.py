"""The participant handout and the resource guide, in plain language, for double-sided print.

The handout sums up deflection and the pathways the session chose; the resource guide lists
the department's local services (the same CSV the decks use) and the national resources in the
content. In the handout the resource guide starts on a right-hand page and the whole document
has an even number of pages, so a stack printed double-sided never runs one copy into the next.
"""

from __future__ import annotations

import re

from deflection_kit.content import GlossaryTerm, Pathway
from deflection_kit.materials.frame import new_document
from deflection_kit.materials.options import Prepared
from deflection_kit.pdf import (
    Block,
    Bullets,
    Column,
    Details,
    Document,
    Heading,
    KeepTogether,
    Note,
    PageBreak,
    Paragraph,
    Table,
    TextField,
    Title,
)

HANDOUT = "Participant handout"
RESOURCE_GUIDE = "Resource guide"
TAKE_HOME_SLIDE = "take-home"  # the closing module's summary slide, when the content has one
BLANK_LOCAL_ROWS = 8
CHARGES = {
    "none": "No charges are involved.",
    "likely-none": "Usually no charges are involved; the sources do not confirm it.",
    "possible": "Charges are possible.",
    "held-in-abeyance": "Charges may be held while the person follows a plan.",
}
_WORD = re.compile(r"[a-z0-9]+")


def notes_page() -> list[Block]:
    """Return what a page left for double-sided printing holds: room for notes."""
    return [Heading("Notes", level=2), TextField("", lines=28)]


def _subtitle(prepared: Prepared, fallback: str = "") -> str:
    session = prepared.session
    parts = [session.title if session else "", prepared.organization]
    if session:
        parts.append(session.date.strftime("%d %B %Y").lstrip("0"))
        parts.append(session.location)
    return " · ".join(part for part in parts if part) or fallback or prepared.course.info.subtitle


def _glossary(prepared: Prepared, term: str) -> str:
    return prepared.helpers.glossary(term)


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.lower()))


def terms_used(prepared: Prepared, text: str, skip: set[str]) -> list[GlossaryTerm]:
    """Return the glossary terms a text uses (by name or abbreviation), in glossary order."""
    words = _words(text)
    found: list[GlossaryTerm] = []
    for term in prepared.course.glossary:
        if term.term.lower() in skip:
            continue
        name = term.term.split("(")[0].strip().lower()
        short = term.term.split("(")[1].rstrip(")").lower() if "(" in term.term else ""
        if (name and _words(name) <= words and name in text.lower()) or (short and short in words):
            found.append(term)
    return found


def pathway_blocks(prepared: Prepared, pathway: Pathway) -> list[Block]:
    """Return one pathway in plain words: what it is, who starts it, charges, handoff, example."""
    examples = prepared.helpers.examples(pathway)
    details = [
        ("Who starts it", pathway.initiated_by),
        ("Charges", CHARGES[pathway.charges]),
        ("The handoff", pathway.warm_handoff),
    ]
    if examples:
        first = examples[0]
        details.append(("An example", f"{first.name}, {first.place} (since {first.start_year})"))
    name = pathway.name + (
        f" (also: {', '.join(pathway.also_known_as)})" if pathway.also_known_as else ""
    )
    return [
        KeepTogether(
            [
                Heading(name, level=3),
                Paragraph(pathway.definition),
                Details(details, columns=1),
            ]
        )
    ]


def summary_blocks(prepared: Prepared) -> list[Block]:
    """Return the handout's summary: deflection, the warm handoff, the pathways, key terms."""
    info = prepared.course.info
    blocks: list[Block] = [
        Title(info.title, kicker=HANDOUT, subtitle=_subtitle(prepared), logo=prepared.logo),
        Heading("What deflection is", level=2),
    ]
    deflection = _glossary(prepared, "Deflection")
    blocks.append(Paragraph(deflection or info.description))
    handoff, referral = _glossary(prepared, "Warm handoff"), _glossary(prepared, "Referral")
    if handoff:
        blocks.append(Heading("A warm handoff, not just a phone number", level=2))
        blocks.append(Paragraph(f"A warm handoff is {handoff[:1].lower()}{handoff[1:]}"))
        if referral:
            blocks.append(
                Paragraph(
                    f"A plain referral is different: {referral[:1].lower()}{referral[1:]}",
                    muted=True,
                )
            )
    take_home = _take_home(prepared)
    if take_home:
        blocks.append(Heading("Take home", level=2))
        blocks.append(Bullets(take_home))
    if prepared.pathways:
        count = len(prepared.pathways)
        heading = "The pathway in this session" if count == 1 else "The pathways in this session"
        blocks.append(Heading(heading, level=2))
        if not prepared.all_pathways:
            total = len(prepared.course.pathways)
            blocks.append(
                Paragraph(
                    f"This session covered {count} of the {total} pathways. "
                    "Most communities start with one and add more as partners and capacity grow.",
                    size=9.5,
                    muted=True,
                )
            )
        for pathway in prepared.pathways:
            blocks.extend(pathway_blocks(prepared, pathway))
    text = " ".join(
        [deflection, handoff]
        + [
            " ".join((p.definition, p.warm_handoff, p.initiated_by, *p.also_known_as))
            for p in prepared.pathways
        ]
    )
    terms = terms_used(prepared, text, {"deflection", "warm handoff", "referral"})
    if terms:
        blocks.append(Heading("Words you will hear", level=2))
        rows = [[term.term, term.definition] for term in terms]
        blocks.append(Table([Column("Term", 1.3), Column("Meaning", 4.7)], rows, size=9.0))
    blocks.append(Heading("Your next step", level=2))
    blocks.append(TextField("One thing I will do, and who I will talk to about it", lines=3))
    return blocks


def _take_home(prepared: Prepared) -> list[str | tuple[str, int]]:
    for module in prepared.course.modules:
        for slide in module.slides:
            if slide.id == TAKE_HOME_SLIDE:
                return [(bullet.text, bullet.level) for bullet in slide.bullets]
    return []


def _contact(url: str, phone: str) -> str:
    site = url.removeprefix("https://").removeprefix("http://").removeprefix("www.").rstrip("/")
    return " · ".join(part for part in (phone, site) if part)


def resource_blocks(prepared: Prepared) -> list[Block]:
    """Return the resource guide: help now, local services, national and state resources."""
    course = prepared.course
    blocks: list[Block] = [
        Title(
            "Where to get help",
            kicker=RESOURCE_GUIDE,
            subtitle=_subtitle(prepared, course.info.title),
            logo=prepared.logo,
        ),
    ]
    urgent = [r for r in course.resources if r.phone]
    lines = ["In an emergency, call 911."]
    lines += [f"{r.name} ({r.phone}): {r.offers}" for r in urgent]
    blocks.append(Note("\n\n".join(lines), label="Help now", tone="key"))
    blocks.append(Heading("In our community", level=2))
    columns = [
        Column("Service", 2.0),
        Column("What they offer", 1.7),
        Column("Phone", 1.1),
        Column("Address", 1.8),
        Column("Hours", 1.2),
    ]
    if prepared.local_resources:
        rows = [[r.name, r.service, r.phone, r.address, r.hours] for r in prepared.local_resources]
        blocks.append(Table(columns, rows, size=9.0))
        if prepared.organization:
            blocks.append(
                Paragraph(
                    f"Local services listed by {prepared.organization}. Check "
                    "numbers and hours before you rely on them.",
                    size=8.5,
                    muted=True,
                )
            )
    else:
        blocks.append(
            Paragraph(
                "Write in the treatment, recovery and crisis services near you.",
                size=9.5,
                muted=True,
            )
        )
        rows = [[""] * len(columns) for _ in range(BLANK_LOCAL_ROWS)]
        blocks.append(Table(columns, rows, size=9.0, min_row_height=26.0, zebra=False))
    others = [r for r in course.resources if not r.phone]
    if others:
        blocks.append(Heading("National and state resources", level=2))
        rows = [[r.name, r.offers, _contact(r.url, r.phone)] for r in others]
        columns = [
            Column("Organization", 2.0),
            Column("What they offer", 3.4),
            Column("Where to find them", 2.0),
        ]
        blocks.append(Table(columns, rows, size=8.5))
    return blocks


def handout_document(prepared: Prepared) -> Document:
    """Return the participant handout with the resource guide on a right-hand page."""
    document = new_document(prepared, HANDOUT, even_pages=True, filler=notes_page())
    document.extend(summary_blocks(prepared))
    document.add(PageBreak(odd=True))
    document.extend(resource_blocks(prepared))
    return document


def resource_guide_document(prepared: Prepared) -> Document:
    """Return the resource guide on its own, for stacks to leave at stations and front desks."""
    document = new_document(prepared, RESOURCE_GUIDE, even_pages=True, filler=notes_page())
    document.extend(resource_blocks(prepared))
    return document
