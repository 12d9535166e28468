"""The session's timing plan: parts with whole minutes that add up to the session's length.

The deck a recipe made is cut into parts: a run of slides of one course module, or a run of
slides outside any module (a pathway briefing, case studies, a check). Each part has a natural
length: a module its planned minutes; another part the minutes of its timed activities plus one
minute for every other slide that carries content. Title, section, closing and resources
slides take no time of their own.

The plan fits the natural lengths to the session: without a session the full course keeps the
course's minutes, and a shorter recipe its natural length rounded up to five minutes; with a
session (or ``--minutes``) every part is scaled by the same factor. Parts get whole minutes by
largest remainders, so they add up exactly; a part left with no minutes joins its neighbour.
Within a part, timed slides (activities, and a pathway's first slide in module 4) keep their
share and the rest of the time is spread evenly over the other content slides, which gives
every slide an approximate clock time.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

from deflection_kit.content import Course, Module
from deflection_kit.decks.spec import DeckSpec, SlideSpec
from deflection_kit.errors import UsageError

ACTIVITY_ROLES = frozenset({"discussion", "case-study", "knowledge-check"})
UNTIMED_ROLES = frozenset({"title", "section", "closing", "resources"})
ROUND_TO = 5  # a recipe's own length is rounded up to this many minutes
MAX_SEARCH = 240  # minutes tried when finding the shortest length that gives every module time
_PATHWAY_KEYS = ("-definition", "-brief")  # the slide that opens a pathway in the recipes


@dataclass
class _Group:
    module: str
    kind: str  # "module", "content", "activity:<role>", "close"
    slides: list[int] = field(default_factory=list)
    natural: float = 0.0
    minutes: int = 0


@dataclass(frozen=True)
class Part:
    """A part of the session: a module or a run of slides outside any module."""

    key: str
    title: str
    module: Module | None
    slides: tuple[int, ...]  # indices into the deck
    minutes: int
    start: int  # minutes from the session's start

    @property
    def number(self) -> int:
        """Return the module number (0 for a part outside any module)."""
        return self.module.number if self.module else 0

    @property
    def end(self) -> int:
        """Return the minute (from the session's start) the part ends."""
        return self.start + self.minutes

    def label(self) -> str:
        """Return how the agenda names the part: "Module 4. The deflection pathways"."""
        return f"Module {self.number}. {self.title}" if self.module else self.title


@dataclass(frozen=True)
class Plan:
    """Parts with their minutes and clock times, and each slide's planned start."""

    parts: tuple[Part, ...]
    start: dt.time
    total: int
    natural: float  # the recipe's own length, before fitting to the session
    slide_start: tuple[float, ...]  # per deck slide: planned minutes from the start
    slide_span: tuple[float, ...]  # per deck slide: the minutes until the next slide
    slide_minutes: tuple[float, ...]  # per deck slide: a timed slide's minutes, else 0
    slide_owner: tuple[int, ...]  # per deck slide: the timed slide it is part of, else -1

    def clock(self, minutes: float) -> str:
        """Return the clock time ``minutes`` after the start, as HH:MM."""
        moment = dt.datetime.combine(dt.date(2000, 1, 1), self.start)
        moment += dt.timedelta(minutes=round(minutes))
        return moment.strftime("%H:%M")

    def span(self, part: Part) -> str:
        """Return a part's clock times: "09:05–09:17"."""
        return f"{self.clock(part.start)}–{self.clock(part.end)}"

    @property
    def scale(self) -> float:
        """Return how much the session stretches (>1) or squeezes (<1) the recipe's plan."""
        return self.total / self.natural if self.natural else 1.0


def _is_module_header(slide: SlideSpec) -> bool:
    return slide.role == "section" and slide.key == f"module-{slide.module}"


def _kind(slide: SlideSpec, previous: SlideSpec | None) -> str:
    """Return what kind of part a slide outside any module belongs in."""
    if slide.role in ACTIVITY_ROLES and (
        slide.minutes > 0
        or (previous is not None and previous.role == slide.role == "knowledge-check")
    ):
        return f"activity:{slide.role}"
    if slide.role in ("resources", "closing"):
        return "close"
    return "content"


def _continues(slide: SlideSpec, previous: SlideSpec | None, block: str) -> bool:
    """Return True for an untimed slide that is part of the timed slide before it."""
    if previous is None:
        return False
    if slide.role == "knowledge-check" and previous.role == "knowledge-check":
        return True
    return bool(block) and slide.key.startswith(block)


def _groups(course: Course, deck: DeckSpec) -> list[_Group]:
    groups: list[_Group] = []
    previous: SlideSpec | None = None
    for index, slide in enumerate(deck.slides):
        kind = "module" if slide.module else _kind(slide, previous)
        current = groups[-1] if groups else None
        if current is None or current.module != slide.module:
            groups.append(_Group(slide.module, kind))
        elif not slide.module:
            if _only_untimed(deck, current) and slide.role != "section":
                current.kind = kind  # a title slide joins what follows it
            elif slide.role == "section" or kind != current.kind:
                groups.append(_Group(slide.module, kind))
        groups[-1].slides.append(index)
        previous = slide
    modules = {module.id: module for module in course.modules}
    runs: dict[str, int] = {}
    for group in groups:
        if group.module:
            runs[group.module] = runs.get(group.module, 0) + 1
    for group in groups:
        if group.module in modules:
            group.natural = modules[group.module].minutes / runs[group.module]
        else:
            group.natural = _natural_minutes(deck, group.slides)
    return groups


def _only_untimed(deck: DeckSpec, group: _Group) -> bool:
    return all(deck.slides[i].role in UNTIMED_ROLES for i in group.slides)


def _natural_minutes(deck: DeckSpec, indices: list[int]) -> float:
    total = 0.0
    previous: SlideSpec | None = None
    for index in indices:
        slide = deck.slides[index]
        if slide.minutes > 0 and not _is_module_header(slide):
            total += slide.minutes
        elif (
            slide.role not in UNTIMED_ROLES
            and slide.page == 1
            and not _continues(slide, previous, "")
        ):
            total += 1.0
        previous = slide
    return total


def _whole_minutes(shares: list[float], total: int) -> list[int]:
    """Return whole numbers proportional to ``shares`` that add up to ``total``."""
    weight = sum(shares)
    if weight <= 0:
        result = [0] * len(shares)
        if result:
            result[0] = total
        return result
    exact = [share * total / weight for share in shares]
    floors = [math.floor(value) for value in exact]
    order = sorted(range(len(exact)), key=lambda i: (-(exact[i] - floors[i]), i))
    for i in order[: total - sum(floors)]:
        floors[i] += 1
    return floors


def default_length(course: Course, deck: DeckSpec, natural: float) -> int:
    """Return the length without a session: the course's for the full course, else natural."""
    in_deck = {slide.module for slide in deck.slides}
    if course.modules and all(module.id in in_deck for module in course.modules):
        return course.info.minutes
    return max(ROUND_TO, math.ceil(natural / ROUND_TO) * ROUND_TO)


def _share_time(
    deck: DeckSpec, timed: dict[int, float], free: int, minutes: int
) -> dict[int, float]:
    """Return the timed slides' minutes once the part's time is shared.

    Activities keep their minutes while they fit. Other timed slides (a pathway's block) and the
    free slides (a minute each) share what is left in proportion, so an introduction is never
    squeezed to nothing by the blocks after it.
    """
    hard = {i: m for i, m in timed.items() if deck.slides[i].role in ACTIVITY_ROLES}
    soft = {i: m for i, m in timed.items() if i not in hard}
    fixed = sum(hard.values())
    if fixed > minutes:
        return {**{i: m * minutes / fixed for i, m in hard.items()}, **dict.fromkeys(soft, 0.0)}
    flexible = sum(soft.values()) + free
    if flexible == 0:
        factor = minutes / fixed if fixed else 0.0  # only activities: they fill the part
        return {i: m * factor for i, m in hard.items()}
    factor = (minutes - fixed) / flexible
    return {**hard, **{i: m * factor for i, m in soft.items()}}


def _slide_times(
    deck: DeckSpec, indices: tuple[int, ...], start: int, minutes: int
) -> dict[int, tuple[float, float, float, int]]:
    """Return (start, span, timed minutes, owner) for each slide of a part."""
    timed: dict[int, float] = {}
    follows: dict[int, int] = {}  # an untimed slide -> the timed slide it belongs to
    free: list[int] = []
    owner, block = -1, ""
    previous: SlideSpec | None = None
    for index in indices:
        slide = deck.slides[index]
        if slide.minutes > 0 and not _is_module_header(slide):
            timed[index] = slide.minutes
            owner = index
            block = (
                slide.key.removesuffix("-definition") + "-"
                if slide.key.endswith("-definition")
                else ""
            )
        elif owner >= 0 and _continues(slide, previous, block):
            follows[index] = owner
        elif slide.role in UNTIMED_ROLES or slide.page > 1:
            owner, block = -1, ""
        else:
            free.append(index)
            owner, block = -1, ""
        previous = slide
    timed = _share_time(deck, timed, len(free), minutes)
    each = (minutes - sum(timed.values())) / len(free) if free else 0.0
    span: dict[int, float] = dict.fromkeys(free, each)
    for index, length in timed.items():
        members = [index, *(i for i, o in follows.items() if o == index)]
        for member in members:
            span[member] = length / len(members)
    result: dict[int, tuple[float, float, float, int]] = {}
    clock = float(start)
    for index in indices:
        length = span.get(index, 0.0)
        owned = index if index in timed else follows.get(index, -1)
        result[index] = (clock, length, timed.get(index, 0.0), owned)
        clock += length
    return result


def _fit(groups: list[_Group], total: int) -> list[_Group]:
    """Return the groups with whole minutes adding up to ``total``, merged into parts."""
    fitted = [
        _Group(g.module, g.kind, list(g.slides), g.natural, whole)
        for g, whole in zip(groups, _whole_minutes([g.natural for g in groups], total), strict=True)
    ]
    merged: list[_Group] = []
    for group in fitted:
        if group.minutes == 0 and group.kind != "module" and merged:
            merged[-1].slides.extend(group.slides)
        else:
            merged.append(group)
    if len(merged) > 1 and merged[0].minutes == 0 and merged[0].kind != "module":
        merged[1].slides[:0] = merged[0].slides
        merged.pop(0)
    joined: list[_Group] = []
    for group in merged:  # a module split by slides outside it is one part again
        if joined and group.module and joined[-1].module == group.module:
            joined[-1].slides.extend(group.slides)
            joined[-1].minutes += group.minutes
        else:
            joined.append(group)
    return joined


def _starved(parts: list[_Group]) -> bool:
    return any(group.minutes == 0 and group.kind == "module" for group in parts)


def plan_session(
    course: Course, deck: DeckSpec, start: dt.time, minutes: int | None = None
) -> Plan:
    """Return the plan of a deck over ``minutes`` (default: as the module docstring says).

    Raise ``UsageError`` if ``minutes`` is too short to give every module a minute.
    """
    groups = _groups(course, deck)
    natural = sum(group.natural for group in groups)
    total = minutes if minutes is not None else default_length(course, deck, natural)
    merged = _fit(groups, total)
    if _starved(merged):
        longest = max(MAX_SEARCH, math.ceil(natural) * 2)
        shortest = next(
            (n for n in range(total + 1, longest) if not _starved(_fit(groups, n))), longest
        )
        raise UsageError(
            f"{total} minutes is too short for this deck: its plan is "
            f"{math.ceil(natural)} minutes, and every module needs at least a minute "
            f"(give {shortest} minutes or more, or choose a shorter recipe)"
        )
    modules = {module.id: module for module in course.modules}
    parts: list[Part] = []
    starts = [0.0] * len(deck.slides)
    spans = [0.0] * len(deck.slides)
    lengths = [0.0] * len(deck.slides)
    owners = [-1] * len(deck.slides)
    clock = 0
    for number, group in enumerate(merged, start=1):
        module = modules.get(group.module)
        indices = tuple(group.slides)
        title = module.title if module else _title(deck, group, number)
        key = module.id if module else f"part-{number}"
        parts.append(Part(key, title, module, indices, group.minutes, clock))
        for index, times in _slide_times(deck, indices, clock, group.minutes).items():
            starts[index], spans[index], lengths[index], owners[index] = times
        clock += group.minutes
    return Plan(
        tuple(parts),
        start,
        total,
        natural,
        tuple(starts),
        tuple(spans),
        tuple(lengths),
        tuple(owners),
    )


def _title(deck: DeckSpec, group: _Group, number: int) -> str:
    slides = [deck.slides[i] for i in group.slides]
    first = slides[0]
    if first.role == "section":
        return first.title
    if group.kind.startswith("activity:"):
        names = {
            "case-study": "Case studies",
            "knowledge-check": "Knowledge check",
            "discussion": "Discussion",
        }
        return names.get(group.kind.split(":", 1)[1], "Activities")
    if group.kind == "close":
        return "Resources and close"
    content = [s for s in slides if s.role not in UNTIMED_ROLES]
    if not content:
        return f"Part {number}"
    pathways = {s.key.rsplit("-", 1)[0] for s in content if s.key.endswith(_PATHWAY_KEYS)}
    more = f" · {len(pathways)} pathways" if len(pathways) > 1 else ""
    return content[0].title + more
