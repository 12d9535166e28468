"""The agenda of a live session: which slides make up which part, and the minutes planned.

A part (a ``Segment``) is a run of slides of one course module, or a run of slides a recipe
made outside any module (a pathway briefing, case studies). Modules keep their planned minutes;
time the modules leave over is shared among the other parts by their weight (their activity
minutes, plus one for every other slide). Within a part, activities get their own minutes and
the rest of the part's time is spread evenly over its other slides, which gives a planned
start time for every slide: the yardstick of the ahead/behind indicator.
"""

from __future__ import annotations

from dataclasses import dataclass

from deflection_kit.content import Course, Module, Question
from deflection_kit.decks.spec import DeckSpec, SlideSpec

# Roles of slides that are something the room does, with their own planned minutes.
ACTIVITY_ROLES = frozenset({"discussion", "case-study", "knowledge-check"})


@dataclass(frozen=True)
class Segment:
    """A part of the session: a module (or a run of slides outside any module)."""

    index: int
    key: str  # the module id, or "part-N" for slides outside any module
    title: str
    number: int  # the module number, 0 outside any module
    first: int  # index of its first slide in the deck
    last: int  # index of its last slide
    planned_minutes: float
    objectives: tuple[str, ...] = ()

    @property
    def is_module(self) -> bool:
        """Return True for a part that is one of the course's modules."""
        return self.number > 0

    def __contains__(self, slide: object) -> bool:
        return isinstance(slide, int) and self.first <= slide <= self.last

    def label(self) -> str:
        """Return how the agenda names the part: "4. The deflection pathways"."""
        return f"{self.number}. {self.title}" if self.number else self.title


@dataclass(frozen=True)
class ActivitySlot:
    """A timed activity in the deck: where it is and how long it is planned to take."""

    slide: int
    key: str
    title: str
    kind: str  # discussion, case-study or knowledge-check
    minutes: float
    phase: str = ""  # knowledge checks: pre, during or post

    @property
    def shortenable(self) -> bool:
        """Return True if the facilitator may cut this activity short to catch up.

        Pre and post checks stay whole: together they measure what the room learned.
        """
        return self.kind != "knowledge-check" or self.phase not in ("pre", "post")


@dataclass(frozen=True)
class CheckSlot:
    """A knowledge-check question on one slide of the deck."""

    slide: int
    key: str  # the slide key: "<activity>-<question>"
    activity: str
    question: str
    phase: str  # pre, during or post
    prompt: str
    choices: tuple[str, ...]
    answer: int  # index of the correct choice
    objective: str = ""


@dataclass(frozen=True)
class Agenda:
    """Everything the live session needs to know about the deck it presents."""

    deck: DeckSpec
    segments: tuple[Segment, ...]
    slide_segment: tuple[int, ...]  # for each slide, the index of its segment
    planned_start: tuple[float, ...]  # for each slide, planned minutes from the start
    activities: tuple[ActivitySlot, ...]
    checks: tuple[CheckSlot, ...]
    total_minutes: float

    def __len__(self) -> int:
        return len(self.deck.slides)

    def slide(self, index: int) -> SlideSpec:
        """Return the slide at ``index``."""
        return self.deck.slides[index]

    def segment_of(self, index: int) -> Segment:
        """Return the part the slide at ``index`` belongs to."""
        return self.segments[self.slide_segment[index]]

    def check_at(self, index: int) -> CheckSlot | None:
        """Return the knowledge-check question on the slide at ``index``, if it has one."""
        for check in self.checks:
            if check.slide == index:
                return check
        return None

    def check(self, key: str) -> CheckSlot:
        """Return the knowledge-check question with this slide key."""
        for check in self.checks:
            if check.key == key:
                return check
        raise KeyError(f"no knowledge check {key!r}")

    def index_of(self, key: str, page: int = 1) -> int | None:
        """Return the index of the slide with this key (and page), or None."""
        for index, slide in enumerate(self.deck.slides):
            if slide.key == key and slide.page == page:
                return index
        return None

    def planned_end(self, index: int) -> float:
        """Return the planned minutes from the start at which slide ``index`` should end."""
        following = index + 1
        return self.planned_start[following] if following < len(self) else self.total_minutes


def build_agenda(course: Course, deck: DeckSpec, minutes: float | None = None) -> Agenda:
    """Return the agenda of ``deck``, planned to last ``minutes`` (default: the course's)."""
    if not deck.slides:
        raise ValueError("a deck with no slides cannot be presented")
    total = float(minutes if minutes is not None else course.info.minutes)
    runs = _runs(deck)
    modules = {module.id: module for module in course.modules}
    planned = _plan(runs, deck, modules, total)
    segments: list[Segment] = []
    slide_segment: list[int] = []
    part = 0
    for index, (module_id, first, last) in enumerate(runs):
        module = modules.get(module_id)
        if module is not None:
            segment = Segment(
                index, module.id, module.title, module.number, first, last, planned[index],
                module.objectives,
            )  # fmt: skip
        else:
            part += 1
            segment = Segment(
                index, f"part-{part}", _part_title(deck, first, last), 0, first, last,
                planned[index],
            )  # fmt: skip
        segments.append(segment)
        slide_segment.extend([index] * (last - first + 1))
    return Agenda(
        deck=deck,
        segments=tuple(segments),
        slide_segment=tuple(slide_segment),
        planned_start=_slide_starts(deck, segments),
        activities=_activities(course, deck),
        checks=_checks(course, deck),
        total_minutes=total,
    )


# Slides outside any module that belong with their neighbours rather than forming a part.
_TAIL_ROLES = frozenset({"title", "resources", "closing"})


def _runs(deck: DeckSpec) -> list[tuple[str, int, int]]:
    """Split the deck into runs of (module id, first, last).

    A title, resources or closing slide outside any module joins the part before it (the
    first part, for slides at the very start). Other slides outside any module form parts of
    their own ("" as module id), a new one at each section slide.
    """
    owners: list[str | None] = [
        None if not slide.module and slide.role in _TAIL_ROLES else slide.module
        for slide in deck.slides
    ]
    first_owner = next((owner for owner in owners if owner is not None), "")
    runs: list[tuple[str, int, int]] = []
    for index, slide in enumerate(deck.slides):
        owner = owners[index]
        if owner is None:
            owner = runs[-1][0] if runs else first_owner
        if runs:
            current, first, _ = runs[-1]
            new_part = owner == "" and owners[index] == "" and slide.role == "section"
            if owner == current and not new_part:
                runs[-1] = (current, first, index)
                continue
        runs.append((owner, index, index))
    return runs


def _weight(deck: DeckSpec, first: int, last: int) -> float:
    """Return the minutes a run of slides outside any module naturally takes."""
    slides = deck.slides[first : last + 1]
    return sum(s.minutes if s.role in ACTIVITY_ROLES and s.minutes else 1.0 for s in slides)


def natural_minutes(course: Course, deck: DeckSpec) -> float:
    """Return how long the deck takes by its own plan: module minutes plus the other parts."""
    modules = {module.id: module for module in course.modules}
    return sum(_natural(_runs(deck), deck, modules))


def _natural(
    runs: list[tuple[str, int, int]], deck: DeckSpec, modules: dict[str, Module]
) -> list[float]:
    counts: dict[str, int] = {}
    for module_id, first, last in runs:
        counts[module_id] = counts.get(module_id, 0) + (last - first + 1)
    natural: list[float] = []
    for module_id, first, last in runs:
        module = modules.get(module_id)
        if module is not None:
            # A module split into several runs shares its minutes by slide count.
            natural.append(module.minutes * (last - first + 1) / counts[module_id])
        else:
            natural.append(_weight(deck, first, last))
    return natural


def _plan(
    runs: list[tuple[str, int, int]], deck: DeckSpec, modules: dict[str, Module], total: float
) -> list[float]:
    """Return the planned minutes of each run, adding up to ``total``.

    Modules keep their minutes and the other parts share what is left; when the session is
    too short for that, or there are no other parts, every part is scaled alike.
    """
    natural = _natural(runs, deck, modules)
    is_module = [module_id in modules for module_id, _, _ in runs]
    fixed = sum(n for n, m in zip(natural, is_module, strict=True) if m)
    loose = sum(n for n, m in zip(natural, is_module, strict=True) if not m)
    if loose and fixed < total:
        spare = total - fixed
        return [n if m else spare * n / loose for n, m in zip(natural, is_module, strict=True)]
    whole = fixed + loose
    return [n * total / whole if whole else 0.0 for n in natural]


def _part_title(deck: DeckSpec, first: int, last: int) -> str:
    slides = deck.slides[first : last + 1]
    for slide in slides:
        if slide.role == "section":
            return slide.title
    if slides[0].role == "case-study":
        return "Case studies"
    return slides[0].title


def _slide_starts(deck: DeckSpec, segments: list[Segment]) -> tuple[float, ...]:
    starts: list[float] = []
    clock = 0.0
    for segment in segments:
        slides = deck.slides[segment.first : segment.last + 1]
        own = [s.minutes if s.role in ACTIVITY_ROLES else 0.0 for s in slides]
        activity_total = sum(own)
        scale = 1.0
        if activity_total > segment.planned_minutes and activity_total > 0:
            scale = segment.planned_minutes / activity_total
        rest = max(segment.planned_minutes - activity_total * scale, 0.0)
        plain = sum(1 for m in own if not m)
        each = rest / plain if plain else 0.0
        # Leftover time in a part made only of activities goes to its last slide.
        leftover = rest if not plain else 0.0
        for position, minutes in enumerate(own):
            starts.append(clock)
            clock += minutes * scale if minutes else each
            if position == len(own) - 1:
                clock += leftover
    return tuple(starts)


def _activities(course: Course, deck: DeckSpec) -> tuple[ActivitySlot, ...]:
    phases = {
        activity.id: activity.phase or "during"
        for module in course.modules
        for activity in module.activities
    }
    slots: list[ActivitySlot] = []
    for index, slide in enumerate(deck.slides):
        if slide.role not in ACTIVITY_ROLES or not slide.minutes:
            continue
        phase = ""
        title = slide.title
        if slide.role == "knowledge-check":
            activity, _ = _split_check_key(course, slide.key)
            phase = phases.get(activity, "during")
            title = title.split(": question", 1)[0]
        slots.append(ActivitySlot(index, slide.key, title, slide.role, slide.minutes, phase))
    return tuple(slots)


def _split_check_key(course: Course, key: str) -> tuple[str, Question | None]:
    """Return (activity id, question) for a knowledge-check slide key "<activity>-<question>"."""
    best: Question | None = None
    for question in course.questions:
        suffix = "-" + question.id
        longer = best is None or len(question.id) > len(best.id)
        if key.endswith(suffix) and len(key) > len(suffix) and longer:
            best = question
    if best is None:
        return key, None
    return key[: -len(best.id) - 1], best


def _checks(course: Course, deck: DeckSpec) -> tuple[CheckSlot, ...]:
    phases = {
        activity.id: activity.phase or "during"
        for module in course.modules
        for activity in module.activities
    }
    slots: list[CheckSlot] = []
    for index, slide in enumerate(deck.slides):
        if slide.role != "knowledge-check" or slide.continued:
            continue
        activity, question = _split_check_key(course, slide.key)
        if question is None:
            continue
        slots.append(
            CheckSlot(
                slide=index,
                key=slide.key,
                activity=activity,
                question=question.id,
                phase=phases.get(activity, "during"),
                prompt=question.prompt,
                choices=question.choices,
                answer=question.answer_index,
                objective=question.objective,
            )
        )
    return tuple(slots)
