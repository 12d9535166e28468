"""Read PDFs back the way a user's tools would: poppler's pdftotext, pdffonts and pdftoppm."""

from __future__ import annotations

import subprocess
import unicodedata
from pathlib import Path

BIDI_MARKS = dict.fromkeys(
    map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
)


def pdf_text(path: Path) -> str:
    """Return the PDF's text as pdftotext extracts it, NFKC-normalised (Qt writes ligatures)."""
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
    ).stdout.decode("utf-8")
    return unicodedata.normalize("NFKC", out).translate(BIDI_MARKS)


def shows(text: str, value: str) -> bool:
    """Return True when ``text`` shows ``value``: whole, or word by word for right-to-left text
    (extractors put RTL runs split at punctuation in visual order). Spaces and hyphens are ignored:
    pdftotext joins a word hyphenated at a line break."""
    value = unicodedata.normalize("NFKC", value)
    flat = " ".join(text.split())
    if _squeeze(value) in _squeeze(flat):
        return True
    if any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in value):
        words = value.replace("-", " ").split()
        return all(word in flat for word in words)
    return False


def _squeeze(text: str) -> str:
    return "".join(ch for ch in text if not ch.isspace() and ch != "-")


def pdf_fonts(path: Path) -> list[tuple[str, bool]]:
    """Return each font in the PDF with whether it is embedded."""
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    fonts = []
    for line in out.stdout.splitlines()[2:]:
        parts = line.split()
        # name type... encoding emb sub uni object ID: emb is the 5th field from the end
        fonts.append((parts[0], parts[-5] == "yes"))
    return fonts


def pdf_png(path: Path, dpi: int, out_prefix: Path) -> Path:
    """Render the first page to PNG; return the image path."""
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            str(dpi),
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(path),
            str(out_prefix),
        ],
        check=True,
    )
    return out_prefix.with_suffix(".png")
