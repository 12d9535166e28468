"""Regenerate the bundled .pptx themes from their descriptors (themes/NAME.yaml).

    uv run python slides_templates/make_themes.py            # every theme
    uv run python slides_templates/make_themes.py default    # one theme

Starts from python-pptx's default template, makes it 16:9, sets the theme colours and fonts,
the master's text styles (titles and body sizes, bullets, indents), and rebuilds its eleven
layouts as the named layouts the deck writer looks up (one per slide role), with footer and
slide-number placeholders. The output is deterministic, so a changed .pptx in a diff means a
changed descriptor.
"""

from __future__ import annotations

import io
import sys
from datetime import datetime
from pathlib import Path
from xml.sax.saxutils import escape

from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml import parse_xml

from deflection_kit.decks.look import Box, LayoutLook, ThemeLook, load_look
from deflection_kit.decks.pptx_xml import NS, SLIDENUM_FIELD_ID, fix_zip_times, qn
from deflection_kit.decks.spec import ROLES

HERE = Path(__file__).resolve().parent
THEMES = HERE / "themes"
NSDECL = " ".join(f'xmlns:{k}="{v}"' for k, v in NS.items())
# Palette names that map onto theme colour slots, so PowerPoint's colour picker offers them and
# an --accent override recolours every accent shape.
SCHEME = {"background": "bg1", "text": "tx1", "title": "tx2", "accent": "accent1"}
LAYOUT_TYPE = {
    "title": "title",
    "section": "secHead",
    "bullets": "obj",
    "two-column": "twoObj",
    "image": "objTx",
    "closing": "title",
}


def fill(look: ThemeLook, name: str) -> str:
    """Return a solidFill for a palette colour, as a scheme colour when it has a slot."""
    if name in SCHEME:
        return f'<a:solidFill><a:schemeClr val="{SCHEME[name]}"/></a:solidFill>'
    return f'<a:solidFill><a:srgbClr val="{look.colour(name)}"/></a:solidFill>'


def xfrm(box: Box) -> str:
    """Return an xfrm element for a box."""
    return f'<a:xfrm><a:off x="{box.x}" y="{box.y}"/><a:ext cx="{box.w}" cy="{box.h}"/></a:xfrm>'


def body_pr(look: ThemeLook, anchor: str) -> str:
    """Return a bodyPr with the theme's insets and no autofit (text is fitted when built)."""
    left, top, right, bottom = look.insets
    return (
        f'<a:bodyPr vert="horz" wrap="square" lIns="{left}" tIns="{top}" rIns="{right}" '
        f'bIns="{bottom}" rtlCol="0" anchor="{anchor}"><a:noAutofit/></a:bodyPr>'
    )


def run_props(size: float, colour_fill: str, font: str, bold: bool, italic: bool = False) -> str:
    """Return a defRPr for a size (pt), fill and font reference."""
    flags = (' b="1"' if bold else ' b="0"') + (' i="1"' if italic else "")
    return (
        f'<a:defRPr sz="{round(size * 100)}"{flags}>{colour_fill}'
        f'<a:latin typeface="{font}"/><a:ea typeface="{font}"/><a:cs typeface="{font}"/></a:defRPr>'
    )


def level_sizes(look: ThemeLook, base: float) -> list[float]:
    """Return the sizes of the three bullet levels: 2 pt smaller per level, never below minimum."""
    return [max(look.min_body_size, base - 2 * level) for level in range(3)]


def body_levels(look: ThemeLook, base: float, colour: str, italic: bool, plain: bool) -> str:
    """Return lvl1pPr..lvl3pPr for body text (bullets or plain)."""
    parts = []
    for level, size in enumerate(level_sizes(look, base)):
        margin, indent = look.paragraph.indents[level]
        if plain:
            margin, indent = 0, 0
            bullet = "<a:buNone/>"
        else:
            char = escape(look.paragraph.bullets[level], {'"': "&quot;"})
            bullet = f'<a:buFont typeface="Arial"/><a:buChar char="{char}"/>'
        space = round(look.paragraph.space_before * 100)
        spacing = round(look.paragraph.line_spacing * 100_000)
        parts.append(
            f'<a:lvl{level + 1}pPr marL="{margin}" indent="{indent}" algn="l">'
            f'<a:lnSpc><a:spcPct val="{spacing}"/></a:lnSpc>'
            f'<a:spcBef><a:spcPts val="{space}"/></a:spcBef>{bullet}'
            f"{run_props(size, colour, '+mn-lt', False, italic)}</a:lvl{level + 1}pPr>"
        )
    return "".join(parts)


def placeholder(
    shape_id: int, name: str, ph: str, box: Box, anchor: str, lst_style: str, text: str
) -> str:
    """Return a placeholder shape for a layout."""
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{name}"/>'
        f'<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr>{ph}</p:nvPr></p:nvSpPr>'
        f"<p:spPr>{xfrm(box)}</p:spPr><p:txBody>{{bodypr_{anchor}}}"
        f"<a:lstStyle>{lst_style}</a:lstStyle>{text}</p:txBody></p:sp>"
    )


def decoration(look: ThemeLook, shape_id: int, deco_index: int, layout: LayoutLook) -> str:
    """Return a filled rectangle (with its static label, if any)."""
    deco = layout.decorations[deco_index]
    if deco.text:
        size = round(deco.size * 100)
        bold = ' b="1"' if deco.bold else ""
        text = (
            f'<p:txBody><a:bodyPr lIns="91440" tIns="0" rIns="91440" bIns="0" anchor="ctr"/>'
            f'<a:lstStyle/><a:p><a:pPr algn="l"/><a:r><a:rPr lang="en-US" sz="{size}"{bold}>'
            f'{fill(look, deco.colour)}<a:latin typeface="+mj-lt"/></a:rPr>'
            f"<a:t>{escape(deco.text)}</a:t></a:r></a:p></p:txBody>"
        )
    else:
        text = ""
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="Decoration {deco_index + 1}"/>'
        f'<p:cNvSpPr/><p:nvPr userDrawn="1"/></p:nvSpPr><p:spPr>{xfrm(deco.box)}'
        f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>{fill(look, deco.fill)}'
        "<a:ln><a:noFill/></a:ln>"
        f"</p:spPr>{text}</p:sp>"
    )


def prompt(text: str) -> str:
    """Return the prompt paragraph PowerPoint shows in an empty placeholder."""
    return f'<a:p><a:r><a:rPr lang="en-US"/><a:t>{escape(text)}</a:t></a:r></a:p>'


def footer_shapes(look: ThemeLook, layout: LayoutLook, first_id: int) -> list[str]:
    """Return the footer and slide-number placeholders of a layout."""
    colour = fill(look, layout.footer_colour)
    size = look.footer_size
    footer_style = f'<a:lvl1pPr algn="l">{run_props(size, colour, "+mn-lt", False)}</a:lvl1pPr>'
    number_style = f'<a:lvl1pPr algn="r">{run_props(size, colour, "+mn-lt", False)}</a:lvl1pPr>'
    number_text = (
        f'<a:p><a:fld id="{SLIDENUM_FIELD_ID}" type="slidenum"><a:rPr lang="en-US"/>'
        f"<a:t>‹#›</a:t></a:fld></a:p>"
    )
    return [
        placeholder(
            first_id,
            "Footer Placeholder",
            '<p:ph type="ftr" sz="quarter" idx="11"/>',
            look.footer,
            "ctr",
            footer_style,
            '<a:p><a:endParaRPr lang="en-US"/></a:p>',
        ),
        placeholder(
            first_id + 1,
            "Slide Number Placeholder",
            '<p:ph type="sldNum" sz="quarter" idx="12"/>',
            look.number,
            "ctr",
            number_style,
            number_text,
        ),
    ]


def layout_shapes(look: ThemeLook, layout: LayoutLook) -> list[str]:
    """Return every shape of one layout: decorations, then placeholders, then the footer."""
    shapes = [decoration(look, 2 + i, i, layout) for i in range(len(layout.decorations))]
    next_id = 2 + len(shapes)
    title_size, subtitle_size, body_size = look.sizes_for(layout.role)
    centred_title = layout.role in ("title", "closing")
    if layout.title is not None:
        ph = '<p:ph type="ctrTitle"/>' if centred_title else '<p:ph type="title"/>'
        style = (
            f'<a:lvl1pPr algn="{"l" if layout.title_align == "left" else "ctr"}">'
            f'<a:lnSpc><a:spcPct val="{round(look.title_line_spacing * 100_000)}"/></a:lnSpc>'
            "<a:buNone/>"
            f"{run_props(title_size, fill(look, layout.title_colour), '+mj-lt', look.title_bold)}"
            "</a:lvl1pPr>"
        )
        anchor = layout.title_anchor
        shapes.append(
            placeholder(next_id, "Title", ph, layout.title, anchor, style, prompt("Title"))
        )
        next_id += 1
    if layout.subtitle is not None:
        if centred_title:
            ph = '<p:ph type="subTitle" idx="1"/>'
        else:
            ph = f'<p:ph type="body" idx="{2 if layout.body is not None else 1}"/>'
        style = body_levels(look, subtitle_size, fill(look, layout.subtitle_colour), False, True)
        shapes.append(
            placeholder(next_id, "Subtitle", ph, layout.subtitle, "t", style, prompt("Subtitle"))
        )
        next_id += 1
    if layout.body is not None:
        kind = "" if layout.role in ("bullets", "two-column", "image") else ' type="body"'
        half = ' sz="half"' if layout.right is not None or layout.picture is not None else ""
        plain = layout.role == "quote"
        style = body_levels(
            look, body_size, fill(look, layout.text_colour), layout.body_italic, plain
        )
        shapes.append(
            placeholder(
                next_id,
                "Text",
                f'<p:ph{kind}{half} idx="1"/>',
                layout.body,
                "t",
                style,
                prompt("Text"),
            )
        )
        next_id += 1
    if layout.right is not None:
        style = body_levels(look, body_size, fill(look, layout.text_colour), False, False)
        shapes.append(
            placeholder(
                next_id,
                "Right text",
                '<p:ph sz="half" idx="2"/>',
                layout.right,
                "t",
                style,
                prompt("Text"),
            )
        )
        next_id += 1
    if layout.picture is not None:
        shapes.append(
            f'<p:sp><p:nvSpPr><p:cNvPr id="{next_id}" name="Picture"/>'
            f'<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph type="pic" idx="3"/>'
            f"</p:nvPr></p:nvSpPr><p:spPr>{xfrm(layout.picture)}</p:spPr>"
            f"<p:txBody>{{bodypr_ctr}}<a:lstStyle/>{prompt('Picture')}</p:txBody></p:sp>"
        )
        next_id += 1
    shapes.extend(footer_shapes(look, layout, next_id))
    return shapes


def layout_xml(look: ThemeLook, layout: LayoutLook) -> bytes:
    """Return the XML of one layout."""
    background = ""
    if layout.background != "background":
        background = f"<p:bg><p:bgPr>{fill(look, layout.background)}<a:effectLst/></p:bgPr></p:bg>"
    shapes = "".join(layout_shapes(look, layout))
    for anchor in ("t", "b", "ctr"):
        shapes = shapes.replace(f"{{bodypr_{anchor}}}", body_pr(look, anchor))
    kind = LAYOUT_TYPE.get(layout.role, "cust")
    xml = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<p:sldLayout {NSDECL} type="{kind}" preserve="1">'
        f'<p:cSld name="{escape(layout.name)}">{background}<p:spTree>'
        '<p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>'
        '<p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/>'
        '<a:chOff x="0" y="0"/><a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>'
        f"{shapes}</p:spTree></p:cSld>"
        "<p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr>"
        '<p:hf hdr="0" dt="0"/></p:sldLayout>'
    )
    return xml.encode("utf-8")


def set_theme(look: ThemeLook, theme_xml: bytes) -> bytes:
    """Return the theme part with the look's colour scheme and fonts."""
    root = etree.fromstring(theme_xml)
    root.set("name", f"Deflection Kit {look.name}")
    scheme = root.find(".//a:clrScheme", NS)
    scheme.set("name", f"Deflection Kit {look.name}")
    slots = {
        "dk1": look.colour("text"),
        "lt1": look.colour("background"),
        "dk2": look.colour("title"),
        "lt2": look.colour("muted"),
        "accent1": look.colour("accent"),
        "hlink": look.colour("title"),
        "folHlink": look.colour("muted"),
    }
    for slot, rgb in slots.items():
        element = scheme.find(f"a:{slot}", NS)
        for child in list(element):
            element.remove(child)
        etree.SubElement(element, qn("a:srgbClr"), val=rgb)
    fonts = root.find(".//a:fontScheme", NS)
    fonts.set("name", f"Deflection Kit {look.name}")
    fonts.find("a:majorFont/a:latin", NS).set("typeface", look.title_font)
    fonts.find("a:minorFont/a:latin", NS).set("typeface", look.body_font)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def set_master(look: ThemeLook, master) -> None:
    """Place the master's placeholders and set its title and body text styles."""
    bullets = look.layout("bullets")
    boxes = {
        "title": bullets.title,
        "body": bullets.body,
        "ftr": look.footer,
        "sldNum": look.number,
    }
    for sp in master.placeholders:
        kind = sp.element.ph_type
        key = {1: "title", 2: "body", 15: "ftr", 13: "sldNum"}.get(int(kind))
        box = boxes.get(key) if key else None
        if box is None:  # the date: not used by decks, kept out of sight of the layouts
            continue
        sp.left, sp.top, sp.width, sp.height = box.x, box.y, box.w, box.h
    styles = master.element.find(qn("p:txStyles"))
    title_style = styles.find(qn("p:titleStyle"))
    body_style = styles.find(qn("p:bodyStyle"))
    title_xml = (
        f'<p:titleStyle {NSDECL}><a:lvl1pPr algn="l" rtl="0"><a:lnSpc>'
        f'<a:spcPct val="{round(look.title_line_spacing * 100_000)}"/>'
        f'</a:lnSpc><a:spcBef><a:spcPct val="0"/></a:spcBef><a:buNone/>'
        f"{run_props(look.title_size, fill(look, 'title'), '+mj-lt', look.title_bold)}"
        "</a:lvl1pPr></p:titleStyle>"
    )
    body_xml = (
        f"<p:bodyStyle {NSDECL}>"
        f"{body_levels(look, look.body_size, fill(look, 'text'), False, False)}</p:bodyStyle>"
    )
    title_style.addprevious(parse_xml(title_xml))
    styles.remove(title_style)
    body_style.addprevious(parse_xml(body_xml))
    styles.remove(body_style)


def build(look: ThemeLook) -> bytes:
    """Return the .pptx bytes of a theme."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = look.width, look.height
    master = prs.slide_master
    theme_part = master.part.part_related_by(RT.THEME)
    theme_part._blob = set_theme(look, theme_part.blob)  # a plain Part: its bytes are its content
    set_master(look, master)
    layouts = list(prs.slide_layouts)
    if len(layouts) < len(ROLES):
        raise SystemExit("python-pptx's default template has fewer layouts than roles")
    for layout, role in zip(layouts, ROLES, strict=False):
        layout.part._element = parse_xml(layout_xml(look, look.layout(role)))
    for extra in layouts[len(ROLES) :]:  # none today; drop any the template might add later
        prs.slide_layouts.remove(extra)
    core = prs.core_properties
    core.title = f"Deflection Kit theme: {look.name}"
    core.author = core.last_modified_by = "Deflection Kit"
    core.subject = look.description
    core.revision = 1
    core.created = core.modified = datetime(2024, 1, 1)
    buffer = io.BytesIO()
    prs.save(buffer)
    return fix_zip_times(buffer.getvalue())


def main(names: list[str]) -> int:
    """Regenerate the named themes (all when none are named)."""
    wanted = names or sorted(path.stem for path in THEMES.glob("*.yaml"))
    for name in wanted:
        look = load_look(THEMES / f"{name}.yaml")
        target = THEMES / f"{name}.pptx"
        target.write_bytes(build(look))
        sys.stdout.write(f"wrote {target.relative_to(HERE.parent)}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
