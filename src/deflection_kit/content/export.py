"""Describe a course for people (one summary line) and for scripts (JSON-ready data)."""

from __future__ import annotations

from typing import Any

from deflection_kit.content.model import Course


def summary_line(course: Course) -> str:
    """Return one line that says what the course holds."""
    minutes = sum(module.minutes for module in course.modules)
    slides = sum(len(module.slides) for module in course.modules)
    later = sum(1 for pathway in course.pathways if pathway.added_later)
    return (
        f"{course.info.title} v{course.info.version}: {len(course.modules)} modules "
        f"({minutes} min, {slides} slides), {len(course.pathways)} pathways "
        f"({later} added later), {len(course.questions)} questions, "
        f"{len(course.resources)} resources, {len(course.glossary)} glossary terms, "
        f"{len(course.sources)} sources"
    )


def course_as_data(course: Course) -> dict[str, Any]:
    """Return the whole course as JSON-ready data (origins and folders left out)."""
    data = course.model_dump(mode="json")
    data["course"] = data.pop("info")
    data["total_minutes"] = sum(module.minutes for module in course.modules)
    return data
