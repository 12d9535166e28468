"""Bad input to ``certificates verify`` gets one clear line and exit 1, quickly: hostile PDFs
(thousands of pages, nesting, compression bombs), folders named .pdf, cut files, non-PDFs, and
certificate payloads that are nested or not in canonical form."""

from __future__ import annotations

import base64
import json
import time
import zlib
from pathlib import Path

import pytest
from certhelp import make_certificate
from pypdf import PdfWriter

from deflection_kit.certificates import payload
from deflection_kit.certificates.render import CertificateRenderer
from deflection_kit.certificates.signing import sign


def _pdf(*objects: bytes) -> bytes:
    """Return a PDF of ``objects`` (numbered from 1, the first the catalog), xref and all."""
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    packed = zlib.compress(data, 9)
    return (
        b"<< /Length %d /Filter /FlateDecode %s >>\nstream\n" % (len(packed), extra)
        + packed
        + b"\nendstream"
    )


PAGE_TREE = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
PAGE = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>"


def _verify(run_cli, target: Path | str):
    started = time.perf_counter()
    result = run_cli("certificates", "verify", str(target))
    elapsed = time.perf_counter() - started
    assert result.code == 1, result
    assert result.err.startswith("deflection-kit: "), result
    assert result.err.count("\n") == 1, result.err  # one line
    assert "Traceback" not in result.err
    assert "GENUINE" not in result.out
    return result.err, elapsed


def test_a_pdf_of_thousands_of_pages_is_refused_quickly(run_cli, tmp_path) -> None:
    writer = PdfWriter()
    for _ in range(5000):
        writer.add_blank_page(612, 792)
    target = tmp_path / "huge.pdf"
    with open(target, "wb") as handle:
        writer.write(handle)
    err, elapsed = _verify(run_cli, target)
    assert "5000 pages: too many for a certificate PDF (at most 1000)" in err
    assert elapsed < 10  # the page count is read, the pages are not walked (measured ~0.1 s)


def test_deeply_nested_objects_are_refused(run_cli, tmp_path) -> None:
    nested = b"[" * 200_000 + b"]" * 200_000
    target = tmp_path / "nested.pdf"
    target.write_bytes(
        _pdf(b"<< /Type /Catalog /Pages 2 0 R /X " + nested + b" >>", PAGE_TREE, PAGE)
    )
    err, _ = _verify(run_cli, target)
    assert "not a readable PDF" in err


def test_a_compression_bomb_is_refused_in_bounded_time(run_cli, tmp_path) -> None:
    bomb = _stream(b"\0" * (200 * 1024 * 1024), b"/Type /Metadata /Subtype /XML")
    assert len(bomb) < 400_000  # 200 MB of zeros in a few hundred kB
    target = tmp_path / "bomb.pdf"
    target.write_bytes(
        _pdf(b"<< /Type /Catalog /Pages 2 0 R /Metadata 4 0 R >>", PAGE_TREE, PAGE, bomb)
    )
    err, elapsed = _verify(run_cli, target)
    assert "not a readable PDF" in err and "exceeds the limit" in err
    assert elapsed < 10


@pytest.mark.parametrize(
    ("name", "make", "expected"),
    [
        ("folder.pdf", lambda p: p.mkdir(), "is a folder, not a PDF file"),
        ("empty.pdf", lambda p: p.write_bytes(b""), "the file is empty"),
        ("notes.pdf", lambda p: p.write_text("Certificate of Completion"), "not a PDF"),
        ("missing.pdf", lambda p: None, "no such file"),
        (
            "plain.pdf",
            lambda p: p.write_bytes(_pdf(b"<< /Type /Catalog /Pages 2 0 R >>", PAGE_TREE, PAGE)),
            "no certificate data in this PDF",
        ),
    ],
)
def test_things_that_are_not_certificate_pdfs(run_cli, tmp_path, name, make, expected) -> None:
    target = tmp_path / name
    make(target)
    err, _ = _verify(run_cli, target)
    assert expected in err
    assert str(target) in err  # says which file


def test_a_folder_without_the_extension_is_not_taken_for_a_code(run_cli, tmp_path) -> None:
    (tmp_path / "certs").mkdir()
    err, _ = _verify(run_cli, tmp_path / "certs")
    assert "is a folder, not a PDF file" in err


@pytest.fixture
def genuine(gui, wording, issuer, tmp_path) -> Path:
    renderer = CertificateRenderer(wording)
    page = renderer.page(sign(make_certificate(issuer), issuer))
    return renderer.write_pdf([page], tmp_path / "genuine.pdf", issuer, "Certificate", "J. Ellis")


@pytest.mark.parametrize("keep", [0.3, 0.7, 0.98])
def test_a_cut_certificate_pdf_is_refused(run_cli, genuine, tmp_path, keep) -> None:
    data = genuine.read_bytes()
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(data[: int(len(data) * keep)])
    err, _ = _verify(run_cli, cut)
    assert "cut short" in err


def _packed(fields: bytes, signature: bytes = b"\0" * 64) -> str:
    from deflection_kit.certificates.payload import _DICTIONARY

    packer = zlib.compressobj(9, zlib.DEFLATED, -15, zdict=_DICTIONARY)
    body = signature + packer.compress(fields) + packer.flush()
    return "DK1:" + base64.b32encode(body).decode().rstrip("=")


def test_a_deeply_nested_payload_is_refused(run_cli) -> None:
    result = run_cli("certificates", "verify", _packed(b"[" * 5000 + b"]" * 5000))
    assert result.code == 1
    assert result.err.count("\n") == 1 and "Traceback" not in result.err
    assert "certificate data is damaged" in result.err


def test_a_payload_that_is_not_in_canonical_form_is_refused(run_cli, issuer) -> None:
    signed = sign(make_certificate(issuer, participant_name="Zoë Ångström"), issuer)
    fields = json.loads(signed.certificate.canonical_bytes())
    for spelled in (
        json.dumps(fields, separators=(", ", ": "), ensure_ascii=False).encode(),  # spaces
        json.dumps(fields, separators=(",", ":"), ensure_ascii=True).encode(),  # \\u escapes
    ):
        assert spelled != signed.certificate.canonical_bytes()
        result = run_cli("certificates", "verify", _packed(spelled, signed.signature))
        assert result.code == 1, result
        assert "not in canonical form" in result.err, result
        assert result.err.count("\n") == 1
    # The canonical form of the same fields and signature verifies.
    assert run_cli("certificates", "verify", payload.encode(signed)).code == 0
