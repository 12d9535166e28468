"""The baseline for deck benchmarks: a plain python-pptx script writing a deck's slides.

    python benchmarks/plain_deck.py SLIDES.json OUT.pptx

SLIDES.json holds the theme file and each slide's layout, title, text, picture and notes, as
``deck_data`` writes them from a kit deck. The script imports only python-pptx and writes the
slides the simplest way python-pptx allows: no fitting, no footers, no alt text, no checks.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pptx import Presentation
from pptx.util import Pt

if TYPE_CHECKING:
    from deflection_kit.decks import DeckSpec


def write_deck(data: dict[str, Any], out: Path) -> None:
    """Write the slides of ``data`` into its theme file and save the deck as ``out``."""
    prs = Presentation(data["theme"])
    layouts = {layout.name: layout for layout in prs.slide_layouts}
    for spec in data["slides"]:
        slide = prs.slides.add_slide(layouts[spec["layout"]])
        slide.shapes.title.text = spec["title"]
        bodies = [ph for ph in slide.placeholders if ph.placeholder_format.idx in (1, 2)]
        if spec["subtitle"] and bodies:
            bodies[0].text_frame.text = spec["subtitle"]
        for placeholder, paragraphs in zip(bodies, (spec["body"], spec["right"]), strict=False):
            if not paragraphs:
                continue
            frame = placeholder.text_frame
            for index, (text, level) in enumerate(paragraphs):
                target = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
                target.text = text
                target.level = level
                target.runs[0].font.size = Pt(spec["size"] or 28)
        if spec["picture"]:
            slide.shapes.add_picture(spec["picture"], Pt(420), Pt(150), width=Pt(450))
        slide.notes_slide.notes_text_frame.text = spec["notes"]
    prs.save(str(out))


def deck_data(deck: DeckSpec, theme_file: Path) -> dict[str, Any]:
    """Return a kit deck's slides as the plain data ``write_deck`` takes (imports the kit)."""
    from deflection_kit.decks.layouts import LAYOUT_NAMES

    def paragraphs(items: Any) -> list[tuple[str, int]]:
        return [(paragraph.text, paragraph.level) for paragraph in items]

    slides = [
        {
            "layout": LAYOUT_NAMES[spec.role][0],
            "title": spec.title,
            "subtitle": spec.subtitle,
            "body": paragraphs(spec.body),
            "right": paragraphs(spec.right),
            "size": spec.body_size,
            "picture": spec.picture.path if spec.picture else None,
            "notes": spec.notes,
        }
        for spec in deck.slides
    ]
    return {"theme": str(theme_file), "slides": slides}


if __name__ == "__main__":
    write_deck(json.loads(Path(sys.argv[1]).read_text(encoding="utf-8")), Path(sys.argv[2]))
