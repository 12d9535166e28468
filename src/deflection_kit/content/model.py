"""The course as pure-Python data: what every other part of the kit reads.

All models are frozen. Text fields hold clean text (citation markers are parsed out by the
loader); every object that states a figure, date, program or study lists its ``sources``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, computed_field

Id = str  # a stable kebab-case identifier


class Origin(BaseModel):
    """Where an object was written: its file, line, and the line of each field."""

    model_config = ConfigDict(frozen=True)

    path: str
    line: int
    fields: Mapping[str, int] = Field(default_factory=dict)

    def line_of(self, name: str) -> int:
        """Return the line of field ``name`` (``a.b`` for a key inside a mapping field)."""
        if name in self.fields:
            return self.fields[name]
        return self.fields.get(name.split(".", 1)[0], self.line)


class ContentModel(BaseModel):
    """Base for content objects: frozen, strict about unknown fields, remembers its origin."""

    model_config = ConfigDict(frozen=True, extra="forbid", coerce_numbers_to_str=True)

    origin: Origin | None = Field(default=None, exclude=True, repr=False)


class Objective(ContentModel):
    """A learning objective of the course."""

    id: Id
    title: str
    statement: str


class Audience(ContentModel):
    """A group the course is taught to."""

    id: Id
    name: str
    description: str
    aliases: tuple[str, ...] = ()


class Person(ContentModel):
    """A course creator or acknowledged contributor."""

    name: str
    role: str


class CertificateWording(ContentModel):
    """The words printed on a completion certificate."""

    heading: str
    statement: str
    credit_line: str
    signature_label: str


class CourseInfo(ContentModel):
    """The course manifest: identity, length, credit and who it is for."""

    id: Id
    title: str
    subtitle: str = ""
    version: str
    minutes: int = Field(gt=0)
    level: str
    credit_hours: float = Field(gt=0)
    completion_share: float = Field(default=0.9, gt=0, le=1)
    description: str
    goal: str
    audiences: tuple[Audience, ...]
    objectives: tuple[Objective, ...]
    creators: tuple[Person, ...]
    acknowledgments: tuple[str, ...] = ()
    certificate: CertificateWording
    language_note: str = ""
    proper_names: tuple[
        str, ...
    ] = ()  # names kept as written by the language check (e.g. agencies)


class Source(ContentModel):
    """A published source that backs a fact in the content."""

    id: Id
    citation: str
    url: str = ""
    note: str = ""


class Bullet(ContentModel):
    """One bullet point on a slide; level 0 is top level."""

    text: str
    level: int = Field(default=0, ge=0, le=2)
    sources: tuple[Id, ...] = ()


class Image(ContentModel):
    """A picture on a slide, with the alt text a screen reader speaks."""

    path: str  # relative to the content folder
    alt: str


SlideLayout = Literal["bullets", "two-column", "section", "quote"]


class Slide(ContentModel):
    """A slide of a module: title, bullets (one or two columns), facilitator notes, image."""

    id: Id
    title: str
    layout: SlideLayout = "bullets"
    bullets: tuple[Bullet, ...] = ()
    right_bullets: tuple[Bullet, ...] = ()  # the second column of a two-column slide
    notes: str
    image: Image | None = None
    sources: tuple[Id, ...] = ()  # sources cited in the notes

    def all_sources(self) -> tuple[Id, ...]:
        """Return every source the slide cites, bullets first, without repeats."""
        seen: dict[Id, None] = {}
        for bullet in (*self.bullets, *self.right_bullets):
            seen.update(dict.fromkeys(bullet.sources))
        seen.update(dict.fromkeys(self.sources))
        return tuple(seen)


ActivityKind = Literal["discussion", "case-study", "knowledge-check"]
CheckPhase = Literal["pre", "during", "post"]


class Activity(ContentModel):
    """Something the room does: a discussion, a case study or a knowledge check."""

    id: Id
    kind: ActivityKind
    title: str
    minutes: float = Field(gt=0)
    instructions: str
    prompts: tuple[str, ...] = ()  # discussion questions put to the room
    points: tuple[str, ...] = ()  # points the facilitator draws out
    audiences: tuple[Id, ...] = ()  # case studies: the audiences it speaks to ('' = all)
    pathways: tuple[Id, ...] = ()
    questions: tuple[Id, ...] = ()  # knowledge checks: question ids
    phase: CheckPhase | None = None
    sources: tuple[Id, ...] = ()


class Module(ContentModel):
    """A timed part of the course, made of slides and activities."""

    id: Id
    number: int = Field(ge=1)
    title: str
    minutes: int = Field(gt=0)
    objectives: tuple[Id, ...]
    summary: str
    expands: Literal["pathways"] | None = None  # module 4 also presents each chosen pathway
    slides: tuple[Slide, ...]
    activities: tuple[Activity, ...] = ()


# "likely-none": no charges as the pathway is usually described, but the sources do not confirm
# it; every display says so instead of stating it as fact.
ChargesInvolved = Literal["none", "likely-none", "possible", "held-in-abeyance"]
PathwayStatus = Literal["original", "renamed", "added-later"]


class Example(ContentModel):
    """A real program that runs a pathway."""

    name: str
    place: str
    start_year: int = Field(ge=1900, le=2100)
    start_note: str = ""  # where sources disagree about the start
    summary: str
    sources: tuple[Id, ...]


class Evidence(ContentModel):
    """A finding about a pathway's results, with its caveat."""

    finding: str
    caveat: str
    sources: tuple[Id, ...]


class Pathway(ContentModel):
    """One of the deflection pathways."""

    id: Id
    order: int = Field(ge=1)
    name: str
    short_name: str
    also_known_as: tuple[str, ...] = ()
    status: PathwayStatus
    status_note: str = ""
    definition: str
    initiated_by: str
    charges: ChargesInvolved
    charges_note: str
    partners: tuple[str, ...]
    warm_handoff: str
    examples: tuple[Example, ...]
    evidence: tuple[Evidence, ...]
    discussion_questions: tuple[str, ...]
    audience_notes: Mapping[Id, str]
    sources: tuple[Id, ...]

    @computed_field  # type: ignore[prop-decorator]
    @property
    def added_later(self) -> bool:
        """Return True for a pathway added after the course's original five."""
        return self.status == "added-later"


QuestionKind = Literal["multiple-choice", "true-false"]


class Question(ContentModel):
    """A knowledge-check question with its answer, the reason, and its source."""

    id: Id
    kind: QuestionKind
    prompt: str
    choices: tuple[str, ...]
    answer: str
    why: str
    objective: Id
    pathways: tuple[Id, ...] = ()
    sources: tuple[Id, ...] = Field(min_length=1)

    @property
    def answer_index(self) -> int:
        """Return the position of the correct answer among the choices."""
        return self.choices.index(self.answer)


class Resource(ContentModel):
    """An organization or service a trainer can point people to."""

    id: Id
    name: str
    organization: str
    offers: str
    url: str = ""
    phone: str = ""
    kind: Literal["national", "state", "local"] = "national"
    sources: tuple[Id, ...] = ()


class GlossaryTerm(ContentModel):
    """A term and its plain-language definition."""

    term: str
    definition: str
    see_also: tuple[str, ...] = ()
    sources: tuple[Id, ...] = ()


class Course(ContentModel):
    """The whole course: manifest, modules, pathways, questions, resources, glossary, sources."""

    info: CourseInfo
    modules: tuple[Module, ...]
    pathways: tuple[Pathway, ...]
    questions: tuple[Question, ...]
    resources: tuple[Resource, ...]
    glossary: tuple[GlossaryTerm, ...]
    sources: tuple[Source, ...]
    root: str = Field(default="", exclude=True)  # the content folder it was loaded from

    def module(self, module_id: Id) -> Module:
        """Return the module with this id."""
        return _by_id(self.modules, module_id, "module")

    def pathway(self, pathway_id: Id) -> Pathway:
        """Return the pathway with this id."""
        return _by_id(self.pathways, pathway_id, "pathway")

    def question(self, question_id: Id) -> Question:
        """Return the question with this id."""
        return _by_id(self.questions, question_id, "question")

    def source(self, source_id: Id) -> Source:
        """Return the source with this id."""
        return _by_id(self.sources, source_id, "source")

    def audience(self, audience_id: Id) -> Audience:
        """Return the audience with this id or alias."""
        for audience in self.info.audiences:
            if audience_id == audience.id or audience_id in audience.aliases:
                return audience
        raise KeyError(f"unknown audience {audience_id!r}")

    def objective(self, objective_id: Id) -> Objective:
        """Return the objective with this id."""
        return _by_id(self.info.objectives, objective_id, "objective")

    def questions_for(self, objective_id: Id) -> tuple[Question, ...]:
        """Return the questions that test an objective."""
        return tuple(q for q in self.questions if q.objective == objective_id)


_T = TypeVar("_T", Module, Pathway, Question, Source, Objective)


def _by_id(items: tuple[_T, ...], wanted: Id, kind: str) -> _T:
    for item in items:
        if item.id == wanted:
            return item
    raise KeyError(f"unknown {kind} {wanted!r}")
