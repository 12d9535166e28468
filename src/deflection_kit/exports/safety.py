"""Formula safety for exported cells (the rule lives with the roster reader, which undoes it)."""

from deflection_kit.storage.roster.formulas import QUOTE, TRIGGERS, neutralise, restore

__all__ = ["QUOTE", "TRIGGERS", "neutralise", "restore"]
