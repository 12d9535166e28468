"""Write a table as CSV that Excel opens correctly and that cannot run formulas."""

from __future__ import annotations

import csv
import os
from pathlib import Path
from typing import IO, cast

from deflection_kit import privatefiles
from deflection_kit.exports.safety import neutralise
from deflection_kit.exports.table import ExportTable, text_formatter


def write_csv(table: ExportTable, target: str | os.PathLike[str]) -> Path:
    """Write ``table`` to ``target`` (UTF-8 with BOM, CRLF) atomically and owner-only."""
    formats = [text_formatter(column.kind) for column in table.columns]
    with privatefiles.atomic_open(target, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(cast(IO[str], handle), lineterminator="\r\n")
        writer.writerow([neutralise(column.header) for column in table.columns])
        if table.formatted:
            writer.writerows(table.rows)
        else:
            writer.writerows(
                [fmt(value) for fmt, value in zip(formats, row, strict=True)] for row in table.rows
            )
    return Path(target)
