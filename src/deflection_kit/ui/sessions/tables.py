"""How the Sessions page's tables look and behave: whole rows chosen, columns fitted."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView


def fit_columns(view: QTableView, stretch: int) -> None:
    """Size columns to their contents and give the rest of the width to one column."""
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    header.setMinimumSectionSize(48)


def table_defaults(view: QTableView) -> None:
    """Make a read-only table whose rows are chosen one at a time, whole."""
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().setVisible(False)
    view.setAlternatingRowColors(False)
    view.setWordWrap(False)
    view.horizontalHeader().setHighlightSections(False)
