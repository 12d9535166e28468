"""Export profiles: data files naming the columns a credit authority wants, in order.

Built-in profiles ship inside the package (``exports/profiles/*.yaml``); a coordinator may add
or override one by saving ``NAME.yaml`` in ``<user data folder>/export-profiles/``.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from deflection_kit import paths
from deflection_kit.errors import DeflectionKitError, InputFileError, UsageError
from deflection_kit.exports.fields import (
    ATTENDANCE_ORDER,
    FIELDS,
    ExportContext,
    FieldSpec,
    LocalTimes,
    attendance_texts,
    attendance_values,
)
from deflection_kit.exports.table import ExportColumn, ExportTable, Value, text_formatter
from deflection_kit.storage import AttendanceRecord, AttendanceRows
from deflection_kit.storage.attendance_rows import (
    ROW_CHECK_IN,
    ROW_COMPLETED,
    ROW_PARTICIPANT,
    ROW_SESSION,
    StoredRow,
    attendance_from_row,
)
from deflection_kit.storage.credentials import CREDENTIAL_TYPES

USER_FOLDER = "export-profiles"
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_PROFILE_BYTES = 64 * 1024


class ProfileColumn(BaseModel):
    """One column of a profile."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    field: str
    header: str = ""
    required: bool = False

    @field_validator("field")
    @classmethod
    def _known(cls, value: str) -> str:
        if value not in FIELDS:
            raise ValueError(f"unknown field {value!r} (known: {', '.join(FIELDS)})")
        return value


class PdfOptions(BaseModel):
    """How the profile prints."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    orientation: Literal["portrait", "landscape"] = "landscape"
    columns: tuple[str, ...] = ()  # fields to print (default: all the profile's columns)
    blank_rows: int = Field(default=8, ge=0, le=100)  # sign-in sheets: lines for walk-ins


class Profile(BaseModel):
    """Which rows and columns an export holds, and which fields each person must have."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    title: str
    description: str = ""
    layout: Literal["table", "sign-in"] = "table"
    rows: Literal["all", "attended", "completed"] = "all"
    credential_types: tuple[str, ...] = tuple(c.key for c in CREDENTIAL_TYPES)
    columns: tuple[ProfileColumn, ...] = Field(min_length=1)
    pdf: PdfOptions = PdfOptions()

    @field_validator("credential_types")
    @classmethod
    def _known_types(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        known = {c.key for c in CREDENTIAL_TYPES}
        for key in value:
            if key not in known:
                raise ValueError(f"unknown credential type {key!r}")
        return value

    def context(self) -> ExportContext:
        """Return the value choices this profile makes."""
        return ExportContext(credential_types=self.credential_types)

    def export_columns(self, only: Sequence[str] = ()) -> list[ExportColumn]:
        """Return the profile's columns (or the fields in ``only``) as typed export columns."""
        chosen = [c for c in self.columns if not only or c.field in only]
        return [
            ExportColumn(c.header or FIELDS[c.field].label, FIELDS[c.field].kind, c.field)
            for c in chosen
        ]


@dataclass(frozen=True)
class Missing:
    """A person lacking fields a profile requires."""

    name: str
    session: str
    fields: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.name} ({self.session}): missing {', '.join(self.fields)}"


class MissingFieldsError(DeflectionKitError):
    """Some people lack required fields; the export was not written."""

    def __init__(self, profile: str, missing: Sequence[Missing]) -> None:
        self.missing = tuple(missing)
        count = len(self.missing)
        super().__init__(
            f"profile {profile!r}: {count} {'person lacks' if count == 1 else 'people lack'} "
            "required fields; nothing was written"
        )


def _builtin_folder() -> resources.abc.Traversable:
    return resources.files("deflection_kit.exports").joinpath("profiles")


def _user_folder() -> Path:
    return paths.user_data_dir() / USER_FOLDER


def _parse(text: str, where: str) -> Profile:
    try:
        data = yaml.load(text, Loader=_LOADER)  # noqa: S506 - a safe loader (C or Python)
        return Profile.model_validate(data)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise InputFileError(where, line, "not valid YAML") from None
    except ValidationError as error:
        first = error.errors()[0]
        place = ".".join(str(p) for p in first["loc"])
        raise InputFileError(where, None, f"{place}: {first['msg']}") from None


def available_profiles() -> dict[str, str]:
    """Return every profile name with where it comes from (user files override built-ins)."""
    found: dict[str, str] = {}
    for entry in _builtin_folder().iterdir():
        if entry.name.endswith(".yaml"):
            found[entry.name[:-5]] = "built-in"
    user = _user_folder()
    if user.is_dir():
        for path in sorted(user.glob("*.yaml")):
            found[path.stem] = str(path)
    return dict(sorted(found.items()))


def load_profile(name: str) -> Profile:
    """Return a profile by name (or from a .yaml path)."""
    candidate = Path(name)
    if name.endswith(".yaml") and candidate.is_file():
        path: Path | None = candidate
    else:
        path = _user_folder() / f"{name}.yaml"
    if path is not None and path.is_file():
        if path.stat().st_size > MAX_PROFILE_BYTES:
            raise InputFileError(path, None, "profile file is larger than 64 KB")
        return _parse(path.read_text(encoding="utf-8"), str(path))
    builtin = _builtin_folder().joinpath(f"{name}.yaml")
    if builtin.is_file():
        return _parse(builtin.read_text(encoding="utf-8"), f"built-in profile {name}")
    known = ", ".join(available_profiles())
    raise UsageError(f"no export profile {name!r} (available: {known})")


def select_records(profile: Profile, records: Sequence[AttendanceRecord]) -> list[AttendanceRecord]:
    """Return the records the profile exports (everyone, those who came, or who completed)."""
    if profile.rows == "attended":
        return [r for r in records if r.attendance.check_in is not None]
    if profile.rows == "completed":
        return [r for r in records if r.attendance.completed]
    return list(records)


def _row_filter(profile: Profile) -> Callable[[StoredRow], bool] | None:
    if profile.rows == "attended":
        return lambda row: row[ROW_CHECK_IN] is not None
    if profile.rows == "completed":
        return lambda row: bool(row[ROW_COMPLETED])
    return None


def _empty(value: Value) -> bool:
    return value is None or value == ""


class _Levels:
    """Session and person values, worked out once per session or person rather than once per
    row (100,000 rows, 26 columns), then laid out in column order with the attendance values."""

    def __init__(
        self, specs: Sequence[FieldSpec], required: Sequence[FieldSpec], formatted: bool
    ) -> None:
        self.specs = {
            level: [spec for spec in specs if spec.level == level]
            for level in ("session", "participant", "attendance")
        }
        self.required = {
            level: [spec for spec in required if spec.level == level]
            for level in ("session", "participant")
        }
        identity: Callable[[Value], Value] = lambda value: value  # noqa: E731
        self.formats = {
            level: [text_formatter(s.kind) if formatted else identity for s in group]
            for level, group in self.specs.items()
        }
        grouped = [*self.specs["session"], *self.specs["participant"], *self.specs["attendance"]]
        order = [grouped.index(spec) for spec in specs]
        # None when the profile's columns already come session, person, attendance (generic).
        self.arrange: Callable[[tuple[Value, ...]], tuple[Value, ...]] | None = (
            None
            if order == list(range(len(order)))
            else operator.itemgetter(*order)
            if len(order) > 1
            else lambda values: (values[order[0]],)
        )
        # Attendance values come from one call per row, in ATTENDANCE_ORDER, then are picked.
        wanted = [ATTENDANCE_ORDER.index(s.key) for s in self.specs["attendance"]]
        self.pick: Callable[[tuple[Value, ...]], tuple[Value, ...]] = (
            (lambda values: ())
            if not wanted
            else operator.itemgetter(*wanted)
            if len(wanted) > 1
            else (lambda values: (values[wanted[0]],))
        )
        self.check_attendance = [
            (ATTENDANCE_ORDER.index(s.key), s.label) for s in required if s.level == "attendance"
        ]

    def values(
        self, level: str, record: AttendanceRecord, context: ExportContext
    ) -> tuple[tuple[Value, ...], tuple[str, ...]]:
        """Return one session's or person's values and the labels of required ones missing."""
        shown = tuple(
            fmt(spec.get(record, context))
            for spec, fmt in zip(self.specs[level], self.formats[level], strict=True)
        )
        missing = tuple(
            spec.label for spec in self.required[level] if _empty(spec.get(record, context))
        )
        return shown, missing


def build_table(
    profile: Profile,
    source: AttendanceRows | Sequence[AttendanceRecord],
    title: str,
    only: Sequence[str] = (),
    formatted: bool = False,
) -> ExportTable:
    """Return the profile's table of records, or raise MissingFieldsError listing who lacks what.

    With ``formatted`` the rows hold each cell's final text (for CSV), formula-safe.
    """
    data = source if isinstance(source, AttendanceRows) else AttendanceRows.from_records(source)
    columns = profile.export_columns(only)
    context = profile.context()
    levels = _Levels(
        [FIELDS[c.key] for c in columns],
        [FIELDS[c.field] for c in profile.columns if c.required],
        formatted,
    )
    attendance = attendance_texts if formatted else attendance_values
    times = LocalTimes()
    keep = _row_filter(profile)
    by_session: dict[str, tuple[tuple[Value, ...], tuple[str, ...]]] = {}
    by_person: dict[str, tuple[tuple[Value, ...], tuple[str, ...]]] = {}
    arrange, pick, check_attendance = levels.arrange, levels.pick, levels.check_attendance
    missing: list[Missing] = []
    rows: list[Sequence[Value]] = []
    for row in data.rows:
        if keep is not None and not keep(row):
            continue
        session_id, person_id = row[ROW_SESSION], row[ROW_PARTICIPANT]
        session = data.sessions[session_id]
        session_values = by_session.get(session_id)
        person_values = by_person.get(person_id)
        if session_values is None or person_values is None:
            # The getters read a whole record: build one for the first row of each.
            record = AttendanceRecord(
                session, data.participants[person_id], attendance_from_row(row)
            )
            if session_values is None:
                session_values = by_session[session_id] = levels.values("session", record, context)
            if person_values is None:
                person_values = by_person[person_id] = levels.values("participant", record, context)
        values = attendance(row, session, times)
        lacking = session_values[1] + person_values[1]
        if check_attendance:
            lacking += tuple(label for index, label in check_attendance if _empty(values[index]))
        if lacking:
            missing.append(
                Missing(
                    data.participants[person_id].name,
                    f"{session.date.isoformat()} {session.title}",
                    lacking,
                )
            )
            continue
        laid_out = session_values[0] + person_values[0] + pick(values)
        rows.append(laid_out if arrange is None else arrange(laid_out))
    if missing:
        raise MissingFieldsError(profile.name, missing)
    return ExportTable(title=title, columns=columns, rows=rows, formatted=formatted)
