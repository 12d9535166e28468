"""The course diagrams read from the back of a room once a deck places them on a picture slide."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from defusedxml import ElementTree

from deflection_kit import paths
from deflection_kit.decks.look import EMU_PER_PT, Box, fit_box, load_look
from deflection_kit.decks.themes import themes_dir

SVG = "{http://www.w3.org/2000/svg}"
SMALLEST_PT = 14.0  # the smallest text that still reads at projector distance
MIN_BOX_SHARE = 0.95  # a drawing should fill the picture box, not shrink to a strip of it
DRAWINGS = sorted((paths.content_dir() / "images" / "src").glob("*.svg"))


def _png_size(path: Path) -> tuple[int, int]:
    width, height = struct.unpack(">II", path.read_bytes()[16:24])
    return width, height


def _picture_box() -> Box:
    box = load_look(themes_dir() / "default.yaml").layout("image").picture
    assert box is not None
    return box


def test_there_are_drawings() -> None:
    assert len(DRAWINGS) >= 4


@pytest.mark.parametrize("svg", DRAWINGS, ids=lambda p: p.stem)
def test_drawing_fills_the_picture_box_and_its_text_is_large(svg: Path) -> None:
    root = ElementTree.parse(svg).getroot()
    _x, _y, view_w, view_h = (float(v) for v in root.get("viewBox").split())
    png_w, png_h = _png_size(svg.parent.parent / f"{svg.stem}.png")
    assert png_h == round(png_w * view_h / view_w), "re-run content/images/src/render.py"
    box = _picture_box()
    placed = fit_box(png_w, png_h, box)  # as the deck writer places it
    assert placed.w >= MIN_BOX_SHARE * box.w and placed.h >= MIN_BOX_SHARE * box.h
    pt_per_unit = placed.w / EMU_PER_PT / view_w
    sizes = {
        "".join(text.itertext()): float(text.get("font-size")) * pt_per_unit
        for text in root.iter(f"{SVG}text")
    }
    assert sizes
    small = {label: round(size, 1) for label, size in sizes.items() if size < SMALLEST_PT}
    assert not small, f"text below {SMALLEST_PT} pt on the slide: {small}"
