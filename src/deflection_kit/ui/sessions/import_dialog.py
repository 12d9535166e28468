"""The roster import wizard: pick a file, see how its columns map (and change it), then import.

Nothing is written until the file has no problems; the problems are listed with their lines.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from deflection_kit.errors import DeflectionKitError
from deflection_kit.storage.roster import FIELD_LABELS, ColumnMapping, RosterPlan, RosterReport
from deflection_kit.ui.sessions.controller import SessionsController

FILE_FILTER = "Rosters (*.csv *.txt *.tsv *.xlsx);;All files (*)"
SAMPLES = 3


class ImportDialog(QDialog):
    """Preview a roster's column mapping and import it into one session."""

    imported = Signal(object)  # the RosterReport

    def __init__(
        self, controller: SessionsController, session_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.session_id = session_id
        self.plan: RosterPlan | None = None
        self.report: RosterReport | None = None
        self.setWindowTitle("Import roster")
        self.setAccessibleName("Import roster")
        self.resize(860, 560)

        self.path = QLineEdit()
        self.path.setAccessibleName("Roster file")
        self.path.setPlaceholderText("A CSV or XLSX file with one person per row")
        self.path.returnPressed.connect(lambda: self.load(self.path.text()))
        browse = QPushButton("&Browse…")
        browse.setAccessibleName("Choose the roster file")
        browse.clicked.connect(self._browse)
        file_row = QHBoxLayout()
        label = QLabel("&File:")
        label.setBuddy(self.path)
        file_row.addWidget(label)
        file_row.addWidget(self.path, 1)
        file_row.addWidget(browse)

        self.mapping = QTableWidget(0, 3)
        self.mapping.setAccessibleName("Column mapping")
        self.mapping.setHorizontalHeaderLabels(["Column in the file", "First rows", "Use as"])
        self.mapping.verticalHeader().setVisible(False)
        header = self.mapping.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.summary = QLabel("Choose a file to see how its columns are read.")
        self.summary.setAccessibleName("Import summary")
        self.summary.setWordWrap(True)
        self.problems = QListWidget()
        self.problems.setAccessibleName("Problems in the file")
        self.problems.setMaximumHeight(140)
        self.import_button = QPushButton("&Import")
        self.import_button.setAccessibleName("Import the roster")
        self.import_button.setProperty("role", "primary")
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.import_now)
        close = QPushButton("Close")
        close.setAccessibleName("Close")
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(close)
        buttons.addWidget(self.import_button)

        layout = QVBoxLayout(self)
        layout.addLayout(file_row)
        layout.addWidget(self.mapping, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.problems)
        layout.addLayout(buttons)

    def _browse(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(self, "Choose a roster", "", FILE_FILTER)
        if chosen:
            self.load(chosen)

    def load(self, path: str, mapping: ColumnMapping | None = None) -> None:
        """Read and check a file; show its mapping, sample rows and problems."""
        self.path.setText(path)
        self.report = None
        try:
            self.plan = self.controller.plan_import(Path(path), mapping)
        except DeflectionKitError as error:
            self.plan = None
            self.mapping.setRowCount(0)
            self._show_problems([str(error)])
            return
        self._fill_mapping(self.plan)
        self._show_problems([str(p) for p in self.plan.problems])

    def _fill_mapping(self, plan: RosterPlan) -> None:
        table = plan.table
        self.mapping.setRowCount(len(table.header))
        for column, header in enumerate(table.header):
            name = QTableWidgetItem(header or f"column {column + 1}")
            name.setFlags(name.flags() & ~Qt.ItemFlag.ItemIsEditable)
            samples = [cells[column] for _, cells in table.rows[:SAMPLES] if column < len(cells)]
            sample = QTableWidgetItem(" · ".join(s for s in samples if s))
            sample.setFlags(sample.flags() & ~Qt.ItemFlag.ItemIsEditable)
            choice = QComboBox()
            choice.setAccessibleName(f"Use column {header or column + 1} as")
            choice.addItem("(ignore)", "")
            for key, label in FIELD_LABELS.items():
                choice.addItem(label, key)
            choice.setCurrentIndex(max(0, choice.findData(plan.mapping.columns.get(column, ""))))
            choice.currentIndexChanged.connect(self._remap)
            self.mapping.setItem(column, 0, name)
            self.mapping.setItem(column, 1, sample)
            self.mapping.setCellWidget(column, 2, choice)

    def current_mapping(self) -> ColumnMapping:
        """Return the mapping the table shows."""
        columns: dict[int, str] = {}
        headers = []
        for row in range(self.mapping.rowCount()):
            item = self.mapping.item(row, 0)
            headers.append(item.text() if item is not None else "")
            widget = self.mapping.cellWidget(row, 2)
            if isinstance(widget, QComboBox) and widget.currentData():
                columns[row] = str(widget.currentData())
        return ColumnMapping(columns=columns, headers=tuple(headers))

    def set_field(self, column: int, field: str) -> None:
        """Use a column for a field ("" to ignore it), then check the file again."""
        widget = self.mapping.cellWidget(column, 2)
        assert isinstance(widget, QComboBox)
        widget.setCurrentIndex(max(0, widget.findData(field)))

    def _remap(self) -> None:
        if self.plan is not None:
            mapping = self.current_mapping()
            mapping = ColumnMapping(columns=mapping.columns, headers=self.plan.table.header)
            self.load(str(self.plan.table.path), mapping)

    def _show_problems(self, problems: list[str]) -> None:
        self.problems.clear()
        self.problems.addItems(problems)
        ok = self.plan is not None and self.plan.ok
        self.import_button.setEnabled(ok)
        if ok:
            assert self.plan is not None
            self.summary.setText(f"{len(self.plan.rows)} people ready to import.")
            self.import_button.setText(f"&Import {len(self.plan.rows)} people")
        else:
            count = len(problems)
            self.summary.setText(
                f"{count} problem{'s' if count != 1 else ''}: fix the file (or the mapping) — "
                "nothing is imported until every row is right."
            )
            self.import_button.setText("&Import")

    def import_now(self) -> None:
        """Import the checked roster."""
        if self.plan is None or not self.plan.ok:
            return
        try:
            self.report = self.controller.apply_import(self.session_id, self.plan)
        except DeflectionKitError as error:
            self._show_problems([str(error)])
            return
        self.summary.setText(self.report.summary())
        self.import_button.setEnabled(False)
        self.imported.emit(self.report)
