"""The Reports page: pick a presented session; see its delivery as charts; export the record.

Charts are painted with QPainter from the same drawing the PDF uses. From here the facilitator
types in the paper feedback forms, saves the delivery report PDF and writes the audit packet.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from deflection_kit.errors import DeflectionKitError
from deflection_kit.live.report import DeliveryReport
from deflection_kit.ui.pages import AppContext
from deflection_kit.ui.reports.chart_widget import ChartWidget

if TYPE_CHECKING:
    from deflection_kit.storage import Store
    from deflection_kit.ui.reports.feedback_dialog import FeedbackDialog


def _documents() -> Path:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(folder or Path.home())


def _named(button: QPushButton, name: str) -> QPushButton:
    button.setAccessibleName(name)
    button.setObjectName(name.lower().replace(" ", "-"))
    return button


class ReportsPage(QWidget):
    """Delivery reports of presented sessions."""

    report_shown = Signal()
    exported = Signal(str)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.report: DeliveryReport | None = None
        title = QLabel("Reports")
        title.setProperty("role", "pageTitle")
        self.session = QComboBox()
        self.session.setAccessibleName("Session")
        self.session.setMinimumWidth(420)
        self.session.currentIndexChanged.connect(self._session_changed)
        label = QLabel("&Session:")
        label.setBuddy(self.session)
        self.refresh_button = _named(QPushButton("R&efresh"), "Refresh the list")
        self.refresh_button.clicked.connect(self.refresh)
        self.feedback_button = _named(QPushButton("Feedback f&orms…"), "Type in feedback forms")
        self.feedback_button.clicked.connect(self.enter_feedback)
        self.pdf_button = _named(QPushButton("E&xport PDF…"), "Export the report as PDF")
        self.pdf_button.setProperty("role", "primary")
        self.pdf_button.clicked.connect(self.choose_pdf)
        self.packet_button = _named(QPushButton("&Audit packet…"), "Write the audit packet")
        self.packet_button.clicked.connect(self.choose_packet)
        top = QHBoxLayout()
        top.addWidget(label)
        top.addWidget(self.session, 1)
        for button in (
            self.refresh_button,
            self.feedback_button,
            self.pdf_button,
            self.packet_button,
        ):
            top.addWidget(button)
        self.summary = QLabel("Present a session (F5) to get its delivery report here.")
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Report summary")
        self.summary.setStyleSheet("font-size: 13pt; font-weight: 600;")
        self.objectives = QLabel()
        self.objectives.setWordWrap(True)
        self.objectives.setAccessibleName("Objectives delivered")
        self.charts: list[ChartWidget] = []
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(16)
        self.grid.setVerticalSpacing(16)
        holder = QWidget()
        inner = QVBoxLayout(holder)
        inner.addWidget(self.summary)
        inner.addWidget(self.objectives)
        inner.addLayout(self.grid)
        inner.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(holder)
        scroll.setWidgetResizable(True)
        scroll.setAccessibleName("Report")
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)
        self.refresh()

    # --- choosing --------------------------------------------------------------------

    def _store(self) -> Store:
        from deflection_kit.storage import Store

        return Store.open(self.context.db_path)

    def refresh(self) -> None:
        """List the sessions that have a delivery record, newest first."""
        current = self.session.currentData()
        self.session.blockSignals(True)
        self.session.clear()
        try:
            with self._store() as store:
                for session_id in store.live.presented_sessions():
                    session = store.sessions.get(session_id)
                    record = store.live.get(session_id)
                    state = f" ({record.status})" if record is not None else ""
                    self.session.addItem(
                        f"{session.date.isoformat()} · {session.title}{state}", session.id
                    )
        except DeflectionKitError as error:
            self.summary.setText(f"Cannot read the database: {error}")
        self.session.blockSignals(False)
        index = self.session.findData(current) if current else 0
        if self.session.count():
            self.session.setCurrentIndex(max(index, 0))
            self._session_changed()
        self._enable()

    def _session_changed(self) -> None:
        session_id = self.session.currentData()
        if session_id:
            self.show_session(str(session_id))

    def show_session(self, session_id: str) -> DeliveryReport | None:
        """Build and show the report of a stored session."""
        from deflection_kit.reports.records import load_report

        index = self.session.findData(session_id)
        if index < 0:
            self.refresh()
            index = self.session.findData(session_id)
        if index >= 0 and index != self.session.currentIndex():
            self.session.blockSignals(True)
            self.session.setCurrentIndex(index)
            self.session.blockSignals(False)
        try:
            with self._store() as store:
                report = load_report(store, self.context.course, session_id)
        except DeflectionKitError as error:
            self.summary.setText(str(error))
            return None
        self.show_report(report)
        return report

    def show_report(self, report: DeliveryReport) -> None:
        """Show a report (a stored session's, or a rehearsal's from memory)."""
        from deflection_kit.reports import report_charts
        from deflection_kit.reports.report_pdf import STATUS_TEXT, _summary

        self.report = report
        self.summary.setText(f"{report.title}: {_summary(report)}")
        self.objectives.setText(
            "Objectives in the order taught: "
            + "; ".join(f"{o.title} — {STATUS_TEXT[o.status].lower()}" for o in report.objectives)
        )
        charts = report_charts(report)
        if len(self.charts) != len(charts):
            for widget in self.charts:
                widget.deleteLater()
            self.charts = [ChartWidget(chart) for chart in charts]
            for index, widget in enumerate(self.charts):
                self.grid.addWidget(widget, index // 2, index % 2, Qt.AlignmentFlag.AlignTop)
        else:
            for widget, chart in zip(self.charts, charts, strict=True):
                widget.set_chart(chart)
        self._enable()
        self.report_shown.emit()

    def _enable(self) -> None:
        has_session = self.report is not None and self.report.session is not None
        self.pdf_button.setEnabled(self.report is not None)
        self.feedback_button.setEnabled(has_session)
        self.packet_button.setEnabled(has_session)

    # --- writing ---------------------------------------------------------------------

    def _file_stem(self) -> str:
        report = self.report
        assert report is not None
        day = report.session.date.isoformat() if report.session else "rehearsal"
        safe = "".join(c if c.isalnum() else "-" for c in report.title).strip("-")[:40]
        return f"{day}-{safe or 'session'}"

    def choose_pdf(self) -> None:
        """Ask where to save the report PDF, then save it."""
        if self.report is None:
            return
        default = _documents() / f"delivery-report-{self._file_stem()}.pdf"
        name, _ = QFileDialog.getSaveFileName(
            self, "Save the delivery report", str(default), "PDF (*.pdf)"
        )
        if name:
            self.export_pdf(Path(name))

    def export_pdf(self, target: Path) -> Path | None:
        """Save the report PDF to ``target``."""
        from deflection_kit.reports import write_report_pdf

        if self.report is None:
            return None
        if target.suffix.lower() != ".pdf":
            target = target.with_suffix(".pdf")
        try:
            path = write_report_pdf(self.report, target)
        except (DeflectionKitError, OSError) as error:
            QMessageBox.warning(self, "Report not saved", str(error))
            return None
        self.summary.setToolTip(f"Saved {path}")
        self.exported.emit(str(path))
        return path

    def choose_packet(self) -> None:
        """Ask for a folder (or a single PDF), then write the audit packet."""
        if self.report is None or self.report.session is None:
            return
        box = QMessageBox(self)
        box.setWindowTitle("Audit packet")
        box.setText("Write the audit packet as a folder of PDFs, or as one PDF?")
        folder = box.addButton("&Folder", QMessageBox.ButtonRole.AcceptRole)
        single = box.addButton("&One PDF", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        default = _documents() / f"audit-packet-{self._file_stem()}"
        if box.clickedButton() is folder:
            name = QFileDialog.getExistingDirectory(
                self, "Folder for the audit packet", str(_documents())
            )
            if name:
                self.write_packet(Path(name) / default.name)
        elif box.clickedButton() is single:
            name, _ = QFileDialog.getSaveFileName(
                self, "Save the audit packet", str(default) + ".pdf", "PDF (*.pdf)"
            )
            if name:
                self.write_packet(Path(name))

    def write_packet(self, target: Path) -> Path | None:
        """Write the audit packet to a folder, or to one PDF if ``target`` ends in .pdf."""
        from deflection_kit.reports import write_audit_packet

        report = self.report
        if report is None or report.session is None:
            return None
        try:
            with self._store() as store:
                records = store.attendance.records(session_id=report.session.id)
                forms = store.feedback.list(report.session.id)
            result = write_audit_packet(report, records, forms, target)
        except (DeflectionKitError, OSError) as error:
            QMessageBox.warning(self, "Audit packet not written", str(error))
            return None
        self.exported.emit(str(result.path))
        return result.path

    def enter_feedback(self) -> FeedbackDialog | None:
        """Open the feedback entry form for the session shown."""
        from deflection_kit.settings import load_settings
        from deflection_kit.ui.reports.feedback_dialog import FeedbackDialog

        report = self.report
        if report is None or report.session is None:
            return None
        try:
            facilitator = load_settings().facilitator_name
        except DeflectionKitError:
            facilitator = ""
        from deflection_kit.materials import evaluation

        session_id = report.session.id
        dialog = FeedbackDialog(
            self._store,
            session_id,
            report.title,
            facilitator,
            self,
            statements=[(s.id, s.text) for s in evaluation.statements(self.context.course)],
            questions=[(c.id, c.prompt) for c in evaluation.COMMENTS],
        )
        dialog.saved.connect(lambda: self.show_session(session_id))
        dialog.open()
        return dialog
