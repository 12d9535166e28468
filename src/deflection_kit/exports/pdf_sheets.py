"""Printable attendance documents: a sign-in sheet and an attendance roster with totals."""

from __future__ import annotations

from collections.abc import Sequence

from deflection_kit.errors import DeflectionKitError
from deflection_kit.exports.fields import FIELDS
from deflection_kit.exports.profiles import Profile, build_table
from deflection_kit.exports.table import as_text
from deflection_kit.pdf import (
    Column,
    Details,
    Document,
    Heading,
    PageBreak,
    PageSetup,
    Paragraph,
    Spacer,
    Table,
)
from deflection_kit.pdf.page import PaperSize
from deflection_kit.settings import load_settings
from deflection_kit.storage import AttendanceRecord, Session

_NUMERIC = ("int", "float")


def _by_session(
    records: Sequence[AttendanceRecord],
) -> list[tuple[Session, list[AttendanceRecord]]]:
    groups: dict[str, tuple[Session, list[AttendanceRecord]]] = {}
    for record in records:
        groups.setdefault(record.session.id, (record.session, []))[1].append(record)
    return list(groups.values())


def _date_span(sessions: Sequence[Session]) -> str:
    dates = sorted({s.date for s in sessions})
    if not dates:
        return ""
    first, last = dates[0].isoformat(), dates[-1].isoformat()
    return first if first == last else f"{first} – {last}"


def session_details(session: Session) -> Details:
    """Return the details block that heads a session's page."""
    when = session.date.strftime("%A %d %B %Y")
    if session.start is not None:
        end = session.ends_at
        assert end is not None
        when += f", {session.start.strftime('%H:%M')}–{session.local(end).strftime('%H:%M')}"
    hours = f"{session.credit_hours:g}" if session.credit_hours is not None else ""
    return Details(
        [
            ("Course", session.course_title),
            ("Session", session.title),
            ("When", when),
            ("Length", f"{session.minutes} minutes"),
            ("Location", session.location),
            ("Host agency", session.host_agency),
            ("Facilitators", "; ".join(session.facilitators)),
            ("Credit hours", hours),
        ]
    )


def _paper() -> PaperSize:
    try:
        return load_settings().paper_size
    except DeflectionKitError:
        return "letter"  # a damaged settings file must not stop an attendance export


def _document(title: str, profile: Profile, footer: str) -> Document:
    setup = PageSetup(size=_paper(), orientation=profile.pdf.orientation)
    return Document(
        title=title,
        author="Deflection Kit",
        setup=setup,
        header_left=f"Deflection Kit · {title}",
        footer_left=footer,
    )


def sign_in_document(records: Sequence[AttendanceRecord], profile: Profile) -> Document:
    """Return sign-in sheets, one per session: roster names pre-filled, blank walk-in lines."""
    groups = _by_session(records)
    course = groups[0][0].course_title if groups else ""
    document = _document("Sign-in sheet", profile, course)
    columns = profile.export_columns()
    context = profile.context()
    document.header_right = _date_span([session for session, _ in groups])
    for number, (session, members) in enumerate(groups):
        if number:
            document.add(PageBreak())
        document.add(Heading(f"Sign-in sheet — {session.title}"), session_details(session))
        document.add(
            Paragraph(
                "Please print your name clearly and sign. Your record of attendance and any "
                "certificate use the name as you write it here.",
                size=9.0,
                muted=True,
            )
        )
        rows: list[list[str]] = []
        for index, record in enumerate(members, start=1):
            values = [as_text(FIELDS[c.key].get(record, context), c.kind) for c in columns]
            rows.append([str(index), *values, "", ""])
        start = len(rows) + 1
        rows.extend(
            [str(start + i), *([""] * len(columns)), "", ""] for i in range(profile.pdf.blank_rows)
        )
        table_columns = [
            Column("#", 0.35, "right"),
            *(Column(c.header, 2.4 if i == 0 else 1.5) for i, c in enumerate(columns)),
            Column("Time in", 0.8),
            Column("Signature", 2.2),
        ]
        document.add(Table(table_columns, rows, size=9.5, min_row_height=24.0, zebra=False))
    if not groups:
        document.add(Heading("Sign-in sheet"), Paragraph("No session selected."))
    return document


def roster_document(records: Sequence[AttendanceRecord], profile: Profile, title: str) -> Document:
    """Return an attendance roster: per session a table and totals, then overall totals."""
    groups = _by_session(records)
    course = groups[0][0].course_title if groups else ""
    document = _document(profile.title, profile, course)
    document.header_right = title
    only = profile.pdf.columns
    grand = [0, 0, 0, 0.0]
    document.add(Heading(f"{profile.title} — {title}"))
    for number, (session, members) in enumerate(groups):
        if number:
            document.add(Spacer(14))
        table = build_table(profile, members, title, only)
        document.add(Heading(f"{session.date.isoformat()} · {session.title}", level=2))
        document.add(session_details(session))
        expected = sum(1 for r in members if r.attendance.expected)
        came = sum(1 for r in members if r.attendance.check_in is not None)
        completed = sum(1 for r in members if r.attendance.completed)
        hours = sum((session.credit_hours or 0.0) for r in members if r.attendance.completed)
        for i, value in enumerate((expected, came, completed, hours)):
            grand[i] += value
        rows = [
            [as_text(v, c.kind) for v, c in zip(row, table.columns, strict=True)]
            for row in table.rows
        ]
        columns = [
            Column(c.header, 2.4 if c.key == "participant.name" else 1.2,
                   "right" if c.kind in _NUMERIC else "left")
            for c in table.columns
        ]  # fmt: skip
        if rows:
            document.add(Table(columns, rows))
        else:
            document.add(Paragraph("No one to list for this session.", muted=True))
        document.add(
            Paragraph(
                f"Totals: {expected} expected · {came} checked in · {completed} completed · "
                f"{hours:g} credit hours awarded",
                bold=True,
            )
        )
    if len(groups) > 1:
        document.add(
            Spacer(10),
            Paragraph(
                f"All {len(groups)} sessions: {grand[0]} expected · {grand[1]} checked in · "
                f"{grand[2]} completed · {grand[3]:g} credit hours awarded",
                bold=True,
            ),
        )
    if not groups:
        document.add(Paragraph("No attendance records in this selection.", muted=True))
    return document
