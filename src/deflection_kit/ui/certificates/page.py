"""The Certificates page: a session's people who completed, a preview, print, save, revoke,
re-issue and verify. Every action is the certificate desk's; this page only asks and shows."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPixmap, QResizeEvent
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from deflection_kit.certificates.desk import CertificateDesk, Holder, signed_of
from deflection_kit.certificates.model import SignedCertificate
from deflection_kit.certificates.signing import Verdict
from deflection_kit.certificates.trust import TrustStore
from deflection_kit.certificates.verify import check
from deflection_kit.errors import DeflectionKitError
from deflection_kit.settings import Settings, load_settings
from deflection_kit.storage import Store
from deflection_kit.ui.certificates.models import HoldersModel
from deflection_kit.ui.certificates.verify_dialog import VerifyDialog
from deflection_kit.ui.pages import AppContext

PREVIEW_WIDTH = 1100  # pixels the preview is painted at, then scaled to the panel


def _stamp(image: QImage, word: str) -> None:
    """Write a large pale word across a preview, so nobody mistakes it for a certificate."""
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    font = QFont(painter.font())
    font.setPixelSize(image.height() // 5)
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(QColor(200, 30, 30, 70))
    painter.translate(image.width() / 2, image.height() / 2)
    painter.rotate(-25)
    painter.drawText(
        QRectF(-image.width(), -image.height() / 2, 2 * image.width(), image.height()),
        int(Qt.AlignmentFlag.AlignCenter),
        word,
    )
    painter.end()


class ReasonDialog(QDialog):
    """Ask why (and who) for a revocation or a re-issue."""

    def __init__(self, title: str, prompt: str, who: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.reason = QLineEdit()
        self.reason.setAccessibleName("Reason")
        self.by = QLineEdit(who)
        self.by.setAccessibleName("Your name")
        form = QFormLayout()
        reason_label = QLabel(prompt)
        reason_label.setBuddy(self.reason)
        by_label = QLabel("&Your name:")
        by_label.setBuddy(self.by)
        form.addRow(reason_label, self.reason)
        form.addRow(by_label, self.by)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)


class CertificatesPage(QWidget):
    """Issue, print, save, revoke, re-issue and verify the certificates of a session."""

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        title = QLabel("Certificates")
        title.setProperty("role", "pageTitle")

        self.session_box = QComboBox()
        self.session_box.setAccessibleName("Session")
        self.session_box.setMinimumContentsLength(40)
        session_label = QLabel("&Session:")
        session_label.setBuddy(self.session_box)
        self.refresh_button = QPushButton("R&efresh")
        self.refresh_button.setAccessibleName("Reload the sessions")
        top = QHBoxLayout()
        top.addWidget(session_label)
        top.addWidget(self.session_box, 1)
        top.addWidget(self.refresh_button)

        self.model = HoldersModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Participants and their certificates")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(60)
        self.table.setTabKeyNavigation(False)
        self.preview = QLabel("Choose a participant to see their certificate.")
        self.preview.setObjectName("certificatePreview")
        self.preview.setAccessibleName("Certificate preview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumSize(320, 240)
        self.preview_note = QLabel()
        self.preview_note.setProperty("role", "muted")
        preview_panel = QWidget()
        preview_layout = QVBoxLayout(preview_panel)
        preview_layout.setContentsMargins(0, 0, 0, 0)
        preview_layout.addWidget(self.preview, 1)
        preview_layout.addWidget(self.preview_note)
        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(preview_panel)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([620, 520])

        self.print_button = self._button("Pri&nt…", "Print every certificate of the session")
        self.print_button.setProperty("role", "primary")
        self.save_button = self._button("Save P&DFs…", "Save every certificate as PDF files")
        self.revoke_button = self._button("&Revoke…", "Revoke the selected certificate")
        self.reissue_button = self._button("Re-&issue…", "Re-issue the selected certificate")
        self.verify_button = self._button("&Verify…", "Verify a certificate code or PDF")
        buttons = QHBoxLayout()
        for button in (
            self.print_button,
            self.save_button,
            self.revoke_button,
            self.reissue_button,
            self.verify_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.status = QLabel()
        self.status.setObjectName("certificatesStatus")
        self.status.setAccessibleName("Status")
        self.status.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(title)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.status)

        self._pixmap = QPixmap()
        self.refresh_button.clicked.connect(self.load_sessions)
        self.session_box.currentIndexChanged.connect(self._on_session)
        self.table.selectionModel().currentRowChanged.connect(self._on_row)
        self.print_button.clicked.connect(lambda: self.print_all())
        self.save_button.clicked.connect(lambda: self.save_pdfs())
        self.revoke_button.clicked.connect(lambda: self.revoke_selected())
        self.reissue_button.clicked.connect(lambda: self.reissue_selected())
        self.verify_button.clicked.connect(self.open_verify)
        self.load_sessions()

    def _button(self, text: str, name: str) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(name)
        return button

    # --- the desk ----------------------------------------------------------------------

    def _settings(self) -> Settings:
        try:
            return load_settings()
        except DeflectionKitError as error:
            self.say(str(error))
            return Settings()

    @contextmanager
    def desk(self) -> Iterator[CertificateDesk]:
        """Yield a certificate desk on the database (closed afterwards)."""
        store = Store.open(self.context.db_path)
        try:
            yield CertificateDesk(store, self.context.course, self._settings())
        finally:
            store.close()

    def say(self, text: str) -> None:
        """Show a one-line status."""
        self.status.setText(text)

    def session_id(self) -> str | None:
        """Return the chosen session's id."""
        value = self.session_box.currentData()
        return str(value) if value else None

    # --- sessions and people -----------------------------------------------------------

    def load_sessions(self) -> None:
        """Fill the session list (newest first), keeping the chosen one."""
        chosen = self.session_id()
        try:
            with self.desk() as desk:
                sessions = desk.store.sessions.list()
        except DeflectionKitError as error:
            self.say(str(error))
            return
        self.session_box.blockSignals(True)
        self.session_box.clear()
        for session in sessions:
            self.session_box.addItem(f"{session.date.isoformat()} — {session.title}", session.id)
        index = self.session_box.findData(chosen) if chosen else 0
        self.session_box.setCurrentIndex(max(0, index))
        self.session_box.blockSignals(False)
        if not sessions:
            self.say("No sessions yet: plan one and check people in first.")
        self._on_session()

    def _on_session(self) -> None:
        self.reload()

    def reload(self) -> None:
        """Reload the chosen session's people and certificate states."""
        session_id = self.session_id()
        if session_id is None:
            self.model.set_holders([])
            self._update_buttons()
            return
        try:
            with self.desk() as desk:
                holders = desk.holders(session_id)
        except DeflectionKitError as error:
            self.say(str(error))
            return
        self.model.set_holders(holders)
        done = sum(1 for h in holders if h.state in ("issued", "ready"))
        issued = sum(1 for h in holders if h.state == "issued")
        self.say(f"{done} of {len(holders)} completed; {issued} certificates issued.")
        if holders:
            self.table.selectRow(0)
        else:
            self._show_preview(None)
        self._update_buttons()

    def selected(self) -> Holder | None:
        """Return the selected person, if any."""
        index = self.table.currentIndex()
        return self.model.holder(index.row()) if index.isValid() else None

    def _on_row(self) -> None:
        self._show_preview(self.selected())
        self._update_buttons()

    def _update_buttons(self) -> None:
        holder = self.selected()
        holders = self.model.holders()
        any_done = any(h.state in ("issued", "ready") for h in holders)
        self.print_button.setEnabled(any_done)
        self.save_button.setEnabled(any_done)
        has_valid = holder is not None and holder.state == "issued"
        self.revoke_button.setEnabled(has_valid)
        self.reissue_button.setEnabled(has_valid)

    # --- preview -----------------------------------------------------------------------

    def _show_preview(self, holder: Holder | None) -> None:
        session_id = self.session_id()
        if holder is None or session_id is None:
            self._pixmap = QPixmap()
            self.preview.setPixmap(self._pixmap)
            self.preview.setText("Choose a participant to see their certificate.")
            self.preview_note.setText("")
            return
        try:
            with self.desk() as desk:
                if holder.state in ("issued", "revoked") and holder.record is not None:
                    signed = signed_of(holder.record)
                    note = f"Certificate {signed.code}" + (
                        " — REVOKED" if holder.state == "revoked" else ""
                    )
                else:
                    signed = desk.draft(session_id, holder.participant_id)
                    note = (
                        "Preview: not issued yet"
                        if holder.state == "ready"
                        else "Preview: this person has not completed the session"
                    )
                image = desk.renderer.preview(desk.renderer.page(signed), PREVIEW_WIDTH)
                if holder.state in ("ready", "not completed", "revoked"):
                    _stamp(image, "REVOKED" if holder.state == "revoked" else "PREVIEW")
        except DeflectionKitError as error:
            self.preview.setText(str(error))
            return
        self._pixmap = QPixmap.fromImage(image)
        self.preview_note.setText(note)
        self._fit_preview()

    def _fit_preview(self) -> None:
        if self._pixmap.isNull():
            return
        self.preview.setPixmap(
            self._pixmap.scaled(
                self.preview.size(),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        """Keep the preview scaled to its panel."""
        super().resizeEvent(event)
        self._fit_preview()

    # --- actions -----------------------------------------------------------------------

    def _issue_all(self, desk: CertificateDesk, session_id: str) -> list[SignedCertificate]:
        result = desk.issue(session_id)
        notes = [f"{len(result.new)} new certificates issued."] if result.new else []
        notes += result.warnings
        printable = desk.ours(result.all)
        if len(printable) < len(result.all):
            notes.append(f"{len(result.all) - len(printable)} were issued by another installation.")
        if notes:
            self.say(" ".join(notes))
        return printable

    def print_all(self, printer: QPrinter | None = None) -> bool:
        """Issue what is missing, then print every certificate of the session as one job."""
        session_id = self.session_id()
        if session_id is None:
            return False
        if printer is None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            dialog = QPrintDialog(printer, self)
            dialog.setWindowTitle("Print certificates")
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
        try:
            with self.desk() as desk:
                signed = self._issue_all(desk, session_id)
                desk.renderer.print_pages(desk.pages(signed), printer)
        except DeflectionKitError as error:
            QMessageBox.warning(self, "Print certificates", str(error))
            return False
        self.reload()
        self.say(f"Sent {len(signed)} certificates to the printer as one job.")
        return True

    def save_pdfs(self, folder: str | None = None) -> list[Path]:
        """Issue what is missing, then save one PDF per certificate and one with them all."""
        session_id = self.session_id()
        if session_id is None:
            return []
        if folder is None:
            folder = QFileDialog.getExistingDirectory(self, "Save the certificates in")
            if not folder:
                return []
        try:
            with self.desk() as desk:
                signed = self._issue_all(desk, session_id)
                session = desk.store.sessions.get(session_id)
                combined = Path(folder) / f"all-certificates-{session.date.isoformat()}.pdf"
                title = f"Certificates – {session.title} ({session.date.isoformat()})"
                written = desk.write_pdfs(signed, folder, combined, title) if signed else []
        except DeflectionKitError as error:
            QMessageBox.warning(self, "Save certificates", str(error))
            return []
        self.reload()
        self.say(f"Saved {len(signed)} certificates (and one file with all of them) to {folder}.")
        return written

    def _ask(self, title: str, prompt: str) -> tuple[str, str] | None:
        dialog = ReasonDialog(title, prompt, self._settings().facilitator_name, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.reason.text().strip(), dialog.by.text().strip()

    def revoke_selected(self, reason: str | None = None, by: str | None = None) -> bool:
        """Revoke the selected person's certificate (asking why and who unless given)."""
        holder = self.selected()
        if holder is None or holder.state != "issued":
            return False
        if reason is None or by is None:
            answer = self._ask(f"Revoke {holder.code}", "&Why is it revoked?")
            if answer is None:
                return False
            reason, by = answer
        try:
            with self.desk() as desk:
                desk.revoke(holder.code, reason, by)
        except DeflectionKitError as error:
            QMessageBox.warning(self, "Revoke certificate", str(error))
            return False
        code = holder.code
        self.reload()
        self.say(f"Revoked {code}: it now fails verification.")
        return True

    def reissue_selected(self, reason: str | None = None, by: str | None = None) -> str:
        """Replace the selected certificate by a new one from today's records; return its code."""
        holder = self.selected()
        if holder is None or holder.state != "issued":
            return ""
        if reason is None or by is None:
            answer = self._ask(f"Re-issue {holder.code}", "&Why is it re-issued?")
            if answer is None:
                return ""
            reason, by = answer
        try:
            with self.desk() as desk:
                _old, prepared = desk.reissue(holder.code, reason, by)
        except DeflectionKitError as error:
            QMessageBox.warning(self, "Re-issue certificate", str(error))
            return ""
        old_code = holder.code
        self.reload()
        self.say(f"{old_code} replaced by {prepared.signed.code}. " + " ".join(prepared.warnings))
        return prepared.signed.code

    def verify_dialog(self) -> VerifyDialog:
        """Return a Verify dialog that checks against this installation's register."""

        def checker(value: str) -> list[Verdict]:
            with self.desk() as desk:
                return check(value, TrustStore(), desk.status_of, desk.find)

        return VerifyDialog(checker, self)

    def open_verify(self) -> None:
        """Open the Verify dialog."""
        self.verify_dialog().exec()
