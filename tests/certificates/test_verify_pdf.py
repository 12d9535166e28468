"""A certificate PDF verifies from its own data and digital signature; an edited PDF does not."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from certhelp import HARD_NAMES, make_certificate
from pypdf import PdfReader, PdfWriter

from deflection_kit.certificates.keys import IssuerKey, PublicKeyFile
from deflection_kit.certificates.render import CertificateRenderer
from deflection_kit.certificates.signing import RegisterStatus, sign
from deflection_kit.certificates.trust import TrustStore
from deflection_kit.certificates.verify import verify_pdf
from deflection_kit.errors import InputFileError


def _pdf(renderer, key, names, path: Path) -> Path:
    pages = [renderer.page(sign(make_certificate(key, participant_name=n), key)) for n in names]
    return renderer.write_pdf(pages, path, key, "Certificate", "Jordan Ellis")


@pytest.fixture
def renderer(gui, wording):
    return CertificateRenderer(wording)


def _edit_page(source: Path, target: Path, edit) -> Path:
    writer = PdfWriter(clone_from=PdfReader(source))
    content = writer.pages[0].get_contents()
    data = content.get_data().decode("latin-1")
    content.set_data(edit(data).encode("latin-1"))
    writer.pages[0].replace_contents(content)
    with open(target, "wb") as handle:
        writer.write(handle)
    return target


def _blocks(data: str) -> list[re.Match[str]]:
    return list(re.finditer(r"BT\n.*?ET\n", data, re.S))


def _swap_two_glyphs(data: str) -> str:
    block = _blocks(data)[1]  # the name, after the heading
    text = block.group(0)
    glyphs = re.findall(r"<([0-9A-F]+)> Tj", text)
    first = next(g for g in glyphs if g != glyphs[0])  # two different glyphs, so the text changes
    swapped = text.replace(f"<{glyphs[0]}> Tj", "<@@> Tj", 1)
    swapped = swapped.replace(f"<{first}> Tj", f"<{glyphs[0]}> Tj", 1).replace("<@@>", f"<{first}>")
    return data[: block.start()] + swapped + data[block.end() :]


def _drop_name(data: str) -> str:
    block = _blocks(data)[1]
    return data[: block.start()] + data[block.end() :]


def _overlay_text(data: str) -> str:
    # What a forger does to "change" a name: paint over it and write new text on top.
    block = _blocks(data)[1].group(0)
    return data + "q\n" + block.replace("Tm\n", "Tm\n0 40 Td\n", 1) + "Q\n"


def test_a_genuine_pdf_verifies_every_page(renderer, issuer, trust, tmp_path) -> None:
    names = [HARD_NAMES["arabic"], HARD_NAMES["hebrew"], HARD_NAMES["long"], HARD_NAMES["cjk"]]
    pdf = _pdf(renderer, issuer, names, tmp_path / "combined.pdf")
    verdicts = verify_pdf(pdf, trust)
    assert [v.signed.certificate.participant_name for v in verdicts] == names
    assert all(v.ok for v in verdicts), [v.reason for v in verdicts]


@pytest.mark.parametrize("edit", [_swap_two_glyphs, _drop_name, _overlay_text])
def test_an_edited_page_fails(renderer, issuer, trust, tmp_path, edit) -> None:
    pdf = _pdf(renderer, issuer, ["Dana Whitfield"], tmp_path / "c.pdf")
    assert verify_pdf(pdf, trust)[0].ok
    edited = _edit_page(pdf, tmp_path / "edited.pdf", edit)
    verdict = verify_pdf(edited, trust)[0]
    assert verdict.outcome == "altered", verdict.reason
    assert verdict.reason == "altered: the file was changed after it was signed"


def test_data_moved_from_another_certificate_fails(renderer, issuer, trust, tmp_path) -> None:
    ours = _pdf(renderer, issuer, ["Dana Whitfield"], tmp_path / "ours.pdf")
    theirs = _pdf(renderer, issuer, ["Riley Park"], tmp_path / "theirs.pdf")
    writer = PdfWriter(clone_from=PdfReader(ours))
    writer.xmp_metadata = PdfReader(theirs).xmp_metadata
    with open(tmp_path / "mixed.pdf", "wb") as handle:
        writer.write(handle)
    verdict = verify_pdf(tmp_path / "mixed.pdf", trust)[0]
    assert verdict.outcome == "altered"
    assert verdict.signed.certificate.participant_name == "Riley Park"  # what it claims


def test_revoked_or_unknown_issuer_pdfs_fail(renderer, issuer, trust, tmp_path) -> None:
    pdf = _pdf(renderer, issuer, ["Dana Whitfield"], tmp_path / "c.pdf")
    revoked = RegisterStatus("revoked", "issued in error", "Jordan Ellis", "2025-03-05T09:00:00Z")
    assert verify_pdf(pdf, trust, lambda _id: revoked)[0].outcome == "revoked"

    stranger = IssuerKey.generate()
    theirs = _pdf(renderer, stranger, ["Riley Park"], tmp_path / "stranger.pdf")
    assert verify_pdf(theirs, trust)[0].outcome == "unknown-issuer"
    trust.add(PublicKeyFile.parse(stranger.public_file("County EMS").to_text().encode(), "k"))
    assert verify_pdf(theirs, TrustStore())[0].ok


def test_a_pdf_without_certificate_data_is_refused(gui, tmp_path) -> None:
    from PySide6.QtGui import QPainter, QPdfWriter

    writer = QPdfWriter(str(tmp_path / "plain.pdf"))
    painter = QPainter(writer)
    painter.drawText(100, 100, "Certificate of Completion: Dana Whitfield")
    painter.end()
    del writer
    with pytest.raises(InputFileError, match="no certificate data"):
        verify_pdf(tmp_path / "plain.pdf", TrustStore())
    (tmp_path / "junk.pdf").write_bytes(b"%PDF-1.4 nothing here")
    with pytest.raises(InputFileError):
        verify_pdf(tmp_path / "junk.pdf", TrustStore())


def _text_design(tmp_path: Path, omit: str = "") -> Path:
    fields = [
        "participant_name", "course_title", "date", "credit_hours", "minutes_attended",
        "facilitators_text", "host_agency", "code",
    ]  # fmt: skip
    lines = "".join(
        f'<text x="20" y="{40 + 30 * i}" font-size="14">{{{{ {f} }}}}</text>'
        for i, f in enumerate(fields)
        if f != omit
    )
    folder = tmp_path / "content" / "certificates"
    folder.mkdir(parents=True)
    (folder / "plain.svg.j2").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {{ page.width }} {{ page.height }}">'
        + lines
        + "</svg>",
        encoding="utf-8",
    )
    return tmp_path / "content"


def test_a_design_that_prints_with_svg_text_verifies(gui, wording, issuer, trust, tmp_path):
    renderer = CertificateRenderer(wording, design="plain", content_dir=_text_design(tmp_path))
    pdf = _pdf(renderer, issuer, ["Dana Whitfield"], tmp_path / "plain.pdf")
    verdict = verify_pdf(pdf, trust)[0]
    assert verdict.ok, verdict.reason


def test_a_design_that_leaves_out_a_signed_field_is_refused(gui, wording, issuer, tmp_path):
    from deflection_kit.errors import DeflectionKitError

    content = _text_design(tmp_path, omit="minutes_attended")
    renderer = CertificateRenderer(wording, design="plain", content_dir=content)
    with pytest.raises(DeflectionKitError, match="does not print: minutes attended"):
        renderer.page(sign(make_certificate(issuer), issuer))
