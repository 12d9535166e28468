"""Attendance exports (CSV, XLSX, PDF) built from plain rows."""
