"""The course content: a frozen pure-Python model, its loader and its checks (no Qt)."""

from deflection_kit.content.loader import load_course
from deflection_kit.content.model import (
    Activity,
    Audience,
    Bullet,
    Course,
    CourseInfo,
    Evidence,
    Example,
    GlossaryTerm,
    Image,
    Module,
    Objective,
    Pathway,
    Question,
    Resource,
    Slide,
    Source,
)

__all__ = [
    "Activity",
    "Audience",
    "Bullet",
    "Course",
    "CourseInfo",
    "Evidence",
    "Example",
    "GlossaryTerm",
    "Image",
    "Module",
    "Objective",
    "Pathway",
    "Question",
    "Resource",
    "Slide",
    "Source",
    "load_course",
]
