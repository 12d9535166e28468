"""Export attendance records as CSV, XLSX or PDF through a profile."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from deflection_kit.errors import UsageError
from deflection_kit.exports.csv_export import write_csv
from deflection_kit.exports.pdf_sheets import write_roster, write_sign_in
from deflection_kit.exports.profiles import Profile, build_table, load_profile, select_records
from deflection_kit.exports.xlsx_export import write_xlsx
from deflection_kit.storage import AttendanceRecord, AttendanceRows

Format = Literal["csv", "xlsx", "pdf"]
FORMATS: tuple[Format, ...] = ("csv", "xlsx", "pdf")
DEFAULT_PROFILE = "generic"


@dataclass(frozen=True)
class ExportResult:
    """What was written."""

    path: Path
    rows: int
    profile: str


def export_attendance(
    records: AttendanceRows | Sequence[AttendanceRecord],
    fmt: Format,
    target: str | os.PathLike[str],
    title: str,
    profile: str | Profile | None = None,
) -> ExportResult:
    """Write records through a profile; nothing is written if a required field is missing.

    ``records`` may be the bulk form (``store.attendance.rows(...)``), which CSV and XLSX
    write without building a record object per row.
    """
    chosen = profile if isinstance(profile, Profile) else load_profile(profile or DEFAULT_PROFILE)
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r} (csv, xlsx or pdf)")
    path = Path(target)
    if chosen.layout == "sign-in" and fmt != "pdf":
        raise UsageError(f"the {chosen.name!r} profile prints a PDF only: use --format pdf")
    if fmt == "pdf":
        # A printed roster is small: the PDF layouts take whole records.
        listed = records.records() if isinstance(records, AttendanceRows) else records
        if chosen.layout == "sign-in":
            write_sign_in(listed, chosen, path)
            return ExportResult(path, len(listed), chosen.name)
        write_roster(listed, chosen, title, path)
        return ExportResult(path, len(select_records(chosen, listed)), chosen.name)
    table = build_table(chosen, records, f"{chosen.title} — {title}", formatted=fmt == "csv")
    (write_csv if fmt == "csv" else write_xlsx)(table, path)
    return ExportResult(path, len(table.rows), chosen.name)
