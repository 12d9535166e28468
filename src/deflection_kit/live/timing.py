"""Read the events record back: how long each slide was up, which slides were shown, and the
moments worth a line in the delivery report's timeline.

Time comes from the session clock in the events (``elapsed``), so time the app was away after a
crash is not counted, and a clock set back to zero drops the time before it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from deflection_kit.live.agenda import Agenda
from deflection_kit.live.events import LiveEvent
from deflection_kit.live.timers import clock_text


@dataclass(frozen=True)
class Moment:
    """A line of the timeline: when (session clock and wall clock) and what happened."""

    elapsed: float
    at: float
    text: str


@dataclass(frozen=True)
class Timing:
    """What the record says about time and slides."""

    slide_seconds: tuple[float, ...]
    shown: frozenset[int]
    first_shown: Mapping[int, float]  # slide index -> session seconds when it first went up
    elapsed: float  # session seconds in all, over every run
    started_at: float | None
    ended_at: float | None
    moments: tuple[Moment, ...]
    gaps: tuple[float, ...]  # seconds the app was away before each resume
    results: Mapping[str, tuple[int, ...]]  # the last counts entered per check

    def segment_seconds(self, agenda: Agenda) -> tuple[float, ...]:
        """Return the seconds spent in each part of the agenda."""
        spent = [0.0] * len(agenda.segments)
        for index, seconds in enumerate(self.slide_seconds):
            spent[agenda.slide_segment[index]] += seconds
        return tuple(spent)


def _slide_of(agenda: Agenda, data: Mapping[str, Any]) -> int | None:
    index = data.get("index")
    key, page = data.get("key"), data.get("page", 1)
    if isinstance(index, int) and 0 <= index < len(agenda):
        slide = agenda.slide(index)
        if key is None or (slide.key == key and slide.page == page):
            return index
    if isinstance(key, str):
        return agenda.index_of(key, int(page or 1))
    return None


def read_timing(agenda: Agenda, events: Iterable[LiveEvent]) -> Timing:
    """Replay the record over the agenda."""
    ordered = sorted(events, key=lambda e: (e.seq, e.at))
    total = [0.0] * len(agenda)
    run = [0.0] * len(agenda)  # this run's time, dropped if the clock is set back
    shown: set[int] = set()
    first: dict[int, float] = {}
    moments: list[Moment] = []
    gaps: list[float] = []
    results: dict[str, tuple[int, ...]] = {}
    current: int | None = None
    last = 0.0
    offset = 0.0  # session seconds of earlier runs, so the timeline keeps counting up
    elapsed_before = 0.0
    started_at: float | None = None
    ended_at: float | None = None
    entered: set[int] = set()

    def book(until: float) -> None:
        if current is not None:
            run[current] += max(until - last, 0.0)

    def show(index: int | None, event: LiveEvent) -> None:
        nonlocal current, last
        current, last = index, event.elapsed
        if index is None:
            return
        shown.add(index)
        first.setdefault(index, offset + event.elapsed)
        segment = agenda.slide_segment[index]
        if segment not in entered:
            entered.add(segment)
            label = agenda.segments[segment].label()
            moments.append(Moment(offset + event.elapsed, event.at, f"Started {label}"))

    for event in ordered:
        kind = event.kind
        if kind == "started":
            if current is not None:  # a new run after an end without one
                book(last)
            started_at = started_at if started_at is not None else event.at
            moments.append(Moment(offset + event.elapsed, event.at, "Session clock started"))
            show(_slide_of(agenda, event.data), event)
        elif kind == "slide":
            book(event.elapsed)
            show(_slide_of(agenda, event.data), event)
        elif kind == "resumed":
            book(event.elapsed)
            gap = float(event.data.get("gap", 0.0))
            gaps.append(gap)
            moments.append(
                Moment(offset + event.elapsed, event.at, f"Resumed after the app stopped "
                       f"({clock_text(gap, hours_after=600)} away)")
            )  # fmt: skip
            show(_slide_of(agenda, event.data), event)
        elif kind == "clock-reset":
            run = [0.0] * len(agenda)
            moments.append(Moment(offset, event.at, "Session clock set back to zero"))
            last = event.elapsed
        elif kind == "ended":
            book(event.elapsed)
            total = [a + b for a, b in zip(total, run, strict=True)]
            run = [0.0] * len(agenda)
            elapsed_before = offset + event.elapsed
            offset = elapsed_before
            ended_at = event.at
            current = None
            moments.append(Moment(elapsed_before, event.at, "Session ended"))
        elif kind == "check-counts":
            counts = event.data.get("counts")
            if isinstance(counts, list):
                results[str(event.data.get("key"))] = tuple(int(c) for c in counts)
        elif kind == "check-revealed":
            key = str(event.data.get("key"))
            title = key
            for slot in agenda.checks:
                if slot.key == key:
                    title = slot.prompt
            moments.append(Moment(offset + event.elapsed, event.at, f"Answers shown: {title}"))
        elif kind == "overlay" and event.data.get("text"):
            moments.append(
                Moment(offset + event.elapsed, event.at, f"Message: {event.data['text']}")
            )
    if current is not None:  # still running (or stopped without an end): count to the last event
        last_seen = ordered[-1].elapsed if ordered else 0.0
        book(last_seen)
        elapsed_before = offset + last_seen
    total = [a + b for a, b in zip(total, run, strict=True)]
    return Timing(
        slide_seconds=tuple(total),
        shown=frozenset(shown),
        first_shown=first,
        elapsed=max(elapsed_before, sum(total)),
        started_at=started_at,
        ended_at=ended_at,
        moments=tuple(moments),
        gaps=tuple(gaps),
        results=results,
    )
