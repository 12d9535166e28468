"""Read PDFs back the way a user's tools would: poppler's pdftotext, pdffonts and pdftoppm, pypdf.

Shared by the tests of every part that writes PDFs (certificates, exports, materials, pdf); the
text is NFKC-normalised because Qt writes ligatures ("ﬁ").
"""

from __future__ import annotations

import re
import subprocess
import unicodedata
from pathlib import Path

from pypdf import PdfReader

BIDI_MARKS = dict.fromkeys(
    map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
)


def _pdftotext(path: Path, *options: str) -> str:
    return subprocess.run(
        ["pdftotext", *options, "-enc", "UTF-8", str(path), "-"],
        capture_output=True,
        encoding="utf-8",
        check=True,
    ).stdout


def pdf_text(path: Path) -> str:
    """Return the PDF's text as pdftotext extracts it, NFKC-normalised, bidi marks removed."""
    return unicodedata.normalize("NFKC", _pdftotext(path)).translate(BIDI_MARKS)


def page_texts(path: Path) -> list[str]:
    """Return each page's text as poppler lays it out, NFKC-normalised."""
    pages = _pdftotext(path, "-layout").split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    return [unicodedata.normalize("NFKC", page) for page in pages]


def flat(text: str) -> str:
    """Return text with every run of white space as one space (lines joined)."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()


def pdf_flat(path: Path) -> str:
    """Return a PDF's whole text as one line, for finding sentences that wrap."""
    return flat(_pdftotext(path))


def shows(text: str, value: str) -> bool:
    """Return True when ``text`` shows ``value``: whole, or word by word for right-to-left text
    (extractors put RTL runs split at punctuation in visual order). Spaces and hyphens are ignored:
    pdftotext joins a word hyphenated at a line break."""
    value = unicodedata.normalize("NFKC", value)
    joined = " ".join(text.split())
    if _squeeze(value) in _squeeze(joined):
        return True
    if any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in value):
        words = value.replace("-", " ").split()
        return all(word in joined for word in words)
    return False


def _squeeze(text: str) -> str:
    return "".join(ch for ch in text if not ch.isspace() and ch != "-")


def pdf_fonts(path: Path) -> list[tuple[str, bool]]:
    """Return each font in the PDF (as pdffonts names it) with whether it is embedded."""
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, encoding="utf-8", check=True)
    fonts = []
    for line in out.stdout.splitlines()[2:]:
        parts = line.split()
        # name type... encoding emb sub uni object ID: emb is the 5th field from the end
        fonts.append((parts[0], parts[-5] == "yes"))
    return fonts


def embedded_fonts(path: Path) -> set[str]:
    """Return the base names (subset prefix removed) of the fonts embedded in a PDF."""
    return {name.split("+")[-1] for name, embedded in pdf_fonts(path) if embedded}


def metadata(path: Path) -> dict[str, str]:
    """Return the PDF's document properties."""
    info = PdfReader(path).metadata or {}
    return {str(k): str(v) for k, v in info.items()}


def pdf_png(path: Path, dpi: int, out_prefix: Path) -> Path:
    """Render the first page to PNG; return the image path."""
    first_page = ["-f", "1", "-l", "1", "-singlefile"]
    subprocess.run(
        ["pdftoppm", "-png", "-r", str(dpi), *first_page, str(path), str(out_prefix)], check=True
    )
    return out_prefix.with_suffix(".png")
