"""The editable copies of the facilitator guide: Markdown, and an OpenDocument text file.

Markdown is the source a department keeps and edits; the .odt is the same text for people who
edit in Word, LibreOffice or Google Docs. Qt writes the .odt (QTextDocumentWriter), so no
extra library is needed; its zip entries are re-stamped with the document's date so the same
guide gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

from PySide6.QtGui import QTextDocument, QTextDocumentWriter

from deflection_kit import privatefiles
from deflection_kit.pdf import ensure_gui_app, make_font
from deflection_kit.pdf.reproducible import deterministic_qt


def write_markdown(target: Path, text: str) -> Path:
    """Write Markdown text atomically and owner-only."""
    return privatefiles.write_text(target, text)


def _restamp(data: bytes, when: dt.datetime) -> bytes:
    """Return the zip ``data`` with every entry dated ``when`` (mimetype first, stored)."""
    stamp = (max(when.year, 1980), when.month, when.day, 0, 0, 0)
    source = zipfile.ZipFile(io.BytesIO(data))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as target:
        names = source.namelist()
        ordered = (
            ["mimetype", *(n for n in names if n != "mimetype")] if "mimetype" in names else names
        )
        for name in ordered:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            target.writestr(info, source.read(name))
    return output.getvalue()


def write_odt(target: Path, markdown: str, when: dt.datetime) -> Path:
    """Write the Markdown as an OpenDocument text file (atomic, owner-only, reproducible)."""
    ensure_gui_app()
    deterministic_qt()
    document = QTextDocument()
    document.setDefaultFont(make_font(10.5))
    document.setMarkdown(markdown)
    with privatefiles.atomic_path(target, suffix=".odt") as tmp:
        writer = QTextDocumentWriter(str(tmp), b"ODF")
        if not writer.write(document):
            raise OSError(f"could not write {target}: {writer.device().errorString()}")
        del writer
        tmp.write_bytes(_restamp(tmp.read_bytes(), when))
    return target
