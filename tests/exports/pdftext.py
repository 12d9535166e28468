"""Read a PDF back the way a person would: its text per page, its fonts and its properties."""

from __future__ import annotations

import subprocess
import unicodedata
from pathlib import Path

from pypdf import PdfReader


def page_texts(path: Path) -> list[str]:
    """Return each page's text as poppler lays it out, NFKC-normalised (Qt writes "ﬁ")."""
    output = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    pages = output.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    return [unicodedata.normalize("NFKC", page) for page in pages]


def embedded_fonts(path: Path) -> set[str]:
    """Return the base names of the fonts embedded in a PDF (via poppler's pdffonts)."""
    output = subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True
    ).stdout
    names = set()
    for line in output.splitlines()[2:]:
        parts = line.split()
        if parts and "yes" in parts:
            names.add(parts[0].split("+")[-1])
    return names


def metadata(path: Path) -> dict[str, str]:
    """Return the PDF's document properties."""
    info = PdfReader(path).metadata or {}
    return {str(k): str(v) for k, v in info.items()}
