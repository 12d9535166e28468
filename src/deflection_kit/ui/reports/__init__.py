"""The Reports page: delivery reports as charts, their PDF, feedback entry, the audit packet."""

from deflection_kit.ui.reports.page import ReportsPage

__all__ = ["ReportsPage"]
