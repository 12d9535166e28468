"""Attendance exports (CSV, XLSX, PDF) built from plain rows, shaped by export profiles."""

from deflection_kit.exports.attendance_export import (
    DEFAULT_PROFILE,
    FORMATS,
    ExportResult,
    export_attendance,
)
from deflection_kit.exports.profiles import (
    Missing,
    MissingFieldsError,
    Profile,
    available_profiles,
    load_profile,
)
from deflection_kit.exports.rollup import rollup_table, write_rollup

__all__ = [
    "DEFAULT_PROFILE",
    "FORMATS",
    "ExportResult",
    "Missing",
    "MissingFieldsError",
    "Profile",
    "available_profiles",
    "export_attendance",
    "load_profile",
    "rollup_table",
    "write_rollup",
]
