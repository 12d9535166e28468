"""The audit packet: the record a state training board asks a provider to keep, in one click.

A folder of PDFs (with a contents list and checksums) or one PDF holding them all: the delivery
report, the sign-in sheet, the attendance roster, the objectives in the order taught and the
course evaluations.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from deflection_kit import privatefiles
from deflection_kit.documents import write_pdf
from deflection_kit.documents.blocks import (
    Column,
    Details,
    Document,
    Heading,
    Paper,
    Paragraph,
    Part,
    Table,
)
from deflection_kit.errors import DeflectionKitError
from deflection_kit.exports import DEFAULT_PROFILE, load_profile
from deflection_kit.exports.pdf_sheets import ROSTER, SIGN_IN, roster_part, sign_in_part
from deflection_kit.live.report import DeliveryReport
from deflection_kit.live.timers import clock_text
from deflection_kit.materials.evaluation import ROLE_KEY
from deflection_kit.reports.report_pdf import (
    STATUS_TEXT,
    TEMPLATE,
    feedback_blocks,
    objectives_table,
    report_frame,
    report_part,
)
from deflection_kit.storage import AttendanceRecord, FeedbackForm

PARTS = (
    ("01-delivery-report.pdf", "Delivery report"),
    ("02-sign-in-sheet.pdf", "Sign-in sheet"),
    ("03-attendance-roster.pdf", "Attendance roster"),
    ("04-objectives-taught.pdf", "Learning objectives in the order taught"),
    ("05-evaluations.pdf", "Course evaluations"),
)
# The document template each part is typeset with when written on its own.
TEMPLATES = (TEMPLATE, SIGN_IN, ROSTER, TEMPLATE, TEMPLATE)
PACKET = "audit-packet"
CONTENTS = "CONTENTS.txt"


@dataclass(frozen=True)
class PacketResult:
    """What was written: the folder's files, or the one PDF."""

    path: Path
    files: tuple[Path, ...]
    pages: int


def objectives_part(report: DeliveryReport, paper: Paper | None = None) -> Part:
    """Return the objectives in the order taught, with where and when each was taught."""
    part = Part(report_frame(report, "Objectives taught", paper))
    part.add(
        Heading(f"Learning objectives in the order taught — {report.title}"),
        Paragraph(
            "Each objective is judged by the modules that teach it most directly; times are "
            "the session clock when the first of them went up on the screen.",
            style="muted",
        ),
        objectives_table(report),
        Heading("Parts of the course as presented", level=2),
        Table(
            [Column("Part", 3.5), Column("Objectives", 3.0), Column("Delivered", "auto")],
            [
                [
                    part.segment.label(),
                    ", ".join(part.segment.objectives) or "–",
                    STATUS_TEXT[part.status],
                ]
                for part in report.parts
            ],
        ),
    )
    return part


def evaluations_part(
    report: DeliveryReport, forms: Sequence[FeedbackForm], paper: Paper | None = None
) -> Part:
    """Return the evaluation summary and every typed-in form (anonymous)."""
    part = Part(report_frame(report, "Course evaluations", paper))
    part.add(Heading(f"Course evaluations — {report.title}"))
    part.extend(feedback_blocks(report)[1:])
    if forms:
        # Every statement the summary lists (S1, S2... as numbered there), so a board can
        # check each paper form against what was typed in.
        items = [item.item for item in report.feedback.items]
        questions = [key for key, _, _ in report.feedback.comments]
        part.add(
            Heading("Each form as typed in", level=2),
            Paragraph(
                "One row per form: its rating of each statement S1 to "
                f"S{len(items)} above (– for none), the role ticked and the comments.",
                style="muted",
            ),
        )
        rows = [
            [
                str(number),
                *(str(form.ratings.get(item, "–")) for item in items),
                form.comments.get(ROLE_KEY, "") or "–",
                " / ".join(form.comments[c] for c in questions if form.comments.get(c)),
            ]
            for number, form in enumerate(forms, start=1)
        ]
        columns = [
            Column("#", "auto", "right"),
            *(Column(f"S{n}", "auto", "center") for n in range(1, len(items) + 1)),
            Column("Role", 1.1),
            Column("Comments", 2.4),
        ]
        part.add(Table(columns, rows, size=8.0))
    return part


def _parts(
    report: DeliveryReport,
    records: Sequence[AttendanceRecord],
    forms: Sequence[FeedbackForm],
    paper: Paper | None,
) -> list[Part]:
    title = report.session.title if report.session else report.title
    return [
        report_part(report, paper),
        sign_in_part(records, load_profile("sign-in")),
        roster_part(records, load_profile(DEFAULT_PROFILE), title),
        objectives_part(report, paper),
        evaluations_part(report, forms, paper),
    ]


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _cover(report: DeliveryReport, paper: Paper | None) -> Part:
    part = Part(report_frame(report, "Audit packet", paper))
    session = report.session
    items = [
        ("Course", f"{report.course_title} (version {report.course_version})"),
        ("Session", report.title),
    ]
    if session is not None:
        items += [
            ("Date", session.date.isoformat()),
            ("Location", session.location),
            ("Facilitators", "; ".join(session.facilitators)),
            ("Session id", session.id),
        ]
    items.append(
        (
            "Taught",
            f"{clock_text(report.actual_minutes * 60, hours_after=600)} "
            f"of {report.planned_minutes:g} minutes planned",
        )
    )
    part.add(
        Heading(f"Audit packet — {report.title}"),
        Details(items, columns=1),
        Heading("Contents", level=2),
        Table(
            [Column("#", "auto", "right"), Column("Document", 5.0)],
            [[str(n), name] for n, (_, name) in enumerate(PARTS, start=1)],
        ),
        Paragraph("Each part keeps its own page numbers.", style="muted"),
    )
    return part


def write_audit_packet(
    report: DeliveryReport,
    records: Sequence[AttendanceRecord],
    forms: Sequence[FeedbackForm],
    target: str | os.PathLike[str],
    paper: Paper | None = None,
) -> PacketResult:
    """Write the packet: a folder of PDFs, or one PDF when ``target`` ends in .pdf."""
    if report.session is None:
        raise DeflectionKitError("an audit packet needs a session; a rehearsal has no record")
    path = Path(target)
    parts = _parts(report, records, forms, paper)
    if path.suffix.lower() == ".pdf":
        document = Document(f"Audit packet — {report.title}", [_cover(report, paper), *parts])
        pages = write_pdf(PACKET, document.data(), path)
        return PacketResult(path, (path,), pages)
    if path.exists() and not path.is_dir():
        raise DeflectionKitError(f"{path}: exists and is not a folder")
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    files: list[Path] = []
    pages = 0
    lines = [f"Audit packet — {report.title}", f"Course: {report.course_title}", ""]
    for (name, label), template, part in zip(PARTS, TEMPLATES, parts, strict=True):
        file = path / name
        document = Document(f"{label} — {report.title}", [part])
        pages += write_pdf(template, document.data(), file)
        files.append(file)
        lines.append(f"{name}  {label}  sha256 {_sha256(file)}")
    contents = privatefiles.write_text(path / CONTENTS, "\n".join(lines) + "\n")
    return PacketResult(path, (*files, contents), pages)
