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

from PySide6.QtGui import QPainter, QPdfWriter

from deflection_kit import privatefiles
from deflection_kit.errors import DeflectionKitError
from deflection_kit.exports import DEFAULT_PROFILE, load_profile
from deflection_kit.exports.pdf_sheets import roster_document, sign_in_document
from deflection_kit.live.report import DeliveryReport
from deflection_kit.live.timers import clock_text
from deflection_kit.materials.evaluation import ROLE_KEY
from deflection_kit.pdf import (
    Column,
    Details,
    Document,
    Heading,
    PageSetup,
    Paragraph,
    Table,
    ensure_gui_app,
    register_bundled_fonts,
)
from deflection_kit.reports.report_pdf import (
    STATUS_TEXT,
    feedback_blocks,
    objectives_table,
    report_document,
)
from deflection_kit.storage import AttendanceRecord, FeedbackForm

PARTS = (
    ("01-delivery-report.pdf", "Delivery report"),
    ("02-sign-in-sheet.pdf", "Sign-in sheet"),
    ("03-attendance-roster.pdf", "Attendance roster"),
    ("04-objectives-taught.pdf", "Learning objectives in the order taught"),
    ("05-evaluations.pdf", "Course evaluations"),
)
CONTENTS = "CONTENTS.txt"


@dataclass(frozen=True)
class PacketResult:
    """What was written: the folder's files, or the one PDF."""

    path: Path
    files: tuple[Path, ...]
    pages: int


def _frame(title: str, report: DeliveryReport, setup: PageSetup) -> Document:
    return Document(
        title=title,
        author="Deflection Kit",
        setup=setup,
        header_left=f"Deflection Kit · {title} · {report.title}",
        header_right=report.session.date.isoformat() if report.session else "",
        footer_left=report.course_title,
    )


def objectives_document(report: DeliveryReport, setup: PageSetup) -> Document:
    """Return the objectives in the order taught, with where and when each was taught."""
    document = _frame("Objectives taught", report, setup)
    document.add(
        Heading(f"Learning objectives in the order taught — {report.title}"),
        Paragraph(
            "Each objective is judged by the modules that teach it most directly; times are "
            "the session clock when the first of them went up on the screen.",
            muted=True,
        ),
        objectives_table(report),
        Heading("Parts of the course as presented", level=2),
        Table(
            [Column("Part", 3.5), Column("Objectives", 3.0), Column("Delivered", 1.0)],
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
    return document


def evaluations_document(
    report: DeliveryReport, forms: Sequence[FeedbackForm], setup: PageSetup
) -> Document:
    """Return the evaluation summary and every typed-in form (anonymous)."""
    document = _frame("Course evaluations", report, setup)
    document.add(Heading(f"Course evaluations — {report.title}"))
    document.extend(feedback_blocks(report)[1:])
    if forms:
        # Every statement the summary lists (S1, S2... as numbered there), so a board can
        # check each paper form against what was typed in.
        items = [item.item for item in report.feedback.items]
        questions = [key for key, _, _ in report.feedback.comments]
        document.add(
            Heading("Each form as typed in", level=2),
            Paragraph(
                "One row per form: its rating of each statement S1 to "
                f"S{len(items)} above (– for none), the role ticked and the comments.",
                muted=True,
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
            Column("#", 0.35, "right"),
            *(Column(f"S{n}", 0.32, "center") for n in range(1, len(items) + 1)),
            Column("Role", 1.1),
            Column("Comments", 2.4),
        ]
        document.add(Table(columns, rows, size=8.0))
    return document


def _documents(
    report: DeliveryReport,
    records: Sequence[AttendanceRecord],
    forms: Sequence[FeedbackForm],
    setup: PageSetup,
) -> list[Document]:
    title = report.session.title if report.session else report.title
    return [
        report_document(report, setup),
        sign_in_document(records, load_profile("sign-in")),
        roster_document(records, load_profile(DEFAULT_PROFILE), title),
        objectives_document(report, setup),
        evaluations_document(report, forms, setup),
    ]


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _cover(report: DeliveryReport, setup: PageSetup) -> Document:
    document = _frame("Audit packet", report, setup)
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
    document.add(
        Heading(f"Audit packet — {report.title}"),
        Details(items, columns=1),
        Heading("Contents", level=2),
        Table(
            [Column("#", 0.4, "right"), Column("Document", 5.0)],
            [[str(n), name] for n, (_, name) in enumerate(PARTS, start=1)],
        ),
        Paragraph("Each part keeps its own page numbers.", muted=True),
    )
    return document


def write_audit_packet(
    report: DeliveryReport,
    records: Sequence[AttendanceRecord],
    forms: Sequence[FeedbackForm],
    target: str | os.PathLike[str],
    setup: PageSetup | None = None,
) -> PacketResult:
    """Write the packet: a folder of PDFs, or one PDF when ``target`` ends in .pdf."""
    if report.session is None:
        raise DeflectionKitError("an audit packet needs a session; a rehearsal has no record")
    setup = setup or PageSetup()
    path = Path(target)
    documents = _documents(report, records, forms, setup)
    if path.suffix.lower() == ".pdf":
        pages = _one_pdf([_cover(report, setup), *documents], path, report.title)
        return PacketResult(path, (path,), pages)
    if path.exists() and not path.is_dir():
        raise DeflectionKitError(f"{path}: exists and is not a folder")
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    files: list[Path] = []
    pages = 0
    lines = [f"Audit packet — {report.title}", f"Course: {report.course_title}", ""]
    for (name, label), document in zip(PARTS, documents, strict=True):
        file = path / name
        pages += document.write_pdf(file)
        files.append(file)
        lines.append(f"{name}  {label}  sha256 {_sha256(file)}")
    contents = privatefiles.write_text(path / CONTENTS, "\n".join(lines) + "\n")
    return PacketResult(path, (*files, contents), pages)


def _one_pdf(documents: Sequence[Document], path: Path, title: str) -> int:
    """Paint several documents into one PDF, each with its own page size and numbering."""
    ensure_gui_app()
    register_bundled_fonts()
    pages = 0
    with privatefiles.atomic_path(path, suffix=".pdf") as tmp:
        writer = QPdfWriter(str(tmp))
        writer.setResolution(documents[0].setup.resolution)
        writer.setTitle(f"Audit packet — {title}")
        writer.setAuthor("Deflection Kit")
        writer.setCreator("Deflection Kit")
        painter: QPainter | None = None
        try:
            for number, document in enumerate(documents):
                writer.setPageLayout(document.setup.page_layout())
                if number:
                    writer.newPage()
                if painter is None:
                    painter = QPainter(writer)
                pages += document.paint(writer, painter)
        finally:
            if painter is not None:
                painter.end()
        del writer
    return pages
