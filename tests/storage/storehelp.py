"""Helpers shared by the storage tests: a minimal course, fixed course facts, test times."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from deflection_kit.storage import CourseFacts

COURSE_YAML = """\
id: first-responder-deflection
title: "First Responder Deflection: A Warm Handoff to Services in the Community"
version: "1.0"
minutes: 90
level: Beginner
credit_hours: 1.5
completion_share: 0.9
description: A course folder for attendance tests.
goal: Test attendance.
audiences: []
objectives: []
creators: []
certificate:
  heading: Certificate of Completion
  statement: has completed
  credit_line: 1.5 contact hours
  signature_label: Facilitator
"""

FACTS = CourseFacts(
    id="first-responder-deflection",
    title="First Responder Deflection: A Warm Handoff to Services in the Community",
    version="1.0",
    minutes=90,
    credit_hours=1.5,
    completion_share=0.9,
)


def write_course(folder: Path) -> Path:
    """Write the smallest content folder the loader accepts (attendance needs only course.yaml)."""
    (folder / "modules").mkdir(parents=True)
    (folder / "pathways").mkdir()
    (folder / "course.yaml").write_text(COURSE_YAML, encoding="utf-8")
    for name in ("sources", "questions", "resources", "glossary"):
        (folder / f"{name}.yaml").write_text(f"{name}: []\n", encoding="utf-8")
    return folder


def at(hhmm: str, day: str = "2025-03-04") -> dt.datetime:
    """Return an aware UTC time on the test day."""
    return dt.datetime.fromisoformat(f"{day}T{hhmm}:00+00:00")
