"""Shared builders for the certificate tests: a certificate with the hard names."""

from __future__ import annotations

import datetime as dt

from deflection_kit.certificates.codes import new_certificate_id
from deflection_kit.certificates.keys import IssuerKey
from deflection_kit.certificates.model import Certificate

COURSE_TITLE = "First Responder Deflection: A Warm Handoff to Services in the Community"

HARD_NAMES = {
    "accents": "Zoë Ångström-Łukasz Ñúñez Dvořák",
    "greek": "Αλέξανδρος Παπαδόπουλος",
    "cyrillic": "Юлия Сергеевна Кузнецова",
    "arabic": "فاطمة الزهراء عبد الله",
    "hebrew": "שרה כהן-לוי",
    "cjk": "王小明 さくら 김민준",
    "long": (
        "Maximiliana Alexandrina Wilhelmina Konstantinopoulou-Fitzgerald "
        "de la Cruz y Hernández-Vanderbilt Oppenheimer"
    ),
}


def make_certificate(key: IssuerKey, **changes: object) -> Certificate:
    """Return a certificate for ``key`` with sensible fields, some changed."""
    fields: dict[str, object] = {
        "certificate_id": new_certificate_id(),
        "course_id": "first-responder-deflection",
        "course_title": COURSE_TITLE,
        "participant_name": "Dana Whitfield",
        "date": dt.date(2025, 3, 4),
        "credit_hours": 1.5,
        "minutes_attended": 92,
        "facilitators": ("Jordan Ellis", "Priya Raman"),
        "host_agency": "Springfield Police Department",
        "issuer_key_id": key.key_id,
    }
    fields.update(changes)
    return Certificate(**fields)  # type: ignore[arg-type]


def need_program(name: str) -> str:
    """Return the path of an external program (poppler's), or skip the test with one line; under
    CI=true a missing program fails instead (.ci/run installs them)."""
    import os
    import shutil

    import pytest

    found = shutil.which(name)
    if found is None:
        message = f"{name} (poppler-utils) is needed for this check"
        if os.environ.get("CI") == "true":
            pytest.fail(message + "; .ci/run installs it")
        pytest.skip(message)
    return found


def shown(output: str, label: str) -> str:
    """Return the value ``verify`` shows for ``label`` (its lines: ``  label:   value``)."""
    import re

    found = re.search(rf"^  {re.escape(label)}:\s+(.*)$", output, re.M)
    assert found, f"no {label!r} line in:\n{output}"
    return found.group(1)
