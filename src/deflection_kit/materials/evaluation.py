"""The course and instructor evaluation: its statements, scale and questions, with stable ids.

The paper form, the entry screen and the stored answers all use these ids, so a typed-in form
means the same thing however the wording of a statement is later improved. One statement per
course objective lets the results show whether each objective was met.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from deflection_kit.content import Course

Section = Literal["course", "instructor"]
SCALE = ("Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree")
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
    ("relevant", "The content is relevant to my work."),
    ("clear-objectives", "The learning objectives were clear from the start."),
    ("materials", "The handout and resource guide will be useful to me."),
    ("pace", "The length and pace of the course were right."),
    ("apply", "I will use what I learned in my work."),
    ("recommend", "I would recommend this course to a colleague."),
)
INSTRUCTOR_STATEMENTS = (
    ("instructor-knowledge", "The instructor knew the subject well."),
    ("instructor-clear", "The instructor explained things clearly."),
    ("instructor-questions", "The instructor welcomed questions and discussion."),
    ("instructor-time", "The instructor kept to time."),
)
COMMENTS = (
    Comment("most-useful", "What was most useful to you?", lines=4),
    Comment("change", "What should we change or add?", lines=4),
    Comment("other", "Anything else you would like us to know?", lines=3),
)


def statements(course: Course) -> tuple[Statement, ...]:
    """Return every rated statement: one per objective, the course's, then the instructor's."""
    found = [
        Statement(f"objective-{o.id}", f"The course met this objective: {o.title}.", "course")
        for o in course.info.objectives
    ]
    found += [Statement(key, text, "course") for key, text in COURSE_STATEMENTS]
    found += [Statement(key, text, "instructor") for key, text in INSTRUCTOR_STATEMENTS]
    return tuple(found)


def roles(course: Course) -> tuple[tuple[str, str], ...]:
    """Return the roles a participant can tick: the course's audiences, then "Other"."""
    return (*((a.id, a.name) for a in course.info.audiences), (OTHER_ROLE, "Other"))
