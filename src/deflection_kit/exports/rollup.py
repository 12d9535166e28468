"""The per-person roll-up: sessions, completions and credited hours across a period."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from deflection_kit.errors import UsageError
from deflection_kit.exports.csv_export import write_csv
from deflection_kit.exports.table import ExportColumn, ExportTable, Value, as_text
from deflection_kit.exports.xlsx_export import write_xlsx
from deflection_kit.pdf import Column, Document, Heading, PageSetup, Paragraph, Table
from deflection_kit.storage import PersonHours

COLUMNS = (
    ExportColumn("Name", "text", "participant.name"),
    ExportColumn("Email", "text", "participant.email"),
    ExportColumn("Agency", "text", "participant.agency"),
    ExportColumn("Sessions attended", "int"),
    ExportColumn("Sessions completed", "int"),
    ExportColumn("Credited minutes", "int"),
    ExportColumn("Credit hours", "float"),
)


def rollup_table(people: Sequence[PersonHours], title: str) -> ExportTable:
    """Return the roll-up as a table."""
    rows: list[list[Value]] = [
        [
            p.participant.name,
            p.participant.email,
            p.participant.agency,
            p.sessions,
            p.completed,
            p.credited_minutes,
            p.credit_hours,
        ]
        for p in people
    ]
    return ExportTable(title=title, columns=COLUMNS, rows=rows)


def write_rollup(
    people: Sequence[PersonHours], fmt: str, target: str | os.PathLike[str], title: str
) -> Path:
    """Write the roll-up as CSV, XLSX or PDF."""
    table = rollup_table(people, title)
    path = Path(target)
    if fmt == "csv":
        return write_csv(table, path)
    if fmt == "xlsx":
        return write_xlsx(table, path)
    if fmt != "pdf":
        raise UsageError(f"unknown format {fmt!r} (csv, xlsx or pdf)")
    document = Document(
        title=title,
        author="Deflection Kit",
        setup=PageSetup(orientation="landscape"),
        header_left=f"Deflection Kit · {title}",
    )
    document.add(Heading(title))
    rows = [[as_text(v, c.kind) for v, c in zip(row, COLUMNS, strict=True)] for row in table.rows]
    total = sum(p.credit_hours for p in people)
    columns = [
        Column(c.header, 2.0 if c.kind == "text" else 1.0, "left" if c.kind == "text" else "right")
        for c in COLUMNS
    ]
    document.add(Table(columns, rows))
    document.add(Paragraph(f"{len(people)} people · {total:g} credit hours in all", bold=True))
    document.write_pdf(path)
    return path
