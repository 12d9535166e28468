"""A department's own .pptx template: its layouts by name, clear errors, hostile files refused."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from deck_readers import alt_text, notes_text, open_pptx, pictures, slide_title
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER

from deflection_kit.decks import DeckOptions, build_deck, prepare
from deflection_kit.decks.themes import load_template, resolve_theme
from deflection_kit.errors import InputFileError


@pytest.fixture
def department_template(tmp_path: Path) -> Path:
    """PowerPoint's standard layouts (python-pptx's default template), with one old slide."""
    prs = Presentation()
    old = prs.slides.add_slide(prs.slide_layouts[0])
    old.shapes.title.text = "Our old agenda"
    path = tmp_path / "department.pptx"
    prs.save(path)
    return path


def test_a_department_template_is_used_by_layout_name(
    fixture_course, department_template, tmp_path
) -> None:
    options = DeckOptions(theme=str(department_template), pathways=("self-referral",))
    path, deck = build_deck(fixture_course, options, tmp_path / "deck.pptx")
    prs = open_pptx(path)
    assert [slide_title(slide) for slide in prs.slides] == deck.titles()
    assert "Our old agenda" not in deck.titles()  # the template's own slides are dropped
    used = {
        spec.role: slide.slide_layout.name
        for spec, slide in zip(deck.slides, prs.slides, strict=True)
    }
    assert used["title"] == "Title Slide"
    assert used["section"] == "Section Header"
    assert used["bullets"] == "Title and Content"
    assert used["two-column"] == "Two Content"
    assert used["image"] == "Two Content"  # no "Picture and Text": the documented fallback
    assert used["knowledge-check"] == "Title and Content"
    assert used["closing"] == "Title Slide"
    for spec, slide in zip(deck.slides, prs.slides, strict=True):
        assert notes_text(slide), spec.title
        kinds = {shape.placeholder_format.type for shape in slide.placeholders}
        assert PP_PLACEHOLDER.SLIDE_NUMBER in kinds and PP_PLACEHOLDER.FOOTER in kinds
        for picture in pictures(slide):
            assert alt_text(picture)
    image_slide = next(
        s for spec, s in zip(deck.slides, prs.slides, strict=True) if spec.role == "image"
    )
    assert len(pictures(image_slide)) == 1


def test_a_template_look_is_read_from_the_file(department_template) -> None:
    theme = resolve_theme(str(department_template))
    assert not theme.bundled
    assert theme.look.width == 9_144_000  # 4:3, as the department made it
    assert theme.look.title_font == "Calibri"
    assert theme.look.title_size == 44 and theme.look.body_size == 32
    assert theme.look.layout("two-column").right is not None


def test_a_missing_layout_lists_the_layouts_the_file_has(fixture_course, tmp_path) -> None:
    prs = Presentation()
    for layout in prs.slide_layouts:
        if layout.name == "Section Header":
            layout._element.cSld.set("name", "Divider")
    path = tmp_path / "ours.pptx"
    prs.save(path)
    with pytest.raises(InputFileError) as caught:
        build_deck(fixture_course, DeckOptions(theme=str(path)), tmp_path / "deck.pptx")
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"{path}: the template has no layout named 'Section Header'")
    assert (
        "its layouts are: 'Title Slide', 'Title and Content', 'Divider', 'Two Content'" in message
    )
    assert not (tmp_path / "deck.pptx").exists()


def test_a_layout_without_a_text_placeholder_is_named(fixture_course, tmp_path) -> None:
    prs = Presentation()
    layout = next(lo for lo in prs.slide_layouts if lo.name == "Title and Content")
    for shape in list(layout.placeholders):
        if shape.placeholder_format.idx == 1:
            shape.element.getparent().remove(shape.element)
    path = tmp_path / "ours.pptx"
    prs.save(path)
    message = "layout 'Title and Content' has no text placeholder, needed for"
    with pytest.raises(InputFileError, match=message):
        build_deck(fixture_course, DeckOptions(theme=str(path)), tmp_path / "deck.pptx")


def _zip(members: dict[str, bytes], path: Path) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


REQUIRED = {"[Content_Types].xml": b"<Types/>", "ppt/presentation.xml": b"<p/>"}


def test_not_a_zip(fixture_course, tmp_path) -> None:
    path = tmp_path / "t.pptx"
    path.write_bytes(b"hello, I am a text file")
    message = r"t.pptx: not a readable PowerPoint .pptx file \(not a zip"
    with pytest.raises(InputFileError, match=message):
        prepare(fixture_course, DeckOptions(theme=str(path)))


def test_a_truncated_file(fixture_course, department_template, tmp_path) -> None:
    path = tmp_path / "cut.pptx"
    path.write_bytes(department_template.read_bytes()[:5000])
    with pytest.raises(InputFileError, match="not a zip"):
        prepare(fixture_course, DeckOptions(theme=str(path)))


def test_a_zip_bomb_is_refused_before_opening(fixture_course, tmp_path) -> None:
    path = _zip({**REQUIRED, "ppt/media/image1.png": bytes(3 * 1024 * 1024)}, tmp_path / "b.pptx")
    assert path.stat().st_size < 20_000
    with pytest.raises(InputFileError, match=r"compressed \d+ to 1.*zip bomb"):
        prepare(fixture_course, DeckOptions(theme=str(path)))


def test_a_huge_member_is_refused(fixture_course, tmp_path) -> None:
    path = tmp_path / "huge.pptx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in REQUIRED.items():
            archive.writestr(name, data)
        with archive.open("ppt/media/video.bin", "w", force_zip64=True) as handle:
            chunk = bytes(1024 * 1024)
            for _ in range(101):
                handle.write(chunk)
    with pytest.raises(InputFileError, match="unpacks to 101 MB; refusing parts over 100 MB"):
        prepare(fixture_course, DeckOptions(theme=str(path)))


def test_too_many_members_are_refused(fixture_course, tmp_path) -> None:
    members = {**REQUIRED, **{f"ppt/x/{i}.xml": b"" for i in range(5001)}}
    path = _zip(members, tmp_path / "many.pptx")
    with pytest.raises(InputFileError, match="refusing more than 5000"):
        prepare(fixture_course, DeckOptions(theme=str(path)))


def test_a_zip_that_is_not_a_presentation(fixture_course, tmp_path) -> None:
    path = _zip(
        {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w/>"}, tmp_path / "d.pptx"
    )
    with pytest.raises(InputFileError, match=r"no ppt/presentation\.xml"):
        prepare(fixture_course, DeckOptions(theme=str(path)))


def test_a_broken_presentation_inside_a_zip(fixture_course, tmp_path) -> None:
    path = _zip(REQUIRED, tmp_path / "broken.pptx")
    with pytest.raises(InputFileError, match="python-pptx can read"):
        prepare(fixture_course, DeckOptions(theme=str(path)))


def test_a_missing_template_file(fixture_course, tmp_path) -> None:
    with pytest.raises(InputFileError, match="template file not found"):
        prepare(fixture_course, DeckOptions(theme=str(tmp_path / "nope.pptx")))


def test_a_bundled_theme_deck_opens_as_a_template(fixture_course, tmp_path) -> None:
    """A deck we wrote can serve as a department's template for the next one."""
    first, _ = build_deck(fixture_course, DeckOptions(recipe="roll-call"), tmp_path / "a.pptx")
    second, deck = build_deck(
        fixture_course, DeckOptions(recipe="roll-call", theme=str(first)), tmp_path / "b.pptx"
    )
    prs = open_pptx(second)
    assert [slide_title(slide) for slide in prs.slides] == deck.titles()
    assert io.BytesIO(second.read_bytes()).getbuffer().nbytes > 0


_LOAD_AND_MEASURE = """
import resource, sys
from pathlib import Path
from deflection_kit.decks.themes import load_template
from deflection_kit.errors import InputFileError
try:
    load_template(Path(sys.argv[1]))
    print("loaded")
except InputFileError as error:
    print(error)
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
"""


def _with_part(template: Path, path: Path, part: str, change: Callable[[bytes], bytes]) -> Path:
    """Copy a .pptx with one part changed."""
    with (
        zipfile.ZipFile(template) as source,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            data = source.read(info)
            target.writestr(info, change(data) if info.filename == part else data)
    return path


def _layout_bomb(department_template: Path, path: Path, elements: int) -> Path:
    """A template whose first slide layout holds ``elements`` extra elements (varied, so the
    zip compresses it only ~10 to 1 and the ratio check lets it through)."""
    filler = b"".join(b'<a:p n="%x"/>' % (i * 2654435761 % 2**40) for i in range(elements))

    def stuff(data: bytes) -> bytes:
        head, tail = data.split(b"</p:spTree>", 1)
        return head + b"<p:extLst>" + filler + b"</p:extLst></p:spTree>" + tail

    return _with_part(department_template, path, "ppt/slideLayouts/slideLayout1.xml", stuff)


@pytest.mark.skipif(sys.platform == "win32", reason="measures memory with the resource module")
def test_a_layout_with_millions_of_elements_is_refused_in_bounded_memory(
    department_template, tmp_path
) -> None:
    bomb = _layout_bomb(department_template, tmp_path / "bomb.pptx", 2_000_000)
    with zipfile.ZipFile(bomb) as archive:
        info = archive.getinfo("ppt/slideLayouts/slideLayout1.xml")
        assert info.file_size / info.compress_size < 200  # no zip bomb by ratio
    results = {}
    for name, path in (("plain", department_template), ("bomb", bomb)):
        run = subprocess.run(
            [sys.executable, "-c", _LOAD_AND_MEASURE, str(path)],
            capture_output=True, text=True, check=True, timeout=120,
        )  # fmt: skip
        message, peak = run.stdout.strip().rsplit("\n", 1)
        results[name] = (message, int(peak))
    assert results["plain"][0] == "loaded"
    message, peak = results["bomb"]
    assert "slideLayout1.xml' holds more than 200,000 XML elements" in message
    # Opening it would take ~800 MB; refusing costs the file's bytes and a little more.
    assert peak < results["plain"][1] + 3 * bomb.stat().st_size // 2**20 + 60, results


def test_a_part_with_a_dtd_is_refused(department_template, tmp_path) -> None:
    path = _with_part(
        department_template,
        tmp_path / "dtd.pptx",
        "ppt/presentation.xml",
        lambda data: data.replace(b"?>", b'?><!DOCTYPE p [<!ENTITY a "aaaa">]>', 1),
    )
    with pytest.raises(InputFileError, match=r"presentation\.xml' declares a DTD"):
        load_template(path)
