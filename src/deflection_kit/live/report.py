"""The delivery report as data: what was taught, for how long, to whom, and how it landed.

Built from the events record (never from the screen), the attendance and the typed-in feedback
forms, so the same report comes out of the app, the command line and an audit packet.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from deflection_kit.content import Course
from deflection_kit.live.agenda import Agenda, Segment
from deflection_kit.live.checks import CheckResult, KnowledgeGain, knowledge_gain
from deflection_kit.live.events import LiveEvent
from deflection_kit.live.feedback import (
    COMMENT_ITEMS,
    FEEDBACK_ITEMS,
    FeedbackSummary,
    FormLike,
    summarise_feedback,
)
from deflection_kit.live.timing import Moment, read_timing
from deflection_kit.storage import AttendanceRecord, Session

Delivered = Literal["delivered", "partly", "not delivered"]
DELIVERED_SHARE = 0.8  # a part counts as delivered when this share of its slides was shown
NOT_GIVEN = "(not given)"


@dataclass(frozen=True)
class PartDelivery:
    """One part of the agenda: planned and actual minutes, slides shown, delivered or not."""

    segment: Segment
    actual_minutes: float
    slides: int
    shown: int

    @property
    def status(self) -> Delivered:
        """Return whether the part was delivered."""
        if self.slides and self.shown >= DELIVERED_SHARE * self.slides:
            return "delivered"
        return "partly" if self.shown else "not delivered"

    @property
    def difference(self) -> float:
        """Return actual minus planned minutes."""
        return self.actual_minutes - self.segment.planned_minutes


@dataclass(frozen=True)
class ObjectiveDelivery:
    """A learning objective: where it was taught, when first, and whether it was delivered."""

    id: str
    title: str
    statement: str
    parts: tuple[str, ...]  # the parts that teach it most directly
    status: Delivered
    first_taught: float | None  # session seconds; None when never taught


@dataclass(frozen=True)
class AttendanceSummary:
    """Who came: totals and the mix of disciplines and agencies among those who checked in."""

    on_roster: int
    checked_in: int
    completed: int
    by_discipline: tuple[tuple[str, int], ...]
    by_agency: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class PaperQuestion:
    """One question of the paper knowledge check: the share right on the sheets before and after."""

    question: str
    prompt: str
    pre: float | None
    post: float | None

    @property
    def gain(self) -> float | None:
        """Return the change in share right (after minus before)."""
        return None if self.pre is None or self.post is None else self.post - self.pre


@dataclass(frozen=True)
class PaperChecks:
    """The paper answer sheets typed in for the session (anonymous)."""

    pre_sheets: int
    post_sheets: int
    questions: tuple[PaperQuestion, ...]

    def _mean(self, values: list[float | None]) -> float | None:
        known = [v for v in values if v is not None]
        return sum(known) / len(known) if known else None

    @property
    def pre(self) -> float | None:
        """Return the mean share right before, over questions answered both times."""
        return self._mean([q.pre for q in self.questions if q.gain is not None])

    @property
    def post(self) -> float | None:
        """Return the mean share right after, over questions answered both times."""
        return self._mean([q.post for q in self.questions if q.gain is not None])

    @property
    def gain(self) -> float | None:
        """Return the mean change in share right."""
        return self._mean([q.gain for q in self.questions])


@dataclass(frozen=True)
class DeliveryReport:
    """Everything a delivery report says."""

    course_title: str
    course_version: str
    title: str  # the session's title, or "Rehearsal"
    session: Session | None
    deck: Mapping[str, Any]
    planned_minutes: float
    actual_minutes: float
    started_at: float | None
    ended_at: float | None
    parts: tuple[PartDelivery, ...]
    objectives: tuple[ObjectiveDelivery, ...]  # in the order taught; untaught last
    checks: tuple[CheckResult, ...]
    gain: KnowledgeGain
    attendance: AttendanceSummary | None
    feedback: FeedbackSummary
    timeline: tuple[Moment, ...]
    interruptions: tuple[float, ...]
    paper: PaperChecks | None = None

    @property
    def modules_delivered(self) -> tuple[int, int]:
        """Return (delivered, all) counted over the course's modules in the deck."""
        modules = [p for p in self.parts if p.segment.is_module]
        return sum(p.status == "delivered" for p in modules), len(modules)

    @property
    def objectives_delivered(self) -> tuple[int, int]:
        """Return (delivered, all) objectives."""
        return sum(o.status == "delivered" for o in self.objectives), len(self.objectives)


def summarise_attendance(records: Sequence[AttendanceRecord]) -> AttendanceSummary:
    """Return the totals and the discipline and agency mix of those who came."""
    came = [r for r in records if r.attendance.check_in is not None]
    disciplines = Counter(r.participant.discipline.strip() or NOT_GIVEN for r in came)
    agencies = Counter(r.participant.agency.strip() or NOT_GIVEN for r in came)
    return AttendanceSummary(
        on_roster=sum(1 for r in records if r.attendance.expected),
        checked_in=len(came),
        completed=sum(1 for r in records if r.attendance.completed),
        by_discipline=tuple(sorted(disciplines.items(), key=lambda kv: (-kv[1], kv[0]))),
        by_agency=tuple(sorted(agencies.items(), key=lambda kv: (-kv[1], kv[0]))),
    )


def _objectives(
    course: Course, parts: Sequence[PartDelivery], first_by_part: Mapping[str, float]
) -> tuple[ObjectiveDelivery, ...]:
    """Judge each objective by the parts that teach it most directly.

    The welcome and closing modules list every objective; the module listing the fewest
    objectives (module 4 for the pathways, say) is where an objective is really taught.
    """
    found: list[ObjectiveDelivery] = []
    for objective in course.info.objectives:
        teaching = [
            p for p in parts if p.segment.is_module and objective.id in p.segment.objectives
        ]
        if teaching:
            fewest = min(len(p.segment.objectives) for p in teaching)
            teaching = [p for p in teaching if len(p.segment.objectives) == fewest]
        statuses = [p.status for p in teaching]
        status: Delivered
        if statuses and all(s == "delivered" for s in statuses):
            status = "delivered"
        elif any(s != "not delivered" for s in statuses):
            status = "partly"
        else:
            status = "not delivered"
        times = [first_by_part[p.segment.key] for p in teaching if p.segment.key in first_by_part]
        found.append(
            ObjectiveDelivery(
                id=objective.id,
                title=objective.title,
                statement=objective.statement,
                parts=tuple(dict.fromkeys(p.segment.label() for p in teaching)),
                status=status,
                first_taught=min(times) if times else None,
            )
        )
    order = {o.id: i for i, o in enumerate(found)}
    return tuple(
        sorted(
            found,
            key=lambda o: (o.first_taught is None, o.first_taught or 0.0, order[o.id]),
        )
    )


def build_report(
    course: Course,
    agenda: Agenda,
    events: Iterable[LiveEvent],
    *,
    title: str = "Rehearsal",
    session: Session | None = None,
    deck: Mapping[str, Any] | None = None,
    attendance: Sequence[AttendanceRecord] | None = None,
    feedback: Iterable[FormLike] = (),
    statements: Sequence[tuple[str, str]] = FEEDBACK_ITEMS,
    questions: Sequence[tuple[str, str]] = COMMENT_ITEMS,
    paper: PaperChecks | None = None,
) -> DeliveryReport:
    """Return the delivery report of a presentation of ``agenda`` recorded in ``events``."""
    timing = read_timing(agenda, events)
    seconds = timing.segment_seconds(agenda)
    parts: list[PartDelivery] = []
    first_by_part: dict[str, float] = {}
    for segment, spent in zip(agenda.segments, seconds, strict=True):
        indices = range(segment.first, segment.last + 1)
        shown = [i for i in indices if i in timing.shown]
        parts.append(PartDelivery(segment, spent / 60, len(indices), len(shown)))
        times = [timing.first_shown[i] for i in shown]
        if times:
            first_by_part[segment.key] = min([*times, first_by_part.get(segment.key, times[0])])
    checks = tuple(
        CheckResult(slot, timing.results[slot.key])
        for slot in agenda.checks
        if slot.key in timing.results
    )
    return DeliveryReport(
        course_title=course.info.title,
        course_version=course.info.version,
        title=session.title if session is not None else title,
        session=session,
        deck=dict(deck or {}),
        planned_minutes=agenda.total_minutes,
        actual_minutes=timing.elapsed / 60,
        started_at=timing.started_at,
        ended_at=timing.ended_at,
        parts=tuple(parts),
        objectives=_objectives(course, parts, first_by_part),
        checks=checks,
        gain=knowledge_gain(checks),
        attendance=summarise_attendance(attendance) if attendance is not None else None,
        feedback=summarise_feedback(feedback, statements, questions),
        timeline=timing.moments,
        interruptions=timing.gaps,
        paper=paper,
    )
