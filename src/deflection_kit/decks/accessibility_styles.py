"""What a slide's text looks like once inheritance is resolved: size, weight, colour, backdrop.

PowerPoint rarely writes a run's size or colour on the run. A placeholder's text takes them from
the shape's own list style, then the matching placeholder on the layout (by idx), then the one
on the master (by type), then the master's title, body or other text style, then the
presentation's default text style; a text box skips the placeholders and the master. Colours
go through the theme and the colour map (``accessibility_colour``).

What is behind text is found the same way: the shape's own fill (or its layout and master
placeholder's, or its theme style's), else the topmost filled shape under the centre of the
text's box (on the slide, then the layout, then the master), else the slide's, layout's or
master's background. Pictures, gradients and charts under text come back as ``UNKNOWN``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from lxml import etree
from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from deflection_kit.decks.accessibility_colour import (
    TRANSPARENT,
    UNKNOWN,
    Palette,
    colour_map,
    style_fill,
    theme_styles,
)
from deflection_kit.decks.pptx_xml import qn, theme_colours

Box = tuple[int, int, int, int]  # x, y, width, height in EMU
TITLE_TYPES = frozenset({"title", "ctrTitle"})
FURNITURE_TYPES = frozenset({"dt", "ftr", "sldNum", "hdr"})  # repeated on every slide
_BODY_TYPES = frozenset(
    {"body", "subTitle", "obj", "chart", "tbl", "clipArt", "dgm", "media", "pic", "sldImg"}
)
_SHAPES = ("sp", "pic", "graphicFrame", "grpSp", "cxnSp", "contentPart")
_CNVPR, _NVPR, _PH = qn("p:cNvPr"), qn("p:nvPr"), qn("p:ph")
DEFAULT_SIZE = 18.0  # pt: DrawingML's size when nothing sets one


def local(element: Any) -> str:
    """Return an element's tag without its namespace."""
    return str(etree.QName(element).localname)


def _non_visual_group(element: Any) -> Any:
    """Return a shape's first child (nvSpPr, nvPicPr...: its non-visual properties)."""
    for child in element:
        if isinstance(child.tag, str):
            return child
    return None


def non_visual(element: Any) -> Any:
    """Return a shape's ``cNvPr`` (name, alt text, hidden, decorative), or None."""
    group = _non_visual_group(element)
    return group.find(_CNVPR) if group is not None else None


def is_hidden(element: Any) -> bool:
    """Return whether a shape is hidden (not shown in the slide show, not read)."""
    props = non_visual(element)
    return props is not None and props.get("hidden") in ("1", "true")


def placeholder_of(element: Any) -> Any:
    """Return a shape's ``p:ph`` element, or None for a shape that is not a placeholder."""
    group = _non_visual_group(element)
    nv = group.find(_NVPR) if group is not None else None
    return nv.find(_PH) if nv is not None else None


def placeholder_type(ph: Any) -> str:
    """Return a placeholder's type (``obj`` when it names none, as the standard says)."""
    return str(ph.get("type", "obj"))


def _xfrm_box(element: Any) -> Box | None:
    tag = local(element)
    if tag == "graphicFrame":
        xfrm = element.find(qn("p:xfrm"))
    elif tag == "grpSp":
        xfrm = element.find(f"{qn('p:grpSpPr')}/{qn('a:xfrm')}")
    else:
        xfrm = element.find(f"{qn('p:spPr')}/{qn('a:xfrm')}")
    if xfrm is None:
        return None
    off, ext = xfrm.find(qn("a:off")), xfrm.find(qn("a:ext"))
    if off is None or ext is None:
        return None
    x, y = int(off.get("x", 0)), int(off.get("y", 0))
    return (x, y, int(ext.get("cx", 0)), int(ext.get("cy", 0)))


def _pair(xfrm: Any, tag: str, keys: tuple[str, str]) -> tuple[float, float]:
    part = xfrm.find(qn(f"a:{tag}"))
    if part is None:
        return 0.0, 0.0
    return float(part.get(keys[0], 0)), float(part.get(keys[1], 0))


def _child_transform(group: Any) -> tuple[float, float, float, float, float, float]:
    """Return (ox, oy, sx, sy, cx, cy): child space to parent space for a group."""
    xfrm = group.find(f"{qn('p:grpSpPr')}/{qn('a:xfrm')}")
    if xfrm is None:
        return 0, 0, 1, 1, 0, 0
    ox, oy = _pair(xfrm, "off", ("x", "y"))
    width, height = _pair(xfrm, "ext", ("cx", "cy"))
    cx, cy = _pair(xfrm, "chOff", ("x", "y"))
    child_w, child_h = _pair(xfrm, "chExt", ("cx", "cy"))
    child_w, child_h = child_w or 1.0, child_h or 1.0
    return ox, oy, (width or child_w) / child_w, (height or child_h) / child_h, cx, cy


@dataclass(frozen=True)
class Drawn:
    """A shape in drawing order (later is on top), with its box on the slide."""

    element: Any
    box: Box | None
    top_level: bool


def drawn_shapes(tree: Any, inherited_box: Any = None) -> list[Drawn]:
    """Return the visible shapes of a shape tree in drawing order, groups flattened."""
    result: list[Drawn] = []

    def walk(parent: Any, transform: tuple[float, ...] | None, top: bool) -> None:
        for element in parent:
            if not isinstance(element.tag, str) or local(element) not in _SHAPES:
                continue
            if is_hidden(element):
                continue
            box = _xfrm_box(element)
            if box is None and inherited_box is not None:
                box = inherited_box(element)
            if box is not None and transform is not None:
                ox, oy, sx, sy, cx, cy = transform
                box = (
                    round(ox + (box[0] - cx) * sx),
                    round(oy + (box[1] - cy) * sy),
                    round(box[2] * sx),
                    round(box[3] * sy),
                )
            result.append(Drawn(element, box, top))
            if local(element) == "grpSp":
                inner = _child_transform(element)
                if transform is not None:  # a group in a group: compose the two
                    ox, oy, sx, sy, cx, cy = transform
                    gx, gy, gsx, gsy, gcx, gcy = inner
                    inner = (ox + (gx - cx) * sx, oy + (gy - cy) * sy, gsx * sx, gsy * sy, gcx, gcy)
                walk(element, inner, False)

    walk(tree, None, True)
    return result


def _level_props(list_style: Any, level: int) -> Any:
    if list_style is None:
        return None
    lvl = list_style.find(qn(f"a:lvl{level + 1}pPr"))
    return lvl.find(qn("a:defRPr")) if lvl is not None else None


@dataclass(frozen=True)
class RunStyle:
    """A run of text as it shows: its text, size (pt), weight, colour and what is behind it."""

    text: str
    size: float
    bold: bool
    colour: str  # RRGGBB, TRANSPARENT or UNKNOWN
    background: str  # RRGGBB, TRANSPARENT or UNKNOWN


class MasterView:
    """A slide master with its theme: what every slide made from it inherits."""

    def __init__(self, master: Any) -> None:
        self.element = master.element
        try:
            theme_xml = master.part.part_related_by(RT.THEME).blob
        except KeyError:
            theme_xml = b""
        self.scheme = theme_colours(theme_xml) if theme_xml else {}
        self.fills, self.backgrounds = theme_styles(theme_xml) if theme_xml else ([], [])
        self.clr_map = self.element.find(qn("p:clrMap"))
        self.by_type: dict[str, Any] = {}
        for shape in self.element.cSld.spTree:
            ph = placeholder_of(shape) if isinstance(shape.tag, str) else None
            if ph is not None:
                kind = placeholder_type(ph)
                self.by_type.setdefault("title" if kind in TITLE_TYPES else kind, shape)
        self.drawn = [d for d in drawn_shapes(self.element.cSld.spTree) if _is_drawn(d.element)]
        styles = self.element.find(qn("p:txStyles"))
        self.text_styles = {
            name: styles.find(qn(f"p:{name}")) if styles is not None else None
            for name in ("titleStyle", "bodyStyle", "otherStyle")
        }

    def placeholder(self, kind: str) -> Any:
        """Return the master placeholder a layout placeholder of ``kind`` inherits from."""
        if kind in TITLE_TYPES:
            return self.by_type.get("title")
        if kind in _BODY_TYPES:
            return self.by_type.get("body")
        return self.by_type.get(kind)

    def text_style(self, kind: str) -> Any:
        """Return the master text style for a placeholder type (title, body or other)."""
        if kind in TITLE_TYPES:
            return self.text_styles["titleStyle"]
        if kind in _BODY_TYPES:
            return self.text_styles["bodyStyle"]
        return self.text_styles["otherStyle"]


class LayoutView:
    """A slide layout: its placeholders by idx and type, and the shapes it draws."""

    def __init__(self, layout: Any, master: MasterView) -> None:
        self.element = layout.element
        self.master = master
        self.by_idx: dict[str, Any] = {}
        self.by_type: dict[str, Any] = {}
        for shape in self.element.cSld.spTree:
            ph = placeholder_of(shape) if isinstance(shape.tag, str) else None
            if ph is not None:
                self.by_idx.setdefault(str(ph.get("idx", "0")), shape)
                kind = placeholder_type(ph)
                self.by_type.setdefault("title" if kind in TITLE_TYPES else kind, shape)
        self.drawn = [
            d
            for d in drawn_shapes(self.element.cSld.spTree, self._box_from_master)
            if _is_drawn(d.element)
        ]
        self.shows_master_shapes = self.element.get("showMasterSp") not in ("0", "false")

    def _box_from_master(self, element: Any) -> Box | None:
        ph = placeholder_of(element)
        base = self.master.placeholder(placeholder_type(ph)) if ph is not None else None
        return _xfrm_box(base) if base is not None else None

    def placeholder(self, ph: Any) -> Any:
        """Return the layout placeholder a slide placeholder inherits from (idx, then type)."""
        found = self.by_idx.get(str(ph.get("idx", "0")))
        if found is None:
            kind = placeholder_type(ph)
            found = self.by_type.get("title" if kind in TITLE_TYPES else kind)
        return found


def _is_drawn(element: Any) -> bool:
    """Return whether a layout or master shape shows on slides (placeholders do not)."""
    return placeholder_of(element) is None


class SlideView:
    """One slide and everything it inherits, answering the check's questions about its text."""

    def __init__(self, slide: Any, layout: LayoutView, defaults: Any) -> None:
        self.element = slide.element
        self.layout = layout
        self.master = layout.master
        self.defaults = defaults  # the presentation's p:defaultTextStyle (or None)
        self.palette = Palette(
            self.master.scheme,
            colour_map(
                self.master.clr_map,
                layout.element.find(qn("p:clrMapOvr")),
                self.element.find(qn("p:clrMapOvr")),
            ),
        )
        self.drawn = drawn_shapes(self.element.cSld.spTree, self.inherited_box)

    # --- placeholders -------------------------------------------------------------------

    def bases(self, element: Any) -> tuple[str | None, list[Any]]:
        """Return a shape's placeholder type (None if not one) and the shapes it inherits from."""
        ph = placeholder_of(element)
        if ph is None:
            return None, []
        layout_shape = self.layout.placeholder(ph)
        kind = placeholder_type(ph)
        if layout_shape is not None:
            kind = placeholder_type(placeholder_of(layout_shape))
        master_shape = self.master.placeholder(kind)
        return kind, [s for s in (layout_shape, master_shape) if s is not None]

    def inherited_box(self, element: Any) -> Box | None:
        """Return the box a placeholder without its own position takes from its layout."""
        for base in self.bases(element)[1]:
            box = _xfrm_box(base)
            if box is not None:
                return box
        return None

    # --- text ---------------------------------------------------------------------------

    def runs(self, drawn: Drawn) -> Iterator[RunStyle]:
        """Yield every non-blank run of a shape's text with its resolved look."""
        element = drawn.element
        tag = local(element)
        if tag == "sp":
            body = element.find(qn("p:txBody"))
            if body is None:
                return
            kind, bases = self.bases(element)
            scale = _font_scale(body)
            background = self.background(drawn)
            chain_styles = [body.find(qn("a:lstStyle"))]
            chain_styles += [_list_style(base) for base in bases]
            if kind is not None:
                chain_styles.append(self.master.text_style(kind))
            yield from self._paragraph_runs(body, chain_styles, scale, background, explicit=False)
        elif tag == "graphicFrame":
            for cell in element.iter(qn("a:tc")):
                body = cell.find(qn("a:txBody"))
                if body is None:
                    continue
                fill = self.palette.fill(cell.find(qn("a:tcPr")))
                background = fill if fill not in (None, TRANSPARENT) else UNKNOWN
                chain_styles = [body.find(qn("a:lstStyle"))]
                # a table style colours cell text; only a colour set on the run is known
                yield from self._paragraph_runs(body, chain_styles, 1.0, str(background), True)

    def _paragraph_runs(
        self, body: Any, styles: list[Any], scale: float, background: str, explicit: bool
    ) -> Iterator[RunStyle]:
        for paragraph in body.findall(qn("a:p")):
            ppr = paragraph.find(qn("a:pPr"))
            level = int(ppr.get("lvl", "0")) if ppr is not None else 0
            chain = [_level_props(style, level) for style in styles]
            chain += [_level_props(self.defaults, level), _default_props(self.defaults)]
            chain = [props for props in chain if props is not None]
            for run in paragraph:
                if not isinstance(run.tag, str) or local(run) not in ("r", "fld"):
                    continue
                text = "".join(t.text or "" for t in run.findall(qn("a:t")))
                if not text.strip():
                    continue
                rpr = run.find(qn("a:rPr"))
                own = [rpr] if rpr is not None else []
                size = _first(own + chain, "sz")
                bold = _first(own + chain, "b")
                yield RunStyle(
                    text=text,
                    size=(int(size) / 100 if size else DEFAULT_SIZE) * scale,
                    bold=bold in ("1", "true"),
                    colour=self._text_colour(rpr, chain, inherit=not explicit),
                    background=self._highlight(rpr) or background,
                )

    def _highlight(self, rpr: Any) -> str | None:
        """Return the colour a run is highlighted with (its own backdrop), or None."""
        highlight = rpr.find(qn("a:highlight")) if rpr is not None else None
        colour = (
            next((c for c in highlight if isinstance(c.tag, str)), None)
            if highlight is not None
            else None
        )
        return self.palette.colour(colour) if colour is not None else None

    def _text_colour(self, rpr: Any, chain: list[Any], inherit: bool) -> str:
        """Return a run's colour: its own, a link's, else the first its styles set, else tx1."""
        own = self.palette.fill(rpr)
        if own is not None:
            return own
        if not inherit:
            return UNKNOWN
        if rpr is not None and rpr.find(qn("a:hlinkClick")) is not None:
            return self.palette.scheme_colour("hlink") or UNKNOWN
        for props in chain:
            found = self.palette.fill(props)
            if found is not None:
                return found
        return self.palette.scheme_colour("tx1") or UNKNOWN

    # --- what is behind -----------------------------------------------------------------

    def own_fill(self, element: Any) -> str:
        """Return a shape's own fill: RRGGBB, TRANSPARENT or UNKNOWN."""
        tag = local(element)
        if tag in ("pic", "graphicFrame", "contentPart"):
            return UNKNOWN
        if tag in ("cxnSp", "grpSp"):
            return TRANSPARENT
        candidates = [element, *self.bases(element)[1]]
        for shape in candidates:
            found = self.palette.fill(shape.find(qn("p:spPr")))
            if found is not None:
                return found
        for shape in candidates:
            reference = shape.find(f"{qn('p:style')}/{qn('a:fillRef')}")
            if reference is not None:
                index = int(reference.get("idx", "0"))
                return style_fill(self.palette, self.master.fills, index, reference)
        return TRANSPARENT

    def background(self, drawn: Drawn) -> str:
        """Return what is behind a shape's text: RRGGBB, or UNKNOWN."""
        own = self.own_fill(drawn.element)
        if own != TRANSPARENT:
            return own
        if drawn.box is None:
            return UNKNOWN
        x, y, w, h = drawn.box
        centre = (x + w / 2, y + h / 2)
        layers = [self.drawn[: self.drawn.index(drawn)]]
        if self.element.get("showMasterSp") not in ("0", "false"):
            layers.append(self.layout.drawn)
            if self.layout.shows_master_shapes:
                layers.append(self.master.drawn)
        for shapes in layers:
            for other in reversed(shapes):
                if other.box is None or not _contains(other.box, centre):
                    continue
                fill = self.own_fill(other.element)
                if fill != TRANSPARENT:
                    return fill
        return self.slide_background()

    def slide_background(self) -> str:
        """Return the background of the slide (its own, else its layout's, else its master's)."""
        for element in (self.element, self.layout.element, self.master.element):
            bg = element.cSld.find(qn("p:bg"))
            if bg is None:
                continue
            props = bg.find(qn("p:bgPr"))
            if props is not None:
                found = self.palette.fill(props)
                return UNKNOWN if found in (None, TRANSPARENT) else str(found)
            reference = bg.find(qn("p:bgRef"))
            if reference is not None:
                index = int(reference.get("idx", "0"))
                if index >= 1000:  # 1001...: the theme's background fill styles
                    styles, index = self.master.backgrounds, index - 1000
                else:
                    styles = self.master.fills
                found = style_fill(self.palette, styles, index, reference)
                return UNKNOWN if found == TRANSPARENT else found
        return "FFFFFF"  # PowerPoint's slide when nothing sets a background


def _list_style(shape: Any) -> Any:
    body = shape.find(qn("p:txBody"))
    return body.find(qn("a:lstStyle")) if body is not None else None


def _default_props(defaults: Any) -> Any:
    if defaults is None:
        return None
    ppr = defaults.find(qn("a:defPPr"))
    return ppr.find(qn("a:defRPr")) if ppr is not None else None


def _first(chain: list[Any], attribute: str) -> str | None:
    for props in chain:
        value = props.get(attribute)
        if value is not None:
            return str(value)
    return None


def _font_scale(body: Any) -> float:
    """Return the shrink PowerPoint applied to fit the text (``normAutofit fontScale``)."""
    body_pr = body.find(qn("a:bodyPr"))
    autofit = body_pr.find(qn("a:normAutofit")) if body_pr is not None else None
    if autofit is None:
        return 1.0
    return int(autofit.get("fontScale", "100000")) / 100_000


def _contains(box: Box, point: tuple[float, float]) -> bool:
    x, y, w, h = box
    return x <= point[0] <= x + w and y <= point[1] <= y + h
