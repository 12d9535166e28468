"""Certificates as PDF files, printer pages and previews: every field readable, every font embedded,
the QR code scannable, hard names in real glyphs and fitted."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from certhelp import COURSE_TITLE, HARD_NAMES

from deflection_kit.certificates import payload
from deflection_kit.certificates.fit import fit_text
from deflection_kit.certificates.glyphs import can_print
from deflection_kit.certificates.page import A4
from deflection_kit.certificates.prepare import prepare_certificate
from deflection_kit.certificates.render import CertificateRenderer
from deflection_kit.certificates.signing import verify
from deflection_kit.certificates.visible import normalise
from pdf_reading import pdf_fonts, pdf_images, pdf_png, pdf_text, shows


def _prepare(issuer, name: str, **changes):
    fields = {
        "course_id": "first-responder-deflection",
        "course_title": COURSE_TITLE,
        "participant_name": name,
        "date": dt.date(2025, 3, 4),
        "credit_hours": 1.5,
        "minutes_attended": 92,
        "facilitators": ("Jordan Ellis", "Priya Raman"),
        "host_agency": "Springfield Police Department",
    }
    fields.update(changes)
    return prepare_certificate(issuer, **fields)


def _write(renderer, issuer, signed, path: Path) -> Path:
    return renderer.write_pdf([renderer.page(signed)], path, issuer, "Certificate", "Jordan Ellis")


CASES = [("classic", kind) for kind in HARD_NAMES] + [("modern", "long"), ("modern", "arabic")]


@pytest.mark.parametrize(("design", "kind"), CASES)
def test_every_field_is_in_the_pdf_text_and_every_font_embedded(
    gui, issuer, wording, tmp_path, design, kind
) -> None:
    prepared = _prepare(issuer, HARD_NAMES[kind])
    assert prepared.warnings == ()
    cert = prepared.signed.certificate
    renderer = CertificateRenderer(wording, design=design)
    pdf = _write(renderer, issuer, prepared.signed, tmp_path / "c.pdf")
    text = pdf_text(pdf)
    for value in (
        cert.participant_name,
        COURSE_TITLE,
        "March 4, 2025",
        "1.5 contact hours",
        "92 minutes",
        "Jordan Ellis and Priya Raman",
        "Springfield Police Department",
        cert.code,
        wording.heading,
    ):
        assert shows(text, value), (value, text)
    fonts = pdf_fonts(pdf)
    assert fonts, "no fonts at all: the text would not be text"
    assert all(embedded for _, embedded in fonts), fonts


@pytest.mark.parametrize("kind", sorted(HARD_NAMES))
def test_hard_names_fit_their_box_with_real_glyphs(gui, issuer, wording, kind) -> None:
    renderer = CertificateRenderer(wording)
    page = renderer.page(_prepare(issuer, HARD_NAMES[kind]).signed)
    box = next(b for b in page.document.boxes if b.field == "participant_name")
    assert all(can_print(ch) for ch in box.text)
    image = renderer.preview(page, 1100)
    fitted = fit_text(box, 1100 / renderer.paper.width, image)
    assert fitted.fits
    assert fitted.lines <= box.max_lines
    assert fitted.size >= 16  # shrunk below the design's smallest size only for very long names


def test_a_120_character_name_fits_on_two_lines_at_a_readable_size(gui, issuer, wording) -> None:
    name = ("Maximiliana Wilhelmina Konstantinopoulou-Fitzgerald " * 3)[:120]
    assert len(name) == 120
    renderer = CertificateRenderer(wording)
    page = renderer.page(_prepare(issuer, name).signed)
    box = next(b for b in page.document.boxes if b.field == "participant_name")
    image = renderer.preview(page, 1584)  # 2 px a point
    fitted = fit_text(box, 2.0, image)
    assert fitted.fits and fitted.lines == 2
    assert fitted.size >= 14


def test_the_qr_code_decoded_from_a_rendered_page_verifies(gui, issuer, wording, trust, tmp_path):
    import zxingcpp
    from PySide6.QtGui import QImage

    prepared = _prepare(issuer, HARD_NAMES["arabic"])
    for design in ("classic", "modern"):
        pdf = _write(
            CertificateRenderer(wording, design=design),
            issuer,
            prepared.signed,
            tmp_path / f"{design}.pdf",
        )
        image = QImage(str(pdf_png(pdf, 150, tmp_path / design)))
        found = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
        assert len(found) == 1, design
        signed = payload.decode(found[0].text)
        assert signed == prepared.signed
        assert verify(signed, trust).ok


def test_pdf_title_author_and_page_size_are_set(gui, issuer, wording, tmp_path) -> None:
    from pypdf import PdfReader

    prepared = _prepare(issuer, "Dana Whitfield")
    renderer = CertificateRenderer(wording, paper=A4)
    pdf = renderer.write_pdf(
        [renderer.page(prepared.signed)],
        tmp_path / "a4.pdf",
        issuer,
        "Certificate of Completion – Dana Whitfield",
        "Jordan Ellis",
    )
    reader = PdfReader(pdf)
    assert reader.metadata.title == "Certificate of Completion – Dana Whitfield"
    assert reader.metadata.author == "Jordan Ellis"
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (842, 595)  # A4 landscape
    assert (pdf.stat().st_mode & 0o777) == 0o600


def test_emoji_are_dropped_with_a_warning_never_a_blank_box(gui, issuer, wording, tmp_path):
    prepared = _prepare(issuer, "Sam 👩🏽‍🚒 Lee 😀", host_agency="Fire 🔥 District")
    assert prepared.signed.certificate.participant_name == "Sam Lee"
    assert prepared.signed.certificate.host_agency == "Fire District"
    assert len(prepared.warnings) == 2
    assert "U+1F600" in prepared.warnings[0] and "no font can print it" in prepared.warnings[0]
    renderer = CertificateRenderer(wording)
    page = renderer.page(prepared.signed)
    assert all(can_print(ch) for ch in page.text if not ch.isspace())
    text = pdf_text(_write(renderer, issuer, prepared.signed, tmp_path / "e.pdf"))
    assert shows(text, "Sam Lee")


def test_bidi_overrides_cannot_reorder_the_printed_name(gui, issuer, wording, tmp_path) -> None:
    prepared = _prepare(issuer, "Dana \u202eLLAMS\u202c Whitfield")
    assert prepared.signed.certificate.participant_name == "Dana LLAMS Whitfield"
    text = pdf_text(
        _write(CertificateRenderer(wording), issuer, prepared.signed, tmp_path / "b.pdf")
    )
    assert "Dana LLAMS Whitfield" in text


def test_printing_uses_the_same_painting(gui, issuer, wording, tmp_path) -> None:
    from PySide6.QtPrintSupport import QPrinter

    renderer = CertificateRenderer(wording)
    pages = [renderer.page(_prepare(issuer, name).signed) for name in ("Ana Lima", "Bo Chen")]
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    renderer.print_pages(pages, printer)
    text = pdf_text(tmp_path / "printed.pdf")
    assert "Ana Lima" in text and "Bo Chen" in text
    assert text.count(COURSE_TITLE) == 2


def test_the_preview_shows_the_page(gui, issuer, wording) -> None:
    renderer = CertificateRenderer(wording, design="modern")
    image = renderer.preview(renderer.page(_prepare(issuer, "Dana Whitfield").signed), 800)
    assert (image.width(), image.height()) == (800, 618)
    panel = image.pixelColor(20, 300)
    assert panel.green() > panel.red()  # the teal side panel
    dark = sum(
        1
        for x in range(300, 780, 3)
        for y in range(80, 160, 3)
        if image.pixelColor(x, y).value() < 80
    )
    assert dark > 50  # the name is painted


def test_page_text_is_normalised_for_comparison() -> None:
    assert normalise("Oﬃce  ﬁnance\u200f") == "officefinance"


def test_logo_and_signature_from_the_settings_are_embedded(gui, issuer, wording, tmp_path):
    from PySide6.QtGui import QColor, QImage

    from deflection_kit.certificates.images import settings_images
    from deflection_kit.settings import Settings

    for name, colour in (("logo.png", "navy"), ("signature.jpg", "black")):
        image = QImage(120, 60, QImage.Format.Format_RGB32)
        image.fill(QColor(colour))
        assert image.save(str(tmp_path / name))
    images = settings_images(
        Settings(
            logo_path=str(tmp_path / "logo.png"), signature_path=str(tmp_path / "signature.jpg")
        )
    )
    assert images.logo.startswith("data:image/png;base64,")
    assert images.signature.startswith("data:image/jpeg;base64,")
    for design in ("classic", "modern"):
        renderer = CertificateRenderer(wording, design=design, images=images)
        pdf = _write(
            renderer, issuer, _prepare(issuer, "Dana Whitfield").signed, tmp_path / f"{design}.pdf"
        )
        assert pdf_images(pdf) == [(120, 60), (120, 60)], design


def test_a_settings_image_that_is_not_a_picture_is_refused(tmp_path) -> None:
    from deflection_kit.certificates.images import settings_images
    from deflection_kit.errors import InputFileError
    from deflection_kit.settings import Settings

    (tmp_path / "logo.png").write_text("not a picture")
    with pytest.raises(InputFileError, match="PNG or JPEG"):
        settings_images(Settings(logo_path=str(tmp_path / "logo.png")))
    with pytest.raises(InputFileError, match="cannot read"):
        settings_images(Settings(signature_path=str(tmp_path / "missing.png")))
