"""The attendance roster and sign-in sheet: the auditor's test, readable pages, whole words."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import pytest

from deflection_kit.exports import export_attendance
from deflection_kit.storage import PersonFields, Session, Store
from pdf_audit import audit, page_texts, poppler_audit, text

AGENCIES = ["Bridge Recovery Clinic", "Regional Crisis Line", "Metro Police Department",
            "Peer Support Network", "Harbor Fire District"]  # fmt: skip
SCRIPTS = ["王小明", "محمد الأحمد", "דוד כהן", "Ólafur Þórsson", "Zoë Brontë"]


@pytest.fixture
def crowd(store: Store, session: Session) -> list[str]:
    """Put 60 more people on the session's roster; return their names."""
    names = []
    start = dt.datetime(2025, 3, 4, 9, 0, tzinfo=dt.UTC)
    for number in range(60):
        name = f"{SCRIPTS[number % 5]} Participant{number}"
        person = store.participants.create(
            PersonFields(name, "", "", AGENCIES[number % 5], "Peer recovery support", {})
        )
        store.attendance.add_to_roster(session.id, person.id)
        store.attendance.check_in(session.id, person.id, start)
        store.attendance.check_out(session.id, person.id, start + dt.timedelta(minutes=95))
        names.append(name)
    return names


@pytest.fixture
def sheets(tmp_path: Path, store: Store, session: Session, crowd: list[str]) -> dict[str, Path]:
    records = store.attendance.records(session.id)
    roster, sign_in = tmp_path / "roster.pdf", tmp_path / "sign-in.pdf"
    export_attendance(records, "pdf", roster, "March")
    export_attendance(records, "pdf", sign_in, "March", "sign-in")
    return {"roster": roster, "sign-in": sign_in}


@pytest.mark.parametrize("name", ["roster", "sign-in"])
def test_the_sheets_pass_the_auditors_test(sheets: dict[str, Path], name: str) -> None:
    title = "Attendance — March" if name == "roster" else "Sign-in sheet"
    audit(sheets[name], title=title)


@pytest.mark.parametrize("name", ["roster", "sign-in"])
def test_poppler_reads_the_sheets(sheets: dict[str, Path], name: str) -> None:
    poppler_audit(sheets[name])


def test_the_roster_fits_a_readable_number_of_rows_a_page(sheets, crowd) -> None:
    pages = page_texts(sheets["roster"])
    assert len(pages) <= math.ceil(65 / 20)  # at least 20 rows a landscape page
    words = text(sheets["roster"]).split()
    for name in crowd:
        assert words.count(name.split()[-1]) == 1, name  # everyone, once


@pytest.mark.parametrize("name", ["roster", "sign-in"])
def test_no_word_is_broken_mid_letter(sheets: dict[str, Path], name: str, crowd) -> None:
    words = set(text(sheets[name]).split())
    for value in [*AGENCIES, "Peer recovery support", *(n for n in crowd if n.isascii())]:
        for word in value.split():
            assert word in words, f"{word!r} of {value!r} is broken across lines"


def test_sign_in_rows_leave_room_to_sign(sheets: dict[str, Path]) -> None:
    pages = page_texts(sheets["sign-in"])
    # 65 on the roster and 8 blank lines, about 20 to a portrait page.
    assert 4 <= len(pages) <= 5
    assert "73" in pages[-1].split()
