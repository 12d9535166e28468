"""Fixtures for the workshop materials: a session, a local resources file, built documents."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from chosen import CHOSEN

LOCAL_CSV = """name,service,phone,address,hours
Riverside Recovery Center,Outpatient treatment and MOUD,(555) 201-3300,\
"12 Mill St, Springfield",Mon–Fri 8–8
County Crisis Line,24/7 crisis counseling,(555) 201-9000,,24/7
Centro de Salud Esperanza,Tratamiento y apoyo entre pares,(555) 201-4411,40 Oak Ave,Daily 10–6
"""


@pytest.fixture(scope="session")
def local_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a local resources file with three services (one in Spanish)."""
    path = tmp_path_factory.mktemp("resources") / "local.csv"
    path.write_text(LOCAL_CSV, encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def session(bundled_course):
    """Return a stored session: a date, an afternoon start, a place, a facilitator, pathways."""
    from deflection_kit.storage import CourseFacts, SessionFields, Store

    store = Store.memory()
    fields = SessionFields(
        title="Spring training",
        date=dt.date(2025, 3, 4),
        start=dt.time(13, 30),
        location="Fire HQ, Room 2",
        facilitators=("Dana Ortiz",),
        audience="ems",
        pathways=CHOSEN,
    )
    made = store.sessions.create(fields, CourseFacts.from_info(bundled_course.info))
    store.close()
    return made


@pytest.fixture(scope="session")
def options(session, local_csv):
    """Return the options most tests build with: the session, its pathways, local resources."""
    from deflection_kit.materials import MaterialsOptions
    from deflection_kit.settings import Settings

    return MaterialsOptions(
        session=session,
        resources=local_csv,
        settings=Settings(organization_name="Springfield Fire Department"),
    )


@pytest.fixture(scope="session")
def built(bundled_course, options, tmp_path_factory: pytest.TempPathFactory):
    """Build every document once for the session and return the result."""
    from deflection_kit.materials import build_materials

    out = tmp_path_factory.mktemp("built") / "materials"
    return build_materials(bundled_course, options, out)
