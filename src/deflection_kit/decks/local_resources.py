"""Read a department's local resources file (CSV: name, service, phone, address, hours).

The whole file is checked before anything is built: one bad row stops the deck with
``file:line: message`` and nothing is written.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from deflection_kit.errors import InputFileError

COLUMNS = ("name", "service", "phone", "address", "hours")
MAX_BYTES = 1024 * 1024
MAX_ROWS = 500
MAX_FIELD = 300


@dataclass(frozen=True)
class LocalResource:
    """A local provider or service trainers point people to."""

    name: str
    service: str = ""
    phone: str = ""
    address: str = ""
    hours: str = ""

    def details(self) -> list[str]:
        """Return the lines shown under the name: service and phone, address and hours."""
        lines = [" · ".join(p for p in (self.service, self.phone) if p)]
        lines.append(" · ".join(p for p in (self.address, self.hours) if p))
        return [line for line in lines if line]


def _clean(value: str) -> str:
    return " ".join(value.split())


def read_local_resources(path: str | Path) -> tuple[LocalResource, ...]:
    """Read and check a local resources CSV file."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_BYTES:
            raise InputFileError(path, None, "file is larger than 1 MB")
        data = path.read_bytes()
    except OSError as error:
        raise InputFileError(path, None, f"cannot read: {error.strerror or error}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise InputFileError(path, line, "not UTF-8 text; save the file as CSV UTF-8") from None
    if "\x00" in text:
        raise InputFileError(path, 1, "contains a NUL byte; is this a CSV file?")
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, None)
    except csv.Error as error:
        raise InputFileError(path, reader.line_num or 1, f"not valid CSV: {error}") from None
    if header is None or not any(cell.strip() for cell in header):
        raise InputFileError(
            path, 1, f"empty file; the first line names the columns: {', '.join(COLUMNS)}"
        )
    names = [_clean(cell).lower() for cell in header]
    unknown = [name for name in names if name not in COLUMNS]
    if unknown:
        raise InputFileError(
            path, 1, f"unknown column {unknown[0]!r}; the columns are: {', '.join(COLUMNS)}"
        )
    if "name" not in names:
        raise InputFileError(path, 1, "no 'name' column")
    duplicated = [name for name in set(names) if names.count(name) > 1]
    if duplicated:
        raise InputFileError(path, 1, f"column {duplicated[0]!r} appears twice")
    rows: list[LocalResource] = []
    try:
        for cells in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            # Fewer cells is as wrong as more: a comma missed moves the hours into the address.
            if len(cells) != len(names):
                cell = "cell" if len(cells) == 1 else "cells"
                raise InputFileError(
                    path, line, f"{len(cells)} {cell} but the header names {len(names)} columns"
                )
            values = {name: _clean(cell) for name, cell in zip(names, cells, strict=False)}
            if not values.get("name"):
                raise InputFileError(path, line, "the name is empty")
            too_long = [k for k, v in values.items() if len(v) > MAX_FIELD]
            if too_long:
                raise InputFileError(
                    path, line, f"{too_long[0]} is longer than {MAX_FIELD} characters"
                )
            rows.append(LocalResource(**values))
            if len(rows) > MAX_ROWS:
                raise InputFileError(path, line, f"more than {MAX_ROWS} resources")
    except csv.Error as error:
        raise InputFileError(path, reader.line_num, f"not valid CSV: {error}") from None
    if not rows:
        raise InputFileError(path, 2, "no resources: add one row per service under the header")
    return tuple(rows)
