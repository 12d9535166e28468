"""Resolve DrawingML colours and fills to RRGGBB, as the accessibility check needs them.

A colour in a .pptx is rarely written out: text says "tx1", a background says "bg1", and the
slide master's colour map turns those into slots of the theme's colour scheme (dk1, lt1...),
often with a brightness modifier on top. This module follows that chain. What it cannot resolve
(gradients, pictures, pattern fills, colour transforms it does not know) comes back as
``UNKNOWN``, and the check then says nothing rather than guess.
"""

from __future__ import annotations

import colorsys
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from lxml import etree

from deflection_kit.decks.pptx_xml import NS, qn

TRANSPARENT = "transparent"  # no fill: what is behind shows through
UNKNOWN = "unknown"  # a fill the check cannot reduce to one colour
FILL_TAGS = ("noFill", "solidFill", "gradFill", "blipFill", "pattFill", "grpFill")
COLOUR_TAGS = ("srgbClr", "schemeClr", "sysClr", "prstClr", "scrgbClr", "hslClr")
# The colour map's defaults (PowerPoint's own) and the names a scheme colour may use.
DEFAULT_MAPPING = {
    "bg1": "lt1",
    "tx1": "dk1",
    "bg2": "lt2",
    "tx2": "dk2",
    **{f"accent{n}": f"accent{n}" for n in range(1, 7)},
    "hlink": "hlink",
    "folHlink": "folHlink",
}
_SYSTEM = {"windowText": "000000", "window": "FFFFFF", "btnText": "000000", "btnFace": "F0F0F0"}
# The preset colours decks actually use; any other preset name is treated as unknown.
_PRESET = {
    "black": "000000",
    "white": "FFFFFF",
    "red": "FF0000",
    "green": "008000",
    "lime": "00FF00",
    "blue": "0000FF",
    "yellow": "FFFF00",
    "gray": "808080",
    "grey": "808080",
    "ltGray": "D3D3D3",
    "dkGray": "A9A9A9",
    "silver": "C0C0C0",
    "navy": "000080",
    "orange": "FFA500",
}
# Modifiers that change transparency or gamma only: ignored (contrast is judged fully opaque).
_IGNORED = {"alpha", "alphaMod", "alphaOff", "gamma", "invGamma"}


def _hex(r: float, g: float, b: float) -> str:
    return "".join(f"{round(min(max(c, 0.0), 1.0) * 255):02X}" for c in (r, g, b))


def _rgb(value: str) -> tuple[float, float, float]:
    return int(value[0:2], 16) / 255, int(value[2:4], 16) / 255, int(value[4:6], 16) / 255


def _pct(element: Any) -> float:
    return int(element.get("val", "100000")) / 100_000


def _linear_to_srgb(c: float) -> float:
    return 12.92 * c if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055


@dataclass(frozen=True)
class Palette:
    """A theme's colour scheme and the colour map in force on one slide."""

    scheme: Mapping[str, str]  # dk1, lt1, dk2, lt2, accent1-6, hlink, folHlink -> RRGGBB
    mapping: Mapping[str, str]  # bg1, tx1, bg2, tx2... -> a scheme slot

    def scheme_colour(self, name: str) -> str | None:
        """Return the RRGGBB of a scheme colour name (tx1, bg1, accent1, dk1...)."""
        slot = self.mapping.get(name, name)
        return self.scheme.get(slot)

    def colour(self, element: Any, placeholder: str | None = None) -> str | None:
        """Return the RRGGBB of a colour element (srgbClr, schemeClr...), or None if unknown.

        ``placeholder`` is the colour that ``phClr`` stands for (a theme style's colour).
        """
        tag = etree.QName(element).localname
        base: str | None
        if tag == "srgbClr":
            base = str(element.get("val", "")).upper() or None
        elif tag == "schemeClr":
            name = str(element.get("val", ""))
            base = placeholder if name == "phClr" else self.scheme_colour(name)
        elif tag == "sysClr":
            base = element.get("lastClr") or _SYSTEM.get(str(element.get("val", "")))
        elif tag == "prstClr":
            base = _PRESET.get(str(element.get("val", "")))
        elif tag == "scrgbClr":
            channels = (int(element.get(c, "0")) / 100_000 for c in ("r", "g", "b"))
            base = _hex(*(_linear_to_srgb(c) for c in channels))
        elif tag == "hslClr":
            hue = int(element.get("hue", "0")) / 21_600_000
            sat = int(element.get("sat", "0")) / 100_000
            lum = int(element.get("lum", "0")) / 100_000
            base = _hex(*colorsys.hls_to_rgb(hue, lum, sat))
        else:
            return None
        if base is None or len(base) != 6:
            return None
        return _modified(base, element)

    def fill(self, parent: Any, placeholder: str | None = None) -> str | None:
        """Return the fill a properties element sets: RRGGBB, TRANSPARENT, UNKNOWN, or None.

        None means the element sets no fill, so the fill is inherited.
        """
        if parent is None:
            return None
        for child in parent:
            if not isinstance(child.tag, str):
                continue
            tag = etree.QName(child).localname
            if tag not in FILL_TAGS:
                continue
            if tag == "noFill":
                return TRANSPARENT
            if tag == "solidFill":
                colour = next((c for c in child if isinstance(c.tag, str)), None)
                found = self.colour(colour, placeholder) if colour is not None else None
                return found or UNKNOWN
            return UNKNOWN
        return None


def _modified(base: str, element: Any) -> str | None:
    """Apply the colour's modifiers (lumMod, lumOff, tint, shade, satMod...) in order."""
    r, g, b = _rgb(base)
    for modifier in element:
        if not isinstance(modifier.tag, str):
            continue
        name = etree.QName(modifier).localname
        if name in _IGNORED:
            continue
        value = _pct(modifier)
        if name == "tint":  # a 40 % tint is 40 % of the colour and 60 % white
            r, g, b = (c * value + (1 - value) for c in (r, g, b))
        elif name == "shade":  # a 40 % shade is 40 % of the colour and 60 % black
            r, g, b = (c * value for c in (r, g, b))
        elif name in ("lumMod", "lumOff", "satMod", "satOff"):
            hue, lum, sat = colorsys.rgb_to_hls(r, g, b)
            if name == "lumMod":
                lum *= value
            elif name == "lumOff":
                lum += value
            elif name == "satMod":
                sat *= value
            else:
                sat += value
            r, g, b = colorsys.hls_to_rgb(hue, min(max(lum, 0.0), 1.0), min(max(sat, 0.0), 1.0))
        else:  # hueOff, comp, inv, gray, red/green/blue...: not worth guessing
            return None
    return _hex(r, g, b)


def colour_map(*elements: Any) -> dict[str, str]:
    """Return the colour map: the master's ``p:clrMap``, overridden by later elements.

    Pass the master's ``p:clrMap`` and then any ``p:clrMapOvr`` (layout, slide); an override
    with ``a:masterClrMapping`` keeps what came before.
    """
    mapping = dict(DEFAULT_MAPPING)
    for element in elements:
        if element is None:
            continue
        if etree.QName(element).localname == "clrMapOvr":
            element = element.find(qn("a:overrideClrMapping"))
            if element is None:
                continue
        for key, value in element.attrib.items():
            if key in mapping:
                mapping[key] = str(value)
    return mapping


def theme_styles(theme_xml: bytes) -> tuple[list[Any], list[Any]]:
    """Return the theme's fill styles and background fill styles (for fillRef and bgRef)."""
    root = etree.fromstring(theme_xml)
    fills = root.xpath("//a:fmtScheme/a:fillStyleLst/*", namespaces=NS)
    backgrounds = root.xpath("//a:fmtScheme/a:bgFillStyleLst/*", namespaces=NS)
    return list(fills), list(backgrounds)


def style_fill(palette: Palette, styles: list[Any], index: int, reference: Any) -> str:
    """Return the colour of a theme fill style used through a reference (fillRef, bgRef).

    The reference's own colour child stands for ``phClr`` in the style.
    """
    if index < 1 or index > len(styles):
        return TRANSPARENT if index == 0 else UNKNOWN
    colour_element = next((c for c in reference if isinstance(c.tag, str)), None)
    placeholder = palette.colour(colour_element) if colour_element is not None else None
    style = styles[index - 1]
    wrapper = etree.Element(qn("a:spPr"))
    wrapper.append(_copy(style))
    found = palette.fill(wrapper, placeholder)
    return found or UNKNOWN


def _copy(element: Any) -> Any:
    return etree.fromstring(etree.tostring(element))
