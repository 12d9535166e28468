"""Certificate PDFs edited the ways a forger would: none of them verifies.

Before certificate PDFs carried a PDF signature, the first two verified as GENUINE: verification
read the page's extracted text, which neither edit changes, while the page visibly showed other
hours, another date or another name.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from certhelp import make_certificate, need_program
from forgery import append_bytes, cover_with_text_box, flip_byte, redraw_glyphs
from pypdf import PdfReader

from deflection_kit.certificates.render import CertificateRenderer
from deflection_kit.certificates.signing import sign
from deflection_kit.certificates.verify import verify_pdf
from deflection_kit.errors import InputFileError


@pytest.fixture
def renderer(gui, wording):
    return CertificateRenderer(wording)


@pytest.fixture
def genuine(renderer, issuer, trust, tmp_path) -> Path:
    page = renderer.page(sign(make_certificate(issuer), issuer))
    pdf = renderer.write_pdf([page], tmp_path / "genuine.pdf", issuer, "Certificate", "J. Ellis")
    assert [v.ok for v in verify_pdf(pdf, trust)] == [True]
    return pdf


def _text(pdf: Path) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(pdf).pages)


def _png(pdf: Path) -> bytes:
    program = need_program("pdftoppm")
    return subprocess.run(
        [program, "-png", "-r", "40", "-f", "1", "-l", "1", str(pdf)],
        capture_output=True,
        check=True,
    ).stdout


def _refused(pdf: Path, trust) -> str:
    verdicts = verify_pdf(pdf, trust)
    assert verdicts, "no verdict"
    assert not any(v.ok for v in verdicts), [v.outcome for v in verdicts]
    return verdicts[0].reason


@pytest.mark.parametrize("incremental", [False, True], ids=["rewritten", "appended"])
def test_a_font_redrawn_to_show_other_hours_and_date_fails(
    genuine, trust, tmp_path, incremental
) -> None:
    forged = redraw_glyphs(
        genuine, tmp_path / "forged.pdf", {"1": "2", "5": "4"}, incremental=incremental
    )
    # The forgery is real: a program reads the same text, a person sees other hours and date.
    assert _text(forged) == _text(genuine)
    assert "1.5 contact hours" in _text(forged)
    assert _png(forged) != _png(genuine)
    assert "altered" in _refused(forged, trust)


def test_a_text_box_over_the_name_and_hours_fails(genuine, trust, tmp_path) -> None:
    forged = cover_with_text_box(
        genuine,
        tmp_path / "annotated.pdf",
        [("Riley Park", 40), ("", 20), ("24 contact hours", 16)],
    )
    assert _text(forged) == _text(genuine)  # annotations are not page text
    assert _png(forged) != _png(genuine)
    assert "altered" in _refused(forged, trust)


def test_a_text_box_in_a_rewritten_file_fails(genuine, trust, tmp_path) -> None:
    forged = cover_with_text_box(
        genuine, tmp_path / "rewritten.pdf", [("Riley Park", 40)], incremental=False
    )
    assert "altered" in _refused(forged, trust)


def test_one_changed_bit_anywhere_fails(genuine, trust, tmp_path) -> None:
    data = genuine.read_bytes()
    places = (b"/FontFile2", b"/Contents", b"/Type /Page", b"/Title", b"<x:xmpmeta", b"startxref")
    for number, marker in enumerate(places):
        assert marker in data, marker
        forged = flip_byte(genuine, tmp_path / f"bit{number}.pdf", marker, offset=len(marker) + 3)
        try:
            verdicts = verify_pdf(forged, trust)
        except InputFileError as error:  # unreadable after the change: refused, one line
            assert "\n" not in str(error)
            continue
        assert not any(v.ok for v in verdicts), marker


def test_bytes_appended_after_the_signature_fail(genuine, trust, tmp_path) -> None:
    junk = append_bytes(genuine, tmp_path / "junk.pdf", b"\n% nothing to see\n")
    assert "altered" in _refused(junk, trust)
