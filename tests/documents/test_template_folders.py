"""Template folders: a department's layered over the kit's; links, escapes and runaways refused."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from deflection_kit.documents import DocumentError, TemplateFolderError, render_pdf, typesetter
from deflection_kit.documents.blocks import Document, Heading, Paragraph, Part
from deflection_kit.documents.folders import MAX_FILE_BYTES, bundled_folder, user_folder
from pdf_audit import text as read_text

SECRET = "top secret outside the folder"


def data() -> dict[str, object]:
    return Document("T", [Part(blocks=[Heading("Hello"), Paragraph("Body")])]).data()


@pytest.fixture
def department(tmp_path: Path) -> Path:
    """Return the department's (empty) template folder in the isolated user data folder."""
    folder = user_folder()
    folder.mkdir(parents=True)
    (tmp_path / "secret.txt").write_text(SECRET)
    return folder


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "out.pdf"
    path.write_bytes(pdf)
    return read_text(path)


def test_the_kit_templates_are_bundled() -> None:
    names = {p.name for p in bundled_folder().iterdir()}
    assert {"kit.typ", "attendance-roster.typ", "sign-in-sheet.typ", "delivery-report.typ",
            "audit-packet.typ"} <= names  # fmt: skip


def test_a_department_template_replaces_the_kits(department: Path, tmp_path: Path) -> None:
    (department / "attendance-roster.typ").write_text(
        '#import "kit.typ"\n#set document(title: "Ours")\n#set text(lang: "en", font: kit.fonts)\n'
        "= Our own roster\n#let d = kit.load()\n#d.title\n"
    )
    text = pdf_text(render_pdf("attendance-roster", data()), tmp_path)
    assert "Our own roster" in text and "Hello" not in text
    # The other documents still use the kit's own templates.
    assert "Hello" in pdf_text(render_pdf("sign-in-sheet", data()), tmp_path)


def test_a_symbolic_link_in_the_folder_is_refused(department: Path, tmp_path: Path) -> None:
    (department / "attendance-roster.typ").symlink_to(tmp_path / "secret.txt")
    with pytest.raises(TemplateFolderError, match=r"attendance-roster\.typ: is a symbolic link"):
        render_pdf("attendance-roster", data())


def test_a_linked_folder_is_refused(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    shutil.copytree(bundled_folder(), elsewhere)
    user_folder().parent.mkdir(parents=True, exist_ok=True)
    user_folder().symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(TemplateFolderError, match="is a symbolic link"):
        render_pdf("attendance-roster", data())


def test_a_template_cannot_read_outside_its_folder(department: Path, tmp_path: Path) -> None:
    relative = Path("..") / ".." / (tmp_path / "secret.txt").relative_to("/")
    for path in ("/etc/passwd", str(tmp_path / "secret.txt"), "../secret.txt", str(relative)):
        (department / "attendance-roster.typ").write_text(
            f'#set document(title: "x")\n#set text(lang: "en")\n= x\n#read("{path}")\n'
        )
        with pytest.raises(DocumentError, match=r"attendance-roster\.typ:4: "):
            render_pdf("attendance-roster", data())


def test_a_template_cannot_fetch_packages(department: Path) -> None:
    (department / "attendance-roster.typ").write_text(
        '#import "@preview/cetz:0.3.4": canvas\n#set document(title: "x")\n= x\n'
    )
    started = time.monotonic()
    with pytest.raises(DocumentError, match=r"attendance-roster\.typ:1: "):
        render_pdf("attendance-roster", data())
    assert time.monotonic() - started < 30


def test_a_runaway_template_is_stopped(department: Path, monkeypatch) -> None:
    monkeypatch.setattr(typesetter, "WORKER_SECONDS", 2.0)
    (department / "attendance-roster.typ").write_text(
        '#set document(title: "x")\n= x\n'
        "#let total = 0\n#for i in range(4000000000) { total += i }\n#total\n"
    )
    started = time.monotonic()
    with pytest.raises(DocumentError, match="took longer than 2 seconds"):
        render_pdf("attendance-roster", data())
    assert time.monotonic() - started < 15


def test_an_oversized_template_file_is_refused(department: Path) -> None:
    (department / "kit.typ").write_bytes(b"/" * (MAX_FILE_BYTES + 1))
    with pytest.raises(TemplateFolderError, match=r"kit\.typ: .* bytes; a template file may have"):
        render_pdf("attendance-roster", data())


def test_a_broken_template_is_one_line_naming_file_and_line(department: Path) -> None:
    (department / "sign-in-sheet.typ").write_text('#import "kit.typ"\n#kit.render(kit.nope())\n')
    with pytest.raises(DocumentError) as caught:
        render_pdf("sign-in-sheet", data())
    message = str(caught.value)
    assert "\n" not in message and message.startswith("document template sign-in-sheet.typ:2: ")


def test_an_unknown_template_is_named() -> None:
    with pytest.raises(TemplateFolderError, match="no document template 'nope'"):
        render_pdf("nope", data())
