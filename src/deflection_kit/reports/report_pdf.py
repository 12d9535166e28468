"""The delivery report as a PDF: tables a training board can read, then the charts.

Text and tables are ``deflection_kit.pdf`` blocks; the charts follow on their own pages, drawn
with the same operations, so page numbers and headers run through the whole file.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPagedPaintDevice

from deflection_kit.live.checks import CheckResult
from deflection_kit.live.report import DeliveryReport
from deflection_kit.live.timers import clock_text, minutes_text
from deflection_kit.pdf import (
    Block,
    Column,
    Details,
    Document,
    Heading,
    PageSetup,
    Paragraph,
    Spacer,
    Table,
)
from deflection_kit.pdf.layout import Op
from deflection_kit.reports.charts import Chart, chart_height, chart_ops, report_charts

STATUS_TEXT = {"delivered": "Delivered", "partly": "Partly", "not delivered": "Not delivered"}
PHASES = {"pre": "Pre-check", "post": "Post-check", "during": "During"}
MARGIN_PT = 22.0  # the header and footer bands Document keeps free


def local_time(stamp: float | None, with_date: bool = False) -> str:
    """Return a wall-clock time as this computer shows it."""
    if stamp is None:
        return ""
    moment = dt.datetime.fromtimestamp(stamp).astimezone()
    return moment.strftime("%Y-%m-%d %H:%M" if with_date else "%H:%M:%S")


def percent(share: float | None) -> str:
    """Return a share as a whole percentage, or a dash."""
    return "–" if share is None else f"{round(share * 100)}%"


def points(change: float | None) -> str:
    """Return a change of share in percentage points, signed."""
    return "–" if change is None else f"{round(change * 100):+d} points"


@dataclass
class ReportDocument(Document):
    """A document whose last pages are charts."""

    charts: list[Chart] = field(default_factory=list)

    def layout(self, device: QPagedPaintDevice) -> list[list[Op]]:
        """Lay out the text pages, then the charts, as many to a page as fit."""
        pages = super().layout(device)
        unit = device.logicalDpiY() / 72.0
        top, bottom = MARGIN_PT * unit, float(device.height()) - MARGIN_PT * unit
        width = float(device.width())
        page: list[Op] = []
        y = top
        for chart in self.charts:
            height = chart_height(chart, unit)
            if page and y + height > bottom:
                pages.append(page)
                page, y = [], top
            page.extend(chart_ops(chart, QRectF(0, y, width, height), unit, device))
            y += height + 14 * unit
        if page:
            pages.append(page)
        return pages


def _overview(report: DeliveryReport) -> Details:
    session = report.session
    deck = report.deck
    pathways = deck.get("pathways")
    items = [
        ("Course", f"{report.course_title} (version {report.course_version})"),
        ("Session", report.title),
    ]
    if session is not None:
        items += [
            ("Date", session.date.isoformat()),
            ("Location", session.location),
            ("Host agency", session.host_agency),
            ("Facilitators", "; ".join(session.facilitators)),
        ]
    items += [
        ("Started", local_time(report.started_at, with_date=True)),
        ("Ended", local_time(report.ended_at, with_date=True) or "not ended"),
        ("Planned", minutes_text(report.planned_minutes)),
        ("Taught", minutes_text(report.actual_minutes)),
        ("Deck", str(deck.get("recipe") or "")),
        ("Pathways", ", ".join(pathways) if isinstance(pathways, list) else "all"),
        ("Audience", str(deck.get("audience") or "everyone")),
        ("Agency", str(deck.get("agency") or "")),
    ]
    return Details(items)


def _summary(report: DeliveryReport) -> str:
    modules, all_modules = report.modules_delivered
    objectives, all_objectives = report.objectives_delivered
    parts = [
        f"{modules} of {all_modules} modules and {objectives} of {all_objectives} objectives "
        "delivered",
        f"{minutes_text(report.actual_minutes)} taught of {minutes_text(report.planned_minutes)} "
        "planned",
    ]
    if report.attendance is not None:
        parts.append(
            f"{report.attendance.checked_in} checked in, {report.attendance.completed} completed"
        )
    if report.gain.gain is not None:
        parts.append(
            f"knowledge gain {points(report.gain.gain)} ({percent(report.gain.pre)} right "
            f"before, {percent(report.gain.post)} after)"
        )
    if report.paper is not None and report.paper.gain is not None:
        parts.append(
            f"on the answer sheets {points(report.paper.gain)} ({percent(report.paper.pre)} "
            f"right before, {percent(report.paper.post)} after)"
        )
    if report.interruptions:
        parts.append(f"{len(report.interruptions)} interruption(s) when the app stopped")
    return "; ".join(parts) + "."


def parts_table(report: DeliveryReport) -> Table:
    """Return minutes per part against the plan, with slides shown and delivery."""
    rows = [
        [
            part.segment.label(),
            minutes_text(part.segment.planned_minutes),
            minutes_text(part.actual_minutes),
            f"{part.difference:+.1f}",
            f"{part.shown} of {part.slides}",
            STATUS_TEXT[part.status],
        ]
        for part in report.parts
    ]
    planned = sum(p.segment.planned_minutes for p in report.parts)
    actual = sum(p.actual_minutes for p in report.parts)
    rows.append(
        ["Total", minutes_text(planned), minutes_text(actual), f"{actual - planned:+.1f}", "", ""]
    )
    columns = [
        Column("Part", 3.2),
        Column("Planned", 0.9, "right"),
        Column("Taught", 0.9, "right"),
        Column("± min", 0.7, "right"),
        Column("Slides shown", 1.1, "right"),
        Column("Delivered", 1.1),
    ]
    return Table(columns, rows, bold_rows=frozenset({len(rows) - 1}))


def objectives_table(report: DeliveryReport) -> Table:
    """Return the objectives in the order taught, where, when first, and whether delivered."""
    rows = [
        [
            str(number),
            f"{objective.title}: {objective.statement}",
            "; ".join(objective.parts) or "–",
            clock_text(objective.first_taught, hours_after=600)
            if objective.first_taught is not None
            else "–",
            STATUS_TEXT[objective.status],
        ]
        for number, objective in enumerate(report.objectives, start=1)
    ]
    columns = [
        Column("#", 0.3, "right"),
        Column("Objective", 3.6),
        Column("Taught in", 2.0),
        Column("First at", 0.8, "right"),
        Column("Delivered", 1.0),
    ]
    return Table(columns, rows)


def _check_rows(checks: tuple[CheckResult, ...]) -> list[list[str]]:
    return [
        [
            PHASES.get(result.slot.phase, result.slot.phase),
            result.slot.prompt,
            " / ".join(str(c) for c in result.counts),
            str(result.total),
            percent(result.share_correct),
        ]
        for result in checks
    ]


def feedback_blocks(report: DeliveryReport) -> list[Block]:
    """Return the course feedback section: ratings per statement, then the comments."""
    summary = report.feedback
    blocks: list[Block] = [Heading("Course feedback", level=2)]
    if not summary.forms:
        blocks.append(Paragraph("No feedback forms have been typed in.", muted=True))
        return blocks
    blocks.append(
        Paragraph(
            f"{summary.forms} form(s). Ratings from 1 (strongly disagree) to 5 (strongly agree).",
            muted=True,
        )
    )
    rows = [
        [
            f"S{number}",
            item.text,
            str(item.answered),
            *(str(c) for c in item.counts),
            f"{item.mean:.1f}" if item.mean is not None else "–",
            percent(item.agree_share),
        ]
        for number, item in enumerate(summary.items, start=1)
    ]
    columns = [
        Column("#", 0.4),
        Column("Statement", 3.0),
        Column("Forms", 0.6, "right"),
        *(Column(str(n), 0.35, "right") for n in range(1, 6)),
        Column("Mean", 0.6, "right"),
        Column("Agree", 0.7, "right"),
    ]
    blocks.append(Table(columns, rows))
    for _, question, answers in summary.comments:
        blocks.append(Paragraph(question, bold=True))
        if not answers:
            blocks.append(Paragraph("(no answers)", muted=True))
        for answer in answers:
            blocks.append(Paragraph(f"“{answer}”", size=9.5))
    return blocks


def report_document(report: DeliveryReport, setup: PageSetup | None = None) -> ReportDocument:
    """Return the delivery report as a document (text, tables, then charts)."""
    document = ReportDocument(
        title=f"Delivery report — {report.title}",
        author="Deflection Kit",
        setup=setup or PageSetup(),
        header_left=f"Deflection Kit · Delivery report · {report.title}",
        header_right=report.session.date.isoformat() if report.session else "",
        footer_left=report.course_title,
        charts=list(report_charts(report)),
    )
    document.add(
        Heading(f"Delivery report — {report.title}"),
        _overview(report),
        Paragraph(_summary(report), bold=True),
        Heading("Time by part of the course", level=2),
        parts_table(report),
        Heading("Learning objectives, in the order taught", level=2),
        objectives_table(report),
    )
    attendance = report.attendance
    if attendance is not None:
        document.add(
            Heading("Attendance", level=2),
            Paragraph(
                f"{attendance.on_roster} on the roster · {attendance.checked_in} checked "
                f"in · {attendance.completed} completed"
            ),
        )
        for name, rows in (
            ("Discipline", attendance.by_discipline),
            ("Agency", attendance.by_agency),
        ):
            if rows:
                document.add(
                    Table(
                        [Column(name, 4.0), Column("Checked in", 1.0, "right")],
                        [[label, str(count)] for label, count in rows],
                    )
                )
    document.add(Heading("Knowledge checks", level=2))
    if report.checks:
        document.add(
            Paragraph(
                "Counts are the room's answers per choice (A / B / C …), entered by the "
                "facilitator from a show of hands or cards: anonymous.",
                muted=True,
            ),
            Table(
                [
                    Column("When", 0.9),
                    Column("Question", 4.0),
                    Column("Answers", 1.2),
                    Column("Total", 0.6, "right"),
                    Column("Right", 0.6, "right"),
                ],
                _check_rows(report.checks),
            ),
        )
    else:
        document.add(Paragraph("No answers were entered.", muted=True))
    if report.gain.questions:
        gain_rows = [
            [q.prompt, percent(q.pre.share_correct), percent(q.post.share_correct), points(q.gain)]
            for q in report.gain.questions
        ]
        gain_rows.append(
            [
                "All paired questions",
                percent(report.gain.pre),
                percent(report.gain.post),
                points(report.gain.gain),
            ]
        )
        document.add(
            Heading("Knowledge gain", level=2),
            Table(
                [
                    Column("Question", 4.0),
                    Column("Before", 0.8, "right"),
                    Column("After", 0.8, "right"),
                    Column("Change", 1.0, "right"),
                ],
                gain_rows,
                bold_rows=frozenset({len(gain_rows) - 1}),
            ),
        )
    paper = report.paper
    if paper is not None:
        paper_rows = [
            [q.prompt, percent(q.pre), percent(q.post), points(q.gain)] for q in paper.questions
        ]
        paper_rows.append(
            [
                "All questions answered both times",
                percent(paper.pre),
                percent(paper.post),
                points(paper.gain),
            ]
        )
        document.add(
            Heading("Knowledge check on paper", level=2),
            Paragraph(
                f"{paper.pre_sheets} answer sheet(s) before the course and "
                f"{paper.post_sheets} after, typed in from paper: anonymous.",
                muted=True,
            ),
            Table(
                [
                    Column("Question", 4.0),
                    Column("Before", 0.8, "right"),
                    Column("After", 0.8, "right"),
                    Column("Change", 1.0, "right"),
                ],
                paper_rows,
                bold_rows=frozenset({len(paper_rows) - 1}),
            ),
        )
    document.extend(feedback_blocks(report))
    document.add(Spacer(6), Heading("What was shown when", level=2))
    document.add(
        Table(
            [Column("Time", 0.9), Column("Session clock", 0.9, "right"), Column("What", 4.6)],
            [
                [local_time(m.at), clock_text(m.elapsed, hours_after=600), m.text]
                for m in report.timeline
            ],
            size=8.5,
        )
    )
    return document


def write_report_pdf(
    report: DeliveryReport, target: str | os.PathLike[str], setup: PageSetup | None = None
) -> Path:
    """Write the delivery report PDF (atomic, owner-only); return its path."""
    path = Path(target)
    report_document(report, setup).write_pdf(path)
    return path
