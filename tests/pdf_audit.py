"""The auditor's test for every PDF the kit writes: read it as assistive technology would.

``audit(path)`` reads a PDF with pikepdf (no programs needed) and asserts: tagged (MarkInfo and a
structure tree), headings and real table header cells in the tree, ``/Lang`` and a title set
(and shown as the window title), bookmarks, every font embedded, no raster image standing in for
text (an image must be a Figure with alternative text), every chart Figure with alternative
text; then runs the ``pdfua`` checker (the machine-checkable subset of PDF/UA-1) and requires
zero errors. ``poppler_audit(path)`` checks the same with poppler (``pdfinfo -struct``,
``pdffonts``) as an independent reader, when poppler is installed.

This is not a PDF/UA conformance claim: see docs/accessibility.md for what stays manual.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf
import pytest
from pdfua import Severity, validate
from pypdf import PdfReader

HEADINGS = frozenset({"H", "H1", "H2", "H3", "H4", "H5", "H6"})


@dataclass
class Structure:
    """What a PDF tells assistive technology."""

    tags: Counter[str] = field(default_factory=Counter)
    tables: int = 0
    tables_with_headers: int = 0
    figures: int = 0
    figures_with_alt: int = 0
    alts: list[str] = field(default_factory=list)  # each figure's alternative text
    lang: str = ""
    title: str = ""
    display_title: bool = False
    marked: bool = False
    bookmarks: list[str] = field(default_factory=list)
    fonts: dict[str, bool] = field(default_factory=dict)  # base name -> embedded
    images: int = 0
    pages: int = 0


def _name(value: object) -> str:
    return str(value)[1:] if str(value).startswith("/") else str(value)


def _walk_tree(node: pikepdf.Object, roles: dict[str, str], found: Structure) -> list[str]:
    """Visit a structure element and its children; return the element types below it."""
    below: list[str] = []
    if not isinstance(node, pikepdf.Dictionary) or "/S" not in node:
        return below
    tag = _name(node.S)
    tag = roles.get(tag, tag)
    found.tags[tag] += 1
    kids = node.get("/K")
    children = list(kids) if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []
    for child in children:
        if isinstance(child, pikepdf.Dictionary) and "/S" in child:
            below.extend(_walk_tree(child, roles, found))
    if tag == "Table":
        found.tables += 1
        found.tables_with_headers += "TH" in below
    if tag == "Figure":
        found.figures += 1
        found.figures_with_alt += bool(str(node.get("/Alt", "")).strip())
        found.alts.append(str(node.get("/Alt", "")))
    return [tag, *below]


def _fonts_and_images(resources: pikepdf.Object, found: Structure, seen: set[tuple[int, int]]):
    if not isinstance(resources, pikepdf.Dictionary):
        return
    for font in (resources.get("/Font") or {}).values():
        key = font.objgen
        if key in seen:
            continue
        seen.add(key)
        subtype = _name(font.get("/Subtype", ""))
        base = _name(font.get("/BaseFont", "Type3")).split("+")[-1]
        if subtype == "Type3":
            found.fonts[base] = True  # glyphs are drawn inside the file
            continue
        described = font.DescendantFonts[0] if subtype == "Type0" else font
        descriptor = described.get("/FontDescriptor")
        embedded = descriptor is not None and any(
            k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")
        )
        found.fonts[base] = found.fonts.get(base, True) and embedded
    for xobject in (resources.get("/XObject") or {}).values():
        key = xobject.objgen
        if key in seen:
            continue
        seen.add(key)
        subtype = _name(xobject.get("/Subtype", ""))
        if subtype == "Image":
            found.images += 1
        elif subtype == "Form":
            _fonts_and_images(xobject.get("/Resources"), found, seen)


def _outline_titles(pdf: pikepdf.Pdf) -> list[str]:
    with pdf.open_outline() as outline:
        titles: list[str] = []
        stack = list(outline.root)
        while stack:
            item = stack.pop(0)
            titles.append(item.title)
            stack[:0] = list(item.children)
        return titles


def read_structure(path: Path) -> Structure:
    """Return what ``path`` tells assistive technology, read with pikepdf."""
    found = Structure()
    with pikepdf.open(path) as pdf:
        root = pdf.Root
        found.lang = str(root.get("/Lang", ""))
        found.marked = bool(root.get("/MarkInfo", {}).get("/Marked", False))
        found.display_title = bool(
            root.get("/ViewerPreferences", {}).get("/DisplayDocTitle", False)
        )
        with pdf.open_metadata() as xmp:
            found.title = str(xmp.get("dc:title", "") or pdf.docinfo.get("/Title", ""))
        tree = root.get("/StructTreeRoot")
        if tree is not None:
            roles = {_name(k): _name(v) for k, v in (tree.get("/RoleMap") or {}).items()}
            kids = tree.get("/K")
            for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
                _walk_tree(kid, roles, found)
        found.bookmarks = _outline_titles(pdf)
        seen: set[tuple[int, int]] = set()
        for page in pdf.pages:
            _fonts_and_images(page.get("/Resources"), found, seen)
        found.pages = len(pdf.pages)
    return found


def audit(
    path: Path,
    *,
    title: str | None = None,
    lang: str = "en",
    tables: bool = True,
    charts: int = 0,
) -> Structure:
    """Assert ``path`` is the accessible PDF an auditor expects; return what was read."""
    found = read_structure(path)
    assert found.marked, f"{path.name}: not marked as tagged (MarkInfo /Marked)"
    assert found.tags, f"{path.name}: no structure tree"
    assert found.tags.keys() & HEADINGS, f"{path.name}: no headings in {dict(found.tags)}"
    assert found.bookmarks, f"{path.name}: no bookmarks"
    assert found.lang.startswith(lang), f"{path.name}: /Lang is {found.lang!r}, not {lang!r}"
    assert found.title.strip(), f"{path.name}: no title"
    if title is not None:
        assert found.title == title, f"{path.name}: title {found.title!r}"
    assert found.display_title, f"{path.name}: the viewer shows the file name, not the title"
    if tables:
        assert found.tables, f"{path.name}: no tables in the structure tree"
        assert found.tables_with_headers == found.tables, f"{path.name}: a table without TH"
    assert found.fonts, f"{path.name}: no fonts (is the text drawn as pictures?)"
    missing = sorted(name for name, embedded in found.fonts.items() if not embedded)
    assert not missing, f"{path.name}: fonts not embedded: {missing}"
    assert found.figures_with_alt == found.figures, f"{path.name}: a figure without alt text"
    assert found.figures >= charts, f"{path.name}: {found.figures} figures, {charts} charts"
    # No text drawn as images: the kit draws no raster images, and a page with content has text.
    assert found.images <= found.figures_with_alt - charts, f"{path.name}: raster images"
    for number, page_text in enumerate(page_texts(path), start=1):
        assert page_text.strip(), f"{path.name}: page {number} has no text"
    report = validate(str(path))
    errors = [f for f in report.findings if f.severity is Severity.ERROR]
    assert not errors, f"{path.name}: pdfua errors: " + "; ".join(
        f"{f.rule_id} {f.message}" for f in errors
    )
    return found


def page_texts(path: Path) -> list[str]:
    """Return each page's text as pypdf extracts it (no programs needed), NFKC-normalised."""
    return [
        unicodedata.normalize("NFKC", page.extract_text() or "") for page in PdfReader(path).pages
    ]


def text(path: Path) -> str:
    """Return the whole PDF's text on one line (runs of white space as one space)."""
    return re.sub(r"\s+", " ", " ".join(page_texts(path))).strip()


def _poppler(program: str) -> str:
    """Return the program's path; skip (or, on CI, fail) with one line when it is missing."""
    # TODO: use the shared "needs a program" marker from tests/conftest.py once it lands.
    found = shutil.which(program)
    if found is None:
        message = f"{program} (poppler-utils) is not installed; .ci/run installs it"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return found


def poppler_audit(path: Path, *, tables: bool = True) -> None:
    """Check with poppler, an independent reader: tagged, headings, TH, every font embedded."""
    info = subprocess.run(
        [_poppler("pdfinfo"), str(path)],
        capture_output=True,
        encoding="utf-8",
        errors="replace",
        check=True,
    ).stdout
    assert "Tagged:          yes" in info, info
    struct = subprocess.run(
        [_poppler("pdfinfo"), "-struct", str(path)],
        capture_output=True,
        encoding="utf-8",
        errors="replace",
        check=True,
    ).stdout
    tags = {line.split()[0] for line in struct.splitlines() if line.strip()}
    assert tags & HEADINGS, f"{path.name}: poppler sees no headings"
    if tables:
        assert {"Table", "TH"} <= tags, f"{path.name}: poppler sees no table headers"
    fonts = subprocess.run(
        [_poppler("pdffonts"), str(path)],
        capture_output=True,
        encoding="utf-8",
        errors="replace",
        check=True,
    ).stdout.splitlines()[2:]
    assert fonts, f"{path.name}: poppler sees no fonts"
    for line in fonts:
        assert line.split()[-5] == "yes", f"{path.name}: not embedded: {line}"
