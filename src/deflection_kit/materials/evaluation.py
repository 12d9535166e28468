"""The course and instructor evaluation: its statements, scale and questions, with stable ids.

The paper form, the entry screen and the stored answers all use these ids, so a typed-in form
means the same thing however the wording of a statement is later improved. The course items
and comment ids are those of the live-session feedback form (issue 6) so both entry screens
fill the same records; this form adds one statement per course objective, so the results show
whether each objective was met, and three more about the instructor.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from deflection_kit.content import Course
from deflection_kit.storage.feedback_tally import RATING_LABELS

Section = Literal["course", "instructor"]
SCALE = RATING_LABELS
OTHER_ROLE = "other"


@dataclass(frozen=True)
class Statement:
    """A statement participants rate from 1 (strongly disagree) to 5 (strongly agree)."""

    id: str
    text: str
    section: Section


@dataclass(frozen=True)
class Comment:
    """An open question participants answer in their own words."""

    id: str
    prompt: str
    lines: int = 3


COURSE_STATEMENTS = (
    ("objectives", "The course met its stated objectives."),
    ("relevant", "What I learned is relevant to my work."),
    ("pathways", "I can explain the deflection pathways and when each is used."),
    ("handoff", "I know how to make a warm handoff in my community."),
    ("activities", "The discussions and activities were useful."),
    ("recommend", "I would recommend this course to a colleague."),
)
INSTRUCTOR_STATEMENTS = (
    ("facilitator", "The facilitator was clear and well prepared."),
    ("instructor-knowledge", "The facilitator knew the subject well."),
    ("instructor-questions", "The facilitator welcomed questions and discussion."),
    ("instructor-time", "The facilitator kept to time."),
)
COMMENTS = (
    Comment("useful", "What was most useful?", lines=4),
    Comment("improve", "What would make this course better?", lines=4),
    Comment("other", "Anything else you would like us to know?", lines=3),
)
ROLE_KEY = "role"  # the comment key the ticked role is stored under


def statements(course: Course) -> tuple[Statement, ...]:
    """Return every rated statement: the course's, one per objective, then the instructor's."""
    found = [Statement(key, text, "course") for key, text in COURSE_STATEMENTS]
    found += [
        Statement(f"objective-{o.id}", f"This objective was met: {o.title}.", "course")
        for o in course.info.objectives
    ]
    found += [Statement(key, text, "instructor") for key, text in INSTRUCTOR_STATEMENTS]
    return tuple(found)


def roles(course: Course) -> tuple[tuple[str, str], ...]:
    """Return the roles a participant can tick: the course's audiences, then "Other"."""
    return (*((a.id, a.name) for a in course.info.audiences), (OTHER_ROLE, "Other"))
