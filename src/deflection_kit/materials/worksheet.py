"""The action-planning worksheet for community leaders starting or enhancing an initiative.

Printable, and fillable on screen: every box is a real PDF form field (text fields and
checkboxes), so a planning group can type into it in any PDF reader and email it round. The
rows come from the course: partners by the audiences the course names, the pathways with the
session's ones marked, the process and outcome measures from the evaluation module.
"""

from __future__ import annotations

import re

from deflection_kit.content import Course
from deflection_kit.materials.frame import new_document
from deflection_kit.materials.options import Prepared
from deflection_kit.pdf import (
    Block,
    Checklist,
    Column,
    Document,
    FieldRow,
    Heading,
    KeepTogether,
    Paragraph,
    Table,
    TextField,
    Title,
)

NAME = "Action-planning worksheet"
MEASURES_SLIDE = "measures"  # the evaluation module's two-column process/outcome slide
FIRST_STEPS = 5
CAPACITY = (
    ("intake", "Who will accept a handoff? Providers and their intake contacts"),
    ("hours", "When can a handoff be made? Nights, weekends, holidays"),
    ("wait", "How long is the wait for an intake today?"),
    ("moud", "Medications for opioid use disorder: where, and how soon"),
    ("peers", "Peer recovery support at or after the handoff"),
    ("transport", "Transport to treatment"),
    ("after-hours", "Crisis and after-hours options"),
)
EXTRA_PARTNERS = (
    ("lived-experience", "People with lived experience and families"),
    ("others", "Others: housing, hospitals, public health, prosecutors, courts"),
)
_SLUG = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    """Return a form-field-safe name part: lower case words joined by hyphens."""
    return _SLUG.sub("-", text.lower()).strip("-")


def measures(course: Course) -> tuple[list[str], list[str]]:
    """Return the process and outcome measures the course teaches (empty if it has none)."""
    for module in course.modules:
        for slide in module.slides:
            if slide.id == MEASURES_SLIDE:
                left = [b.text for b in slide.bullets if b.level > 0]
                right = [b.text for b in slide.right_bullets if b.level > 0]
                return left, right
    return [], []


def _partners(prepared: Prepared) -> list[Block]:
    roles = [(a.id, a.name) for a in prepared.course.info.audiences] + list(EXTRA_PARTNERS)
    columns = [
        Column("Partner", 1.7),
        Column("Organization", 1.7),
        Column("Contact person", 1.4),
        Column("Phone or email", 1.4),
    ]
    rows = [[name, "", "", ""] for _, name in roles]
    fields = [
        ["", f"partner.{key}.organization", f"partner.{key}.contact", f"partner.{key}.reach"]
        for key, _ in roles
    ]
    return [
        Heading("1. Partners at the table", level=2),
        Paragraph(
            "Who must agree before the first handoff? Name one contact per agency.",
            size=9.5,
            muted=True,
        ),
        Table(columns, rows, size=9.0, min_row_height=22.0, zebra=False, fields=fields),
    ]


def _pathways(prepared: Prepared) -> list[Block]:
    chosen = {p.id for p in prepared.pathways}
    labels = [
        f"{p.name}{' (covered today)' if p.id in chosen and not prepared.all_pathways else ''}"
        for p in prepared.course.pathways
    ]
    # The handout describes the session's pathways only: say which ones it has.
    described = "each" if prepared.all_pathways else "those covered today"
    return [
        Heading("2. Pathway choice", level=2),
        Paragraph(
            "Most communities start with one pathway that fits their partners and "
            f"capacity, then add more. Tick the one you would start with; the handout describes "
            f"{described}.",
            size=9.5,
            muted=True,
        ),
        Checklist(
            labels, size=9.5, columns=2, names=[f"pathway.{p.id}" for p in prepared.course.pathways]
        ),
        TextField(
            "Why this pathway first, and what would make it work here", "pathway.why", lines=3
        ),
    ]


def _capacity() -> list[Block]:
    rows = [[question, ""] for _, question in CAPACITY]
    fields = [["", f"capacity.{key}"] for key, _ in CAPACITY]
    return [
        KeepTogether(
            [
                Heading("3. Treatment capacity", level=2),
                Paragraph(
                    "A pathway can only promise what treatment partners can deliver.",
                    size=9.5,
                    muted=True,
                ),
                Table(
                    [Column("Question", 2.2), Column("Our answer", 3.8)],
                    rows,
                    size=9.0,
                    min_row_height=26.0,
                    zebra=False,
                    fields=fields,
                ),
            ]
        )
    ]


def _data(prepared: Prepared) -> list[Block]:
    process, outcome = measures(prepared.course)
    blocks: list[Block] = [
        Heading("4. Data to collect", level=2),
        Paragraph(
            "Agree on a short list before the first contact: adding measures later means "
            "months without data.",
            size=9.5,
            muted=True,
        ),
    ]
    if process:
        blocks.append(Paragraph("Process: did we do it?", size=9.5, bold=True))
        blocks.append(
            Checklist(
                process, size=9.0, columns=2, names=[f"data.process.{slug(m)}" for m in process]
            )
        )
    if outcome:
        blocks.append(Paragraph("Outcome: did it help?", size=9.5, bold=True))
        blocks.append(
            Checklist(
                outcome, size=9.0, columns=2, names=[f"data.outcome.{slug(m)}" for m in outcome]
            )
        )
    blocks.append(
        FieldRow(
            [
                TextField("Who collects it, and where it is kept", "data.who", lines=2),
                TextField(
                    "Agreements needed (MOU, data use, consent under 42 CFR Part 2)",
                    "data.agreements",
                    lines=2,
                ),
            ]
        )
    )
    return blocks


def _first_steps() -> list[Block]:
    rows = [[str(n), "", "", ""] for n in range(1, FIRST_STEPS + 1)]
    fields = [
        ["", f"step.{n}.what", f"step.{n}.who", f"step.{n}.when"] for n in range(1, FIRST_STEPS + 1)
    ]
    columns = [
        Column("#", 0.3, "right"),
        Column("Step", 3.6),
        Column("Who", 1.4),
        Column("By when", 0.9),
    ]
    return [
        KeepTogether(
            [
                Heading("5. First steps", level=2),
                Table(columns, rows, size=9.0, min_row_height=24.0, zebra=False, fields=fields),
            ]
        )
    ]


def _help() -> list[Block]:
    return [
        Paragraph(
            "For help with planning, see the national resources in the resource guide.",
            size=9.0,
            muted=True,
        )
    ]


def worksheet_document(prepared: Prepared) -> Document:
    """Return the fillable action-planning worksheet."""
    document = new_document(prepared, NAME, even_pages=True)
    document.add(
        Title(
            "Starting or enhancing a deflection initiative",
            kicker=NAME,
            subtitle="For community leaders and their partners",
            logo=prepared.logo,
        ),
        FieldRow(
            [
                TextField("Community or jurisdiction", "community", weight=1.6),
                TextField("Date", "date", weight=0.7),
                TextField("Completed by", "completed-by", weight=1.2),
            ]
        ),
    )
    document.extend(_partners(prepared))
    document.extend(_pathways(prepared))
    document.extend(_capacity())
    document.extend(_data(prepared))
    document.extend(_first_steps())
    document.extend(_help())
    return document
