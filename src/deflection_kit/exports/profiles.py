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
    attendance_row,
    attendance_text_row,
)
from deflection_kit.exports.table import ExportColumn, ExportTable, Value, text_formatter
from deflection_kit.storage import AttendanceRecord
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


class _LevelCache:
    """Values of the fields that depend only on the session, or only on the person, computed
    once per session or person rather than once per row (100,000 rows, 26 columns)."""

    def __init__(
        self, specs: Sequence[FieldSpec], context: ExportContext, formatted: bool = False
    ) -> None:
        self.context = context
        self.by_level = {
            level: [spec for spec in specs if spec.level == level]
            for level in ("session", "participant", "attendance")
        }
        self.cache: dict[tuple[str, str], list[Value]] = {}
        self.missing: dict[tuple[str, str], tuple[str, ...]] = {}
        # Written as text (CSV): format once per session or person too, not once per row.
        identity: Callable[[Value], Value] = lambda value: value  # noqa: E731
        self.pairs = {
            level: [(s.get, text_formatter(s.kind) if formatted else identity) for s in group]
            for level, group in self.by_level.items()
        }
        # Attendance fields come from one call per row (attendance_row), then are picked.
        wanted = [ATTENDANCE_ORDER.index(s.key) for s in self.by_level["attendance"]]
        self.pick = (lambda row: ()) if not wanted else (
            operator.itemgetter(*wanted) if len(wanted) > 1
            else lambda row: (row[wanted[0]],)
        )  # fmt: skip
        self.formatted = formatted

    def _level(self, level: str, key: str, record: AttendanceRecord) -> list[Value]:
        cached = self.cache.get((level, key))
        if cached is None:
            context = self.context
            cached = [fmt(get(record, context)) for get, fmt in self.pairs[level]]
            self.cache[(level, key)] = cached
        return cached

    def values(self, record: AttendanceRecord) -> list[Value]:
        """Return the values of the specs, grouped session, participant, attendance."""
        if self.formatted:
            picked = self.pick(attendance_text_row(record, self.context))
        else:
            picked = self.pick(attendance_row(record, self.context))
        return [
            *self._level("session", record.session.id, record),
            *self._level("participant", record.participant.id, record),
            *picked,
        ]

    def absent(self, record: AttendanceRecord) -> tuple[str, ...]:
        """Return the labels of the specs with no value for this record."""
        found: tuple[str, ...] = ()
        for level, key in (("session", record.session.id), ("participant", record.participant.id)):
            missing = self.missing.get((level, key))
            if missing is None:
                values = self._level(level, key, record)
                missing = tuple(
                    spec.label
                    for spec, value in zip(self.by_level[level], values, strict=True)
                    if value in (None, "")
                )
                self.missing[(level, key)] = missing
            found += missing
        if self.by_level["attendance"]:
            found += tuple(
                spec.label
                for spec in self.by_level["attendance"]
                if spec.get(record, self.context) in (None, "")
            )
        return found

    def by_level_order(self) -> list[FieldSpec]:
        """Return the specs in the order ``values`` returns their values."""
        return [*self.by_level["session"], *self.by_level["participant"],
                *self.by_level["attendance"]]  # fmt: skip

    def order(self, specs: Sequence[FieldSpec]) -> list[int]:
        """Return where each spec's value sits in ``values``."""
        grouped = self.by_level_order()
        return [grouped.index(spec) for spec in specs]


def build_table(
    profile: Profile,
    records: Sequence[AttendanceRecord],
    title: str,
    only: Sequence[str] = (),
    formatted: bool = False,
) -> ExportTable:
    """Return the profile's table of records, or raise MissingFieldsError listing who lacks what.

    With ``formatted`` the rows hold each cell's final text (for CSV), formula-safe.
    """
    columns = profile.export_columns(only)
    context = profile.context()
    specs = [FIELDS[c.key] for c in columns]
    required = [FIELDS[c.field] for c in profile.columns if c.required]
    values = _LevelCache(specs, context, formatted)
    checks = _LevelCache(required, context)
    order = values.order(specs)
    pick = operator.itemgetter(*order)
    missing: list[Missing] = []
    rows: list[Sequence[Value]] = []
    for record in select_records(profile, records):
        if required:
            absent = checks.absent(record)
            if absent:
                missing.append(
                    Missing(
                        record.participant.name,
                        f"{record.session.date.isoformat()} {record.session.title}",
                        absent,
                    )
                )
                continue
        got = values.values(record)
        rows.append(pick(got) if len(order) > 1 else (got[order[0]],))
    if missing:
        raise MissingFieldsError(profile.name, missing)
    return ExportTable(title=title, columns=columns, rows=rows, formatted=formatted)
