"""Qt item models over the course: thin adapters around pure-Python lists."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QStandardItem, QStandardItemModel

from deflection_kit.content.compare import ComparisonRow, comparison
from deflection_kit.content.model import Course
from deflection_kit.content.search import Hit

KEY_ROLE = Qt.ItemDataRole.UserRole + 1  # (kind, key) of the object an item stands for
Index = QModelIndex | QPersistentModelIndex
KIND_LABELS = {
    "module": "Module",
    "slide": "Slide",
    "activity": "Activity",
    "pathway": "Pathway",
    "example": "Example program",
    "question": "Question",
    "resource": "Resource",
    "term": "Glossary",
}


def course_tree(course: Course) -> QStandardItemModel:
    """Return modules with their slides and activities as a two-level tree."""
    model = QStandardItemModel()
    model.setHorizontalHeaderLabels(["Module / slide", "Minutes"])
    for module in course.modules:
        row = QStandardItem(f"{module.number}. {module.title}")
        row.setData(("module", module.id), KEY_ROLE)
        row.setEditable(False)
        minutes = QStandardItem(str(module.minutes))
        minutes.setEditable(False)
        minutes.setData(("module", module.id), KEY_ROLE)
        for slide in module.slides:
            child = QStandardItem(slide.title)
            child.setData(("slide", slide.id), KEY_ROLE)
            child.setEditable(False)
            row.appendRow([child, QStandardItem("")])
        if module.expands == "pathways":
            for pathway in course.pathways:
                child = QStandardItem(f"Pathway: {pathway.name}")
                child.setData(("pathway", pathway.id), KEY_ROLE)
                child.setEditable(False)
                row.appendRow([child, QStandardItem("")])
        for activity in module.activities:
            child = QStandardItem(f"Activity: {activity.title}")
            child.setData(("activity", activity.id), KEY_ROLE)
            child.setEditable(False)
            mins = QStandardItem(f"{activity.minutes:g}")
            mins.setEditable(False)
            row.appendRow([child, mins])
        model.appendRow([row, minutes])
    return model


class PathwayComparisonModel(QAbstractTableModel):
    """Pathways as columns, aspects (definition, charges, examples...) as rows."""

    def __init__(self, course: Course) -> None:
        super().__init__()
        self._pathways = course.pathways
        self._rows: list[ComparisonRow] = comparison(course)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        """Return the number of aspects."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        """Return the number of pathways."""
        return 0 if parent.isValid() else len(self._pathways)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Return one aspect of one pathway."""
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._rows[index.row()].cells[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        if role == KEY_ROLE:
            return ("pathway", self._pathways[index.column()].id)
        return None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Return pathway names across the top and aspect names down the side."""
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            pathway = self._pathways[section]
            return f"{pathway.name}\n(added later)" if pathway.added_later else pathway.name
        return self._rows[section].label


class TableModel(QAbstractTableModel):
    """A read-only table over a list of (key, cells) rows with fixed column titles."""

    def __init__(self, kind: str, titles: list[str], rows: list[tuple[str, list[str]]]) -> None:
        super().__init__()
        self._kind = kind
        self._titles = titles
        self._rows = rows

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        """Return the number of rows."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        """Return the number of columns."""
        return 0 if parent.isValid() else len(self._titles)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Return a cell's text, or the (kind, key) of its row."""
        if not index.isValid():
            return None
        key, cells = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return cells[index.column()]
        if role == KEY_ROLE:
            return (self._kind, key)
        return None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Return the column titles."""
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._titles[section]
        return None


def resources_model(course: Course) -> TableModel:
    """Return the resources as a table."""
    rows = [
        (r.id, [r.name, r.organization, r.offers, " ".join(filter(None, (r.url, r.phone)))])
        for r in course.resources
    ]
    return TableModel("resource", ["Resource", "Organization", "What it offers", "Contact"], rows)


def glossary_model(course: Course) -> TableModel:
    """Return the glossary as a table, alphabetically."""
    terms = sorted(course.glossary, key=lambda t: t.term.casefold())
    return TableModel(
        "term", ["Term", "Definition"], [(t.term, [t.term, t.definition]) for t in terms]
    )


def questions_model(course: Course) -> TableModel:
    """Return the knowledge-check questions as a table."""
    rows = [
        (q.id, [q.prompt, q.answer, course.objective(q.objective).title]) for q in course.questions
    ]
    return TableModel("question", ["Question", "Answer", "Objective"], rows)


class SearchResultsModel(QAbstractListModel):
    """Search hits as a list: the kind and title, then the matching words."""

    def __init__(self) -> None:
        super().__init__()
        self._hits: list[Hit] = []

    def set_hits(self, hits: list[Hit]) -> None:
        """Replace the results."""
        self.beginResetModel()
        self._hits = hits
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        """Return the number of hits."""
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Return a hit's text, or its (kind, key)."""
        if not index.isValid():
            return None
        hit = self._hits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{KIND_LABELS[hit.kind]}: {hit.title}\n    {hit.snippet}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{KIND_LABELS[hit.kind]}: {hit.title}. {hit.snippet}"
        if role == KEY_ROLE:
            return (hit.kind, hit.key)
        return None
