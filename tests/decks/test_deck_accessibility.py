"""`deck check` on hand-made decks: every planted problem is found, on its slide, and nothing else.

The decks are built here with python-pptx the way a department's trainer would make them in
PowerPoint (text boxes, pictures, tables, colours), then checked from the saved file.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.oxml.ns import qn
from pptx.util import Inches, Pt

from deflection_kit.decks.accessibility import DeckCheck, check_deck_file

TITLE_ONLY, BLANK, TITLE_AND_CONTENT = 5, 6, 1
DECORATIVE = (
    '<a:extLst xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
    '<a:ext uri="{C183D7F6-B498-43B3-948B-1728B52AA6E4}">'
    '<adec:decorative xmlns:adec="http://schemas.microsoft.com/office/drawing/2017/decorative"'
    ' val="1"/></a:ext></a:extLst>'
)


def _png() -> io.BytesIO:
    data = io.BytesIO()
    Image.new("RGB", (40, 30), "navy").save(data, "PNG")
    data.seek(0)
    return data


def _slide(prs: Any, title: str | None, layout: int = TITLE_ONLY) -> Any:
    slide = prs.slides.add_slide(prs.slide_layouts[BLANK if title is None else layout])
    if title is not None:
        slide.shapes.title.text = title
    return slide


def _text_box(slide: Any, text: str, size: float = 24, colour: str = "", bold: bool = False) -> Any:
    box = slide.shapes.add_textbox(Inches(1), Inches(2), Inches(6), Inches(1))
    box.text_frame.text = text
    run = box.text_frame.paragraphs[0].runs[0]
    run.font.size = Pt(size)
    run.font.bold = bold
    if colour:
        run.font.color.rgb = RGBColor.from_string(colour)
    return box


def _alt(shape: Any, text: str) -> None:
    shape._element.xpath("./*[1]/p:cNvPr")[0].set("descr", text)


def _no_language(prs: Any) -> None:
    for props in prs.element.iter(qn("a:defRPr")):
        props.attrib.pop("lang", None)


def _check(tmp_path: Path, build: Callable[[Any], None], name: str = "deck.pptx") -> DeckCheck:
    prs = Presentation()
    build(prs)
    path = tmp_path / name
    prs.save(path)
    return check_deck_file(path)


def _found(result: DeckCheck) -> list[tuple[int, str, str]]:
    """Return (slide, "error" or "warning", message) for each finding."""
    return [(f.slide, "error" if f.error else "warning", f.message) for f in result.findings]


def _planted(prs: Any) -> None:
    _slide(prs, "Welcome", TITLE_AND_CONTENT).placeholders[1].text = "Why we are here"  # 1: fine
    picture = _slide(prs, "A picture").shapes.add_picture(_png(), Inches(1), Inches(2))  # 2
    _alt(picture, "")
    _text_box(_slide(prs, None), "A slide with no title")  # 3
    _slide(prs, "Same title")  # 4
    _slide(prs, "Same title")  # 5: a duplicate
    _text_box(_slide(prs, "Small print"), "Tiny words", size=12)  # 6
    _text_box(_slide(prs, "Faint"), "Light grey words", colour="CCCCCC")  # 7
    table_slide = _slide(prs, "A table")  # 8
    frame = table_slide.shapes.add_table(2, 2, Inches(1), Inches(2), Inches(6), Inches(2))
    frame.table.first_row = False
    for cell in frame.table.iter_cells():
        cell.text = "42"
    order = _slide(prs, "Reading order")  # 9: the title is drawn last, so read last
    _text_box(order, "Read before the title")
    tree, title = order.shapes._spTree, order.shapes.title._element
    tree.remove(title)
    tree.append(title)
    _no_language(prs)


def test_every_planted_problem_is_reported_on_its_slide(tmp_path: Path) -> None:
    result = _check(tmp_path, _planted)
    found = _found(result)
    expected = [
        (0, "error", "no presentation language is set"),
        (2, "error", "the picture 'Picture 2' has no alt text"),
        (3, "error", "the slide has no title"),
        (5, "warning", "the title 'Same title' is the same as slide 4's"),
        (6, "warning", "text 'Tiny words' is 12 pt"),
        (7, "error", "text 'Light grey words' has a contrast of 1.6:1 (#CCCCCC on #FFFFFF)"),
        (8, "error", "the table 'Table 2' has no header row"),
        (9, "warning", "the title is not read first: the text box 'TextBox 2' comes before it"),
    ]
    assert len(found) == len(expected), found
    for (slide, kind, message), (want_slide, want_kind, start) in zip(found, expected, strict=True):
        assert (slide, kind) == (want_slide, want_kind), (slide, message)
        assert message.startswith(start), message
    assert result.slides == 9
    assert len(result.errors) == 5 and len(result.warnings) == 3
    lines = result.lines("ours.pptx")
    assert lines[0].startswith("ours.pptx: no presentation language")
    assert lines[1].startswith("ours.pptx:slide 2: the picture")
    assert lines[3].startswith("ours.pptx:slide 5: warning: the title")
    assert all("\n" not in line for line in lines)


def test_a_clean_hand_made_deck_passes(tmp_path: Path) -> None:
    def build(prs: Any) -> None:
        _slide(prs, "Welcome", TITLE_AND_CONTENT).placeholders[1].text = "Why we are here"
        slide = _slide(prs, "A picture")
        _alt(slide.shapes.add_picture(_png(), Inches(1), Inches(2)), "A navy square")
        _text_box(slide, "Dark grey is fine", colour="595959")  # 7.0:1 on white
        frame = _slide(prs, "A table").shapes.add_table(2, 2, 0, Inches(2), Inches(6), Inches(2))
        frame.table.cell(0, 0).text = "Heading"  # python-pptx tables have a header row

    result = _check(tmp_path, build)
    assert result.findings == ()
    assert result.summary("d.pptx") == "d.pptx: 3 slides, no accessibility problems found"


def test_decorative_and_hidden_shapes_need_no_alt_text(tmp_path: Path) -> None:
    from pptx.oxml import parse_xml

    def build(prs: Any) -> None:
        slide = _slide(prs, "Decoration")
        decorative = slide.shapes.add_picture(_png(), Inches(1), Inches(2))
        _alt(decorative, "")
        decorative._element.xpath("./*[1]/p:cNvPr")[0].append(parse_xml(DECORATIVE))
        hidden = slide.shapes.add_picture(_png(), Inches(3), Inches(2))
        _alt(hidden, "")
        hidden._element.xpath("./*[1]/p:cNvPr")[0].set("hidden", "1")

    assert _found(_check(tmp_path, build)) == []


def test_alt_text_that_is_a_file_name_groups_and_bare_shapes(tmp_path: Path) -> None:
    from pptx.enum.shapes import MSO_SHAPE

    def build(prs: Any) -> None:
        slide = _slide(prs, "Shapes")
        slide.shapes.add_picture(_png(), Inches(1), Inches(2))  # python-pptx: descr="image.png"
        group = slide.shapes.add_group_shape()
        _alt(group.shapes.add_picture(_png(), Inches(4), Inches(2)), "A navy square")
        slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, Inches(1), Inches(5), Inches(1), Inches(1))

    found = _found(_check(tmp_path, build))
    assert [(slide, kind) for slide, kind, _ in found] == [
        (1, "error"),
        (1, "error"),
        (1, "warning"),
    ]
    assert "has a file name as its alt text ('image.png')" in found[0][2]
    assert found[1][2].startswith("the group 'Group 3' has no alt text")
    assert found[2][2] == (
        "the shape 'Rectangle 5' has no text and no alt text; describe it, or mark it "
        "decorative if it is only decoration"
    )


def test_unnamed_shapes_are_named_by_position_and_nested_groups_need_no_alt_text(
    tmp_path: Path,
) -> None:
    from pptx.enum.shapes import MSO_SHAPE

    def build(prs: Any) -> None:
        slide = _slide(prs, "Unnamed")
        outer = slide.shapes.add_group_shape()
        _alt(outer, "Three steps of a warm handoff")
        inner = outer.shapes.add_group_shape()  # described by the outer group
        inner.shapes.add_shape(MSO_SHAPE.OVAL, 0, 0, Inches(1), Inches(1))
        picture = slide.shapes.add_picture(_png(), Inches(1), Inches(2))
        _alt(picture, "")
        picture._element.xpath("./*[1]/p:cNvPr")[0].set("name", "")
        for left in (1, 3):
            slide.shapes.add_shape(
                MSO_SHAPE.RECTANGLE, Inches(left), Inches(5), Inches(1), Inches(1)
            )

    found = _found(_check(tmp_path, build))
    assert found == [
        (1, "error", "an unnamed picture (shape 5 counting from the back) has no alt text; "
         "describe it (right-click > View Alt Text), or mark it decorative if it is only "
         "decoration"),
        (1, "warning", "2 shapes have no text and no alt text (the shape 'Rectangle 6', the "
         "shape 'Rectangle 7'); describe them, or mark them decorative if they are only "
         "decoration"),
    ]  # fmt: skip


def test_an_empty_title_placeholder_is_no_title(tmp_path: Path) -> None:
    def build(prs: Any) -> None:
        slide = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY])
        _text_box(slide, "Body text but the title was left empty")

    [(slide, kind, message)] = _found(_check(tmp_path, build))
    assert (slide, kind) == (1, "error")
    assert message.startswith("the slide's title placeholder is empty")


def test_sizes_inherited_from_the_master_and_shrunk_text_are_resolved(tmp_path: Path) -> None:
    def build(prs: Any) -> None:
        # the master's body style says 14 pt: a placeholder with no size of its own is 14 pt
        styles = prs.slide_master.element.find(qn("p:txStyles"))
        styles.find(qn("p:bodyStyle")).find(qn("a:lvl1pPr")).find(qn("a:defRPr")).set("sz", "1400")
        _slide(prs, "Inherited", TITLE_AND_CONTENT).placeholders[1].text = "Set by the master"
        # PowerPoint shrank this 28 pt text box to 50 % to fit it: it shows at 14 pt
        box = _text_box(_slide(prs, "Shrunk"), "Shrunk to fit", size=28)
        body_pr = box.text_frame._txBody.find(qn("a:bodyPr"))
        body_pr.append(body_pr.makeelement(qn("a:normAutofit"), {"fontScale": "50000"}))

    found = _found(_check(tmp_path, build))
    assert found == [
        (1, "warning", found[0][2]),
        (2, "warning", found[1][2]),
    ]
    assert found[0][2].startswith("text 'Set by the master' is 14 pt")
    assert found[1][2].startswith("text 'Shrunk to fit' is 14 pt")


def test_footers_and_slide_numbers_may_be_small(tmp_path: Path, fixture_course) -> None:
    from deflection_kit.decks import DeckOptions, build_deck

    # python-pptx's blank template sets footers and slide numbers at 12 pt; the kit copies them
    template = tmp_path / "blank.pptx"
    Presentation().save(template)
    options = DeckOptions(recipe="roll-call", theme=str(template))
    path, _ = build_deck(fixture_course, options, tmp_path / "deck.pptx")
    prs = Presentation(path)
    sizes = {
        run.font.size.pt
        for shape in prs.slides[1].placeholders
        if shape.placeholder_format.idx >= 10  # footer, slide number
        for run in shape.text_frame.paragraphs[0].runs
        if run.font.size is not None
    }
    assert sizes and max(sizes) < 18
    assert check_deck_file(path).findings == ()


@pytest.mark.parametrize(
    ("colour", "size", "bold", "passes"),
    [
        ("767676", 12, False, True),  # 4.54:1: enough for any text
        ("949494", 12, False, False),  # 3.03:1: too little for small text...
        ("949494", 24, False, True),  # ...enough for large text (18 pt and up)...
        ("949494", 14, True, True),  # ...and for 14 pt bold
        ("949494", 14, False, False),
    ],
)
def test_contrast_minimum_depends_on_size_and_weight(
    tmp_path: Path, colour: str, size: float, bold: bool, passes: bool
) -> None:
    def build(prs: Any) -> None:
        _text_box(_slide(prs, "Contrast"), "Some words", size=size, colour=colour, bold=bold)

    errors = _check(tmp_path, build).errors
    assert (errors == ()) == passes, errors


def test_colours_come_from_the_theme_the_colour_map_and_backgrounds(tmp_path: Path) -> None:
    from pptx.enum.dml import MSO_THEME_COLOR
    from pptx.enum.shapes import MSO_SHAPE

    def build(prs: Any) -> None:
        # 1: dark text (the theme's tx1) on a slide whose background was made dark blue
        slide = _slide(prs, "Dark background", TITLE_AND_CONTENT)
        slide.placeholders[1].text = "Black on navy"
        slide.background.fill.solid()
        slide.background.fill.fore_color.rgb = RGBColor(0x10, 0x20, 0x50)
        # 2: text in the theme's second background colour (bg2) on white
        slide = _slide(prs, "Theme colour")
        box = _text_box(slide, "Pale theme colour")
        colour = box.text_frame.paragraphs[0].runs[0].font.color
        colour.theme_color = MSO_THEME_COLOR.BACKGROUND_2
        # 3: white text on a white rectangle drawn under the text box
        slide = _slide(prs, "Hidden by a shape")
        shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, Inches(1.5), Inches(9), Inches(3))
        shape.fill.solid()
        shape.fill.fore_color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
        _alt(shape, "A white panel")
        _text_box(slide, "White on white", colour="FFFFFF")
        # 4: a slide whose colour map sends text (tx1) to the light colour: white on white
        slide = _slide(prs, "Colour map")
        override = slide.element.find(qn("p:clrMapOvr"))
        for child in list(override):
            override.remove(child)
        mapping = {"bg1": "lt1", "tx1": "lt1", "bg2": "lt2", "tx2": "dk2", "accent1": "accent1",
                   "accent2": "accent2", "accent3": "accent3", "accent4": "accent4",
                   "accent5": "accent5", "accent6": "accent6", "hlink": "hlink",
                   "folHlink": "folHlink"}  # fmt: skip
        override.append(override.makeelement(qn("a:overrideClrMapping"), mapping))

    found = _found(_check(tmp_path, build))
    contrast = [(slide, message) for slide, kind, message in found if "contrast" in message]
    assert [slide for slide, _ in contrast] == [1, 1, 2, 3, 4], found
    assert "'Dark background'" in contrast[0][1] and "#000000 on #102050" in contrast[0][1]
    assert "'Black on navy'" in contrast[1][1] and "#000000 on #102050" in contrast[1][1]
    assert "#EEECE1 on #FFFFFF" in contrast[2][1]  # bg2 of python-pptx's Office theme
    assert "#FFFFFF on #FFFFFF" in contrast[3][1]
    assert "'Colour map'" in contrast[4][1] and "#FFFFFF on #FFFFFF" in contrast[4][1]


def test_language_set_on_every_run_is_enough(tmp_path: Path) -> None:
    def build(prs: Any) -> None:
        _slide(prs, "Bienvenidos")
        _no_language(prs)
        for run in prs.slides[0].shapes.title.text_frame.paragraphs[0].runs:
            run._r.get_or_add_rPr().set("lang", "es-US")

    assert _found(_check(tmp_path, build)) == []


def test_the_document_language_property_is_enough(tmp_path: Path) -> None:
    def build(prs: Any) -> None:
        _slide(prs, "Welcome")
        _no_language(prs)
        prs.core_properties.language = "en-US"

    assert _found(_check(tmp_path, build)) == []


def test_text_in_a_group_is_judged_against_the_shape_under_it(tmp_path: Path) -> None:
    from pptx.enum.shapes import MSO_SHAPE

    def build(prs: Any) -> None:
        for title, text_colour in (("Readable", "FFFFFF"), ("Unreadable", "101828")):
            slide = _slide(prs, title)
            group = slide.shapes.add_group_shape()
            _alt(group, "A navy panel with a caption")
            panel = group.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, Inches(2), Inches(8), Inches(3))
            panel.fill.solid()
            panel.fill.fore_color.rgb = RGBColor(0x10, 0x20, 0x50)
            box = group.shapes.add_textbox(Inches(1), Inches(3), Inches(6), Inches(1))
            box.text_frame.text = "A caption on the panel"
            box.text_frame.paragraphs[0].runs[0].font.color.rgb = RGBColor.from_string(text_colour)
            # the group is moved and shrunk: its children keep their own coordinates
            xfrm = group._element.grpSpPr.find(qn("a:xfrm"))
            xfrm.find(qn("a:off")).set("x", str(Inches(1)))
            xfrm.find(qn("a:ext")).set("cx", str(Inches(4)))

    found = _found(_check(tmp_path, build))
    assert [(slide, kind) for slide, kind, _ in found] == [(2, "error")], found
    assert "(#101828 on #102050)" in found[0][2]
