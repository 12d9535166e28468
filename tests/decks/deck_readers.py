"""Read written decks back the way a department's PowerPoint would (python-pptx)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER

TITLE_TYPES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)


def open_pptx(data_or_path: bytes | Path) -> Any:
    """Open a written deck with python-pptx, as a department's PowerPoint would."""
    if isinstance(data_or_path, bytes):
        return Presentation(io.BytesIO(data_or_path))
    return Presentation(str(data_or_path))


def slide_title(slide: Any) -> str:
    """Return the text of a slide's title placeholder ("" if none)."""
    for shape in slide.placeholders:
        if shape.placeholder_format.type in TITLE_TYPES:
            return shape.text_frame.text
    return ""


def slide_texts(slide: Any) -> Iterator[str]:
    """Yield every text on a slide (all shapes)."""
    for shape in slide.shapes:
        if shape.has_text_frame:
            yield shape.text_frame.text


def notes_text(slide: Any) -> str:
    """Return a slide's speaker notes ("" if it has none)."""
    if not slide.has_notes_slide:
        return ""
    return slide.notes_slide.notes_text_frame.text


def pictures(slide: Any) -> list[Any]:
    """Return the picture shapes of a slide."""
    return [shape for shape in slide.shapes if shape.shape_type == MSO_SHAPE_TYPE.PICTURE]


def alt_text(shape: Any) -> str:
    """Return a shape's alt text (the descr attribute screen readers speak)."""
    return shape._element.xpath("./*[1]/p:cNvPr")[0].get("descr", "")


def all_text(prs: Any) -> str:
    """Return every slide text and note of a deck, joined."""
    parts: list[str] = []
    for slide in prs.slides:
        parts.extend(slide_texts(slide))
        parts.append(notes_text(slide))
    return "\n".join(parts)
