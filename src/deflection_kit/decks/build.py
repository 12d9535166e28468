"""Build a deck: check the options, render the recipe, fit the slides, write the .pptx.

``deck_spec`` gives the fitted DeckSpec (what the Decks page and the presenter paint);
``build_deck`` also writes the .pptx. Every option is checked before any work is done, so a
typo in a pathway, audience, recipe or theme is one clear line and nothing is written.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from deflection_kit.content import Audience, Course, Pathway
from deflection_kit.decks.context import Choices, Helpers, recipe_context
from deflection_kit.decks.deckdata import deck_from_data
from deflection_kit.decks.fit import fit_deck
from deflection_kit.decks.local_resources import LocalResource, read_local_resources
from deflection_kit.decks.look import contrast_ratio, parse_colour
from deflection_kit.decks.pptx_writer import Progress, write_pptx
from deflection_kit.decks.recipes import DEFAULT_RECIPE, render_recipe
from deflection_kit.decks.spec import DeckSpec, Picture
from deflection_kit.decks.themes import DEFAULT_THEME, Theme, resolve_theme
from deflection_kit.errors import DeflectionKitError, InputFileError, UsageError

MAX_LOGO_BYTES = 10 * 1024 * 1024
LOGO_SUFFIXES = (".png", ".jpg", ".jpeg")
MAX_AGENCY = 120


@dataclass(frozen=True)
class DeckOptions:
    """What a department chose for its deck."""

    recipe: str = DEFAULT_RECIPE
    pathways: tuple[str, ...] | None = None  # None: every pathway
    audience: str = ""
    theme: str = DEFAULT_THEME
    agency: str = ""
    logo: Path | None = None
    logo_alt: str = ""
    accent: str = ""
    resources: Path | None = None
    recipes_dir: Path | None = None


def choose_pathways(course: Course, wanted: Sequence[str] | None) -> tuple[Pathway, ...]:
    """Return the chosen pathways in course order; raise ``UsageError`` naming the choices."""
    if wanted is None:
        return course.pathways
    known = {pathway.id for pathway in course.pathways}
    for pathway_id in wanted:
        if pathway_id not in known:
            choices = ", ".join(pathway.id for pathway in course.pathways)
            raise UsageError(f"unknown pathway {pathway_id!r}; choose from: {choices}")
    chosen = set(wanted)
    return tuple(pathway for pathway in course.pathways if pathway.id in chosen)


def choose_audience(course: Course, wanted: str) -> Audience | None:
    """Return the audience with this id or alias (None for everyone)."""
    if not wanted:
        return None
    try:
        return course.audience(wanted)
    except KeyError:
        choices = ", ".join(
            audience.id + (f" ({', '.join(audience.aliases)})" if audience.aliases else "")
            for audience in course.info.audiences
        )
        raise UsageError(f"unknown audience {wanted!r}; choose from: {choices}") from None


def check_accent(accent: str, theme: Theme) -> str:
    """Return the accent as RRGGBB if text on it stays readable (4.5:1) in this theme."""
    if not accent:
        return ""
    try:
        colour = parse_colour(accent)
    except DeflectionKitError as error:
        raise UsageError(str(error)) from None
    look = theme.look
    on_accent = look.colours.get("on_accent", "FFFFFF")
    ratio = contrast_ratio(colour, on_accent)
    if theme.bundled and ratio < 4.5:
        shade = "darker" if on_accent == "FFFFFF" else "lighter"
        raise UsageError(
            f"accent #{colour} gives the text on it a contrast of only {ratio:.1f}:1 in the "
            f"{look.name!r} theme (at least 4.5:1 is needed); choose a {shade} colour"
        )
    return colour


def check_logo(path: Path, alt: str, agency: str) -> Picture:
    """Return the logo as a picture with alt text, after checking the file."""
    from PIL import Image

    if path.suffix.lower() not in LOGO_SUFFIXES:
        raise InputFileError(path, None, "the logo must be a PNG or JPEG picture")
    try:
        if path.stat().st_size > MAX_LOGO_BYTES:
            raise InputFileError(path, None, "the logo file is larger than 10 MB")
        with Image.open(path) as image:
            image.verify()
    except InputFileError:
        raise
    except (OSError, ValueError, Image.DecompressionBombError) as error:
        raise InputFileError(path, None, f"cannot read the logo picture ({error})") from None
    text = " ".join(alt.split()) or (f"{agency} logo" if agency else "Agency logo")
    return Picture(str(path.resolve()), text)


@dataclass(frozen=True)
class Prepared:
    """Checked options, ready to build from (reuse it for many previews)."""

    course: Course
    options: DeckOptions
    theme: Theme
    pathways: tuple[Pathway, ...]
    audience: Audience | None
    local_resources: tuple[LocalResource, ...]
    logo: Picture | None
    accent: str


def prepare(course: Course, options: DeckOptions) -> Prepared:
    """Check every option (names, files, colours) before anything is built."""
    pathways = choose_pathways(course, options.pathways)
    audience = choose_audience(course, options.audience)
    theme = resolve_theme(options.theme)
    agency = " ".join(options.agency.split())
    if len(agency) > MAX_AGENCY:
        raise UsageError(f"the agency name is longer than {MAX_AGENCY} characters")
    resources = read_local_resources(options.resources) if options.resources else ()
    logo = check_logo(options.logo, options.logo_alt, agency) if options.logo else None
    accent = check_accent(options.accent, theme)
    return Prepared(
        course,
        DeckOptions(**{**options.__dict__, "agency": agency}),
        theme,
        pathways,
        audience,
        resources,
        logo,
        accent,
    )


def deck_spec(prepared: Prepared) -> DeckSpec:
    """Render the recipe and return the deck fitted to the theme."""
    course, options = prepared.course, prepared.options
    choices = Choices(
        pathways=prepared.pathways,
        audience=prepared.audience,
        agency=options.agency,
        local_resources=prepared.local_resources,
    )
    context = recipe_context(course, choices)
    data = render_recipe(options.recipe, context, options.recipes_dir)
    footer = options.agency or course.info.title.split(":")[0]
    deck = deck_from_data(
        data,
        options.recipe,
        course,
        Helpers(course, choices),
        footer=footer,
        logo=prepared.logo,
        pathways=tuple(pathway.id for pathway in prepared.pathways),
        audience=prepared.audience.id if prepared.audience else "",
        agency=options.agency,
        accent=prepared.accent,
    )
    prepared.theme.check_roles(slide.role for slide in deck.slides)
    return fit_deck(deck, prepared.theme.look)


def build_deck(
    course: Course, options: DeckOptions, out: str | Path, progress: Progress | None = None
) -> tuple[Path, DeckSpec]:
    """Check the options, build the deck and write it to ``out``; return the path and deck."""
    prepared = prepare(course, options)
    deck = deck_spec(prepared)
    return write_pptx(deck, prepared.theme, out, progress), deck
