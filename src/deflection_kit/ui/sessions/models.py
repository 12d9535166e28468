"""Qt table models over the store's plain records: the sessions list and a session's roster."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from deflection_kit.storage import Attendance, RosterEntry, Session, SessionCounts
from deflection_kit.storage.names import name_matches

Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole
HERE_COLOR = QColor("#e6f4ea")  # rows of people in the room now


class SessionTableModel(QAbstractTableModel):
    """Sessions, newest first, with their checked-in and expected counts."""

    HEADERS = ("When", "Session", "In")

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[tuple[Session, SessionCounts]] = []

    def set_sessions(self, rows: Sequence[tuple[Session, SessionCounts]]) -> None:
        """Replace the sessions shown."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def session_at(self, row: int) -> Session:
        """Return the session on a row."""
        return self._rows[row][0]

    def row_of(self, session_id: str) -> int:
        """Return the row of a session, or -1."""
        return next((i for i, (s, _) in enumerate(self._rows) if s.id == session_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        session, counts = self._rows[index.row()]
        if role == ID_ROLE:
            return session.id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            when = session.date.isoformat()
            if session.start:
                when += f" {session.start.strftime('%H:%M')}"
            return (when, session.title, f"{counts.checked_in}/{counts.attending}")[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            walk_ins = f" + {counts.walk_ins} walk-in(s)" if counts.walk_ins else ""
            return (
                f"{session.title} ({session.status}): {counts.checked_in} checked in of "
                f"{counts.expected} expected{walk_ins}"
            )
        return None


class RosterTableModel(QAbstractTableModel):
    """A session's roster: who is expected, who came, for how long."""

    HEADERS = ("Name", "Agency", "Discipline", "Status", "In", "Out", "Minutes", "Completed")

    def __init__(self) -> None:
        super().__init__()
        self._entries: list[RosterEntry] = []
        self._session: Session | None = None

    def set_roster(self, session: Session | None, entries: Sequence[RosterEntry]) -> None:
        """Replace the roster shown."""
        self.beginResetModel()
        self._session = session
        self._entries = list(entries)
        self.endResetModel()

    def entry_at(self, row: int) -> RosterEntry:
        """Return the roster entry on a row."""
        return self._entries[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def _time(self, moment: object) -> str:
        if not isinstance(moment, dt.datetime) or self._session is None:
            return ""
        return self._session.local(moment).strftime("%H:%M")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        entry = self._entries[index.row()]
        person, att = entry.participant, entry.attendance
        if role == ID_ROLE:
            return person.id
        if role == Qt.ItemDataRole.BackgroundRole and att.checked_in:
            return QBrush(HERE_COLOR)
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 7 and att.override:
            return f"Decided by {att.override.by}: {att.override.reason}"
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 6:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            status: str = att.status
            if att.check_in is None and att.expected and att.status == "absent":
                status = "expected"
            if att.checked_in:
                status = f"here ({att.status})" if att.status == "late" else "here"
            return (
                person.name,
                person.agency,
                person.discipline,
                status,
                self._time(att.check_in),
                self._time(att.check_out),
                str(att.credited_minutes) if att.check_out else "",
                _completed(att),
            )[index.column()]
        return None


def _completed(att: Attendance) -> str:
    """Return the Completed cell: yes/no once known, marked when a facilitator decided it."""
    if att.override is not None:
        return f"{'yes' if att.completed else 'no'} (decided)"
    return ("yes" if att.completed else "no") if att.check_out else ""


class NameFilter(QSortFilterProxyModel):
    """Show the rows whose name has words starting with every word typed."""

    def __init__(self) -> None:
        super().__init__()
        self._query = ""

    def set_query(self, text: str) -> None:
        """Filter by what was typed."""
        self.beginFilterChange()
        self._query = text
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:  # noqa: N802
        if not self._query.strip():
            return True
        name = self.sourceModel().index(row, 0, parent).data()
        return name_matches(str(name), self._query)
