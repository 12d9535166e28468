"""Which layout of a .pptx each slide role uses, and which placeholder holds what.

Layouts are looked up by name (case and spacing ignored), trying each name in order; the first
name is the one the bundled themes use, the later ones are the standard PowerPoint layouts a
department's template is likely to have. docs/decks.md documents this table.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from pptx.enum.shapes import PP_PLACEHOLDER

from deflection_kit.decks.look import Box
from deflection_kit.decks.spec import ROLES, Role

LAYOUT_NAMES: Mapping[Role, tuple[str, ...]] = {
    "title": ("Title Slide",),
    "section": ("Section Header",),
    "bullets": ("Title and Content",),
    "two-column": ("Two Content", "Comparison"),
    "image": ("Picture and Text", "Two Content"),
    "quote": ("Quote", "Title and Content"),
    "case-study": ("Case Study", "Title and Content"),
    "discussion": ("Discussion", "Title and Content"),
    "knowledge-check": ("Knowledge Check", "Title and Content"),
    "resources": ("Resources", "Title and Content"),
    "closing": ("Closing", "Title Slide"),
}
_TITLES = {PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE}
_TEXT = {PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT, PP_PLACEHOLDER.SUBTITLE}
_HEADLINE_ROLES = ("title", "section", "closing")


def normalise(name: str) -> str:
    """Return a layout name as compared: lower case, single spaces."""
    return " ".join(name.lower().split())


@dataclass(frozen=True)
class Slot:
    """One placeholder of a layout: its idx (the same on slides made from it) and its box."""

    idx: int
    box: Box


@dataclass(frozen=True)
class LayoutPlan:
    """Where a role's parts go on one layout."""

    role: Role
    name: str
    title: Slot | None
    subtitle: Slot | None = None
    body: Slot | None = None
    right: Slot | None = None
    picture: Slot | None = None
    picture_is_placeholder: bool = False


def find_layout(layouts: Iterable[Any], role: Role) -> Any | None:
    """Return the first layout whose name matches one of the role's names, or None."""
    by_name: dict[str, Any] = {}
    for layout in layouts:
        by_name.setdefault(normalise(layout.name), layout)
    for name in LAYOUT_NAMES[role]:
        found = by_name.get(normalise(name))
        if found is not None:
            return found
    return None


def missing_message(layout_names: Iterable[str], roles: Iterable[Role]) -> str | None:
    """Return one line naming the layouts a template lacks for ``roles``, or None."""
    have = {normalise(name) for name in layout_names}
    missing: list[str] = []
    for role in roles:
        names = LAYOUT_NAMES[role]
        if not any(normalise(name) in have for name in names):
            wanted = " or ".join(f"'{name}'" for name in names)
            missing.append(f"{wanted} (for {role} slides)")
    if not missing:
        return None
    listing = ", ".join(f"'{name}'" for name in layout_names) or "none"
    return f"the template has no layout named {'; no '.join(missing)}; its layouts are: {listing}"


def _slot(placeholder: Any) -> Slot:
    box = Box(
        int(placeholder.left or 0),
        int(placeholder.top or 0),
        int(placeholder.width or 0),
        int(placeholder.height or 0),
    )
    return Slot(int(placeholder.placeholder_format.idx), box)


def _area(slot: Slot) -> int:
    return slot.box.w * slot.box.h


def plan_layout(layout: Any, role: Role) -> LayoutPlan:
    """Return where a role's title, subtitle, body, second column and picture go on a layout."""
    title: Slot | None = None
    subtitles: list[Slot] = []
    texts: list[Slot] = []
    pictures: list[Slot] = []
    for placeholder in layout.placeholders:
        kind = placeholder.placeholder_format.type
        if kind in _TITLES and title is None:
            title = _slot(placeholder)
        elif kind == PP_PLACEHOLDER.SUBTITLE:
            subtitles.append(_slot(placeholder))
        elif kind in _TEXT:
            texts.append(_slot(placeholder))
        elif kind == PP_PLACEHOLDER.PICTURE:
            pictures.append(_slot(placeholder))
    texts.sort(key=lambda slot: (slot.box.y, slot.box.x))
    name = str(layout.name)
    if role in _HEADLINE_ROLES:
        subtitle = subtitles[0] if subtitles else (texts[0] if texts else None)
        return LayoutPlan(role, name, title, subtitle=subtitle)
    texts.extend(subtitles)
    by_size = sorted(texts, key=_area, reverse=True)
    if role == "two-column" and len(by_size) >= 2:
        left, right = sorted(by_size[:2], key=lambda slot: slot.box.x)
        return LayoutPlan(role, name, title, body=left, right=right)
    if role == "image":
        if pictures:
            body = by_size[0] if by_size else None
            return LayoutPlan(
                role, name, title, body=body, picture=pictures[0], picture_is_placeholder=True
            )
        if len(by_size) >= 2:
            left, right = sorted(by_size[:2], key=lambda slot: slot.box.x)
            return LayoutPlan(
                role, name, title, body=left, picture=right, picture_is_placeholder=True
            )
    body = by_size[0] if by_size else None
    subtitle = None
    if role == "quote" and body is not None:
        below = [slot for slot in texts if slot is not body and slot.box.y > body.box.y]
        subtitle = below[0] if below else None
    return LayoutPlan(role, name, title, body=body, subtitle=subtitle)


def plans_for(layouts: Iterable[Any], roles: Iterable[Role] = ROLES) -> dict[Role, LayoutPlan]:
    """Return the plan of each role that has a layout."""
    layouts = list(layouts)
    plans: dict[Role, LayoutPlan] = {}
    for role in roles:
        layout = find_layout(layouts, role)
        if layout is not None:
            plans[role] = plan_layout(layout, role)
    return plans
