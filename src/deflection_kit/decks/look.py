"""A theme's look as data: slide size, colours, fonts, sizes and the boxes of each layout.

The same ``ThemeLook`` is read by the script that generates the bundled .pptx themes, by the
deck writer (to fit text and place pictures) and by the Qt painter (thumbnails and the audience
screen), so all three agree on where things go. Lengths are EMU (914,400 per inch).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from deflection_kit.decks.spec import ROLES, Role
from deflection_kit.errors import DeflectionKitError

EMU_PER_INCH = 914_400
EMU_PER_PT = 12_700
_LABELLED = ("case-study", "discussion", "knowledge-check")  # a label band sits above the title
_HEX = re.compile(r"^#?([0-9A-Fa-f]{6})$")


@dataclass(frozen=True)
class Box:
    """A rectangle on the slide, in EMU."""

    x: int
    y: int
    w: int
    h: int

    @classmethod
    def inches(cls, x: float, y: float, w: float, h: float) -> Box:
        """Return a box given in inches."""
        return cls(*(round(v * EMU_PER_INCH) for v in (x, y, w, h)))


@dataclass(frozen=True)
class Decoration:
    """A filled rectangle a layout draws, optionally with a static label on it."""

    box: Box
    fill: str  # a colour name of the palette
    text: str = ""
    colour: str = "on_accent"
    size: float = 20.0
    bold: bool = True


@dataclass(frozen=True)
class LayoutLook:
    """One layout: its name in the .pptx, its boxes, and the colours and sizes it uses."""

    role: Role
    name: str
    title: Box | None
    body: Box | None = None
    right: Box | None = None
    subtitle: Box | None = None
    picture: Box | None = None
    decorations: tuple[Decoration, ...] = ()
    background: str = "background"
    title_colour: str = "title"
    text_colour: str = "text"
    subtitle_colour: str = "muted"
    footer_colour: str = "muted"
    title_size: float = 0.0  # 0: the theme's size
    body_size: float = 0.0
    subtitle_size: float = 0.0
    body_italic: bool = False
    title_align: str = "left"
    title_anchor: str = "b"  # t, ctr or b: where a short title sits in its box


@dataclass(frozen=True)
class ParagraphLook:
    """How body paragraphs are set: indents per level, bullet characters, spacing."""

    indents: tuple[tuple[int, int], ...] = (
        (Box.inches(0.4, 0, 0, 0).x, -Box.inches(0.3, 0, 0, 0).x),
        (Box.inches(0.9, 0, 0, 0).x, -Box.inches(0.3, 0, 0, 0).x),
        (Box.inches(1.35, 0, 0, 0).x, -Box.inches(0.3, 0, 0, 0).x),
    )  # (left margin, first-line indent) in EMU, per level
    bullets: tuple[str, ...] = ("•", "–", "•")
    space_before: float = 10.0  # pt
    line_spacing: float = 1.0  # multiple of the font's own line height


@dataclass(frozen=True)
class ThemeLook:
    """Everything needed to lay out and paint a slide in one theme."""

    name: str
    description: str
    width: int
    height: int
    title_font: str
    body_font: str
    title_bold: bool
    colours: Mapping[str, str]  # name -> RRGGBB
    title_size: float
    min_title_size: float
    subtitle_size: float
    min_subtitle_size: float
    body_size: float
    min_body_size: float
    footer_size: float
    layouts: Mapping[Role, LayoutLook]
    footer: Box
    number: Box
    logo: Box
    paragraph: ParagraphLook = field(default_factory=ParagraphLook)
    title_line_spacing: float = 0.9  # multiple of the title font's line height
    insets: tuple[int, int, int, int] = (91_440, 45_720, 91_440, 45_720)  # l, t, r, b

    def colour(self, name: str) -> str:
        """Return a palette colour (RRGGBB) by name, or the value itself if it is a colour."""
        if name in self.colours:
            return self.colours[name]
        return parse_colour(name)

    def layout(self, role: Role) -> LayoutLook:
        """Return the look of the layout used for ``role``."""
        return self.layouts[role]

    def sizes_for(self, role: Role) -> tuple[float, float, float]:
        """Return the (title, subtitle, body) sizes in pt a layout starts from."""
        layout = self.layouts[role]
        return (
            layout.title_size or self.title_size,
            layout.subtitle_size or self.subtitle_size,
            layout.body_size or self.body_size,
        )

    def with_accent(self, accent: str) -> ThemeLook:
        """Return the look with another accent colour (RRGGBB)."""
        if not accent:
            return self
        colours = dict(self.colours)
        colours["accent"] = parse_colour(accent)
        return replace(self, colours=colours)


def fit_box(width: float, height: float, box: Box) -> Box:
    """Return the largest box with a picture's proportions inside ``box``, centred."""
    if width <= 0 or height <= 0:
        return box
    scale = min(box.w / width, box.h / height)
    w, h = round(width * scale), round(height * scale)
    return Box(box.x + (box.w - w) // 2, box.y + (box.h - h) // 2, w, h)


def parse_colour(value: str) -> str:
    """Return ``value`` as upper-case RRGGBB, or raise a clear error."""
    match = _HEX.match(str(value).strip())
    if not match:
        raise DeflectionKitError(f"{value!r} is not a colour: write six hex digits, like #1F5F8B")
    return match.group(1).upper()


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    """Return the WCAG relative luminance of an RRGGBB colour."""
    rgb = parse_colour(colour)
    r, g, b = (int(rgb[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(first: str, second: str) -> float:
    """Return the WCAG contrast ratio between two RRGGBB colours (1 to 21)."""
    a, b = sorted((luminance(first), luminance(second)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def text_pairs(look: ThemeLook) -> list[tuple[str, str, str]]:
    """Return (where, text colour, background colour) for every text the theme draws."""
    pairs: list[tuple[str, str, str]] = []
    for role, layout in look.layouts.items():
        background = look.colour(layout.background)
        pairs.append((f"{role} title", look.colour(layout.title_colour), background))
        pairs.append((f"{role} text", look.colour(layout.text_colour), background))
        pairs.append((f"{role} subtitle", look.colour(layout.subtitle_colour), background))
        pairs.append((f"{role} footer", look.colour(layout.footer_colour), background))
        for deco in layout.decorations:
            if deco.text:
                pairs.append(
                    (
                        f"{role} label {deco.text!r}",
                        look.colour(deco.colour),
                        look.colour(deco.fill),
                    )
                )
    return pairs


def _box(data: Any, where: str) -> Box:
    if not (isinstance(data, list) and len(data) == 4):
        raise DeflectionKitError(f"{where}: a box is [x, y, width, height] in inches")
    return Box.inches(*(float(v) for v in data))


def _opt_box(data: Mapping[str, Any], key: str, where: str) -> Box | None:
    return _box(data[key], f"{where}.{key}") if key in data else None


def _layout(role: Role, data: Mapping[str, Any], where: str) -> LayoutLook:
    boxes = data.get("boxes", {})
    decorations = tuple(
        Decoration(
            box=_box(item["box"], f"{where}.decorations"),
            fill=str(item.get("fill", "accent")),
            text=str(item.get("text", "")),
            colour=str(item.get("colour", "on_accent")),
            size=float(item.get("size", 20)),
            bold=bool(item.get("bold", True)),
        )
        for item in data.get("decorations", ())
    )
    return LayoutLook(
        role=role,
        name=str(data["name"]),
        title=_opt_box(boxes, "title", where),
        body=_opt_box(boxes, "body", where),
        right=_opt_box(boxes, "right", where),
        subtitle=_opt_box(boxes, "subtitle", where),
        picture=_opt_box(boxes, "picture", where),
        decorations=decorations,
        background=str(data.get("background", "background")),
        title_colour=str(data.get("title_colour", "title")),
        text_colour=str(data.get("text_colour", "text")),
        subtitle_colour=str(data.get("subtitle_colour", "muted")),
        footer_colour=str(data.get("footer_colour", "muted")),
        title_size=float(data.get("title_size", 0)),
        body_size=float(data.get("body_size", 0)),
        subtitle_size=float(data.get("subtitle_size", 0)),
        body_italic=bool(data.get("body_italic", False)),
        title_align=str(data.get("title_align", "left")),
        title_anchor=str(data.get("title_anchor", "t" if role in _LABELLED else "b")),
    )


def look_from_data(data: Mapping[str, Any], where: str = "theme") -> ThemeLook:
    """Build a look from a theme descriptor's data."""
    try:
        sizes = data["sizes"]
        fonts = data["fonts"]
        paragraph = data.get("paragraph", {})
        layouts_data = data["layouts"]
        missing = [role for role in ROLES if role not in layouts_data]
        if missing:
            raise DeflectionKitError(f"{where}: no layout for {', '.join(missing)}")
        indents = tuple(
            (Box.inches(m, 0, 0, 0).x, Box.inches(i, 0, 0, 0).x)
            for m, i in paragraph.get("indents", [[0.4, -0.3], [0.9, -0.3], [1.35, -0.3]])
        )
        return ThemeLook(
            name=str(data["name"]),
            description=str(data.get("description", "")),
            width=Box.inches(float(data["slide"]["width"]), 0, 0, 0).x,
            height=Box.inches(float(data["slide"]["height"]), 0, 0, 0).x,
            title_font=str(fonts["title"]),
            body_font=str(fonts["body"]),
            title_bold=bool(fonts.get("title_bold", False)),
            colours={str(k): parse_colour(str(v)) for k, v in data["colours"].items()},
            title_size=float(sizes["title"]),
            min_title_size=float(sizes["min_title"]),
            subtitle_size=float(sizes["subtitle"]),
            min_subtitle_size=float(sizes["min_subtitle"]),
            body_size=float(sizes["body"]),
            min_body_size=float(sizes["min_body"]),
            footer_size=float(sizes["footer"]),
            layouts={role: _layout(role, layouts_data[role], f"{where}.{role}") for role in ROLES},
            footer=_box(data["footer"]["text"], f"{where}.footer.text"),
            number=_box(data["footer"]["number"], f"{where}.footer.number"),
            logo=_box(data["logo"], f"{where}.logo"),
            paragraph=ParagraphLook(
                indents=indents,
                bullets=tuple(paragraph.get("bullets", ["•", "–", "•"])),
                space_before=float(paragraph.get("space_before", 10)),
                line_spacing=float(paragraph.get("line_spacing", 1.0)),
            ),
            title_line_spacing=float(fonts.get("title_line_spacing", 0.9)),
        )
    except (KeyError, TypeError, ValueError) as error:
        raise DeflectionKitError(f"{where}: bad theme descriptor ({error})") from None


def load_look(path: Path) -> ThemeLook:
    """Read a theme descriptor (YAML) beside a .pptx theme."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise DeflectionKitError(f"{path}: cannot read theme descriptor ({error})") from None
    if not isinstance(data, dict):
        raise DeflectionKitError(f"{path}: a theme descriptor is a mapping")
    return look_from_data(data, str(path))
