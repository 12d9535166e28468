"""Import a roster into a session: check every row first, then write all of them or none."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from deflection_kit.errors import DeflectionKitError, Problem
from deflection_kit.storage.clock import stamp
from deflection_kit.storage.connection import write_transaction
from deflection_kit.storage.events import log_event
from deflection_kit.storage.models import PersonFields
from deflection_kit.storage.participants import AmbiguousPersonError, check_person, person_row
from deflection_kit.storage.roster.formulas import restore
from deflection_kit.storage.roster.headers import FIELD_LABELS, ColumnMapping, guess_mapping
from deflection_kit.storage.roster.reading import RawTable, read_table
from deflection_kit.storage.store import Store


class RosterError(DeflectionKitError):
    """A roster file has problems; nothing was imported. Each problem is ``file:line: message``."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        count = len(self.problems)
        first = str(self.problems[0]) if self.problems else "roster error"
        more = f" (and {count - 1} more problem{'s' if count > 2 else ''})" if count > 1 else ""
        super().__init__(f"{first}{more}; nothing was imported")


@dataclass(frozen=True)
class RosterRow:
    """One good row: where it came from and the person it describes."""

    line: int
    person: PersonFields
    stored: dict[str, object]  # the participant columns, comparison keys included


@dataclass(frozen=True)
class RosterPlan:
    """A checked roster, ready to import: rows, the column mapping, and what is wrong."""

    table: RawTable
    mapping: ColumnMapping
    rows: tuple[RosterRow, ...]
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        """Return True when nothing stops the import."""
        return not self.problems


@dataclass
class RosterReport:
    """What an import did."""

    rows: int = 0
    new_people: int = 0
    matched_people: int = 0
    added_to_roster: int = 0
    already_on_roster: int = 0
    mapping: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """Return the counts as one line."""
        return (
            f"imported {self.rows} rows: {self.new_people} new, {self.matched_people} already "
            f"known; {self.added_to_roster} added to the roster, {self.already_on_roster} "
            "already on it"
        )


def _person_from_cells(cells: tuple[str, ...], mapping: ColumnMapping) -> PersonFields:
    values: dict[str, str] = {}
    credentials: dict[str, str] = {}
    for index, target in mapping.columns.items():
        cell = restore(cells[index]) if index < len(cells) else ""
        if target.startswith("credential:"):
            credentials[target.split(":", 1)[1]] = cell
        else:
            values[target] = cell
    name = values.get("name", "")
    if not name:
        name = " ".join(p for p in (values.get("first_name", ""), values.get("last_name", "")) if p)
    return PersonFields(
        name=name,
        email=values.get("email", ""),
        phone=values.get("phone", ""),
        agency=values.get("agency", ""),
        discipline=values.get("discipline", ""),
        credentials=credentials,
    )


def _mapping_problems(table: RawTable, mapping: ColumnMapping) -> list[Problem]:
    where = str(table.path)
    problems = []
    if not mapping.has_name():
        found = ", ".join(repr(h) for h in table.header if h) or "none"
        problems.append(
            Problem(
                where,
                table.header_line,
                "no name column: name one 'Full name', or 'First name' and 'Last name' "
                f"(headers found: {found})",
            )
        )
    for target in mapping.duplicated_fields():
        problems.append(
            Problem(where, table.header_line, f"two columns are mapped to {FIELD_LABELS[target]}")
        )
    return problems


# Registration systems often put a report title or the event's name above the header row.
HEADER_SEARCH_ROWS = 10


def find_header(table: RawTable) -> RawTable:
    """Return the table with its header at the first of its top rows that names a person."""
    if guess_mapping(table.header).has_name():
        return table
    for index, (line, cells) in enumerate(table.rows[:HEADER_SEARCH_ROWS]):
        if guess_mapping(cells).has_name():
            return replace(table, header=cells, header_line=line, rows=table.rows[index + 1 :])
    return table


def plan_roster(path: str | Path, mapping: ColumnMapping | None = None) -> RosterPlan:
    """Read and check a roster file without touching the database."""
    table = find_header(read_table(path))
    mapping = mapping or guess_mapping(table.header)
    problems = _mapping_problems(table, mapping)
    if problems:
        return RosterPlan(table, mapping, (), tuple(problems))
    where = str(table.path)
    rows: list[RosterRow] = []
    first_line_of: dict[tuple[str, str], int] = {}
    for line, cells in table.rows:
        try:
            person = check_person(_person_from_cells(cells, mapping))
        except ValueError as error:
            problems.append(Problem(where, line, str(error)))
            continue
        stored = person_row(person)
        keys = [("email", str(stored["email_key"]))] if person.email else []
        keys.append(("name", f"{stored['match_key']}|{stored['agency_key']}"))
        for kind, key in keys:
            earlier = first_line_of.get((kind, key))
            if earlier is not None:
                what = "same email" if kind == "email" else "same name and agency"
                problems.append(Problem(where, line, f"duplicate of line {earlier} ({what})"))
                break
        else:
            for kind, key in keys:
                first_line_of[(kind, key)] = line
            rows.append(RosterRow(line, person, stored))
    if not rows and not problems:
        problems.append(Problem(where, table.header_line, "no rows below the header"))
    return RosterPlan(table, mapping, tuple(rows), tuple(problems))


def import_roster(
    store: Store, session_id: str, path: str | Path, mapping: ColumnMapping | None = None
) -> RosterReport:
    """Import every row of a roster into a session, or none if any row has a problem."""
    plan = plan_roster(path, mapping)
    if not plan.ok:
        raise RosterError(plan.problems)
    return apply_plan(store, session_id, plan)


def apply_plan(store: Store, session_id: str, plan: RosterPlan) -> RosterReport:
    """Write a checked plan in one transaction: match known people, add the others, fill roster."""
    if not plan.ok:
        raise RosterError(plan.problems)
    session = store.sessions.get(session_id)
    report = RosterReport(rows=len(plan.rows), mapping=plan.mapping.describe())
    db = store.db
    where = str(plan.table.path)
    with write_transaction(db):
        now = stamp()
        matches = store.participants.find_matches([row.person for row in plan.rows])
        on_roster = {
            str(r[0]): (str(r[1]), bool(r[2]))
            for r in db.execute(
                "SELECT participant_id, id, expected FROM attendance WHERE session_id = ?",
                [session.id],
            )
        }
        fresh = iter(_new_ids(2 * len(plan.rows)))
        new_people: list[dict[str, object]] = []
        roster_rows: list[tuple[str, str, str, str]] = []
        for row, known in zip(plan.rows, matches, strict=True):
            if isinstance(known, AmbiguousPersonError):
                raise RosterError([Problem(where, row.line, str(known))])
            if known is None:
                participant_id = next(fresh)
                new_people.append({"id": participant_id, **row.stored, "now": now})
                report.new_people += 1
            else:
                participant_id = store.participants.fill_missing(known, row.person).id
                report.matched_people += 1
            existing = on_roster.get(participant_id)
            if existing is None:
                roster_rows.append((next(fresh), session.id, participant_id, now))
                on_roster[participant_id] = ("", True)
                report.added_to_roster += 1
            else:
                if not existing[1]:
                    db.execute("UPDATE attendance SET expected = 1 WHERE id = ?", [existing[0]])
                report.already_on_roster += 1
        db.conn.executemany(
            "INSERT INTO participants (id, name, match_key, email, email_key, phone, agency, "
            "agency_key, discipline, credentials, search_words, created_at, updated_at) VALUES "
            "(:id, :name, :match_key, :email, :email_key, :phone, :agency, :agency_key, "
            ":discipline, :credentials, :search_words, :now, :now)",
            new_people,
        )
        db.conn.executemany(
            "INSERT INTO attendance (id, session_id, participant_id, expected, status, "
            "updated_at) VALUES (?, ?, ?, 1, 'absent', ?)",
            roster_rows,
        )
        log_event(
            db,
            "roster.imported",
            session_id=session.id,
            data={
                "rows": report.rows,
                "new": report.new_people,
                "matched": report.matched_people,
                "file": plan.table.path.name,
            },
        )
    return report


def _new_ids(count: int) -> list[str]:
    """Return ``count`` random (version 4) UUIDs, made in bulk: a roster needs thousands."""
    data = bytearray(os.urandom(16 * count))
    ids = []
    for start in range(0, len(data), 16):
        data[start + 6] = (data[start + 6] & 0x0F) | 0x40  # version 4
        data[start + 8] = (data[start + 8] & 0x3F) | 0x80  # RFC 4122 variant
        h = data[start : start + 16].hex()
        ids.append(f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}")
    return ids
