"""No exported cell can start a live formula, whatever a name or note contains (OWASP)."""

from __future__ import annotations

import csv
import re
import tempfile
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import openpyxl
from hypothesis import given, settings
from hypothesis import strategies as st

from deflection_kit.exports.csv_export import write_csv
from deflection_kit.exports.safety import TRIGGERS, restore
from deflection_kit.exports.table import ExportColumn, ExportTable
from deflection_kit.exports.xlsx_export import write_xlsx

PREFIXES = st.sampled_from(["", "=", "+", "-", "@", "\t", "\r", "\n", "＝", "'=", " ="])
TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
CELLS = st.builds(lambda prefix, rest: prefix + rest, PREFIXES, TEXT)
DANGEROUS = ("=", "+", "-", "@", "\t", "\r", "\n")


NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}


def ecma_unescape(text: str) -> str:
    """Decode ST_Xstring escapes (_xHHHH_) as Excel does, left to right in one pass."""
    return re.sub("_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m.group(1), 16)), text)


def first_column_as_excel_reads_it(path: Path) -> list[str]:
    """Return column A below the header, decoded from the raw XML as the spec says."""
    with zipfile.ZipFile(path) as archive:
        shared = ElementTree.fromstring(archive.read("xl/sharedStrings.xml"))
        sheet = ElementTree.fromstring(archive.read("xl/worksheets/sheet1.xml"))
    strings = [ecma_unescape("".join(si.itertext())) for si in shared.findall("m:si", NS)]
    values = []
    for row in sheet.findall("m:sheetData/m:row", NS)[1:]:
        cell = next((c for c in row.findall("m:c", NS) if c.get("r", "").startswith("A")), None)
        values.append("" if cell is None else strings[int(cell.findtext("m:v", "", NS))])
    return values


def table_of(values: list[str]) -> ExportTable:
    return ExportTable(
        title="Attendance",
        columns=[ExportColumn("Name"), ExportColumn("Minutes", "int")],
        rows=[[value, -5] for value in values],
    )


@settings(max_examples=150, deadline=None)
@given(st.lists(CELLS, min_size=1, max_size=8))
def test_csv_cells_never_start_a_formula_and_read_back_unchanged(values: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "a.csv"
        write_csv(table_of(values), target)
        with open(target, encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.reader(handle))
    assert len(rows) == len(values) + 1
    for (cell, minutes), original in zip(rows[1:], values, strict=True):
        assert not cell.startswith(TRIGGERS)
        assert restore(cell) == original
        assert minutes == "-5"  # a number column stays a number


@settings(max_examples=100, deadline=None)
@given(st.lists(CELLS, min_size=1, max_size=8))
def test_xlsx_cells_are_text_never_formulas(values: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "a.xlsx"
        write_xlsx(table_of(values), target)
        with zipfile.ZipFile(target) as archive:
            sheet = archive.read("xl/worksheets/sheet1.xml").decode("utf-8")
        assert "<f>" not in sheet and "<f " not in sheet
        book = openpyxl.load_workbook(target)
        types = [row[0].data_type for row in book.active.iter_rows(min_row=2)]
        minutes = [row[1].value for row in book.active.iter_rows(min_row=2)]
        texts = first_column_as_excel_reads_it(target)
    assert all(kind != "f" for kind in types)
    assert texts == values
    assert minutes == [-5] * len(values)


# Through the whole export: what a person or a facilitator typed, in every free-text field a
# profile can print (names, agency, discipline, session title and place, course title, override
# by and reason), becomes no live formula in the CSV or XLSX a coordinator opens.
WORDY = st.builds(
    lambda prefix, rest: (prefix + rest).strip() or "x",
    PREFIXES,
    st.text(st.characters(whitelist_categories=("L", "N", "P", "S")), min_size=1, max_size=12),
)


@settings(max_examples=25, deadline=None)
@given(
    st.lists(st.tuples(WORDY, WORDY, WORDY), min_size=1, max_size=4),
    WORDY,
    WORDY,
    st.sampled_from(["generic", "ce-roster"]),
)
def test_no_exported_cell_is_a_formula_whatever_people_typed(
    people: list[tuple[str, str, str]], title: str, reason: str, profile: str
) -> None:
    import datetime as dt

    from deflection_kit.exports import export_attendance
    from deflection_kit.storage import CourseFacts, PersonFields, SessionFields, Store

    with Store.memory() as store, tempfile.TemporaryDirectory() as folder:
        session = store.sessions.create(
            SessionFields(title, dt.date(2025, 3, 4), dt.time(9), location=title),
            CourseFacts(title=title, minutes=90, credit_hours=1.5),
        )
        start = dt.datetime(2025, 3, 4, 9, tzinfo=dt.UTC)
        for number, (name, agency, discipline) in enumerate(people):
            person = PersonFields(
                f"{name} {number}", f"p{number}@example.org", "", agency, discipline,
                {"nremt": f"E{number}"},  # IDs start with a letter or digit (checked on entry)
            )  # fmt: skip
            got = store.attendance.check_in(session.id, person, start)
            store.attendance.check_out(session.id, got.participant.id, start)
            store.attendance.override_completion(session.id, got.participant.id, True, name, reason)
        rows = store.attendance.rows(session.id)
        csv_path, xlsx_path = Path(folder) / "a.csv", Path(folder) / "a.xlsx"
        export_attendance(rows, "csv", csv_path, title, profile)
        export_attendance(rows, "xlsx", xlsx_path, title, profile)
        with open(csv_path, encoding="utf-8-sig", newline="") as handle:
            cells = [cell for row in csv.reader(handle) for cell in row]
        assert cells and not [c for c in cells if c.startswith(TRIGGERS)]
        with zipfile.ZipFile(xlsx_path) as archive:
            sheet = archive.read("xl/worksheets/sheet1.xml").decode("utf-8")
        assert "<f>" not in sheet and "<f " not in sheet
        book = openpyxl.load_workbook(xlsx_path)
        kinds = {cell.data_type for row in book.active.iter_rows() for cell in row}
        assert "f" not in kinds
