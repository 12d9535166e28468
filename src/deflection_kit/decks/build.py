"""Build a deck: check the options, render the recipe, fit the slides, write the .pptx.

``deck_spec`` gives the fitted DeckSpec (what the Decks page and the presenter paint);
``build_deck`` also writes the .pptx. Every option is checked before any work is done, so a
typo in a pathway, audience, recipe or theme is one clear line and nothing is written.
``write_deck`` writes a fitted deck and runs the accessibility check on the file it wrote, and
``template_changes`` says how a department's template changes the deck from the kit's look.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from deflection_kit.content import Audience, Course, Pathway
from deflection_kit.decks.accessibility import Finding, check_deck_file
from deflection_kit.decks.context import Choices, Helpers, recipe_context
from deflection_kit.decks.deckdata import deck_from_data
from deflection_kit.decks.fit import fit_deck
from deflection_kit.decks.layouts import LAYOUT_NAMES, normalise
from deflection_kit.decks.local_resources import LocalResource, read_local_resources
from deflection_kit.decks.look import EMU_PER_INCH, contrast_ratio, parse_colour
from deflection_kit.decks.pptx_writer import Progress, write_pptx
from deflection_kit.decks.recipes import DEFAULT_RECIPE, render_recipe
from deflection_kit.decks.spec import ROLES, DeckSpec, Picture, Role
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


@dataclass(frozen=True)
class BuiltDeck:
    """A deck written to a file, what the accessibility check found in that file, and how a
    department's template changed the deck."""

    path: Path
    deck: DeckSpec
    findings: tuple[Finding, ...]
    template_changes: tuple[str, ...]

    @property
    def errors(self) -> tuple[Finding, ...]:
        """Return the findings that are errors."""
        return tuple(finding for finding in self.findings if finding.error)

    def report(self, limit: int = 6) -> str:
        """Return what the accessibility check found, in at most ``limit`` + 2 lines."""
        if not self.findings:
            return "Accessibility check: no problems found."
        errors = len(self.errors)
        warnings = len(self.findings) - errors
        lines = [
            f"Accessibility check: {errors} error{'s' if errors != 1 else ''}, "
            f"{warnings} warning{'s' if warnings != 1 else ''}:"
        ]
        for finding in self.findings[:limit]:
            where = f"slide {finding.slide}" if finding.slide else "the deck"
            lines.append(f"• {where}: {'' if finding.error else 'warning: '}{finding.message}")
        if len(self.findings) > limit:
            lines.append(
                f"… and {len(self.findings) - limit} more: "
                f"deflection-kit deck check {self.path} lists them all"
            )
        return "\n".join(lines)


def write_deck(
    deck: DeckSpec, theme: Theme, out: str | Path, progress: Progress | None = None
) -> BuiltDeck:
    """Write a fitted deck to ``out``, then check the written file for accessibility."""
    path = write_pptx(deck, theme, out, progress)
    result = check_deck_file(path)
    return BuiltDeck(
        path, deck, result.findings, template_changes(theme, (s.role for s in deck.slides))
    )


_RATIOS = {"16:9": 16 / 9, "4:3": 4 / 3, "16:10": 16 / 10}


def _label(role: Role) -> str:
    """Return the label the bundled default theme draws on a role's slides ("" if none)."""
    try:
        look = resolve_theme(DEFAULT_THEME).look
    except DeflectionKitError:
        return ""
    return next((d.text for d in look.layout(role).decorations if d.text), "")


def _listing(items: list[str], joiner: str) -> str:
    """Return "a", "a and b" or "a, b and c"."""
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} {joiner} {items[-1]}"


def template_changes(theme: Theme, roles: Iterable[Role]) -> tuple[str, ...]:
    """Return one line for each way a department's template changes the deck.

    A bundled theme changes nothing. A template may have another slide shape (4:3), or lack
    the layout the kit designed for a kind of slide, so that kind falls back to a standard
    layout: the label on case study, discussion and knowledge check slides disappears, and
    pictures go over a text placeholder, or are left out when there is no place for them (as
    is a second column when the two-column layout has one text box).
    """
    if theme.bundled:
        return ()
    changes: list[str] = []
    look = theme.look
    ratio = look.width / look.height if look.height else 0.0
    if abs(ratio - _RATIOS["16:9"]) > 0.02:
        shape = next((name for name, r in _RATIOS.items() if abs(ratio - r) <= 0.02), "")
        size = f"{look.width / EMU_PER_INCH:.3g} × {look.height / EMU_PER_INCH:.3g} in"
        changes.append(
            f"the template's slides are {shape} ({size}), not 16:9 widescreen like the kit's "
            "themes: the deck is laid out for that shape and shows with bars on a "
            "widescreen projector"
            if shape
            else f"the template's slides are {size}, not 16:9 widescreen like the kit's "
            "themes: the deck is laid out for that shape"
        )
    labelled: dict[str, list[tuple[Role, str]]] = {}  # fallback layout -> (role, label)
    for role in sorted(set(roles), key=ROLES.index):
        plan = theme.plans.get(role)
        if plan is None:
            continue
        if role == "two-column" and plan.right is None:
            changes.append(
                f"two-column slides use the template's layout {plan.name!r}, which has only "
                "one text box: the right-hand column is left out"
            )
        wanted = LAYOUT_NAMES[role][0]
        if normalise(plan.name) == normalise(wanted):
            continue
        fallback = f"use the template's layout {plan.name!r} (it has no {wanted!r} layout)"
        label = _label(role)
        if label:
            labelled.setdefault(plan.name, []).append((role, label))
        elif role == "image" and plan.picture is None:
            changes.append(
                f"picture slides {fallback}, which has no place for a picture: the pictures "
                "are left out"
            )
        elif role == "image":
            changes.append(
                f"picture slides {fallback}: each picture takes the place of its second text box"
            )
        # other fallbacks (quote, resources, closing...) keep everything; docs/decks.md lists them
    for layout, items in labelled.items():
        kinds = _listing([role.replace("-", " ") for role, _ in items], "and")
        missing = _listing([repr(LAYOUT_NAMES[role][0]) for role, _ in items], "or")
        labels = _listing([repr(label) for _, label in items], "and")
        changes.append(
            f"{kinds} slides use the template's layout {layout!r} (it has no {missing} layout), "
            f"so they lose their {labels} label{'s' if len(items) > 1 else ''}"
        )
    return tuple(changes)


def template_warning(theme: Theme, deck: DeckSpec) -> str:
    """Return a warning listing how the theme's template changes this deck ("" if it does not)."""
    changes = template_changes(theme, (slide.role for slide in deck.slides))
    if not changes:
        return ""
    return "Warning: the template changes the deck:\n" + "\n".join(f"• {c}" for c in changes)
