"""Attendance exports as a coordinator checks them: open the file and read what is in it."""

from __future__ import annotations

import csv
import datetime as dt
import stat
import zipfile
from pathlib import Path

import openpyxl
import pytest

from deflection_kit.errors import InputFileError, UsageError
from deflection_kit.exports import MissingFieldsError, export_attendance, load_profile, write_rollup
from deflection_kit.storage import (
    AttendanceRows,
    CourseFacts,
    PersonFields,
    Session,
    SessionFields,
    Store,
)
from pdf_reading import page_texts


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_generic_csv_has_every_person_with_local_times(
    tmp_path: Path, store: Store, session: Session
) -> None:
    target = tmp_path / "a.csv"
    result = export_attendance(store.attendance.records(session.id), "csv", target, "T")
    rows = read_csv(target)
    assert result.rows == len(rows) == 5
    ana = next(r for r in rows if r["Name"] == "Ana María Ruiz-López")
    assert ana["Check-in"] == "2025-03-04 08:55" and ana["Completed"] == "yes"
    assert ana["POST ID"] == "P-4431" and ana["Hours awarded"] == "1.5"
    zoe = next(r for r in rows if r["Name"] == "Zoë Brontë")
    assert (zoe["Status"], zoe["Check-in"], zoe["Credited minutes"]) == ("absent", "", "0")
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel needs the BOM for UTF-8
    assert b"\r\n" in target.read_bytes()
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_xlsx_has_dates_numbers_frozen_header_and_filter(
    tmp_path: Path, store: Store, session: Session
) -> None:
    target = tmp_path / "a.xlsx"
    export_attendance(store.attendance.records(session.id), "xlsx", target, "Metro [March]")
    book = openpyxl.load_workbook(target)
    sheet = book.active
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:Z6"
    headers = [c.value for c in sheet[1]]
    row = dict(zip(headers, sheet[2], strict=True))
    assert row["Date"].value == dt.datetime(2025, 3, 4) and row["Date"].is_date
    assert row["Check-in"].value == dt.datetime(2025, 3, 4, 8, 55)
    assert row["Credited minutes"].value == 90 and row["Credited minutes"].data_type == "n"
    assert row["Hours awarded"].value == 1.5
    assert book.properties.title.startswith("Attendance")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


@pytest.mark.parametrize(
    ("title", "sheet"),  # the sheet is named "Attendance — <title>", cut to Excel's 31 characters
    [
        ('The "Metro" <team> & co', 'Attendance — The "Metro" <team>'),
        ("Tab\there: new\nline's \x01end", "Attendance — Tab here new line"),
        ("***", "Attendance —"),
        ("A" * 40, "Attendance — " + "A" * 18),
    ],
)
def test_xlsx_sheet_name_from_any_title_opens(
    tmp_path: Path, store: Store, session: Session, title: str, sheet: str
) -> None:
    target = tmp_path / "a.xlsx"
    export_attendance(store.attendance.records(session.id), "xlsx", target, title)
    assert openpyxl.load_workbook(target).active.title == sheet


def test_ce_roster_lists_people_missing_required_fields_and_writes_nothing(
    tmp_path: Path, store: Store, session: Session
) -> None:
    target = tmp_path / "ce.csv"
    with pytest.raises(MissingFieldsError) as refused:
        export_attendance(store.attendance.records(session.id), "csv", target, "T", "ce-roster")
    assert [str(m) for m in refused.value.missing] == [
        "王小明 (2025-03-04 Metro Deflection Training): missing Credential ID",
    ]
    assert not target.exists()


def test_ce_roster_has_completers_with_their_credential(
    tmp_path: Path, store: Store, session: Session
) -> None:
    person = store.participants.search("王")[0]
    store.participants.update(
        person.id,
        PersonFields(
            person.name, person.email, "", person.agency, person.discipline, {"nremt": "E1234567"}
        ),
    )
    target = tmp_path / "ce.csv"
    records = store.attendance.records(session.id)
    export_attendance(records, "csv", target, "T", "ce-roster")
    rows = read_csv(target)
    assert list(rows[0]) == [
        "Name", "Email", "Credential type", "Credential ID", "Course title", "Date", "Hours",
        "Completed",
    ]  # fmt: skip
    assert {r["Name"]: r["Credential ID"] for r in rows} == {
        "Ana María Ruiz-López": "P-4431",
        "王小明": "E1234567",
    }
    assert {r["Hours"] for r in rows} == {"1.5"}


def test_a_coordinators_own_profile_overrides_a_built_in(
    tmp_path: Path, store: Store, session: Session
) -> None:
    from deflection_kit import paths

    folder = paths.user_data_dir() / "export-profiles"
    folder.mkdir()
    (folder / "generic.yaml").write_text(
        "name: generic\ntitle: Ours\ncolumns:\n"
        "  - {field: participant.name, header: Participant}\n"
        "  - {field: attendance.credited_hours}\n",
        encoding="utf-8",
    )
    target = tmp_path / "ours.csv"
    export_attendance(store.attendance.records(session.id), "csv", target, "T")
    rows = read_csv(target)
    assert list(rows[0]) == ["Participant", "Credited hours"]
    assert {r["Credited hours"] for r in rows} >= {"1.5", "0.75"}
    (folder / "broken.yaml").write_text("name: broken\ntitle: B\ncolumns:\n  - {field: shoe}\n")
    with pytest.raises(InputFileError, match="unknown field 'shoe'"):
        load_profile("broken")
    with pytest.raises(UsageError, match="no export profile 'nope'"):
        load_profile("nope")


def test_sign_in_sheet_prefills_names_leaves_lines_and_hides_emails(
    tmp_path: Path, store: Store, session: Session
) -> None:
    target = tmp_path / "sign-in.pdf"
    export_attendance(store.attendance.records(session.id), "pdf", target, "T", "sign-in")
    (page,) = page_texts(target)
    assert "Sign-in sheet — Metro Deflection Training" in page
    assert "Station 4, 120 Harbor Road" in page and "Jo Park; Sam Lee" in page
    assert "Ana María Ruiz-López" in page and "Signature" in page
    assert "@" not in page  # passed around the room: no emails
    numbered = [line.split()[0] for line in page.splitlines() if line.strip()[:2].isdigit()]
    assert "13" in numbered  # 5 on the roster + 8 blank lines for walk-ins
    with pytest.raises(UsageError, match="PDF only"):
        export_attendance(
            store.attendance.records(session.id), "csv", tmp_path / "x", "T", "sign-in"
        )


def test_roster_pdf_has_totals(tmp_path: Path, store: Store, session: Session) -> None:
    target = tmp_path / "roster.pdf"
    export_attendance(store.attendance.records(session.id), "pdf", target, "March")
    text = "\n".join(page_texts(target))
    assert "Totals: 5 expected · 4 checked in · 2 completed · 3 credit hours awarded" in text
    assert "left early" in text and "absent" in text


def test_rollup_in_three_formats(tmp_path: Path, store: Store, session: Session) -> None:
    people = store.attendance.rollup()
    write_rollup(people, "csv", tmp_path / "r.csv", "Hours")
    write_rollup(people, "xlsx", tmp_path / "r.xlsx", "Hours")
    write_rollup(people, "pdf", tmp_path / "r.pdf", "Hours")
    rows = read_csv(tmp_path / "r.csv")
    assert {r["Name"]: r["Credit hours"] for r in rows}["Ana María Ruiz-López"] == "1.5"
    assert zipfile.is_zipfile(tmp_path / "r.xlsx")
    # 王小明 completed with 88 minutes: 1.46 hours, not the session's 1.5 (docs/attendance.md)
    assert "4 people · 2.96 credit hours in all" in page_texts(tmp_path / "r.pdf")[0]


@pytest.mark.slow
@pytest.mark.needs("soffice")
def test_libreoffice_opens_the_xlsx(tmp_path: Path, store: Store, session: Session) -> None:
    import shutil
    import subprocess

    soffice = shutil.which("soffice")
    assert soffice is not None
    target = tmp_path / "a.xlsx"
    export_attendance(store.attendance.records(session.id), "xlsx", target, "T")
    subprocess.run(
        [soffice, "--headless", f"-env:UserInstallation=file://{tmp_path / 'profile'}",
         "--convert-to", "csv", "--outdir", str(tmp_path / "out"), str(target)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    text = (tmp_path / "out" / "a.csv").read_text(encoding="utf-8", errors="replace")
    assert "Ana María Ruiz-López" in text or "Ana Mar" in text
    assert "2025-03-04 08:55" in text


@pytest.mark.parametrize("offset", ["+00:00", "-05:00", "+05:30", "-09:30", "+14:00"])
def test_the_one_call_per_row_attendance_values_agree_with_each_field(
    store: Store, session: Session, offset: str
) -> None:
    import dataclasses

    from deflection_kit.exports.fields import (
        ATTENDANCE_ORDER,
        FIELDS,
        ExportContext,
        LocalTimes,
        attendance_texts,
        attendance_values,
    )
    from deflection_kit.exports.table import text_formatter
    from deflection_kit.storage.attendance_rows import row_from_attendance

    ana = store.participants.search("ana")[0]
    store.attendance.override_completion(session.id, ana.id, False, "Jo Park", "=left for a call")
    bo = store.attendance.check_in(
        session.id, PersonFields("Bo Li"), dt.datetime(2025, 3, 4, 9, 1, 37, tzinfo=dt.UTC)
    )
    context = ExportContext()
    moved = dataclasses.replace(session, utc_offset=offset)
    records = [dataclasses.replace(r, session=moved) for r in store.attendance.records(session.id)]
    assert {r.attendance.status for r in records} >= {"present", "late", "left early", "absent"}
    times = LocalTimes()
    for _ in range(2):  # the second time from the cache
        for record in records:
            row = row_from_attendance(record.attendance)
            each = tuple(FIELDS[key].get(record, context) for key in ATTENDANCE_ORDER)
            assert attendance_values(row, moved, times) == each
            as_text = tuple(
                text_formatter(FIELDS[key].kind)(FIELDS[key].get(record, context))
                for key in ATTENDANCE_ORDER
            )
            assert attendance_texts(row, moved, times) == as_text
    bo_row = next(r for r in records if r.participant.id == bo.participant.id)
    assert FIELDS["attendance.check_in"].get(bo_row, context).second == 37  # seconds kept
    assert set(ATTENDANCE_ORDER) == {k for k in FIELDS if k.startswith("attendance.")}
    texts = [attendance_texts(row_from_attendance(r.attendance), moved, times) for r in records]
    assert ("'=left for a call") in [t[-1] for t in texts]  # neutralised, like every cell


def test_the_bulk_rows_are_the_records(store: Store, session: Session) -> None:
    """rows() and records() select, order and describe the same attendance."""
    other = store.sessions.create(
        SessionFields(title="Later", date=dt.date(2025, 4, 1), start=dt.time(13)),
        CourseFacts(minutes=90, credit_hours=1.5),
    )
    store.attendance.check_in(other.id, PersonFields("Ana María Ruiz-López", "ana@metro.example"))
    for selection in ({}, {"session_id": session.id}, {"date_from": dt.date(2025, 3, 5)}):
        bulk = store.attendance.rows(**selection)  # type: ignore[arg-type]
        records = store.attendance.records(**selection)  # type: ignore[arg-type]
        assert bulk.records() == records
        assert AttendanceRows.from_records(records).records() == records
        assert set(bulk.sessions) == {r.session.id for r in records}
        assert set(bulk.participants) == {r.participant.id for r in records}
    assert len(store.attendance.rows()) == 6


@pytest.mark.parametrize("offset", ["+00:00", "-05:00", "+05:30", "+14:00"])
def test_local_time_texts_from_the_cache_match_a_direct_conversion(
    session: Session, offset: str
) -> None:
    """Every minute of two days, read twice (once filling the caches), converts exactly."""
    import dataclasses

    from deflection_kit.exports.fields import LocalTimes

    moved = dataclasses.replace(session, utc_offset=offset)
    times = LocalTimes()
    start = dt.datetime(2025, 12, 31, 0, 0, 7, tzinfo=dt.UTC)
    stored = [(start + dt.timedelta(minutes=m)).isoformat() for m in range(0, 2 * 24 * 60, 7)]
    for _ in range(2):
        for text in stored:
            exact = dt.datetime.fromisoformat(text).astimezone(moved.tz)
            assert times.text(text, moved) == exact.strftime("%Y-%m-%d %H:%M"), text
