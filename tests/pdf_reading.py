"""Read PDFs back the way a user's viewer would, with Python libraries only (no poppler needed).

Text, images and page renders come from PDFium (pypdfium2: the engine of Chrome's PDF viewer);
text laid out in columns and the fonts a PDF names come from pypdf. Shared by the tests of every
part that writes PDFs (certificates, exports, materials, reports, pdf); text is NFKC-normalised
because Qt writes ligatures ("ﬁ"). Tests that check a PDF with poppler as an independent reader
would are marked ``@pytest.mark.needs("pdftotext")`` and call poppler themselves.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
from pypdf import PdfReader
from pypdf.generic import DictionaryObject, IndirectObject

BIDI_MARKS = dict.fromkeys(
    map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
)


def _pdfium_pages(path: Path) -> list[str]:
    """Return each page's text in reading order as PDFium extracts it."""
    document = pdfium.PdfDocument(str(path))
    try:
        texts = []
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            texts.append(textpage.get_text_bounded().replace("\r\n", "\n").replace("\r", "\n"))
            textpage.close()
            page.close()
        return texts
    finally:
        document.close()


def pdf_text(path: Path) -> str:
    """Return the PDF's text (pages apart by form feeds), NFKC-normalised, bidi marks removed."""
    text = "\f".join(_pdfium_pages(path))
    return unicodedata.normalize("NFKC", text).translate(BIDI_MARKS)


def page_texts(path: Path) -> list[str]:
    """Return each page's text laid out as on the page (columns kept apart), NFKC-normalised."""
    reader = PdfReader(path)
    texts = [page.extract_text(extraction_mode="layout") for page in reader.pages]
    # pypdf writes the gap between two words of Qt's text as a tab
    return [unicodedata.normalize("NFKC", text.replace("\t", " ")) for text in texts]


def flat(text: str) -> str:
    """Return text with every run of white space as one space (lines joined)."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()


def pdf_flat(path: Path) -> str:
    """Return a PDF's whole text as one line, for finding sentences that wrap."""
    return flat("\n".join(_pdfium_pages(path)))


def shows(text: str, value: str) -> bool:
    """Return True when ``text`` shows ``value``: whole, or word by word for right-to-left text
    (extractors put RTL runs split at punctuation in visual order). Spaces and hyphens are ignored:
    an extractor may join a word hyphenated at a line break."""
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


def _resolved(value: Any) -> Any:
    return value.get_object() if isinstance(value, IndirectObject) else value


def _font_dicts(resources: Any, seen: set[int]) -> Iterator[DictionaryObject]:
    """Yield every font in a resource dictionary and in the forms (XObjects) it draws."""
    resources = _resolved(resources)
    if not isinstance(resources, DictionaryObject) or id(resources) in seen:
        return
    seen.add(id(resources))
    for font in (_resolved(resources.get("/Font")) or {}).values():
        yield _resolved(font)
    for xobject in (_resolved(resources.get("/XObject")) or {}).values():
        xobject = _resolved(xobject)
        if xobject.get("/Subtype") == "/Form":
            yield from _font_dicts(xobject.get("/Resources"), seen)


def _embedded(font: DictionaryObject) -> bool:
    """Return whether a font's program is inside the PDF (a Type0 font's is in its descendant)."""
    if font.get("/Subtype") == "/Type0":
        (descendant,) = _resolved(font["/DescendantFonts"])
        font = _resolved(descendant)
    if font.get("/Subtype") == "/Type3":
        return True  # drawn with PDF operators: nothing to look up
    descriptor = _resolved(font.get("/FontDescriptor")) or {}
    return any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))


def pdf_fonts(path: Path) -> list[tuple[str, bool]]:
    """Return each font the pages (and their form fields' looks) use, and if it is embedded."""
    fonts: dict[int, tuple[str, bool]] = {}
    seen: set[int] = set()
    for page in PdfReader(path).pages:
        sources = [page.get("/Resources")]
        for annotation in _resolved(page.get("/Annots")) or []:
            appearances = _resolved(_resolved(annotation).get("/AP")) or {}
            for state in appearances.values():
                state = _resolved(state)
                streams = state.values() if "/Resources" not in state else [state]
                sources.extend(_resolved(s).get("/Resources") for s in streams)
        for resources in sources:
            for font in _font_dicts(resources, seen):
                name = str(font.get("/BaseFont", "[none]")).lstrip("/")
                fonts[id(font)] = (name, _embedded(font))
    return list(fonts.values())


def embedded_fonts(path: Path) -> set[str]:
    """Return the base names (subset prefix removed) of the fonts embedded in a PDF."""
    return {name.split("+")[-1] for name, embedded in pdf_fonts(path) if embedded}


def metadata(path: Path) -> dict[str, str]:
    """Return the PDF's document properties."""
    info = PdfReader(path).metadata or {}
    return {str(k): str(v) for k, v in info.items()}


def pdf_images(path: Path, pages: range | None = None) -> list[tuple[int, int]]:
    """Return the pixel size (width, height) of every image drawn on the pages (default: all)."""
    document = pdfium.PdfDocument(str(path))
    try:
        sizes = []
        for index in pages if pages is not None else range(len(document)):
            page = document[index]
            for image in page.get_objects(filter=[pdfium.raw.FPDF_PAGEOBJ_IMAGE], max_depth=15):
                sizes.append(tuple(image.get_px_size()))
            page.close()
        return sizes
    finally:
        document.close()


def render_pages(path: Path, dpi: int, out_prefix: Path, pages: range | None = None) -> list[Path]:
    """Render pages (default: all) to PNG files ``PREFIX-N.png`` (N from 1); return their paths."""
    document = pdfium.PdfDocument(str(path))
    try:
        written = []
        for index in pages if pages is not None else range(len(document)):
            page = document[index]
            target = out_prefix.parent / f"{out_prefix.name}-{index + 1}.png"
            page.render(scale=dpi / 72).to_pil().save(target)
            page.close()
            written.append(target)
        return written
    finally:
        document.close()


def pdf_png(path: Path, dpi: int, out_prefix: Path) -> Path:
    """Render the first page to PNG; return the image path (``PREFIX.png``)."""
    (first,) = render_pages(path, dpi, out_prefix, range(1))
    return first.replace(out_prefix.with_suffix(".png"))
