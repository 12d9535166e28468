"""The kit's own decks pass the accessibility check; `deck build` runs it and says when a
department's template changes the deck; `deck check` as a script sees it."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from deflection_kit.decks import DeckOptions, deck_spec, prepare, write_deck
from deflection_kit.decks.build import template_changes, template_warning
from deflection_kit.decks.spec import ROLES

FIXTURE_CONTENT = Path(__file__).resolve().parent / "fixture_content"
WIDE = (12_192_000, 6_858_000)  # 13.333 x 7.5 in


@pytest.mark.parametrize("theme", ["default", "high-contrast"])
@pytest.mark.parametrize(
    "recipe", ["full-course", "pathway-briefing", "roll-call", "community-leaders"]
)
def test_the_kits_decks_pass_clean(real_course, tmp_path: Path, recipe: str, theme: str) -> None:
    options = DeckOptions(recipe=recipe, theme=theme, agency="Springfield Fire Department")
    prepared = prepare(real_course, options)
    built = write_deck(deck_spec(prepared), prepared.theme, tmp_path / "deck.pptx")
    assert built.findings == (), "\n".join(f.line(str(built.path)) for f in built.findings)
    assert built.template_changes == ()
    assert built.report() == "Accessibility check: no problems found."


def test_a_logo_and_an_accent_keep_the_deck_clean(fixture_course, tmp_path: Path) -> None:
    from PIL import Image

    logo = tmp_path / "badge.png"
    Image.new("RGB", (300, 120), "navy").save(logo)
    options = DeckOptions(agency="Springfield Fire Department", logo=logo, accent="#7A1F2B")
    prepared = prepare(fixture_course, options)
    built = write_deck(deck_spec(prepared), prepared.theme, tmp_path / "deck.pptx")
    assert built.findings == (), [f.message for f in built.findings]


def _template(
    tmp_path: Path, name: str, size: tuple[int, int] | None = None, text_rgb: str = ""
) -> Path:
    """Save python-pptx's blank template (PowerPoint's standard layouts), changed as asked."""
    prs = Presentation()
    if size:
        prs.slide_width, prs.slide_height = size
    if text_rgb:  # the theme's dark text colour (dk1), which all text uses
        theme = prs.slide_master.part.part_related_by(RT.THEME)
        theme._blob = theme.blob.replace(
            b'<a:sysClr val="windowText" lastClr="000000"/>',
            f'<a:srgbClr val="{text_rgb}"/>'.encode(),
        )
    path = tmp_path / name
    prs.save(path)
    return path


def _changes(template: Path) -> tuple[str, ...]:
    from deflection_kit.decks.themes import resolve_theme

    return template_changes(resolve_theme(str(template)), ROLES)


def test_a_4_to_3_template_is_named_as_a_change(tmp_path: Path) -> None:
    changes = _changes(_template(tmp_path, "square.pptx"))
    assert changes[0] == (
        "the template's slides are 4:3 (10 × 7.5 in), not 16:9 widescreen like the kit's "
        "themes: the deck is laid out for that shape and shows with bars on a widescreen "
        "projector"
    )


def test_missing_layouts_name_the_labels_and_pictures_they_lose(tmp_path: Path) -> None:
    changes = _changes(_template(tmp_path, "wide.pptx", size=WIDE))
    assert not any("4:3" in change or "16:9" in change for change in changes)
    assert changes == (
        "picture slides use the template's layout 'Two Content' (it has no 'Picture and Text' "
        "layout): each picture takes the place of its second text box",
        "case study, discussion and knowledge check slides use the template's layout 'Title "
        "and Content' (it has no 'Case Study', 'Discussion' or 'Knowledge Check' layout), so "
        "they lose their 'Case study', 'Discussion' and 'Knowledge check' labels",
    )


def test_a_two_content_layout_with_one_text_box_loses_pictures_and_columns(
    tmp_path: Path,
) -> None:
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDE
    two = next(layout for layout in prs.slide_layouts if layout.name == "Two Content")
    right = next(ph for ph in two.placeholders if ph.placeholder_format.idx == 2)
    right.element.getparent().remove(right.element)
    path = tmp_path / "one-box.pptx"
    prs.save(path)
    changes = _changes(path)
    assert (
        "two-column slides use the template's layout 'Two Content', which has only one text "
        "box: the right-hand column is left out"
    ) in changes
    assert (
        "picture slides use the template's layout 'Two Content' (it has no 'Picture and Text' "
        "layout), which has no place for a picture: the pictures are left out"
    ) in changes


def test_a_bundled_theme_changes_nothing(fixture_course) -> None:
    prepared = prepare(fixture_course, DeckOptions(theme="high-contrast"))
    assert template_warning(prepared.theme, deck_spec(prepared)) == ""


# --- the command line -------------------------------------------------------------------


@pytest.fixture
def run(run_cli):
    """Run ``deflection-kit --content FIXTURE ARGS`` in this process."""

    def invoke(*args: str) -> Any:
        return run_cli("--content", str(FIXTURE_CONTENT), *args)

    return invoke


def _planted(tmp_path: Path) -> Path:
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])  # blank: no title
    box = slide.shapes.add_textbox(0, 0, 3_000_000, 600_000)
    box.text_frame.text = "A slide without a title"
    prs.slides.add_slide(prs.slide_layouts[5]).shapes.title.text = "Fine"
    prs.slides.add_slide(prs.slide_layouts[5]).shapes.title.text = "Fine"
    path = tmp_path / "planted.pptx"
    prs.save(path)
    return path


def test_deck_check_lists_problems_and_exits_1_on_an_error(run, tmp_path: Path) -> None:
    path = _planted(tmp_path)
    result = run("deck", "check", str(path))
    assert result.code == 1
    assert result.out.splitlines() == [
        f"{path}:slide 1: the slide has no title; screen reader users find slides by their "
        "titles (use a layout with a title; it may sit off the slide if it must not show)",
        f"{path}:slide 3: warning: the title 'Fine' is the same as slide 2's; give each slide "
        "its own title so the slides can be told apart",
    ]
    assert result.err == f"{path}: 3 slides, 1 error, 1 warning\n"


def test_deck_check_passes_a_built_deck_and_warnings_alone_exit_0(run, tmp_path: Path) -> None:
    out = tmp_path / "deck.pptx"
    built = run("deck", "build", "--out", str(out), "--recipe", "roll-call")
    assert built.code == 0, built.err
    assert built.err == ""  # a bundled theme, a clean deck: nothing to say
    result = run("deck", "check", str(out))
    assert result.code == 0
    assert result.out.startswith(f"ok: {out}: ") and "no accessibility problems" in result.out

    prs = Presentation()
    for _ in range(2):
        prs.slides.add_slide(prs.slide_layouts[5]).shapes.title.text = "Twice"
    twice = tmp_path / "twice.pptx"
    prs.save(twice)
    result = run("deck", "check", str(twice))
    assert result.code == 0  # a duplicate title is a warning
    assert result.out.startswith(f"{twice}:slide 2: warning: ")


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: d, "is a folder, not a PowerPoint .pptx file"),
        (lambda d: d / "missing.pptx", "file not found"),
        (lambda d: (d / "notes.pptx").write_text("hello") and d / "notes.pptx", "not a zip"),
        (
            lambda d: _zip(d / "bomb.pptx", {
                "[Content_Types].xml": b"<Types/>",
                "ppt/presentation.xml": b"<p/>",
                "ppt/media/huge.bin": bytes(50 * 2**20),
            }),
            "which no real PowerPoint .pptx file needs (a zip bomb?)",
        ),
        (
            lambda d: _zip(d / "broken.pptx", {
                "[Content_Types].xml": b"<Types/>",
                "ppt/presentation.xml": b"<p/>",
            }),
            "not a PowerPoint .pptx file python-pptx can read",
        ),
    ],
    ids=["folder", "missing", "text", "zip-bomb", "broken"],
)  # fmt: skip
def test_deck_check_refuses_bad_input_in_one_line(run, tmp_path: Path, make, message) -> None:
    target = make(tmp_path)
    result = run("deck", "check", str(target))
    assert result.code == 1
    assert result.out == ""
    assert result.err.count("\n") == 1 and "Traceback" not in result.err
    assert result.err.startswith(f"{target}: ") and message in result.err


def test_deck_build_prints_template_changes_and_check_findings(run, tmp_path: Path) -> None:
    template = _template(tmp_path, "pale.pptx", text_rgb="C8C8C8")  # 4:3, light grey text
    out = tmp_path / "deck.pptx"
    result = run("deck", "build", "--out", str(out), "--recipe", "roll-call", "--theme",
                 str(template))  # fmt: skip
    assert result.code == 0  # the deck was written; `deck check` is the pass/fail command
    assert result.out.startswith(f"wrote {out}: ")
    err = result.err.splitlines()
    assert err[0].startswith(f"{template}: warning: the template's slides are 4:3 (10 × 7.5 in)")
    assert any(
        line.startswith(f"{template}: warning: knowledge check slides use") for line in err
    )  # a roll-call deck has knowledge checks but no discussion or case study
    contrast = [line for line in err if "has a contrast of" in line]
    assert contrast and contrast[0].startswith(f"{out}:slide 1: text ")
    assert "(#C8C8C8 on #FFFFFF)" in contrast[0]
    check = run("deck", "check", str(out))
    assert check.code == 1
    assert [line for line in check.out.splitlines() if "contrast" in line] == contrast


def test_build_report_lists_a_few_findings_and_points_to_deck_check(
    fixture_course, tmp_path: Path
) -> None:
    template = _template(tmp_path, "pale.pptx", text_rgb="C8C8C8")
    prepared = prepare(fixture_course, DeckOptions(theme=str(template)))
    built = write_deck(deck_spec(prepared), prepared.theme, tmp_path / "deck.pptx")
    report = built.report(limit=3).splitlines()
    assert report[0].startswith("Accessibility check: ") and " errors, " in report[0]
    assert len(report) == 5 and all(line.startswith("• slide ") for line in report[1:4])
    assert report[4].endswith(f"deflection-kit deck check {built.path} lists them all")
    assert io.StringIO(built.report()).read().count("\n") == 7
