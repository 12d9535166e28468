"""Printable attendance documents: a sign-in sheet and an attendance roster with totals.

Each is a ``Part`` of blocks (so the audit packet can bind them in), typeset by the
``sign-in-sheet`` and ``attendance-roster`` document templates as tagged PDF/UA-1.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from deflection_kit.documents import write_pdf
from deflection_kit.documents.blocks import (
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
from deflection_kit.errors import DeflectionKitError
from deflection_kit.exports.fields import FIELDS
from deflection_kit.exports.profiles import Profile, build_table
from deflection_kit.exports.table import as_text
from deflection_kit.settings import load_settings
from deflection_kit.storage import AttendanceRecord, Session

_NUMERIC = ("int", "float")
_NARROW = ("int", "float", "bool", "date", "datetime")  # as wide as their text, never wrapped
SIGN_IN = "sign-in-sheet"
ROSTER = "attendance-roster"


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


def paper_setting() -> Paper:
    """Return the paper size chosen in the settings (letter if they cannot be read)."""
    try:
        return load_settings().paper_size
    except DeflectionKitError:
        return "letter"  # a damaged settings file must not stop an attendance export


def _frame(title: str, profile: Profile, footer: str, right: str) -> Frame:
    return Frame(
        header_left=f"Deflection Kit · {title}",
        header_right=right,
        footer_left=footer,
        paper=paper_setting(),
        landscape=profile.pdf.orientation == "landscape",
    )


def _on_the_day(text: str, session: Session) -> str:
    """Return a check-in time without the date when it is the session's own date."""
    day = session.date.isoformat() + " "
    return text[len(day) :] if text.startswith(day) else text


def sign_in_part(records: Sequence[AttendanceRecord], profile: Profile) -> Part:
    """Return sign-in sheets, one per session: roster names pre-filled, blank walk-in lines."""
    groups = _by_session(records)
    course = groups[0][0].course_title if groups else ""
    dates = _date_span([session for session, _ in groups])
    part = Part(_frame("Sign-in sheet", profile, course, dates))
    columns = profile.export_columns()
    context = profile.context()
    for number, (session, members) in enumerate(groups):
        if number:
            part.add(PageBreak())
        part.add(Heading(f"Sign-in sheet — {session.title}"), session_details(session))
        part.add(
            Paragraph(
                "Please print your name clearly and sign. Your record of attendance and any "
                "certificate use the name as you write it here.",
                style="muted",
                size=9.0,
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
            Column("#", "auto", "right"),
            *(Column(c.header, 2.4 if i == 0 else 1.5) for i, c in enumerate(columns)),
            Column("Time in", 0.8),
            Column("Signature", 2.2),
        ]
        part.add(Table(table_columns, rows, size=9.5, zebra=False, pad=4.0, min_height=26.0))
    if not groups:
        part.add(Heading("Sign-in sheet"), Paragraph("No session selected."))
    return part


def write_sign_in(
    records: Sequence[AttendanceRecord], profile: Profile, target: str | os.PathLike[str]
) -> int:
    """Write the sign-in sheets as a tagged PDF; return the page count."""
    document = Document("Sign-in sheet", [sign_in_part(records, profile)])
    return write_pdf(SIGN_IN, document.data(), target)


def roster_part(records: Sequence[AttendanceRecord], profile: Profile, title: str) -> Part:
    """Return an attendance roster: per session a table and totals, then overall totals."""
    groups = _by_session(records)
    course = groups[0][0].course_title if groups else ""
    part = Part(_frame(profile.title, profile, course, title))
    only = profile.pdf.columns
    grand = [0, 0, 0, 0.0]
    part.add(Heading(f"{profile.title} — {title}"))
    for number, (session, members) in enumerate(groups):
        if number:
            part.add(Spacer(14))
        table = build_table(profile, members, title, only)
        part.add(Heading(f"{session.date.isoformat()} · {session.title}", level=2))
        part.add(session_details(session))
        expected = sum(1 for r in members if r.attendance.expected)
        came = sum(1 for r in members if r.attendance.check_in is not None)
        completed = sum(1 for r in members if r.attendance.completed)
        hours = sum((session.credit_hours or 0.0) for r in members if r.attendance.completed)
        for i, value in enumerate((expected, came, completed, hours)):
            grand[i] += value
        rows = [
            [
                _on_the_day(as_text(v, c.kind), session) if c.kind == "datetime"
                else as_text(v, c.kind)
                for v, c in zip(row, table.columns, strict=True)
            ]
            for row in table.rows
        ]  # fmt: skip
        columns = [
            Column(
                c.header,
                "auto" if c.kind in _NARROW else 2.0 if c.key == "participant.name" else 1.2,
                "right" if c.kind in _NUMERIC else "left",
            )
            for c in table.columns
        ]
        if rows:
            part.add(Table(columns, rows))
        else:
            part.add(Paragraph("No one to list for this session.", style="muted"))
        part.add(
            Paragraph(
                f"Totals: {expected} expected · {came} checked in · {completed} completed · "
                f"{hours:g} credit hours awarded",
                style="bold",
            )
        )
    if len(groups) > 1:
        part.add(
            Spacer(10),
            Paragraph(
                f"All {len(groups)} sessions: {grand[0]} expected · {grand[1]} checked in · "
                f"{grand[2]} completed · {grand[3]:g} credit hours awarded",
                style="bold",
            ),
        )
    if not groups:
        part.add(Paragraph("No attendance records in this selection.", style="muted"))
    return part


def write_roster(
    records: Sequence[AttendanceRecord],
    profile: Profile,
    title: str,
    target: str | os.PathLike[str],
) -> int:
    """Write the attendance roster as a tagged PDF; return the page count."""
    document = Document(f"{profile.title} — {title}", [roster_part(records, profile, title)])
    return write_pdf(ROSTER, document.data(), target)
