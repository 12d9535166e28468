"""Write a table as CSV that Excel opens correctly and that cannot run formulas."""

from __future__ import annotations

import csv
import os
from pathlib import Path
from typing import IO, cast

from deflection_kit import privatefiles
from deflection_kit.exports.safety import neutralise
from deflection_kit.exports.table import ExportTable, as_text


def write_csv(table: ExportTable, target: str | os.PathLike[str]) -> Path:
    """Write ``table`` to ``target`` (UTF-8 with BOM, CRLF) atomically and owner-only."""
    kinds = [column.kind for column in table.columns]
    with privatefiles.atomic_open(target, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(cast(IO[str], handle), lineterminator="\r\n")
        writer.writerow([neutralise(column.header) for column in table.columns])
        writer.writerows(
            [
                neutralise(as_text(value, kind)) if kind == "text" else as_text(value, kind)
                for value, kind in zip(row, kinds, strict=True)
            ]
            for row in table.rows
        )
    return Path(target)
