"""The deck as pure data: ordered slides with a layout role, text, notes and pictures.

A ``DeckSpec`` is what a recipe produces and what every output reads: the .pptx writer, the
thumbnails on the Decks page and the presenter's audience screen. It knows nothing of Qt or
python-pptx. After fitting (``decks.fit``) each slide also carries the font sizes it was
measured at, and long slides have been continued onto follow-on slides.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

Role = Literal[
    "title",
    "section",
    "bullets",
    "two-column",
    "image",
    "quote",
    "case-study",
    "discussion",
    "knowledge-check",
    "resources",
    "closing",
]
ROLES: tuple[Role, ...] = (
    "title",
    "section",
    "bullets",
    "two-column",
    "image",
    "quote",
    "case-study",
    "discussion",
    "knowledge-check",
    "resources",
    "closing",
)
# Slides that carry course content (and therefore must carry notes that cite their sources).
CONTENT_ROLES: frozenset[Role] = frozenset(
    {
        "bullets",
        "two-column",
        "image",
        "quote",
        "case-study",
        "discussion",
        "knowledge-check",
        "resources",
    }
)
# Slides whose layout shows the agency logo.
LOGO_ROLES: frozenset[Role] = frozenset({"title", "closing"})
CONTINUED = "(continued)"


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of a text box: a bullet at a level (0-2), or plain text without a bullet."""

    text: str
    level: int = 0
    plain: bool = False


@dataclass(frozen=True)
class Picture:
    """A picture file and the alt text a screen reader speaks for it."""

    path: str
    alt: str


@dataclass(frozen=True)
class SlideSpec:
    """One slide: its role, text, notes and optional picture."""

    role: Role
    title: str
    subtitle: str = ""  # title/section/closing: the line under the title; quote: attribution
    body: tuple[Paragraph, ...] = ()
    right: tuple[Paragraph, ...] = ()  # the second column of a two-column slide
    picture: Picture | None = None
    notes: str = ""
    key: str = ""  # a stable id (the content slide or activity it comes from)
    module: str = ""  # the module id it belongs to, for the presenter's agenda
    minutes: float = 0.0  # planned minutes, when the slide starts a timed part
    page: int = 1  # 2, 3... on follow-on slides made when text did not fit
    # Set by fitting: the sizes (pt) the text was measured at; 0 means not fitted yet.
    title_size: float = 0.0
    subtitle_size: float = 0.0
    body_size: float = 0.0

    @property
    def continued(self) -> bool:
        """Return True for a follow-on slide."""
        return self.page > 1

    def with_changes(self, **changes: object) -> SlideSpec:
        """Return a copy with some fields replaced."""
        return replace(self, **changes)  # type: ignore[arg-type]


@dataclass(frozen=True)
class DeckSpec:
    """A whole deck: its slides in order, and what it was built from."""

    title: str
    slides: tuple[SlideSpec, ...]
    footer: str = ""
    footer_size: float = 0.0  # pt, set by fitting (a long agency name is set smaller); 0: theme's
    logo: Picture | None = None
    recipe: str = ""
    pathways: tuple[str, ...] = ()
    audience: str = ""
    agency: str = ""
    accent: str = ""  # RRGGBB override of the theme's accent colour, or ""
    fitted_for: str = ""  # the theme the sizes were measured for; "" until fitted

    def __len__(self) -> int:
        return len(self.slides)

    def titles(self) -> list[str]:
        """Return the slide titles in order."""
        return [slide.title for slide in self.slides]

    def with_slides(self, slides: tuple[SlideSpec, ...], **changes: object) -> DeckSpec:
        """Return a copy with other slides (and optionally other fields)."""
        return replace(self, slides=slides, **changes)  # type: ignore[arg-type]
