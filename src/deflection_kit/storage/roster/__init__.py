"""Roster files (CSV, XLSX): read safely, map their columns, import all rows or none."""

from deflection_kit.storage.roster.headers import FIELD_LABELS, ColumnMapping, guess_mapping
from deflection_kit.storage.roster.importer import (
    RosterError,
    RosterPlan,
    RosterReport,
    apply_plan,
    import_roster,
    plan_roster,
)
from deflection_kit.storage.roster.reading import RawTable, read_table

__all__ = [
    "FIELD_LABELS",
    "ColumnMapping",
    "RawTable",
    "RosterError",
    "RosterPlan",
    "RosterReport",
    "apply_plan",
    "guess_mapping",
    "import_roster",
    "plan_roster",
    "read_table",
]
