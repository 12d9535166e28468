"""Read the built documents back: PDF text per page or as one line, NFKC-normalised."""

from __future__ import annotations

import re
import subprocess
import unicodedata
from pathlib import Path

CHOSEN = ("self-referral", "naloxone-plus")  # the pathways the test session covers


def pdf_pages(path: Path) -> list[str]:
    """Return each page's text as poppler reads it, NFKC-normalised, spaces collapsed."""
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


def flat(text: str) -> str:
    """Return text with every run of white space as one space (lines joined)."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()


def pdf_flat(path: Path) -> str:
    """Return a PDF's whole text as one line, for finding sentences that wrap."""
    output = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return flat(output.replace("-\n", "-\n"))
