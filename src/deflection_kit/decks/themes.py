"""Find themes: the bundled ones by name, or a department's own .pptx template.

A bundled theme is a .pptx generated from a descriptor (``themes/NAME.yaml``) that also gives
its look. A department's template is untrusted: its zip is checked first, then its look (boxes,
colours, fonts, sizes) is read from its master and the layouts the deck will use.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from deflection_kit import paths
from deflection_kit.decks.layouts import LayoutPlan, missing_message, plans_for
from deflection_kit.decks.look import (
    Box,
    LayoutLook,
    ParagraphLook,
    ThemeLook,
    load_look,
)
from deflection_kit.decks.pptx_xml import NS, qn, theme_colours, theme_fonts
from deflection_kit.decks.spec import ROLES, Role
from deflection_kit.errors import DeflectionKitError, InputFileError, UsageError
from deflection_kit.guards.archive import MB, ArchiveLimits, read_checked

DEFAULT_THEME = "default"
_BODY_ROLES = frozenset(ROLES) - {"title", "section", "closing"}
MIN_TITLE_PT = 32.0
MIN_BODY_PT = 20.0
# What a department's template stays within. python-pptx reads every part whole and parses every
# slide, layout and master when it opens a file (about 400 bytes of memory an XML element), so
# the XML is counted too: a real layout has a few hundred elements, a full deck a few thousand a
# slide.
TEMPLATE_LIMITS = ArchiveLimits(
    what="PowerPoint .pptx file",
    max_file_bytes=200 * MB,
    max_members=5000,
    max_member_bytes=100 * MB,
    max_total_bytes=300 * MB,
    max_ratio=200,  # XML compresses well (10-30x); pictures hardly at all
    required=("[Content_Types].xml", "ppt/presentation.xml"),
    max_xml_elements=200_000,
    max_total_xml_elements=1_000_000,
)


@dataclass(frozen=True)
class Theme:
    """A theme ready to use: its .pptx bytes, its look, and where its layouts are."""

    name: str
    path: Path
    look: ThemeLook
    data: bytes = field(repr=False)
    bundled: bool = True
    plans: dict[Role, LayoutPlan] = field(default_factory=dict, repr=False)
    layout_names: tuple[str, ...] = ()

    def check_roles(self, roles: Iterable[Role]) -> None:
        """Raise a clear error if the template lacks a usable layout for one of ``roles``."""
        wanted = sorted(set(roles), key=ROLES.index)
        message = missing_message(self.layout_names, wanted)
        if message:
            raise InputFileError(self.path, None, message)
        for role in wanted:
            plan = self.plans[role]
            lacking = "title" if plan.title is None else ""
            if not lacking and role in _BODY_ROLES and plan.body is None:
                lacking = "text"
            if lacking:
                raise InputFileError(
                    self.path,
                    None,
                    f"layout {plan.name!r} has no {lacking} placeholder, needed for {role} "
                    "slides; add one in PowerPoint (View > Slide Master)",
                )


def themes_dir() -> Path:
    """Return the folder of bundled themes."""
    return paths.slides_templates_dir() / "themes"


def bundled_themes() -> dict[str, Path]:
    """Return the bundled themes by name (each a .pptx with a descriptor beside it)."""
    folder = themes_dir()
    return {
        path.stem: path
        for path in sorted(folder.glob("*.pptx"))
        if path.with_suffix(".yaml").is_file()
    }


def theme_descriptions() -> dict[str, str]:
    """Return each bundled theme's one-line description."""
    return {
        name: load_look(path.with_suffix(".yaml")).description
        for name, path in bundled_themes().items()
    }


_CACHE: dict[tuple[str, float], Theme] = {}


def resolve_theme(value: str | None) -> Theme:
    """Return the bundled theme named ``value``, or the template file it names."""
    name = value or DEFAULT_THEME
    themes = bundled_themes()
    if name in themes:
        path = themes[name]
        key = (str(path), path.stat().st_mtime)
        if key not in _CACHE:
            _CACHE[key] = _bundled(name, path)
        return _CACHE[key]
    candidate = Path(name).expanduser()
    if candidate.suffix.lower() == ".pptx" or candidate.exists():
        if not candidate.is_file():
            raise InputFileError(candidate, None, "template file not found")
        stat = candidate.stat()
        key = (f"{candidate.resolve()}:{stat.st_size}", stat.st_mtime)
        if key not in _CACHE:  # the Decks page asks again on every change; read it once
            if len(_CACHE) > 16:
                _CACHE.clear()
            _CACHE[key] = load_template(candidate)
        return _CACHE[key]
    choices = ", ".join(themes)
    raise UsageError(f"unknown theme {name!r}; choose one of: {choices}, or a .pptx file")


def _open(data: bytes, path: Path) -> Any:
    from pptx import Presentation

    try:
        return Presentation(io.BytesIO(data))
    except Exception as error:  # python-pptx raises many kinds for a broken package
        raise InputFileError(
            path, None, f"not a PowerPoint .pptx file python-pptx can read ({error})"
        ) from None


def _bundled(name: str, path: Path) -> Theme:
    data = path.read_bytes()
    look = load_look(path.with_suffix(".yaml"))
    prs = _open(data, path)
    layouts = list(prs.slide_layouts)
    return Theme(
        name=name,
        path=path,
        look=look,
        data=data,
        bundled=True,
        plans=plans_for(layouts),
        layout_names=tuple(str(layout.name) for layout in layouts),
    )


def load_template(path: Path) -> Theme:
    """Check and open a department's .pptx template and read its look."""
    data = read_checked(path, TEMPLATE_LIMITS)
    prs = _open(data, path)
    layouts = list(prs.slide_layouts)
    plans = plans_for(layouts)
    look = template_look(prs, plans, path.stem)
    return Theme(
        name=path.name,
        path=path,
        look=look,
        data=data,
        bundled=False,
        plans=plans,
        layout_names=tuple(str(layout.name) for layout in layouts),
    )


def _style_size(master: Any, style: str, fallback: float) -> float:
    styles = master.element.find(qn("p:txStyles"))
    if styles is None:
        return fallback
    found = styles.xpath(f"./p:{style}/a:lvl1pPr/a:defRPr/@sz", namespaces=NS)
    return int(found[0]) / 100 if found else fallback


def _indents(master: Any) -> tuple[tuple[int, int], ...]:
    defaults = ParagraphLook().indents
    styles = master.element.find(qn("p:txStyles"))
    result: list[tuple[int, int]] = []
    for level in range(3):
        found = (
            styles.xpath(f"./p:bodyStyle/a:lvl{level + 1}pPr", namespaces=NS)
            if styles is not None
            else []
        )
        if found and found[0].get("marL") is not None:
            result.append((int(found[0].get("marL")), int(found[0].get("indent", "0"))))
        else:
            result.append(defaults[level])
    return tuple(result)


def template_look(prs: Any, plans: dict[Role, LayoutPlan], name: str) -> ThemeLook:
    """Read the look of a department's template: sizes, colours, fonts and layout boxes."""
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    master = prs.slide_master
    try:
        theme_xml = master.part.part_related_by(RT.THEME).blob
        scheme = theme_colours(theme_xml)
        title_font, body_font = theme_fonts(theme_xml)
    except (KeyError, ValueError):
        scheme, (title_font, body_font) = {}, ("Calibri", "Calibri")
    if title_font.startswith("+") or not title_font:
        title_font = "Calibri"
    if body_font.startswith("+") or not body_font:
        body_font = "Calibri"
    colours = {
        "background": scheme.get("lt1", "FFFFFF"),
        "text": scheme.get("dk1", "000000"),
        "title": scheme.get("dk1", "000000"),
        "muted": scheme.get("dk1", "000000"),
        "accent": scheme.get("accent1", "1F5F8B"),
        "on_accent": "FFFFFF",
    }
    width, height = int(prs.slide_width), int(prs.slide_height)
    title_size = max(_style_size(master, "titleStyle", 44.0), MIN_TITLE_PT)
    body_size = max(_style_size(master, "bodyStyle", 28.0), MIN_BODY_PT)
    layouts: dict[Role, LayoutLook] = {}
    for role, plan in plans.items():
        layouts[role] = LayoutLook(
            role=role,
            name=plan.name,
            title=plan.title.box if plan.title else None,
            body=plan.body.box if plan.body else None,
            right=plan.right.box if plan.right else None,
            subtitle=plan.subtitle.box if plan.subtitle else None,
            picture=plan.picture.box if plan.picture else None,
            title_anchor="ctr",  # PowerPoint's default for titles
        )
    footer, number = _footer_boxes(master, width, height)
    inch = 914_400
    return ThemeLook(
        name=name,
        description="a department's own template",
        width=width,
        height=height,
        title_font=title_font,
        body_font=body_font,
        title_bold=False,
        colours=colours,
        title_size=title_size,
        min_title_size=MIN_TITLE_PT,
        subtitle_size=max(body_size - 4, MIN_BODY_PT),
        min_subtitle_size=MIN_BODY_PT,
        body_size=body_size,
        min_body_size=MIN_BODY_PT,
        footer_size=12.0,
        layouts=layouts,
        footer=footer,
        number=number,
        logo=Box(width - round(2.4 * inch), round(0.3 * inch), 2 * inch, round(1.2 * inch)),
        paragraph=ParagraphLook(indents=_indents(master), space_before=0.2 * body_size),
        title_line_spacing=1.0,
    )


def _footer_boxes(master: Any, width: int, height: int) -> tuple[Box, Box]:
    from pptx.enum.shapes import PP_PLACEHOLDER

    inch = 914_400
    footer = Box(round(0.5 * inch), height - round(0.6 * inch), width // 2, round(0.4 * inch))
    number = Box(
        width - round(1.8 * inch), height - round(0.6 * inch), round(1.3 * inch), round(0.4 * inch)
    )
    for placeholder in master.placeholders:
        kind = placeholder.placeholder_format.type
        box = Box(
            int(placeholder.left or 0),
            int(placeholder.top or 0),
            int(placeholder.width or 0),
            int(placeholder.height or 0),
        )
        if kind == PP_PLACEHOLDER.FOOTER:
            footer = box
        elif kind == PP_PLACEHOLDER.SLIDE_NUMBER:
            number = box
    return footer, number


def require_layouts(theme: Theme, roles: Iterable[Role]) -> None:
    """Raise a clear error when the theme has no layout for some of ``roles``."""
    theme.check_roles(roles)
    if not theme.bundled:
        return
    absent = [role for role in roles if role not in theme.plans]
    if absent:  # a bundled theme out of step with its descriptor: a packaging bug
        raise DeflectionKitError(f"theme {theme.name!r} lacks layouts for {', '.join(absent)}")
