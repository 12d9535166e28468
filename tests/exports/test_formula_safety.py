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
