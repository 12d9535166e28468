"""Roster import: the files people really have, all rows or none, problems with line numbers."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest

from deflection_kit.errors import InputFileError
from deflection_kit.storage import PersonFields, Session, Store
from deflection_kit.storage.roster import RosterError, import_roster, plan_roster

HEADER = "First Name,Last Name,E-mail,Agency/Department,Discipline/Role,NREMT EMS-ID\n"


def snapshot(store: Store) -> tuple[int, int, int]:
    count = lambda t: store.db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]  # noqa: E731
    return count("participants"), count("attendance"), count("events")


def names_on(store: Store, session: Session) -> list[str]:
    return [e.participant.name for e in store.attendance.roster(session.id)]


@pytest.mark.parametrize(
    ("encoding", "delimiter"),
    [("utf-8", ","), ("utf-8-sig", ";"), ("cp1252", ";"), ("utf-8", "\t"), ("utf-16", "\t")],
)
def test_csv_in_the_encodings_and_separators_excel_writes(
    tmp_path: Path, store: Store, morning_session: Session, encoding: str, delimiter: str
) -> None:
    text = (
        HEADER + "José,Álvarez,jose@example.org,Metro PD,Police,123456789012\n"
        "Zoë,Brontë,,County EMS,EMS,\n"
    ).replace(",", delimiter)
    path = tmp_path / "roster.csv"
    path.write_bytes(text.encode(encoding))
    report = import_roster(store, morning_session.id, path)
    assert (report.rows, report.new_people, report.added_to_roster) == (2, 2, 2)
    assert names_on(store, morning_session) == ["José Álvarez", "Zoë Brontë"]
    jose = store.participants.search("jose")[0]
    assert (jose.email, jose.agency, jose.discipline) == ("jose@example.org", "Metro PD", "Police")
    assert jose.credentials == {"nremt_ems_id": "123456789012"}


def test_the_mapping_is_reported_column_by_column(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text(
        "Full name,Email Address,Department,Role,DPSST #,T-shirt\nA B,a@b.org,x,y,1,M\n"
    )
    assert plan_roster(path).mapping.describe() == [
        "Full name → Full name",
        "Email Address → Email",
        "Department → Agency",
        "Role → Discipline",
        "DPSST # → DPSST number",
        "T-shirt (ignored)",
    ]


def test_xlsx_roster_with_numbers_and_blank_rows(
    tmp_path: Path, store: Store, morning_session: Session
) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Participant Name", "Email", "Agency", "NREMT EMS-ID"])
    sheet.append(["Ana Ruiz", "ana@example.org", "Metro PD", 123456789012])  # a number cell
    sheet.append([None, None, None, None])
    sheet.append(["Bo Li", None, "Fire", None])
    path = tmp_path / "roster.xlsx"
    book.save(path)
    report = import_roster(store, morning_session.id, path)
    assert report.rows == 2
    ana = store.participants.search("ana")[0]
    assert ana.credentials == {"nremt_ems_id": "123456789012"}


def test_bad_rows_and_duplicates_are_listed_and_nothing_changes(
    tmp_path: Path, store: Store, morning_session: Session
) -> None:
    store.participants.create(PersonFields(name="Already Here"))
    before = snapshot(store)
    path = tmp_path / "roster.csv"
    path.write_text(
        HEADER
        + "Ana,Ruiz,ana@example.org,Metro PD,Police,\n"  # line 2
        + ",,,Metro PD,,\n"  # line 3: no name
        + 'Bo,"Li\nJr.",bo@example,Fire,,\n'  # lines 4-5: bad email, quoted newline
        + "Cy,Doe,,Metro PD,,12345\n"  # line 6: EMS-ID too short
        + "ANA,RUIZ,Ana@Example.org,Metro PD,Police,\n"  # line 7: duplicate of 2
        + "Di,Ng,,Metro PD,,\n"  # line 8
        + "di,ng,,metro pd,,\n",  # line 9: duplicate of 8
        encoding="utf-8",
    )
    with pytest.raises(RosterError) as failed:
        import_roster(store, morning_session.id, path)
    assert [str(p) for p in failed.value.problems] == [
        f"{path}:3: a name is required",
        f"{path}:4: 'bo@example' is not an email address",
        f"{path}:6: NREMT EMS-ID '12345' should be 12 digits",
        f"{path}:7: duplicate of line 2 (same email)",
        f"{path}:9: duplicate of line 8 (same name and agency)",
    ]
    assert "nothing was imported" in str(failed.value)
    assert snapshot(store) == before


def test_known_people_are_matched_not_duplicated(
    tmp_path: Path, store: Store, morning_session: Session
) -> None:
    by_email = store.participants.create(PersonFields(name="Ana Ruiz", email="ana@example.org"))
    by_name = store.participants.create(PersonFields(name="Bo Li", agency="Metro Fire"))
    path = tmp_path / "r.csv"
    path.write_text(
        "Name,Email,Agency,Phone\n"
        "Ana M. Ruiz,ANA@example.org,Metro PD,\n"
        "Li Bo,,metro fire,555-0100\n"
        "New Person,new@example.org,,\n"
    )
    report = import_roster(store, morning_session.id, path)
    assert (report.new_people, report.matched_people) == (1, 2)
    assert store.participants.count() == 3
    assert store.participants.get(by_name.id).phone == "555-0100"  # missing details filled
    assert store.participants.get(by_email.id).name == "Ana Ruiz"  # known details kept
    again = import_roster(store, morning_session.id, path)
    assert (again.new_people, again.already_on_roster) == (0, 3)


def test_missing_name_column(tmp_path: Path, store: Store, morning_session: Session) -> None:
    path = tmp_path / "r.csv"
    path.write_text("Email,Agency\na@example.org,X\n")
    with pytest.raises(RosterError, match=r"r.csv:1: no name column.*'Email', 'Agency'"):
        import_roster(store, morning_session.id, path)


def test_text_in_no_known_encoding(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_bytes(b"Name,Email\nAna,a@b.org\nB\x81o,b@c.org\n")  # 0x81 is unassigned in 1252
    with pytest.raises(InputFileError, match=r"r.csv:3: text is neither UTF-8 nor Windows-1252"):
        plan_roster(path)


def test_truncated_xlsx(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.append(["Name"])
    whole = tmp_path / "whole.xlsx"
    book.save(whole)
    cut = tmp_path / "cut.xlsx"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    with pytest.raises(InputFileError, match="damaged or truncated"):
        plan_roster(cut)


def test_xlsx_zip_bomb_is_refused_before_decompressing(tmp_path: Path) -> None:
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(60):  # 60 MiB of zeros: a few dozen KB on disk
                member.write(chunk)
    assert path.stat().st_size < 1024 * 1024
    with pytest.raises(InputFileError, match="unpacks to 60 MB; refusing parts over 50 MB"):
        plan_roster(path)


def test_a_hundred_thousand_rows_is_refused_and_changes_nothing(
    tmp_path: Path, store: Store, morning_session: Session
) -> None:
    path = tmp_path / "huge.csv"
    path.write_text("Name,Email\n" + "".join(f"P{i},p{i}@example.org\n" for i in range(100_000)))
    before = snapshot(store)
    with pytest.raises(InputFileError, match="more than 25,000 rows"):
        import_roster(store, morning_session.id, path)
    assert snapshot(store) == before


def test_empty_and_binary_files(tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_text("\n\n")
    with pytest.raises(InputFileError, match="empty"):
        plan_roster(empty)
    header_only = tmp_path / "header.csv"
    header_only.write_text("Name,Email\n")
    assert [p.message for p in plan_roster(header_only).problems] == ["no rows below the header"]
    xls = tmp_path / "old.xls"
    xls.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(InputFileError, match=r"save it as \.xlsx"):
        plan_roster(xls)


def test_cli_roster_import(cli, tmp_path: Path) -> None:
    session_id = cli("session", "new", "--title", "T", "--date", "2025-03-04").out.strip()
    good = tmp_path / "good.csv"
    good.write_text("Full Name;Agency\nAna Ruiz;Metro PD\nBo Li;Fire\n")
    result = cli("roster", "import", session_id, str(good))
    assert result.code == 0
    assert "  Full Name → Full name" in result.out
    assert result.out.strip().endswith("2 added to the roster, 0 already on it")
    bad = tmp_path / "bad.csv"
    bad.write_text("Full Name;Email\nCy;nope\n")
    failed = cli("roster", "import", session_id, str(bad))
    assert failed.code == 1
    assert failed.err.splitlines() == [
        f"{bad}:2: 'nope' is not an email address",
        f"1 problem in {bad}; nothing was imported",
    ]
    assert "  Email → Email" in failed.out  # the mapping helps explain the problem


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_title_above_the_header_is_skipped(
    tmp_path: Path, store: Store, morning_session: Session, kind: str
) -> None:
    rows = [
        ["Metro PD roll call, March 4 (registrations)"],
        [],
        ["Nombre", "Correo", "Dept"],
        ["Ana Ruiz", "ana@example.org", "Metro PD"],
        ["Bo Li", "not-an-email", "Fire"],
    ]
    path = tmp_path / f"roster.{kind}"
    if kind == "csv":
        path.write_text("\n".join(";".join(row) for row in rows) + "\n", encoding="utf-8")
    else:
        book = openpyxl.Workbook()
        for row in rows:
            book.active.append(row)
        book.save(path)
    plan = plan_roster(path)
    assert plan.table.header_line == 3
    assert plan.mapping.describe() == ["Nombre → Full name", "Correo → Email", "Dept → Agency"]
    assert [str(p) for p in plan.problems] == [f"{path}:5: 'not-an-email' is not an email address"]
    if kind == "csv":
        path.write_text(path.read_text().replace("not-an-email", "bo@example.org"))
    else:
        book.active["B5"] = "bo@example.org"
        book.save(path)
    assert import_roster(store, morning_session.id, path).rows == 2
    assert names_on(store, morning_session) == ["Ana Ruiz", "Bo Li"]
