"""Ahead or behind the plan, and what to shorten to catch up.

The plan gives every slide a planned start (``Agenda.planned_start``). Where the session should
be now is the current slide's planned start plus the time spent on it, up to its planned length;
the difference from the real elapsed time is how far ahead or behind the session runs. When
behind, the advice names the remaining activities with slack (discussions, case studies, checks
during the course; never the pre- and post-check) and how short to make them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from deflection_kit.live.agenda import ActivitySlot, Agenda
from deflection_kit.live.timers import minutes_text

TOLERANCE_S = 60.0  # within a minute of the plan is on time
PaceStatus = Literal["not-started", "on-time", "behind", "ahead", "ended"]


@dataclass(frozen=True)
class Cut:
    """Advice to take an activity down to fewer minutes (0: skip it)."""

    activity: ActivitySlot
    to_minutes: float

    @property
    def saves(self) -> float:
        """Return the minutes the cut saves."""
        return self.activity.minutes - self.to_minutes

    def text(self) -> str:
        """Return the advice in words."""
        name = f"“{self.activity.title}”"
        if self.to_minutes <= 0:
            return f"skip {name} ({minutes_text(self.activity.minutes)})"
        return (
            f"shorten {name} from {minutes_text(self.activity.minutes)} "
            f"to {minutes_text(self.to_minutes)}"
        )


@dataclass(frozen=True)
class Pacing:
    """Where the session stands against its plan."""

    status: PaceStatus
    elapsed: float  # seconds
    remaining: float  # seconds of the planned length left (negative when over)
    planned_here: float  # seconds the plan expected to have passed by now
    delta: float  # seconds behind the plan (negative: ahead)
    cuts: tuple[Cut, ...] = ()
    advice: str = ""

    @property
    def label(self) -> str:
        """Return the indicator's short text: "On time", "Behind 4 min", "Ahead 2 min"."""
        if self.status == "behind":
            return f"Behind {minutes_text(self.delta / 60)}"
        if self.status == "ahead":
            return f"Ahead {minutes_text(-self.delta / 60)}"
        return {"not-started": "Not started", "ended": "Ended"}.get(self.status, "On time")


def plan_position(agenda: Agenda, slide: int, on_slide: float) -> float:
    """Return the seconds the plan expects at ``on_slide`` seconds into slide ``slide``."""
    start = agenda.planned_start[slide] * 60
    length = agenda.planned_end(slide) * 60 - start
    return start + min(max(on_slide, 0.0), max(length, 0.0))


def suggest_cuts(agenda: Agenda, after: int, behind_minutes: float) -> tuple[Cut, ...]:
    """Return the fewest cuts to the activities after slide ``after`` that save the minutes.

    Halve the longest activities first; if halving all of them is not enough, skip them,
    longest first.
    """
    candidates = sorted(
        (slot for slot in agenda.activities if slot.slide > after and slot.shortenable),
        key=lambda slot: (-slot.minutes, slot.slide),
    )
    if not candidates or behind_minutes <= 0:
        return ()
    halves = [_half(slot.minutes) for slot in candidates]
    cuts: list[Cut] = []
    saved = 0.0
    for slot, half in zip(candidates, halves, strict=True):
        if saved >= behind_minutes:
            break
        cuts.append(Cut(slot, half))
        saved += slot.minutes - half
    if saved < behind_minutes:
        for position, cut in enumerate(cuts):
            if saved >= behind_minutes:
                break
            saved += cut.to_minutes
            cuts[position] = Cut(cut.activity, 0.0)
    return tuple(sorted(cuts, key=lambda cut: cut.activity.slide))


def _half(minutes: float) -> float:
    return max(round(minutes), 1) / 2


def pacing(
    agenda: Agenda,
    *,
    started: bool,
    ended: bool,
    elapsed: float,
    slide: int,
    on_slide: float,
) -> Pacing:
    """Return how the session stands against the plan."""
    total = agenda.total_minutes * 60
    remaining = total - elapsed
    if not started:
        return Pacing("not-started", 0.0, total, 0.0, 0.0)
    planned = plan_position(agenda, slide, on_slide)
    delta = elapsed - planned
    if ended:
        return Pacing("ended", elapsed, remaining, planned, delta)
    if delta > TOLERANCE_S:
        cuts = suggest_cuts(agenda, slide, delta / 60)
        return Pacing("behind", elapsed, remaining, planned, delta, cuts, _behind(cuts))
    if delta < -TOLERANCE_S:
        return Pacing("ahead", elapsed, remaining, planned, delta, (), _ahead(agenda, slide))
    return Pacing("on-time", elapsed, remaining, planned, delta)


def _behind(cuts: tuple[Cut, ...]) -> str:
    if not cuts:
        return "No activities left to shorten: keep the remaining slides brief."
    text = "; ".join(cut.text() for cut in cuts)
    return text[0].upper() + text[1:] + "."


def _ahead(agenda: Agenda, slide: int) -> str:
    for slot in agenda.activities:
        if slot.slide > slide and slot.kind != "knowledge-check":
            return f"Time in hand: let “{slot.title}” run longer, or take questions."
    return "Time in hand: take questions, or go deeper on the last points."
