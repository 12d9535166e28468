"""What the materials are built from: checked choices, the recipe's deck and the timing plan.

Everything a user chose is checked here, before any document is laid out, so a typo in a
pathway, audience or recipe, or a bad line in the local resources file, is one clear line and
nothing is written. The deck is the same recipe output the Decks page and the presenter use
(without fitting: a guide lists slides, it does not draw them).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from deflection_kit.content import Audience, Course, Pathway
from deflection_kit.decks.build import check_logo, choose_audience, choose_pathways
from deflection_kit.decks.context import Choices, Helpers, recipe_context
from deflection_kit.decks.deckdata import deck_from_data
from deflection_kit.decks.local_resources import LocalResource, read_local_resources
from deflection_kit.decks.recipes import DEFAULT_RECIPE, list_recipes, render_recipe
from deflection_kit.decks.spec import DeckSpec
from deflection_kit.errors import UsageError
from deflection_kit.materials.agenda import Plan, plan_session
from deflection_kit.pdf import PageSetup
from deflection_kit.settings import PAPER_SIZES, PaperSize, Settings
from deflection_kit.storage import Session

DEFAULT_START = dt.time(9, 0)
MAX_MINUTES = 24 * 60
MAX_NAME = 120
# Generous print margins (left, top, right, bottom, mm): room to hold, punch or staple.
MARGINS_MM = (19.0, 16.0, 19.0, 16.0)


@dataclass(frozen=True)
class MaterialsOptions:
    """What a facilitator chose for the workshop's paper.

    ``None`` means "as the session says, else the default": all pathways, every audience,
    the session's start and length, the paper size in settings.
    """

    recipe: str = DEFAULT_RECIPE
    pathways: Sequence[str] | None = None
    audience: str | None = None
    resources: Path | None = None
    session: Session | None = None
    start: dt.time | None = None
    minutes: int | None = None
    paper: str | None = None
    settings: Settings = field(default_factory=Settings)
    date: dt.date | None = None  # the date printed on the documents: the session's, else today
    recipes_dir: Path | None = None


@dataclass(frozen=True)
class Prepared:
    """Checked choices with the deck and the timing plan, ready to lay out documents from."""

    course: Course
    recipe: str
    recipe_description: str
    deck: DeckSpec
    pathways: tuple[Pathway, ...]
    audience: Audience | None
    local_resources: tuple[LocalResource, ...]
    resources_file: str
    session: Session | None
    plan: Plan
    paper: PaperSize
    organization: str
    facilitators: tuple[str, ...]
    date: dt.date
    helpers: Helpers
    logo: str = ""  # the organization's logo from settings, checked readable

    @property
    def created(self) -> dt.datetime:
        """Return the moment the PDFs say they were made: midnight UTC of the documents' date."""
        return dt.datetime.combine(self.date, dt.time(0, 0), tzinfo=dt.UTC)

    @property
    def all_pathways(self) -> bool:
        """Return True when every pathway of the course was chosen."""
        return len(self.pathways) == len(self.course.pathways)

    def page_setup(self) -> PageSetup:
        """Return the paper and margins every document uses."""
        return PageSetup(size=self.paper, margins_mm=MARGINS_MM)


def check_paper(paper: str | None, settings: Settings) -> PaperSize:
    """Return the paper size chosen (or the settings'); raise ``UsageError`` naming the choices."""
    if paper is None or paper == "":
        return settings.paper_size
    wanted = paper.strip().lower()
    for size in PAPER_SIZES:
        if wanted == size:
            return size
    raise UsageError(f"unknown paper size {paper!r}; choose from: {', '.join(PAPER_SIZES)}")


def parse_start(text: str) -> dt.time:
    """Return a clock time from ``HH:MM``; raise ``UsageError`` otherwise."""
    try:
        return dt.time.fromisoformat(text.strip()).replace(second=0, microsecond=0)
    except ValueError:
        raise UsageError(f"start time {text!r} is not HH:MM (for example 09:00)") from None


def _session_pathways(session: Session | None) -> tuple[str, ...] | None:
    if session is None or not session.pathways:
        return None
    return tuple(session.pathways)


def prepare_materials(course: Course, options: MaterialsOptions) -> Prepared:
    """Check every choice, render the recipe and plan the session's minutes."""
    session = options.session
    wanted = options.pathways if options.pathways is not None else _session_pathways(session)
    pathways = choose_pathways(course, tuple(wanted) if wanted is not None else None)
    audience_id = (
        options.audience if options.audience is not None else (session.audience if session else "")
    )
    audience = choose_audience(course, audience_id)
    paper = check_paper(options.paper, options.settings)
    recipes = {info.name: info for info in list_recipes(options.recipes_dir)}
    if options.recipe not in recipes:
        raise UsageError(
            f"unknown recipe {options.recipe!r}; choose one of: {', '.join(sorted(recipes))}"
        )
    minutes = (
        options.minutes if options.minutes is not None else (session.minutes if session else None)
    )
    if minutes is not None and not 1 <= minutes <= MAX_MINUTES:
        raise UsageError(f"session minutes must be 1 to {MAX_MINUTES}, not {minutes}")
    local = read_local_resources(options.resources) if options.resources else ()
    logo_file = options.settings.logo_path.strip()
    logo = check_logo(Path(logo_file), "", "").path if logo_file else ""
    organization = " ".join(options.settings.organization_name.split())[:MAX_NAME]
    choices = Choices(pathways, audience, organization, local)
    helpers = Helpers(course, choices)
    data = render_recipe(options.recipe, recipe_context(course, choices), options.recipes_dir)
    deck = deck_from_data(
        data,
        options.recipe,
        course,
        helpers,
        pathways=tuple(p.id for p in pathways),
        audience=audience.id if audience else "",
        agency=organization,
    )
    start = options.start or (session.start if session and session.start else DEFAULT_START)
    plan = plan_session(course, deck, start, minutes)
    facilitators = tuple(session.facilitators) if session and session.facilitators else ()
    if not facilitators and options.settings.facilitator_name.strip():
        facilitators = (" ".join(options.settings.facilitator_name.split()),)
    date = options.date or (session.date if session else dt.date.today())
    return Prepared(
        course=course,
        recipe=options.recipe,
        recipe_description=recipes[options.recipe].description,
        deck=deck,
        pathways=pathways,
        audience=audience,
        local_resources=local,
        resources_file=options.resources.name if options.resources else "",
        session=session,
        plan=plan,
        paper=paper,
        organization=organization,
        facilitators=facilitators,
        date=date,
        helpers=helpers,
        logo=logo,
    )
