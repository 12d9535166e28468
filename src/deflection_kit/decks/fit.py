"""Fit each slide's text into its theme's boxes: shrink within limits, else continue it.

PowerPoint does not act on python-pptx's autofit flag, so a deck that merely sets it can still
overflow. Here every title, subtitle and body is measured with real font metrics against the box
it will sit in. Text that does not fit at the theme's size is set smaller, down to the theme's
minimum (never below 20 pt for body text); text that still does not fit continues on follow-on
slides titled "(continued)", then "(continued, part 3)" and so on, so no two share a title. A
title that cannot fit even at its minimum size is an error.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from deflection_kit.decks.look import EMU_PER_PT, Box, LayoutLook, ThemeLook
from deflection_kit.decks.measure import FontMetrics, metrics_for, wrap
from deflection_kit.decks.spec import CONTINUED, DeckSpec, Paragraph, SlideSpec
from deflection_kit.errors import DeflectionKitError

STEP = 2.0  # pt between the sizes tried
HEIGHT_SAFETY = 0.96  # leave a little room for rounding differences between renderers
WIDTH_SAFETY = 0.98
MAX_PAGES = 20  # a slide longer than this is a content problem, not a layout one
MIN_FOOTER_PT = 10.0  # a footer names the agency; it need not be read from the back row
ELLIPSIS = "…"


class FitError(DeflectionKitError):
    """Text cannot be fitted on a slide even at the smallest allowed size."""


@dataclass(frozen=True)
class TextArea:
    """The inside of a box (insets removed), in points."""

    width: float
    height: float

    @classmethod
    def of(cls, box: Box, look: ThemeLook) -> TextArea:
        """Return the text area of a box in a theme."""
        left, top, right, bottom = look.insets
        return cls(
            width=(box.w - left - right) / EMU_PER_PT * WIDTH_SAFETY,
            height=(box.h - top - bottom) / EMU_PER_PT * HEIGHT_SAFETY,
        )


def sizes_between(start: float, minimum: float) -> list[float]:
    """Return the sizes to try, largest first: ``start`` down to ``minimum`` in steps."""
    sizes: list[float] = []
    size = start
    while size > minimum:
        sizes.append(size)
        size -= STEP
    sizes.append(minimum)
    return sizes


class BodyMeasure:
    """Measure body paragraphs of one layout in one theme."""

    def __init__(self, look: ThemeLook, area: TextArea, italic: bool) -> None:
        self.look = look
        self.area = area
        self.metrics = metrics_for(look.body_font, False, italic)
        self.line = self.metrics.line_height * look.paragraph.line_spacing

    def level_size(self, size: float, paragraph: Paragraph) -> float:
        """Return the size of a paragraph when the body is set at ``size``."""
        if paragraph.plain:
            return size
        return max(self.look.min_body_size, size - STEP * paragraph.level)

    def lines(self, paragraph: Paragraph, size: float) -> list[str]:
        """Return the wrapped lines of a paragraph."""
        own = self.level_size(size, paragraph)
        indent = 0.0
        if not paragraph.plain:
            level = min(paragraph.level, len(self.look.paragraph.indents) - 1)
            indent = self.look.paragraph.indents[level][0] / EMU_PER_PT
        return wrap(paragraph.text, self.metrics, own, self.area.width - indent)

    def height(self, paragraph: Paragraph, size: float) -> float:
        """Return the height a paragraph takes, with the space before it."""
        own = self.level_size(size, paragraph)
        count = len(self.lines(paragraph, size))
        return self.look.paragraph.space_before + count * own * self.line

    def total(self, paragraphs: Sequence[Paragraph], size: float) -> float:
        """Return the height of several paragraphs."""
        return sum(self.height(paragraph, size) for paragraph in paragraphs)

    def fits(self, paragraphs: Sequence[Paragraph], size: float) -> bool:
        """Return whether the paragraphs fit the area at ``size``."""
        return self.total(paragraphs, size) <= self.area.height

    def paginate(self, paragraphs: Sequence[Paragraph], size: float) -> list[list[Paragraph]]:
        """Split paragraphs into pages that each fit, keeping a bullet with its sub-bullets."""
        pages: list[list[Paragraph]] = [[]]
        used = 0.0
        for unit in self._units(paragraphs, size):
            unit_height = self.total(unit, size)
            if used + unit_height <= self.area.height:
                pages[-1].extend(unit)
                used += unit_height
                continue
            if pages[-1]:
                pages.append([])
                used = 0.0
            pages[-1].extend(unit)
            used += unit_height
        return [page for page in pages if page]

    def _units(self, paragraphs: Sequence[Paragraph], size: float) -> list[list[Paragraph]]:
        """Group paragraphs into units that fit a page: a bullet with its children if possible."""
        groups: list[list[Paragraph]] = []
        for paragraph in paragraphs:
            if groups and paragraph.level > 0 and not paragraph.plain:
                groups[-1].append(paragraph)
            else:
                groups.append([paragraph])
        units: list[list[Paragraph]] = []
        for group in groups:
            if self.fits(group, size):
                units.append(group)
                continue
            for paragraph in group:
                if self.fits([paragraph], size):
                    units.append([paragraph])
                else:
                    units.extend([piece] for piece in self._split(paragraph, size))
        return units

    def _split(self, paragraph: Paragraph, size: float) -> list[Paragraph]:
        """Split one paragraph that is taller than a page at line boundaries."""
        own = self.level_size(size, paragraph)
        per_page = int((self.area.height - self.look.paragraph.space_before) // (own * self.line))
        lines = self.lines(paragraph, size)
        if per_page < 1:
            raise FitError(f"the text box is too small for even one line: {paragraph.text[:60]!r}")
        return [
            Paragraph(" ".join(lines[i : i + per_page]), paragraph.level, paragraph.plain)
            for i in range(0, len(lines), per_page)
        ]


def fit_line_text(
    text: str,
    box: Box,
    look: ThemeLook,
    metrics: FontMetrics,
    start: float,
    minimum: float,
    spacing: float,
) -> float | None:
    """Return the largest size from ``start`` down to ``minimum`` at which ``text`` fits ``box``."""
    area = TextArea.of(box, look)
    for size in sizes_between(start, minimum):
        lines = len(wrap(text, metrics, size, area.width))
        if lines * size * metrics.line_height * spacing <= area.height:
            return size
    return None


def _with_attribution(slide: SlideSpec, layout: LayoutLook) -> SlideSpec:
    """Move a subtitle into the body when the layout has no place for it (templates)."""
    if slide.subtitle and layout.subtitle is None and layout.body is not None:
        extra = Paragraph(slide.subtitle, 0, True)
        return slide.with_changes(body=(*slide.body, extra), subtitle="")
    return slide


class SlideFitter:
    """Fit slides to one theme."""

    def __init__(self, look: ThemeLook) -> None:
        self.look = look
        self.title_metrics = metrics_for(look.title_font, look.title_bold, False)
        self.subtitle_metrics = metrics_for(look.body_font, False, False)

    def fit(self, slide: SlideSpec) -> list[SlideSpec]:
        """Return the slide with its sizes set, plus any follow-on slides."""
        layout = self.look.layout(slide.role)
        slide = _with_attribution(slide, layout)
        title_start, subtitle_start, body_start = self.look.sizes_for(slide.role)
        title_size = self._title_size(slide, layout, title_start)
        subtitle_size = self._subtitle_size(slide, layout, subtitle_start)
        if layout.body is None or not (slide.body or slide.right):
            return [slide.with_changes(title_size=title_size, subtitle_size=subtitle_size)]
        body_size, pages = self._body(slide, layout, body_start)
        fitted: list[SlideSpec] = []
        for number, (left, right) in enumerate(pages, start=1):
            changes: dict[str, object] = {
                "body": tuple(left),
                "right": tuple(right),
                "title_size": title_size,
                "subtitle_size": subtitle_size,
                "body_size": body_size,
                "page": number,
            }
            if number > 1:
                # every slide keeps a title of its own: screen reader users find slides by title
                part = CONTINUED if number == 2 else f"{CONTINUED[:-1]}, part {number})"
                title = f"{slide.title} {part}"
                changes["title"] = title
                changes["title_size"] = self._title_size(
                    slide.with_changes(title=title), layout, title_start
                )
                changes["picture"] = None
                changes["minutes"] = 0.0
                changes["notes"] = (
                    f"Continues “{slide.title}”: the speaker notes are on the previous slide."
                )
            fitted.append(slide.with_changes(**changes))
        return fitted

    def _title_size(self, slide: SlideSpec, layout: LayoutLook, start: float) -> float:
        if layout.title is None or not slide.title:
            return start
        size = fit_line_text(
            slide.title,
            layout.title,
            self.look,
            self.title_metrics,
            start,
            self.look.min_title_size,
            self.look.title_line_spacing,
        )
        if size is None:
            raise FitError(
                f"slide title does not fit even at {self.look.min_title_size:g} pt in the "
                f"{self.look.name!r} theme; shorten it: {slide.title!r}"
            )
        return size

    def _subtitle_size(self, slide: SlideSpec, layout: LayoutLook, start: float) -> float:
        if layout.subtitle is None or not slide.subtitle:
            return start
        size = fit_line_text(
            slide.subtitle,
            layout.subtitle,
            self.look,
            self.subtitle_metrics,
            start,
            self.look.min_subtitle_size,
            self.look.paragraph.line_spacing,
        )
        if size is None:
            raise FitError(
                f"subtitle does not fit even at {self.look.min_subtitle_size:g} pt; "
                f"shorten it: {slide.subtitle!r}"
            )
        return size

    def _body(
        self, slide: SlideSpec, layout: LayoutLook, start: float
    ) -> tuple[float, list[tuple[list[Paragraph], list[Paragraph]]]]:
        assert layout.body is not None
        left = BodyMeasure(self.look, TextArea.of(layout.body, self.look), layout.body_italic)
        right = (
            BodyMeasure(self.look, TextArea.of(layout.right, self.look), layout.body_italic)
            if layout.right is not None
            else None
        )
        left_text = list(slide.body)
        right_text = list(slide.right)
        if right is None and right_text:  # a template without a second column: stack them
            left_text.extend(right_text)
            right_text = []
        sizes = sizes_between(start, self.look.min_body_size)
        for size in sizes:
            if left.fits(left_text, size) and (right is None or right.fits(right_text, size)):
                return size, [(left_text, right_text)]
        minimum = sizes[-1]
        fewest = self._page_count(left, right, left_text, right_text, minimum)
        chosen = minimum
        for size in sizes:
            if self._page_count(left, right, left_text, right_text, size) == fewest:
                chosen = size
                break
        left_pages = left.paginate(left_text, chosen)
        right_pages = right.paginate(right_text, chosen) if right is not None else []
        count = max(len(left_pages), len(right_pages))
        if count > MAX_PAGES:
            raise FitError(f"slide {slide.title!r} would need {count} slides; split it up")
        left_pages += [[]] * (count - len(left_pages))
        right_pages += [[]] * (count - len(right_pages))
        return chosen, list(zip(left_pages, right_pages, strict=True))

    @staticmethod
    def _page_count(
        left: BodyMeasure,
        right: BodyMeasure | None,
        left_text: list[Paragraph],
        right_text: list[Paragraph],
        size: float,
    ) -> int:
        count = len(left.paginate(left_text, size))
        if right is not None and right_text:
            count = max(count, len(right.paginate(right_text, size)))
        return count


def fit_footer(text: str, look: ThemeLook) -> tuple[str, float]:
    """Return the footer text and the size at which it stays on one line of the footer box.

    A long agency name is set smaller, down to 10 pt; past that its last words give way to
    an ellipsis rather than wrapping out of the box and over the slide's edge.
    """
    if not text:
        return text, look.footer_size
    metrics = metrics_for(look.body_font, False, False)
    width = TextArea.of(look.footer, look).width
    minimum = min(MIN_FOOTER_PT, look.footer_size)
    for size in sizes_between(look.footer_size, minimum):
        if len(wrap(text, metrics, size, width)) == 1:
            return text, size
    words = text.split()
    while len(words) > 1 and len(wrap(" ".join(words) + ELLIPSIS, metrics, minimum, width)) > 1:
        words.pop()
    return " ".join(words).rstrip(",;:·-") + ELLIPSIS, minimum


def fit_deck(deck: DeckSpec, look: ThemeLook) -> DeckSpec:
    """Return the deck with every slide fitted to ``look`` (follow-on slides added)."""
    fitter = SlideFitter(look)
    slides: list[SlideSpec] = []
    for slide in deck.slides:
        slides.extend(fitter.fit(slide))
    footer, footer_size = fit_footer(deck.footer, look)
    return deck.with_slides(
        tuple(slides), fitted_for=look.name, footer=footer, footer_size=footer_size
    )
