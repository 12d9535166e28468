"""The bundled themes: readable, 16:9, a named layout per role, in step with their descriptors."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from deck_readers import open_pptx
from pptx.enum.shapes import PP_PLACEHOLDER

from deflection_kit import paths
from deflection_kit.decks.layouts import LAYOUT_NAMES
from deflection_kit.decks.look import contrast_ratio, load_look, text_pairs
from deflection_kit.decks.spec import ROLES
from deflection_kit.decks.themes import bundled_themes, resolve_theme

THEMES = sorted(bundled_themes())


def _make_themes():
    path = paths.slides_templates_dir() / "make_themes.py"
    spec = importlib.util.spec_from_file_location("make_themes", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_there_is_a_default_and_a_high_contrast_theme() -> None:
    assert {"default", "high-contrast"} <= set(THEMES)


@pytest.mark.parametrize("name", THEMES)
def test_every_text_colour_has_enough_contrast(name: str) -> None:
    look = load_look(bundled_themes()[name].with_suffix(".yaml"))
    pairs = text_pairs(look)
    assert len(pairs) >= 4 * len(ROLES)
    for where, text, background in pairs:
        assert contrast_ratio(text, background) >= 4.5, (where, text, background)


def test_contrast_ratio_matches_wcag_examples() -> None:
    assert contrast_ratio("000000", "FFFFFF") == pytest.approx(21.0)
    assert contrast_ratio("777777", "FFFFFF") == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio("1F5F8B", "FFFFFF") == pytest.approx(6.84, abs=0.01)


@pytest.mark.parametrize("name", THEMES)
def test_theme_is_16_9_with_a_named_layout_per_role(name: str) -> None:
    prs = open_pptx(bundled_themes()[name])
    assert prs.slide_width * 9 == prs.slide_height * 16
    names = [layout.name for layout in prs.slide_layouts]
    for role in ROLES:
        assert LAYOUT_NAMES[role][0] in names, role


@pytest.mark.parametrize("name", THEMES)
def test_layout_sizes_are_projector_readable(name: str) -> None:
    prs = open_pptx(bundled_themes()[name])
    master = prs.slide_master.element
    title_sizes = master.xpath(".//p:titleStyle//a:defRPr/@sz")
    body_sizes = master.xpath(".//p:bodyStyle//a:defRPr/@sz")
    assert title_sizes and min(int(s) for s in title_sizes) >= 3200
    assert body_sizes and min(int(s) for s in body_sizes) >= 2000
    for layout in prs.slide_layouts:
        for shape in layout.placeholders:
            kind = shape.placeholder_format.type
            sizes = [int(s) for s in shape._element.xpath(".//a:lstStyle//a:defRPr/@sz")]
            if kind in (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE):
                assert min(sizes) >= 3200, layout.name
            elif kind in (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT, PP_PLACEHOLDER.SUBTITLE):
                assert min(sizes) >= 2000, layout.name


@pytest.mark.parametrize("name", THEMES)
def test_every_layout_has_a_footer_and_slide_number(name: str) -> None:
    prs = open_pptx(bundled_themes()[name])
    for layout in prs.slide_layouts:
        kinds = {shape.placeholder_format.type for shape in layout.placeholders}
        assert PP_PLACEHOLDER.FOOTER in kinds, layout.name
        assert PP_PLACEHOLDER.SLIDE_NUMBER in kinds, layout.name


@pytest.mark.parametrize("name", THEMES)
def test_placeholders_sit_where_the_descriptor_says(name: str) -> None:
    theme = resolve_theme(name)
    for role in ROLES:
        layout = theme.look.layout(role)
        plan = theme.plans[role]
        assert plan.name == layout.name
        for part in ("title", "subtitle", "body", "right", "picture"):
            slot = getattr(plan, part)
            box = getattr(layout, part)
            assert (slot.box if slot else None) == box, (role, part)


@pytest.mark.parametrize("name", THEMES)
def test_committed_theme_matches_its_generator(name: str) -> None:
    """The .pptx in the repository is exactly what make_themes.py builds from the descriptor."""
    make_themes = _make_themes()
    path: Path = bundled_themes()[name]
    assert make_themes.build(load_look(path.with_suffix(".yaml"))) == path.read_bytes(), (
        "run: uv run python slides_templates/make_themes.py"
    )
