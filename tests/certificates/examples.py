"""Render the example certificates in docs/certificates/.

Run: ``uv run python tests/certificates/examples.py``.

The examples are specimens signed by a throwaway key, so they never verify as genuine; they show
how the two designs print the hard names: long, accented, Greek, Cyrillic, Arabic, Hebrew, CJK.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["DEFLECTION_KIT_DATA_DIR"] = tempfile.mkdtemp(prefix="cert-examples-")

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parents[1]))  # tests/: pdf_reading

from certhelp import COURSE_TITLE, HARD_NAMES

from deflection_kit import paths
from deflection_kit.certificates.keys import IssuerKey
from deflection_kit.certificates.page import A4, LETTER
from deflection_kit.certificates.prepare import prepare_certificate
from deflection_kit.certificates.render import CertificateRenderer
from deflection_kit.content import load_course
from deflection_kit.pdf.fonts import ensure_gui_app
from pdf_reading import pdf_png

DOCS = Path(__file__).resolve().parents[2] / "docs" / "certificates"
KEEP_PDF = {"classic-arabic", "modern-hebrew"}  # two PDFs to inspect (text, fonts); PNGs of all
# (file name, design, paper, name, facilitators, host agency)
EXAMPLES = (
    (
        "classic-long-name",
        "classic",
        LETTER,
        HARD_NAMES["long"],
        ("Jordan Ellis", "Priya Raman"),
        "Springfield Police Department",
    ),
    (
        "classic-arabic",
        "classic",
        LETTER,
        HARD_NAMES["arabic"],
        ("Jordan Ellis",),
        "Dearborn Fire Department",
    ),
    ("classic-cjk", "classic", A4, HARD_NAMES["cjk"], ("Priya Raman",), "Queens EMS Station 54"),
    (
        "modern-hebrew",
        "modern",
        LETTER,
        HARD_NAMES["hebrew"],
        ("Jordan Ellis", "Priya Raman"),
        "Springfield Police Department",
    ),
    (
        "modern-greek-cyrillic",
        "modern",
        A4,
        f"{HARD_NAMES['greek']} ({HARD_NAMES['cyrillic']})",
        ("Αλεξάνδρα Νικολάου",),
        "County Sheriff's Office",
    ),
    (
        "modern-accents-emoji",
        "modern",
        LETTER,
        HARD_NAMES["accents"] + " 😀",
        ("Ngozi Okafor-Ávila",),
        "Springfield Police Department",
    ),
)


def main() -> int:
    """Write one PDF and one 60 dpi PNG per example."""
    ensure_gui_app()
    course = load_course(paths.content_dir())
    key = IssuerKey.generate()
    DOCS.mkdir(parents=True, exist_ok=True)
    for stem, design, paper, name, facilitators, agency in EXAMPLES:
        prepared = prepare_certificate(
            key,
            course_id=course.info.id,
            course_title=COURSE_TITLE,
            participant_name=name,
            date=dt.date(2025, 3, 4),
            credit_hours=course.info.credit_hours,
            minutes_attended=90,
            facilitators=facilitators,
            host_agency=agency,
        )
        for warning in prepared.warnings:
            print(f"{stem}: {warning}")
        renderer = CertificateRenderer(course.info.certificate, design=design, paper=paper)
        folder = DOCS if stem in KEEP_PDF else Path(tempfile.mkdtemp(prefix="cert-example-"))
        pdf = folder / f"{stem}.pdf"
        renderer.write_pdf(
            [renderer.page(prepared.signed)],
            pdf,
            key,
            f"Specimen certificate – {name}",
            "Deflection Kit",
        )
        pdf_png(pdf, 60, DOCS / stem)
        print(DOCS / f"{stem}.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
