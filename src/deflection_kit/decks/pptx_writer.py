"""Write a fitted DeckSpec as an editable .pptx in a theme (python-pptx lives in ``decks`` only).

Text goes into the layout's placeholders (so a department can restyle it in PowerPoint), with
the sizes fitting chose set explicitly; footers and live slide numbers are copied from the
layout; every picture gets alt text; the file is written atomically with fixed dates, so the
same inputs give the same bytes.
"""

from __future__ import annotations

import copy
import io
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.util import Pt

from deflection_kit import privatefiles
from deflection_kit.decks.layouts import LayoutPlan
from deflection_kit.decks.look import Box, ThemeLook, fit_box
from deflection_kit.decks.pptx_xml import (
    fix_zip_times,
    make_plain,
    set_alt_text,
    set_scheme_colour,
    set_solid_fill,
    slide_number_field,
)
from deflection_kit.decks.spec import LOGO_ROLES, DeckSpec, Paragraph, Picture, SlideSpec
from deflection_kit.decks.themes import Theme
from deflection_kit.errors import DeflectionKitError, InputFileError

Progress = Callable[[int, int], None]
FIXED_DATE = datetime(2024, 1, 1)  # core properties: same inputs, same file
_FOOTERS = (PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER)


def picture_box(path: str, box: Box) -> Box:
    """Return the largest box of the picture's shape that fits inside ``box``, centred."""
    try:
        with Image.open(path) as image:
            width, height = image.size
    except (OSError, ValueError, Image.DecompressionBombError) as error:
        raise InputFileError(path, None, f"cannot read the picture ({error})") from None
    if width <= 0 or height <= 0:
        raise InputFileError(path, None, "the picture is empty")
    return fit_box(width, height, box)


class _QuickPartNames:
    """Hand out free part names without walking the whole package each time.

    python-pptx finds a name for each new notes slide by walking every part of the package,
    which makes a deck quadratic in its slide count (half a second for 100 slides). The names
    in use are collected once and remembered as new ones are handed out.
    """

    def __init__(self, package: Any) -> None:
        self._used = {str(part.partname) for part in package.iter_parts()}

    def __call__(self, template: str) -> PackURI:
        number = 1 + sum(1 for name in self._used if _matches(template, name))
        while template % number in self._used:
            number += 1
        name = template % number
        self._used.add(name)
        return PackURI(name)


def _matches(template: str, name: str) -> bool:
    prefix, _, suffix = template.partition("%d")
    return name.startswith(prefix) and name.endswith(suffix)


class _SlideWriter:
    """Fill one slide made from a layout."""

    def __init__(self, look: ThemeLook, deck: DeckSpec, bundled: bool = True) -> None:
        self.look = look
        self.deck = deck
        self.bundled = bundled
        self._footer_shapes: dict[str, list[tuple[Any, bool]]] = {}

    def fill(self, slide: Any, spec: SlideSpec, plan: LayoutPlan, layout: Any, number: int) -> None:
        """Put a SlideSpec's text, picture, footer and notes on a new slide."""
        placeholders = {ph.placeholder_format.idx: ph for ph in slide.placeholders}
        used: set[int] = set()
        if plan.title is not None and spec.title:
            self._text(
                placeholders[plan.title.idx],
                [Paragraph(spec.title, 0, True)],
                spec.title_size,
                keep_bullets=True,
            )
            used.add(plan.title.idx)
        if plan.subtitle is not None and spec.subtitle:
            self._text(
                placeholders[plan.subtitle.idx],
                [Paragraph(spec.subtitle, 0, True)],
                spec.subtitle_size,
            )
            used.add(plan.subtitle.idx)
        if plan.body is not None and spec.body:
            self._text(placeholders[plan.body.idx], spec.body, spec.body_size)
            used.add(plan.body.idx)
        if plan.right is not None and spec.right:
            self._text(placeholders[plan.right.idx], spec.right, spec.body_size)
            used.add(plan.right.idx)
        if spec.picture is not None and plan.picture is not None:
            self._picture(slide, spec.picture, plan.picture.box)
        for idx, placeholder in placeholders.items():
            if idx not in used:  # an empty placeholder shows "Click to add text" in PowerPoint
                placeholder.element.getparent().remove(placeholder.element)
        if self.deck.logo is not None and spec.role in LOGO_ROLES:
            self._picture(slide, self.deck.logo, self.look.logo)
        # LibreOffice draws footers and slide numbers in the master's colour whatever the layout
        # says (grey on the high-contrast theme's yellow section slides), so a bundled theme
        # writes the layout's footer colour on the text itself. A template keeps its own.
        colour = self.look.colour(self.look.layout(spec.role).footer_colour) if self.bundled else ""
        self._footers(slide, layout, number, colour)
        if spec.notes:
            slide.notes_slide.notes_text_frame.text = spec.notes

    def _text(
        self,
        placeholder: Any,
        paragraphs: Sequence[Paragraph],
        size: float,
        keep_bullets: bool = False,
    ) -> None:
        frame = placeholder.text_frame
        for index, paragraph in enumerate(paragraphs):
            target = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
            if paragraph.plain:
                if not keep_bullets:
                    make_plain(target._p)
            else:
                target.level = paragraph.level
            run = target.add_run()
            run.text = paragraph.text
            if size:
                own = (
                    size
                    if paragraph.plain
                    else max(self.look.min_body_size, size - 2 * paragraph.level)
                )
                run.font.size = Pt(own)

    def _picture(self, slide: Any, picture: Picture, area: Box) -> None:
        box = picture_box(picture.path, area)
        shape = slide.shapes.add_picture(picture.path, box.x, box.y, box.w, box.h)
        set_alt_text(shape._element, picture.alt)

    def _footer_sources(self, layout: Any) -> list[tuple[Any, bool]]:
        """Return the layout's footer and slide-number shapes (the master's if it has none)."""
        name = str(layout.name)
        if name not in self._footer_shapes:
            sources = [ph for ph in layout.placeholders if ph.placeholder_format.type in _FOOTERS]
            have = {ph.placeholder_format.type for ph in sources}
            sources += [
                ph
                for ph in layout.slide_master.placeholders
                if ph.placeholder_format.type in _FOOTERS and ph.placeholder_format.type not in have
            ]
            self._footer_shapes[name] = [
                (ph.element, ph.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER)
                for ph in sources
            ]
        return self._footer_shapes[name]

    def _footers(self, slide: Any, layout: Any, number: int, colour: str = "") -> None:
        for source, is_number in self._footer_sources(layout):
            element = copy.deepcopy(source)
            element.nvSpPr.cNvPr.id = slide.shapes._next_shape_id
            slide.shapes._spTree.append(element)
            paragraphs = element.txBody.p_lst if element.txBody is not None else []
            if not paragraphs:
                continue
            first = paragraphs[0]
            for extra in paragraphs[1:]:
                element.txBody.remove(extra)
            size = round(self.look.footer_size * 100)
            if is_number:
                rpr = slide_number_field(first, number, size)
            else:
                for child in list(first):
                    if child.tag.endswith(("}r", "}fld", "}br")):
                        first.remove(child)
                run = first.add_r()
                run.text = self.deck.footer
                rpr = run.get_or_add_rPr()
                # a long agency name was fitted smaller; the slide number keeps the theme's size
                rpr.set("sz", str(round((self.deck.footer_size or self.look.footer_size) * 100)))
            if colour:
                set_solid_fill(rpr, colour)


def _drop_slides(prs: Any) -> None:
    """Remove any slides a template carries: the deck starts empty."""
    id_list = prs.slides._sldIdLst
    for slide_id in list(id_list):
        prs.part.drop_rel(slide_id.rId)
        id_list.remove(slide_id)


def _set_accent(prs: Any, accent: str) -> None:
    theme_part = prs.slide_master.part.part_related_by(RT.THEME)
    theme_part._blob = set_scheme_colour(theme_part.blob, "accent1", accent)


def render_pptx(deck: DeckSpec, theme: Theme, progress: Progress | None = None) -> bytes:
    """Return the .pptx bytes of a fitted deck in a theme."""
    if deck.fitted_for != theme.look.name:
        raise ValueError(f"deck was fitted for {deck.fitted_for!r}, not {theme.look.name!r}")
    theme.check_roles(slide.role for slide in deck.slides)
    prs = Presentation(io.BytesIO(theme.data))
    _drop_slides(prs)
    package: Any = prs.part.package
    package.next_partname = _QuickPartNames(package)
    if deck.accent:
        _set_accent(prs, deck.accent)
    layouts = {str(layout.name): layout for layout in prs.slide_layouts}
    writer = _SlideWriter(theme.look, deck, theme.bundled)
    total = len(deck.slides)
    for number, spec in enumerate(deck.slides, start=1):
        plan = theme.plans[spec.role]
        layout = layouts[plan.name]
        writer.fill(prs.slides.add_slide(layout), spec, plan, layout, number)
        if progress is not None:
            progress(number, total)
    core = prs.core_properties
    core.title = deck.title[:255]
    core.subject = "First Responder Deflection course deck"
    core.author = (deck.agency or "Deflection Kit")[:255]
    core.last_modified_by = "Deflection Kit"
    core.keywords = ", ".join(("deflection", *deck.pathways))[:255]
    core.comments = f"recipe: {deck.recipe}; audience: {deck.audience or 'all'}"
    core.revision = 1
    core.created = core.modified = core.last_printed = FIXED_DATE
    buffer = io.BytesIO()
    prs.save(buffer)
    return fix_zip_times(buffer.getvalue())


def write_pptx(
    deck: DeckSpec, theme: Theme, out: str | Path, progress: Progress | None = None
) -> Path:
    """Write a fitted deck to ``out`` atomically (nothing is written if anything fails)."""
    target = Path(out)
    if target.suffix.lower() != ".pptx":
        raise DeflectionKitError(f"{target}: the output file must end in .pptx")
    data = render_pptx(deck, theme, progress)
    return privatefiles.write_bytes(target, data)
