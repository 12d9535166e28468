"""SQLite store for sessions, participants, attendance and events (the only package with SQL)."""
