"""The Verify dialog: paste a certificate code or QR text, or open a PDF; see the verdict."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)

from deflection_kit.certificates.signing import Verdict
from deflection_kit.errors import DeflectionKitError

Checker = Callable[[str], list[Verdict]]


def verdict_text(verdicts: list[Verdict]) -> str:
    """Return verdicts as the dialog shows them: each page's verdict and fields."""
    blocks = []
    for number, verdict in enumerate(verdicts, start=1):
        lines = verdict.lines()
        if len(verdicts) > 1:
            lines.insert(0, f"Page {number}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


class VerifyDialog(QDialog):
    """Check a certificate the way the command line does, and show every field."""

    def __init__(self, checker: Checker, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self.setWindowTitle("Verify a certificate")
        self.setObjectName("verifyDialog")
        self.resize(640, 480)
        self._checker = checker
        prompt = QLabel(
            "&Paste the certificate code (XXXX-XXXX-XXXX-XXXX-X) or the text of its QR code:"
        )
        self.input = QPlainTextEdit()
        self.input.setAccessibleName("Certificate code or QR text")
        self.input.setTabChangesFocus(True)
        self.input.setMaximumHeight(90)
        prompt.setBuddy(self.input)
        self.verify_button = QPushButton("&Verify")
        self.verify_button.setProperty("role", "primary")
        self.verify_button.setAccessibleName("Verify the pasted code")
        self.verify_button.setDefault(True)
        self.verify_button.clicked.connect(self.verify_input)
        self.open_button = QPushButton("Open &PDF…")
        self.open_button.setAccessibleName("Verify a certificate PDF")
        self.open_button.clicked.connect(self._open_pdf)
        row = QHBoxLayout()
        row.addWidget(self.verify_button)
        row.addWidget(self.open_button)
        row.addStretch(1)
        self.verdict = QLabel()
        self.verdict.setObjectName("verdict")
        self.verdict.setAccessibleName("Verdict")
        self.verdict.setWordWrap(True)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setAccessibleName("Certificate fields")
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(prompt)
        layout.addWidget(self.input)
        layout.addLayout(row)
        layout.addWidget(self.verdict)
        layout.addWidget(self.details, 1)
        layout.addWidget(close)
        verify_shortcut = QShortcut(QKeySequence("Ctrl+Return"), self)
        verify_shortcut.activated.connect(self.verify_input)

    def verify_input(self) -> None:
        """Verify what is pasted in the box."""
        self.show_result(self.input.toPlainText())

    def verify_file(self, path: str) -> None:
        """Verify a PDF file."""
        self.show_result(path)

    def show_result(self, value: str) -> None:
        """Check ``value`` and show the verdict (green when genuine, red with the reason if not)."""
        if not value.strip():
            self._show(False, "Paste a code or QR text first, or open a PDF.", "")
            return
        try:
            verdicts = self._checker(value)
        except DeflectionKitError as error:
            self._show(False, f"Cannot check this: {error}", "")
            return
        bad = [v for v in verdicts if not v.ok]
        if bad:
            headline = f"NOT VALID — {bad[0].reason}"
        else:
            headline = "GENUINE — every field below is what the issuer signed"
        self._show(not bad, headline, verdict_text(verdicts))

    def _show(self, ok: bool, headline: str, details: str) -> None:
        colour = "#1e6b2f" if ok else "#a4161a"
        self.verdict.setStyleSheet(f"color: {colour}; font-weight: 600; font-size: 13pt;")
        self.verdict.setText(headline)
        self.verdict.setProperty("ok", ok)
        self.details.setPlainText(details)

    def _open_pdf(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(
            self, "Open a certificate PDF", "", "PDF files (*.pdf)"
        )
        if chosen:
            self.verify_file(chosen)
