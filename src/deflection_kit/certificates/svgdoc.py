"""Read a rendered certificate SVG: make it safe, and take out the boxes the renderer fills (no Qt).

A template marks each piece of variable text as a box rather than an SVG ``<text>``:
``<rect x=".." y=".." width=".." height=".." data-text="{{ participant_name }}" data-size="40"/>``.
The renderer fits that text into the box (shrinking, then wrapping) with the bundled fonts, which
is how a 120-character name or an Arabic one prints correctly. Everything else is drawn as SVG.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from lxml import etree

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
# Images may only be embedded, never fetched: a template cannot pull in files or URLs.
ALLOWED_IMAGE_PREFIXES = ("data:image/png;base64,", "data:image/jpeg;base64,")
_FORBIDDEN_TAGS = {"script", "foreignObject", "iframe", "audio", "video"}
_SHAPES = {"path", "rect", "circle", "ellipse", "polygon", "polyline"}

Align = Literal["start", "middle", "end"]


class SvgTemplateError(ValueError):
    """A rendered template is not a usable certificate SVG; ``line`` points into the output."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


@dataclass(frozen=True)
class TextBox:
    """A box on the page the renderer fills with fitted text (coordinates in SVG user units)."""

    x: float
    y: float
    width: float
    height: float
    text: str
    field: str = ""
    serif: bool = False
    bold: bool = False
    italic: bool = False
    size: float = 12.0
    min_size: float = 8.0
    max_lines: int = 1
    align: Align = "middle"
    color: str = "#000000"
    letter_spacing: float = 0.0
    uppercase: bool = False


@dataclass(frozen=True)
class CertificateSvg:
    """A safe SVG for the static design, the boxes to fill, and its view box."""

    svg: bytes
    boxes: tuple[TextBox, ...]
    view_width: float
    view_height: float
    svg_texts: tuple[str, ...] = ()  # text the SVG itself draws (<text> elements)

    def printed_text(self) -> str:
        """Return every text the page prints: the boxes, then the SVG's own text."""
        boxes = (box.text.upper() if box.uppercase else box.text for box in self.boxes)
        return "\n".join((*boxes, *self.svg_texts))


def _number(element: etree._Element, name: str, default: float | None = None) -> float:
    raw = element.get(name)
    if raw is None:
        if default is None:
            raise SvgTemplateError(f"a text box needs {name}", element.sourceline)
        return default
    try:
        return float(raw.strip().removesuffix("px"))
    except ValueError:
        raise SvgTemplateError(f"{name}={raw!r} is not a number", element.sourceline) from None


def _flag(element: etree._Element, name: str, truthy: str) -> bool:
    return (element.get(name) or "").strip().lower() in (truthy, "true", "yes")


def _text_box(element: etree._Element) -> TextBox:
    align = (element.get("data-align") or "middle").strip()
    if align not in ("start", "middle", "end"):
        message = f"data-align={align!r}: use start, middle or end"
        raise SvgTemplateError(message, element.sourceline)
    size = _number(element, "data-size", 12.0)
    lines = int(_number(element, "data-lines", 1.0))
    box = TextBox(
        x=_number(element, "x", 0.0),
        y=_number(element, "y", 0.0),
        width=_number(element, "width"),
        height=_number(element, "height"),
        text=element.get("data-text") or "",
        field=element.get("data-field") or element.get("id") or "",
        serif=(element.get("data-font") or "").strip().lower() == "serif",
        bold=_flag(element, "data-weight", "bold"),
        italic=_flag(element, "data-style", "italic"),
        size=size,
        min_size=min(size, _number(element, "data-min-size", size * 0.6)),
        max_lines=max(1, min(lines, 6)),
        align=align,  # type: ignore[arg-type]
        color=(element.get("data-color") or element.get("fill") or "#000000").strip(),
        letter_spacing=_number(element, "data-letter-spacing", 0.0),
        uppercase=_flag(element, "data-case", "upper"),
    )
    if box.width <= 0 or box.height <= 0 or box.size <= 0:
        message = "a text box needs a positive width, height and size"
        raise SvgTemplateError(message, element.sourceline)
    return box


def _local(tag: object) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _strip_unsafe(root: etree._Element) -> None:
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            continue
        if _local(element.tag) in _FORBIDDEN_TAGS:
            parent = element.getparent()
            if parent is not None:
                parent.remove(element)
            continue
        for name in list(element.attrib):
            local = etree.QName(name).localname
            value = element.get(name) or ""
            if local.lower().startswith("on") or (
                local == "href"
                and not (value.startswith("#") or value.startswith(ALLOWED_IMAGE_PREFIXES))
            ):
                del element.attrib[name]


def _stroke_of(element: etree._Element) -> str | None:
    style = element.get("style") or ""
    for declaration in style.split(";"):
        name, _, value = declaration.partition(":")
        if name.strip() == "stroke":
            return value.strip()
    stroke = element.get("stroke")
    return None if stroke is None else str(stroke)


def _zero_missing_strokes(element: etree._Element, inherited: str) -> None:
    """Give unstroked shapes ``stroke-width="0"``.

    QtSvg paints ``stroke="none"`` as a pen with no brush, and Qt's PDF engine then strokes
    the outline with the fill colour: a QR code turns into a black square. Zero width avoids it.
    """
    stroke = _stroke_of(element) or inherited
    if (
        isinstance(element.tag, str)
        and _local(element.tag) in _SHAPES
        and stroke.strip().lower() in ("", "none")
        and element.get("stroke-width") is None
        and "stroke-width" not in (element.get("style") or "")
    ):
        element.set("stroke-width", "0")
    for child in element:
        _zero_missing_strokes(child, stroke)


def read_certificate_svg(text: str) -> CertificateSvg:
    """Parse rendered template output; return the safe SVG and its text boxes."""
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        root = etree.fromstring(text.encode("utf-8"), parser)
    except etree.XMLSyntaxError as error:
        line = error.position[0] if error.position else None
        raise SvgTemplateError(f"not well-formed SVG: {error.msg}", line) from None
    if root.getroottree().docinfo.doctype:
        raise SvgTemplateError("a certificate template may not declare a DOCTYPE", 1)
    if root.tag != f"{{{SVG_NS}}}svg":
        raise SvgTemplateError(f'the root element must be <svg xmlns="{SVG_NS}">', root.sourceline)
    view = (root.get("viewBox") or "").replace(",", " ").split()
    if len(view) != 4:
        raise SvgTemplateError("the <svg> element needs a viewBox", root.sourceline)
    try:
        view_width, view_height = float(view[2]), float(view[3])
    except ValueError:
        raise SvgTemplateError("the viewBox is not four numbers", root.sourceline) from None
    _strip_unsafe(root)
    _zero_missing_strokes(root, "none")
    boxes = []
    for element in list(root.iter(f"{{{SVG_NS}}}rect")):
        if element.get("data-text") is None:
            continue
        if any(a.get("transform") for a in element.iterancestors()) or element.get("transform"):
            raise SvgTemplateError(
                "a text box (rect with data-text) cannot sit inside a transform", element.sourceline
            )
        boxes.append(_text_box(element))
        parent = element.getparent()
        if parent is not None:
            parent.remove(element)
    texts = tuple("".join(t.itertext()) for t in root.iter(f"{{{SVG_NS}}}text"))
    svg = etree.tostring(root, encoding="utf-8", xml_declaration=False)
    return CertificateSvg(svg, tuple(boxes), view_width, view_height, texts)
