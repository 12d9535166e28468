"""Read a roster file into rows of text, whatever Excel or a registration system saved.

CSV: UTF-8 (with or without BOM) or Windows-1252; comma, semicolon or tab. XLSX: checked as a zip
before openpyxl sees it, because a small file can expand to gigabytes (a zip bomb).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

from deflection_kit.errors import InputFileError
from deflection_kit.guards.archive import MB, ArchiveLimits, check_file

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_ROWS = 25_000  # far beyond any session's roster; a bigger file is the wrong file
MAX_COLUMNS = 200
# What a roster spreadsheet stays within, checked before openpyxl decompresses anything. openpyxl
# streams the sheet (read-only mode) but holds the shared strings whole: their XML is counted.
XLSX_LIMITS = ArchiveLimits(
    what=".xlsx spreadsheet",
    max_file_bytes=MAX_FILE_BYTES,
    max_members=500,
    max_member_bytes=50 * MB,
    max_total_bytes=100 * MB,
    max_ratio=100,  # spreadsheet XML compresses ~10-20x
    max_xml_elements=4_000_000,
    max_total_xml_elements=8_000_000,
)


@dataclass(frozen=True)
class RawTable:
    """A file's header and data rows, each row with the line (or sheet row) it came from."""

    path: Path
    header: tuple[str, ...]
    header_line: int
    rows: tuple[tuple[int, tuple[str, ...]], ...]
    encoding: str
    delimiter: str


def read_table(path: str | Path) -> RawTable:
    """Read a .csv/.txt/.tsv or .xlsx roster; raise InputFileError saying what is wrong."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as error:
        raise InputFileError(path, None, f"cannot read: {error.strerror}") from None
    if size > MAX_FILE_BYTES:
        raise InputFileError(path, None, "file is larger than 20 MB; is this a roster?")
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path)
    if suffix == ".xls":
        raise InputFileError(path, None, "old .xls files are not read: save it as .xlsx or .csv")
    return _read_csv(path)


def _decode(path: Path, data: bytes) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"  # Excel's "Unicode text"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "windows-1252"
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise InputFileError(
            path, line, "text is neither UTF-8 nor Windows-1252; save it as CSV UTF-8"
        ) from None


def _delimiter(top_lines: list[str]) -> str:
    # The first few lines, not only the first: a report title may sit above the header.
    counts = {d: sum(line.count(d) for line in top_lines) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _read_csv(path: Path) -> RawTable:
    data = path.read_bytes()
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        if data.startswith(b"PK"):
            raise InputFileError(path, None, "this is a zip/XLSX file: give it the .xlsx name")
        raise InputFileError(path, None, "binary data, not CSV text")
    text, encoding = _decode(path, data)
    if not text.strip():
        raise InputFileError(path, 1, "the file is empty")
    delimiter = _delimiter(text[:65536].splitlines()[:10])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, tuple[str, ...]]] = []
    header: tuple[str, ...] | None = None
    header_line = 1
    start = 1
    try:
        for record in reader:
            cells = tuple(cell.strip() for cell in record)
            line, start = start, reader.line_num + 1
            if not any(cells):
                continue
            if len(cells) > MAX_COLUMNS:
                raise InputFileError(path, line, f"more than {MAX_COLUMNS} columns")
            if header is None:
                header, header_line = cells, line
                continue
            rows.append((line, cells))
            if len(rows) > MAX_ROWS:
                raise InputFileError(path, line, _too_many())
    except csv.Error as error:
        raise InputFileError(path, reader.line_num, f"not valid CSV: {error}") from None
    assert header is not None
    return RawTable(path, header, header_line, tuple(rows), encoding, delimiter)


def _too_many() -> str:
    return f"more than {MAX_ROWS:,} rows: a roster is one session's people; split the file"


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # Excel stores ID numbers as floats: 12345.0 is "12345"
    return str(value).strip()


def _read_xlsx(path: Path) -> RawTable:
    check_file(path, XLSX_LIMITS)
    import openpyxl  # imported here: most runs never read a spreadsheet

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise InputFileError(
            path, None, f"not a readable .xlsx file ({type(error).__name__}): open and re-save it"
        ) from None
    try:
        sheet = book.worksheets[0] if book.worksheets else None
        if sheet is None:
            raise InputFileError(path, None, "the workbook has no sheet")
        header: tuple[str, ...] | None = None
        header_line = 1
        rows: list[tuple[int, tuple[str, ...]]] = []
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = tuple(_cell_text(v) for v in values[:MAX_COLUMNS])
            if not any(cells):
                continue
            if header is None:
                header, header_line = cells, number
                continue
            rows.append((number, cells))
            if len(rows) > MAX_ROWS:
                raise InputFileError(path, number, _too_many())
    except InputFileError:
        raise
    except Exception as error:
        raise InputFileError(
            path, None, f"not a readable .xlsx file ({type(error).__name__}): open and re-save it"
        ) from None
    finally:
        book.close()
    if header is None:
        raise InputFileError(path, 1, "the first sheet is empty")
    return RawTable(path, header, header_line, tuple(rows), "xlsx", "")
