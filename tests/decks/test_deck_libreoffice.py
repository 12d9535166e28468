"""End to end: decks opened by a real client (LibreOffice, headless) and rendered to PDF.

Checks what a trainer would see: one page per slide, every title and bullet on its page, and no
text running past its box into the footer.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
import uuid
from pathlib import Path

import pytest
from deck_readers import open_pptx
from lxml import etree
from PIL import Image
from pptx import Presentation

from deflection_kit.decks import DeckOptions, build_deck
from deflection_kit.decks.look import EMU_PER_PT

# LibreOffice shows the decks as a user's PowerPoint would; poppler reads LibreOffice's PDFs as an
# independent reader (word boxes, page renders).
pytestmark = [pytest.mark.slow, pytest.mark.needs("soffice", "pdftotext", "pdftoppm")]
# 119 characters: wraps out of the footer box unless it is fitted
LONG_AGENCY = (
    "Springfield County Department of Fire and Emergency Medical Services, "
    "Behavioral Health Response and Community Outreach"
)


def _norm(text: str) -> str:
    """Return text as compared: NFKC, no spaces or hyphens (lines may break at either)."""
    return re.sub(r"[\s\-‐‑]+", "", unicodedata.normalize("NFKC", text))


def _convert(decks: list[Path], out: Path) -> list[Path]:
    profile = Path("/tmp") / f"deflection-kit-lo-{uuid.uuid4().hex}"
    try:
        subprocess.run(
            [
                "soffice",
                "--headless",
                f"-env:UserInstallation=file://{profile}",
                "--convert-to",
                "pdf",
                "--outdir",
                str(out),
                *map(str, decks),
            ],
            capture_output=True,
            timeout=300,
            check=True,
        )
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    return [out / f"{deck.stem}.pdf" for deck in decks]


def _pages(pdf: Path) -> list[list[tuple[float, float, float, float, str]]]:
    """Return each page's words with their boxes (points from the top-left)."""
    xml = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, timeout=60, check=True
    ).stdout
    root = etree.fromstring(xml, etree.XMLParser(recover=True))
    pages = []
    for page in root.iter("{*}page"):
        words = [
            (
                float(w.get("xMin")),
                float(w.get("yMin")),
                float(w.get("xMax")),
                float(w.get("yMax")),
                w.text or "",
            )
            for w in page.iter("{*}word")
        ]
        pages.append(words)
    return pages


def _check(deck_path: Path, pdf: Path, body_bottom_pt: float | None, footer_top_pt: float) -> None:
    prs = open_pptx(deck_path)
    pages = _pages(pdf)
    assert len(pages) == len(prs.slides)
    width_pt = prs.slide_width / EMU_PER_PT
    height_pt = prs.slide_height / EMU_PER_PT
    for number, (slide, words) in enumerate(zip(prs.slides, pages, strict=True), start=1):
        page_text = _norm(" ".join(word[4] for word in words))
        for shape in slide.shapes:
            if not shape.has_text_frame:
                continue
            for paragraph in shape.text_frame.paragraphs:
                text = _norm(paragraph.text)
                if text and not re.fullmatch(r"\d+", text):
                    assert text in page_text, (number, text)
        for x0, y0, x1, y1, word in words:
            inside = x0 >= -1 and y0 >= -1 and x1 <= width_pt + 1 and y1 <= height_pt + 1
            assert inside, (number, word)
            if body_bottom_pt is not None and y0 < footer_top_pt - 2:
                assert y1 <= body_bottom_pt + 3, f"slide {number}: {word!r} runs past its box"


@pytest.fixture(scope="module")
def rendered(fixture_course, tmp_path_factory):
    folder = tmp_path_factory.mktemp("lo")
    logo = folder / "logo.png"
    Image.new("RGB", (400, 160), (20, 60, 120)).save(logo)
    resources = folder / "local.csv"
    rows = "".join(
        f"Provider {i},Outpatient treatment and recovery support,555-01{i:02d},"
        f"{i} Harbor Street,Mon-Fri 8-6\n"
        for i in range(14)
    )
    resources.write_text("name,service,phone,address,hours\n" + rows, encoding="utf-8")
    template = folder / "department.pptx"
    Presentation().save(template)
    decks = {
        "full": DeckOptions(agency="Springfield Fire Department", logo=logo, resources=resources),
        "briefing": DeckOptions(
            recipe="pathway-briefing",
            theme="high-contrast",
            audience="police",
            accent="FFFFFF",
            agency=LONG_AGENCY,
        ),
        "template": DeckOptions(recipe="roll-call", theme=str(template), agency="Town PD"),
        "leaders": DeckOptions(recipe="community-leaders", theme="high-contrast"),
    }
    paths = {}
    for name, options in decks.items():
        paths[name], _ = build_deck(fixture_course, options, folder / f"{name}.pptx")
    pdfs = _convert(list(paths.values()), folder)
    return {name: (paths[name], pdf) for name, pdf in zip(paths, pdfs, strict=True)}


def test_full_course_renders_page_for_slide_with_no_overflow(rendered) -> None:
    deck, pdf = rendered["full"]
    # default theme: bodies end at 6.7 in, the footer starts at 6.9 in
    _check(deck, pdf, body_bottom_pt=6.7 * 72, footer_top_pt=6.9 * 72)
    titles = [s.shapes.title.text if s.shapes.title else "" for s in open_pptx(deck).slides]
    assert "Local resources (continued)" in titles  # 14 providers do not fit on one slide


def test_high_contrast_briefing_renders(rendered) -> None:
    deck, pdf = rendered["briefing"]
    _check(deck, pdf, body_bottom_pt=6.7 * 72, footer_top_pt=6.9 * 72)
    for number, words in enumerate(_pages(pdf), start=1):
        # the long agency name sits on one line inside the footer box (6.9-7.35 in)
        footer = [word for word in words if word[1] >= 6.9 * 72 - 2 and word[0] < 9.25 * 72]
        assert footer, number
        assert len({round(word[1]) for word in footer}) == 1, number
        assert all(word[3] <= 7.35 * 72 + 2 for word in footer), number


def test_department_template_renders(rendered) -> None:
    deck, pdf = rendered["template"]
    _check(deck, pdf, body_bottom_pt=None, footer_top_pt=0)


def test_bundled_course_full_deck_renders(real_course, tmp_path) -> None:
    path, deck = build_deck(real_course, DeckOptions(agency="Test Agency"), tmp_path / "b.pptx")
    assert deck.pathways == tuple(p.id for p in real_course.pathways)
    [pdf] = _convert([path], tmp_path)
    _check(path, pdf, body_bottom_pt=6.7 * 72, footer_top_pt=6.9 * 72)


def _footer_contrast(pdf: Path, folder: Path) -> list[float]:
    """Return, per rendered page, the contrast of the footer text with what it sits on."""
    from deflection_kit.decks.look import contrast_ratio

    subprocess.run(
        ["pdftoppm", "-png", "-r", "100", str(pdf), str(folder / "page")],
        capture_output=True,
        timeout=120,
        check=True,
    )
    ratios = []
    for page in sorted(folder.glob("page-*.png")):
        with Image.open(page) as image:
            rgb = image.convert("RGB")
            # the footer text box of the bundled themes: 0.75-9.25 in across, 6.9-7.35 in down
            strip = rgb.crop((75, 690, 925, 735))
            counts = sorted(strip.getcolors(1_000_000) or [], reverse=True)
        background = "{:02X}{:02X}{:02X}".format(*counts[0][1])
        ratios.append(
            max(
                contrast_ratio("{:02X}{:02X}{:02X}".format(*colour), background)
                for _count, colour in counts
            )
        )
    return ratios


def test_footers_stay_readable_on_every_rendered_slide(rendered, tmp_path) -> None:
    # LibreOffice drew high-contrast section slides' footers grey on yellow (2.8:1).
    for name in ("full", "leaders"):
        deck, pdf = rendered[name]
        folder = tmp_path / name
        folder.mkdir()
        ratios = _footer_contrast(pdf, folder)
        assert len(ratios) == len(open_pptx(deck).slides)
        assert min(ratios) >= 4.5, (name, [i + 1 for i, r in enumerate(ratios) if r < 4.5])
