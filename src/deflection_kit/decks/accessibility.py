"""Check a .pptx deck the way PowerPoint's Accessibility Checker does, as far as the file says.

    from deflection_kit.decks.accessibility import check_deck_file
    result = check_deck_file(Path("deck.pptx"))
    for line in result.lines("deck.pptx"): print(line)

Rules (docs/decks.md, "Accessibility check", says why each is an error or a warning):

errors    missing alt text (pictures, charts, SmartArt, embedded objects, groups) or alt text
          that is a file name; a slide without a title; a table without a header row; text
          whose contrast with what is behind it is below 4.5:1 (3:1 for large text); no
          presentation language
warnings  the same title on two slides; a title that is not first in reading order; text
          smaller than 18 pt (footers, dates and slide numbers aside); a shape with no text
          and no alt text

Shapes marked decorative and hidden shapes are skipped. Sizes and colours are resolved through
placeholders, layouts, the master, the theme and the presentation's defaults
(``accessibility_styles``); whatever cannot be resolved is not reported.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree

from deflection_kit.decks.accessibility_colour import TRANSPARENT, UNKNOWN
from deflection_kit.decks.accessibility_styles import (
    FURNITURE_TYPES,
    TITLE_TYPES,
    LayoutView,
    MasterView,
    RunStyle,
    SlideView,
    is_hidden,
    local,
    non_visual,
    placeholder_of,
    placeholder_type,
)
from deflection_kit.decks.look import contrast_ratio
from deflection_kit.decks.pptx_xml import qn
from deflection_kit.decks.themes import TEMPLATE_LIMITS
from deflection_kit.errors import InputFileError
from deflection_kit.guards.archive import read_checked

MIN_SIZE_PT = 18.0
LARGE_PT, LARGE_BOLD_PT = 18.0, 14.0  # WCAG's "large text": 18 pt, or 14 pt bold
MIN_CONTRAST, MIN_CONTRAST_LARGE = 4.5, 3.0
DECORATIVE_URI = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
_GRAPHIC_KINDS = {
    "chart": "chart",
    "chartex": "chart",
    "diagram": "SmartArt graphic",
    "ole": "embedded object",
}
_FILE_NAME = re.compile(r"^\S*\.(png|jpe?g|gif|bmp|tiff?|svg|emf|wmf|webp|heic)$", re.IGNORECASE)


@dataclass(frozen=True)
class Finding:
    """One problem: where (a slide number, or 0 for the whole deck), what, and how serious."""

    slide: int
    message: str
    error: bool = True

    def line(self, file: str) -> str:
        """Return the finding as one line: ``FILE:slide N: message`` (warnings say so)."""
        where = f"{file}:slide {self.slide}" if self.slide else file
        return f"{where}: {'' if self.error else 'warning: '}{self.message}"


@dataclass(frozen=True)
class DeckCheck:
    """What the check found in one deck."""

    slides: int
    findings: tuple[Finding, ...]

    @property
    def errors(self) -> tuple[Finding, ...]:
        """Return the findings that are errors."""
        return tuple(f for f in self.findings if f.error)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        """Return the findings that are warnings."""
        return tuple(f for f in self.findings if not f.error)

    def lines(self, file: str) -> list[str]:
        """Return one line per finding, in slide order."""
        return [finding.line(file) for finding in self.findings]

    def _count(self) -> str:
        return f"{self.slides} slide{'s' if self.slides != 1 else ''}"

    def summary(self, file: str) -> str:
        """Return one line counting what was found."""
        errors, warnings = len(self.errors), len(self.warnings)
        if not errors and not warnings:
            return f"{file}: {self._count()}, no accessibility problems found"
        return (
            f"{file}: {self._count()}, {errors} error{'s' if errors != 1 else ''}, "
            f"{warnings} warning{'s' if warnings != 1 else ''}"
        )


def check_deck_file(path: Path) -> DeckCheck:
    """Check the deck at ``path``; raise ``InputFileError`` (one line) if it is not a deck."""
    if path.is_dir():
        raise InputFileError(path, None, "is a folder, not a PowerPoint .pptx file")
    if not path.exists():
        raise InputFileError(path, None, "file not found")
    data = read_checked(path, TEMPLATE_LIMITS)  # refuses zip bombs before python-pptx reads
    return check_deck_bytes(data, path)


def check_deck_bytes(data: bytes, path: Path | str = "deck.pptx") -> DeckCheck:
    """Check a deck given as the bytes of a .pptx file (already checked as a safe zip)."""
    from pptx import Presentation

    try:
        prs = Presentation(io.BytesIO(data))
    except Exception as error:  # python-pptx raises many kinds for a broken package
        raise InputFileError(
            path, None, f"not a PowerPoint .pptx file python-pptx can read ({error})"
        ) from None
    try:
        return check_presentation(prs)
    except (KeyError, ValueError, etree.XMLSyntaxError) as error:
        raise InputFileError(
            path, None, f"the deck is damaged and cannot be checked ({error})"
        ) from None


def check_presentation(prs: Any) -> DeckCheck:
    """Check an open python-pptx Presentation."""
    findings: list[Finding] = list(_language(prs))
    defaults = prs.element.find(qn("p:defaultTextStyle"))
    masters: dict[str, MasterView] = {}
    layouts: dict[str, LayoutView] = {}
    titles: dict[str, int] = {}
    count = 0
    for number, slide in enumerate(prs.slides, start=1):
        count = number
        layout = slide.slide_layout
        master_key = str(layout.slide_master.part.partname)
        if master_key not in masters:
            masters[master_key] = MasterView(layout.slide_master)
        layout_key = str(layout.part.partname)
        if layout_key not in layouts:
            layouts[layout_key] = LayoutView(layout, masters[master_key])
        view = SlideView(slide, layouts[layout_key], defaults)
        findings.extend(_check_slide(view, number, titles))
    return DeckCheck(count, tuple(sorted(findings, key=lambda f: (f.slide, not f.error))))


# --- the presentation -------------------------------------------------------------------


def _language(prs: Any) -> Iterator[Finding]:
    """Report a deck with no language: not in its defaults, its properties, or on its text."""
    defaults = prs.element.find(qn("p:defaultTextStyle"))
    if defaults is not None and any(
        (props.get("lang") or "").strip() for props in defaults.iter(qn("a:defRPr"))
    ):
        return
    if (prs.core_properties.language or "").strip():
        return
    unmarked = 0
    for slide in prs.slides:
        for run in slide.element.iter(qn("a:r"), qn("a:fld")):
            props = run.find(qn("a:rPr"))
            if props is None or not (props.get("lang") or "").strip():
                unmarked += 1
    if unmarked:
        yield Finding(
            0,
            "no presentation language is set (none in the default text style or the "
            f"document properties, and {unmarked} text run{'s' if unmarked != 1 else ''} "
            "without one), so screen readers may read it in the wrong voice; in PowerPoint "
            "select all text and choose Review > Language",
        )


# --- one slide --------------------------------------------------------------------------


def _is_decorative(element: Any) -> bool:
    props = non_visual(element)
    if props is None:
        return False
    for ext in props.iter(qn("a:ext")):
        if ext.get("uri") == DECORATIVE_URI:
            return any(child.get("val") in ("1", "true") for child in ext)
    return False


def _text_of(element: Any) -> str:
    return " ".join("".join(t.text or "" for t in element.iter(qn("a:t"))).split())


def _quote(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


class _Names:
    """Name shapes in messages as the Selection Pane does, or by position when unnamed."""

    def __init__(self, view: SlideView) -> None:
        self._numbers = {id(drawn.element): n for n, drawn in enumerate(view.drawn, start=1)}

    def __call__(self, element: Any, kind: str) -> str:
        props = non_visual(element)
        name = " ".join(str(props.get("name", "") if props is not None else "").split())
        if name:
            return f"the {kind} {_quote(name)}"
        number = self._numbers.get(id(element))
        where = f" (shape {number} counting from the back)" if number else ""
        return f"an unnamed {kind}{where}"


def _check_slide(view: SlideView, number: int, titles: dict[str, int]) -> Iterator[Finding]:
    tree = view.element.cSld.spTree
    names = _Names(view)
    yield from _title(view, number, titles, names)
    yield from _alt_texts(tree, number, names)
    yield from _bare_shapes(tree, number, names)
    yield from _tables(tree, number, names)
    yield from _text(view, number)


def _title_shape(view: SlideView) -> Any:
    for shape in view.element.cSld.spTree:
        if not isinstance(shape.tag, str) or is_hidden(shape):
            continue
        ph = placeholder_of(shape)
        if ph is not None and placeholder_type(ph) in TITLE_TYPES:
            return shape
    return None


def _read_in_order(view: SlideView) -> list[Any]:
    """Return the top-level shapes a screen reader reads, in order (not hidden, not decorative)."""
    return [
        drawn.element
        for drawn in view.drawn
        if drawn.top_level and not _is_decorative(drawn.element)
    ]


def _kind(element: Any) -> str:
    """Return what a shape is, in words: picture, chart, table, group, shape..."""
    tag = local(element)
    if tag == "pic":
        return "picture"
    if tag == "grpSp":
        return "group"
    if tag == "graphicFrame":
        data = element.find(f"{qn('a:graphic')}/{qn('a:graphicData')}")
        uri = str(data.get("uri", "")) if data is not None else ""
        return (
            "table"
            if uri.endswith("/table")
            else _GRAPHIC_KINDS.get(uri.rsplit("/", 1)[-1], "graphic")
        )
    return "text box" if _text_of(element) else "shape"


def _title(
    view: SlideView, number: int, titles: dict[str, int], names: _Names
) -> Iterator[Finding]:
    shape = _title_shape(view)
    text = _text_of(shape) if shape is not None else ""
    if shape is None:
        yield Finding(
            number,
            "the slide has no title; screen reader users find slides by their titles "
            "(use a layout with a title; it may sit off the slide if it must not show)",
        )
        return
    if not text:
        yield Finding(number, "the slide's title placeholder is empty; give the slide a title")
        return
    key = text.casefold()
    if key in titles:
        yield Finding(
            number,
            f"the title {_quote(text)} is the same as slide {titles[key]}'s; give each slide "
            "its own title so the slides can be told apart",
            error=False,
        )
    else:
        titles[key] = number
    order = _read_in_order(view)
    if order and order[0] is not shape:
        first = names(order[0], _kind(order[0]))
        yield Finding(
            number,
            f"the title is not read first: {first} comes before it; move the title to the "
            "top of the Reading Order pane (Review > Check Accessibility)",
            error=False,
        )


def _alt_texts(tree: Any, number: int, names: _Names, nested: bool = False) -> Iterator[Finding]:
    """Report pictures, charts, SmartArt, objects and groups without alt text.

    A group inside a group is described by the outer group's alt text.
    """
    for element in tree:
        if not isinstance(element.tag, str) or is_hidden(element) or _is_decorative(element):
            continue
        tag = local(element)
        if tag not in ("pic", "graphicFrame", "grpSp"):
            continue
        kind = _kind(element)
        if kind != "table" and not (tag == "grpSp" and nested):
            # a table is read cell by cell; it needs a header row instead
            yield from _alt_text(element, kind, number, names)
        if tag == "grpSp":
            yield from _alt_texts(element, number, names, nested=True)


def _alt_text(element: Any, kind: str, number: int, names: _Names) -> Iterator[Finding]:
    alt = _alt(element)
    if not alt:
        yield Finding(
            number,
            f"{names(element, kind)} has no alt text; describe it (right-click > View Alt "
            "Text), or mark it decorative if it is only decoration",
        )
    elif _FILE_NAME.match(alt):
        yield Finding(
            number,
            f"{names(element, kind)} has a file name as its alt text ({alt!r}); describe what "
            "it shows",
        )


def _alt(element: Any) -> str:
    props = non_visual(element)
    return " ".join(str(props.get("descr", "") if props is not None else "").split())


def _bare(element: Any) -> bool:
    """Return whether a drawn shape has neither text nor a description to speak."""
    if placeholder_of(element) is not None or _text_of(element) or _alt(element):
        return False
    for shape in (element, *element.iterancestors(qn("p:grpSp"))):
        if is_hidden(shape) or _is_decorative(shape):
            return False
        if shape is not element and _alt(shape):
            return False  # the group's alt text describes what is in it
    return True


def _bare_shapes(tree: Any, number: int, names: _Names) -> Iterator[Finding]:
    """Report, in one line per slide, drawn shapes with neither text nor alt text."""
    bare = [element for element in tree.iter(qn("p:sp")) if _bare(element)]
    if not bare:
        return
    if len(bare) == 1:
        message = (
            f"{names(bare[0], 'shape')} has no text and no alt text; describe it, or mark it "
            "decorative if it is only decoration"
        )
    else:
        listed = ", ".join(names(element, "shape") for element in bare[:3])
        more = f" and {len(bare) - 3} more" if len(bare) > 3 else ""
        message = (
            f"{len(bare)} shapes have no text and no alt text ({listed}{more}); describe them, "
            "or mark them decorative if they are only decoration"
        )
    yield Finding(number, message, error=False)


def _tables(tree: Any, number: int, names: _Names) -> Iterator[Finding]:
    for table in tree.iter(qn("a:tbl")):
        frame = next((a for a in table.iterancestors() if local(a) == "graphicFrame"), None)
        if frame is not None and is_hidden(frame):
            continue
        props = table.find(qn("a:tblPr"))
        if props is None or props.get("firstRow") not in ("1", "true"):
            name = names(frame, "table") if frame is not None else "a table"
            yield Finding(
                number,
                f"{name} has no header row; tick Header Row (Table Design) and put the column "
                "headings in its first row",
            )


def _text(view: SlideView, number: int) -> Iterator[Finding]:
    for drawn in view.drawn:
        if local(drawn.element) not in ("sp", "graphicFrame"):
            continue
        ph = placeholder_of(drawn.element)
        furniture = ph is not None and placeholder_type(ph) in FURNITURE_TYPES
        runs = list(view.runs(drawn))
        if not runs:
            continue
        small = [run for run in runs if run.size < MIN_SIZE_PT - 0.01]
        if small and not furniture:
            run = min(small, key=lambda r: r.size)
            yield Finding(
                number,
                f"text {_quote(run.text)} is {run.size:g} pt; text on a slide should be at "
                f"least {MIN_SIZE_PT:g} pt to be read from the back of the room",
                error=False,
            )
        worst = _worst_contrast(runs)
        if worst is not None:
            run, ratio, needed = worst
            shown = math.floor(ratio * 10) / 10  # 4.46 must not read as the 4.5 it misses
            yield Finding(
                number,
                f"text {_quote(run.text)} has a contrast of {shown:.1f}:1 (#{run.colour} on "
                f"#{run.background}); at least {needed:g}:1 is needed",
            )


def _worst_contrast(runs: list[RunStyle]) -> tuple[RunStyle, float, float] | None:
    """Return the run furthest below its contrast minimum, with its ratio and minimum."""
    worst: tuple[RunStyle, float, float] | None = None
    for run in runs:
        if UNKNOWN in (run.colour, run.background) or TRANSPARENT in (run.colour, run.background):
            continue
        large = run.size >= LARGE_PT - 0.01 or (run.bold and run.size >= LARGE_BOLD_PT - 0.01)
        needed = MIN_CONTRAST_LARGE if large else MIN_CONTRAST
        ratio = contrast_ratio(run.colour, run.background)
        if ratio < needed and (worst is None or ratio / needed < worst[1] / worst[2]):
            worst = (run, ratio, needed)
    return worst


__all__ = [
    "DeckCheck",
    "Finding",
    "check_deck_bytes",
    "check_deck_file",
    "check_presentation",
]
