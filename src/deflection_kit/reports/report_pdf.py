"""The delivery report as a PDF: tables a training board can read, then the charts.

A ``Part`` of document blocks typeset by the ``delivery-report`` template as tagged PDF/UA-1;
the charts follow the tables on their own pages, drawn by Typst from their numbers, each with a
description for screen readers.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from deflection_kit.documents import write_pdf
from deflection_kit.documents.blocks import (
    Block,
    Column,
    Details,
    Document,
    Frame,
    Heading,
    PageBreak,
    Paper,
    Paragraph,
    Part,
    Spacer,
    Table,
)
from deflection_kit.exports.pdf_sheets import paper_setting
from deflection_kit.live.checks import CheckResult
from deflection_kit.live.report import DeliveryReport
from deflection_kit.live.timers import clock_text, minutes_text
from deflection_kit.reports.charts import chart_block, report_charts

STATUS_TEXT = {"delivered": "Delivered", "partly": "Partly", "not delivered": "Not delivered"}
PHASES = {"pre": "Pre-check", "post": "Post-check", "during": "During"}
TEMPLATE = "delivery-report"


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
        Column("Planned", "auto", "right"),
        Column("Taught", "auto", "right"),
        Column("± min", "auto", "right"),
        Column("Slides shown", "auto", "right"),
        Column("Delivered", "auto"),
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
        Column("#", "auto", "right"),
        Column("Objective", 3.6),
        Column("Taught in", 2.0),
        Column("First at", "auto", "right"),
        Column("Delivered", "auto"),
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
        blocks.append(Paragraph("No feedback forms have been typed in.", style="muted"))
        return blocks
    blocks.append(
        Paragraph(
            f"{summary.forms} form(s). Ratings from 1 (strongly disagree) to 5 (strongly agree).",
            style="muted",
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
        Column("#", "auto"),
        Column("Statement", 3.0),
        Column("Forms", "auto", "right"),
        *(Column(str(n), "auto", "right") for n in range(1, 6)),
        Column("Mean", "auto", "right"),
        Column("Agree", "auto", "right"),
    ]
    blocks.append(Table(columns, rows))
    for _, question, answers in summary.comments:
        blocks.append(Paragraph(question, style="bold"))
        if not answers:
            blocks.append(Paragraph("(no answers)", style="muted"))
        for answer in answers:
            blocks.append(Paragraph(f"“{answer}”", style="quote", size=9.5))
    return blocks


def report_frame(report: DeliveryReport, what: str, paper: Paper | None = None) -> Frame:
    """Return the running header and footer of a document about ``report``."""
    return Frame(
        header_left=f"Deflection Kit · {what} · {report.title}",
        header_right=report.session.date.isoformat() if report.session else "",
        footer_left=report.course_title,
        paper=paper or paper_setting(),
    )


def report_part(report: DeliveryReport, paper: Paper | None = None) -> Part:
    """Return the delivery report: text and tables, then the charts."""
    part = Part(report_frame(report, "Delivery report", paper))
    part.add(
        Heading(f"Delivery report — {report.title}"),
        _overview(report),
        Paragraph(_summary(report), style="bold"),
        Heading("Time by part of the course", level=2),
        parts_table(report),
        Heading("Learning objectives, in the order taught", level=2),
        objectives_table(report),
    )
    attendance = report.attendance
    if attendance is not None:
        part.add(
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
                part.add(
                    Table(
                        [Column(name, 4.0), Column("Checked in", "auto", "right")],
                        [[label, str(count)] for label, count in rows],
                    )
                )
    part.add(Heading("Knowledge checks", level=2))
    if report.checks:
        part.add(
            Paragraph(
                "Counts are the room's answers per choice (A / B / C …), entered by the "
                "facilitator from a show of hands or cards: anonymous.",
                style="muted",
            ),
            Table(
                [
                    Column("When", "auto"),
                    Column("Question", 4.0),
                    Column("Answers", "auto"),
                    Column("Total", "auto", "right"),
                    Column("Right", "auto", "right"),
                ],
                _check_rows(report.checks),
            ),
        )
    else:
        part.add(Paragraph("No answers were entered.", style="muted"))
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
        part.add(
            Heading("Knowledge gain", level=2),
            Table(
                [
                    Column("Question", 4.0),
                    Column("Before", "auto", "right"),
                    Column("After", "auto", "right"),
                    Column("Change", "auto", "right"),
                ],
                gain_rows,
                bold_rows=frozenset({len(gain_rows) - 1}),
            ),
        )
    checks_on_paper = report.paper
    if checks_on_paper is not None:
        paper_rows = [
            [q.prompt, percent(q.pre), percent(q.post), points(q.gain)]
            for q in checks_on_paper.questions
        ]
        paper_rows.append(
            [
                "All questions answered both times",
                percent(checks_on_paper.pre),
                percent(checks_on_paper.post),
                points(checks_on_paper.gain),
            ]
        )
        part.add(
            Heading("Knowledge check on paper", level=2),
            Paragraph(
                f"{checks_on_paper.pre_sheets} answer sheet(s) before the course and "
                f"{checks_on_paper.post_sheets} after, typed in from paper: anonymous.",
                style="muted",
            ),
            Table(
                [
                    Column("Question", 4.0),
                    Column("Before", "auto", "right"),
                    Column("After", "auto", "right"),
                    Column("Change", "auto", "right"),
                ],
                paper_rows,
                bold_rows=frozenset({len(paper_rows) - 1}),
            ),
        )
    part.extend(feedback_blocks(report))
    part.add(Spacer(6), Heading("What was shown when", level=2))
    part.add(
        Table(
            [Column("Time", "auto"), Column("Session clock", "auto", "right"), Column("What", 4.6)],
            [
                [local_time(m.at), clock_text(m.elapsed, hours_after=600), m.text]
                for m in report.timeline
            ],
            size=8.5,
        )
    )
    part.add(PageBreak(), Heading("Charts", level=2))
    part.extend(chart_block(chart) for chart in report_charts(report))
    return part


def write_report_pdf(
    report: DeliveryReport, target: str | os.PathLike[str], paper: Paper | None = None
) -> Path:
    """Write the delivery report PDF (atomic, owner-only); return its path."""
    path = Path(target)
    document = Document(f"Delivery report — {report.title}", [report_part(report, paper)])
    write_pdf(TEMPLATE, document.data(), path)
    return path
