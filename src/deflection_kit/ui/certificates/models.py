"""A thin Qt table model over the desk's list of certificate holders."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from deflection_kit.certificates.desk import Holder

Index = QModelIndex | QPersistentModelIndex
COLUMNS = ("Participant", "Agency", "Minutes", "Completed", "Certificate", "Code")
STATE_LABELS = {
    "not completed": "—",
    "ready": "Not issued yet",
    "issued": "Issued",
    "revoked": "Revoked",
}
HOLDER_ROLE = Qt.ItemDataRole.UserRole + 1


class HoldersModel(QAbstractTableModel):
    """Rows: everyone on a session; columns: who, minutes, completion, certificate status."""

    def __init__(self) -> None:
        super().__init__()
        self._holders: list[Holder] = []

    def set_holders(self, holders: list[Holder]) -> None:
        """Show a new list of holders."""
        self.beginResetModel()
        self._holders = list(holders)
        self.endResetModel()

    def holder(self, row: int) -> Holder:
        """Return the holder shown on ``row``."""
        return self._holders[row]

    def holders(self) -> list[Holder]:
        """Return every holder shown."""
        return list(self._holders)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        """Return the number of people (none under a row)."""
        return 0 if parent.isValid() else len(self._holders)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        """Return the number of columns."""
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(  # noqa: N802 - Qt API
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        """Return the column titles."""
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """Return one cell's text (and the holder under HOLDER_ROLE)."""
        if not index.isValid():
            return None
        holder = self._holders[index.row()]
        if role == HOLDER_ROLE:
            return holder
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return None
        attendance = holder.entry.attendance
        values = (
            holder.name,
            holder.entry.participant.agency,
            str(attendance.credited_minutes),
            "Yes" if attendance.completed else "No",
            STATE_LABELS[holder.state],
            holder.code,
        )
        return values[index.column()]
