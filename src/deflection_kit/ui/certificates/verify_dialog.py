"""The Verify dialog: paste a certificate code or QR text, or open a PDF; see the verdict and
every signed field as a card, to hold up against the paper."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from deflection_kit.certificates.signing import Verdict
from deflection_kit.errors import DeflectionKitError

Checker = Callable[[str], list[Verdict]]
_OK, _BAD, _UNSURE = "#1e6b2f", "#a4161a", "#8a5300"


def verdict_text(verdicts: list[Verdict]) -> str:
    """Return verdicts as plain text: each page's verdict, aligned fields and note."""
    blocks = []
    for number, verdict in enumerate(verdicts, start=1):
        lines = verdict.lines()
        if len(verdicts) > 1:
            lines.insert(0, f"Page {number}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def _colour(verdict: Verdict) -> str:
    if verdict.ok:
        return _OK
    return _UNSURE if verdict.outcome == "unconfirmed" else _BAD


class VerdictCard(QFrame):
    """One certificate's verdict and signed fields, as a card of label and value rows."""

    def __init__(self, verdict: Verdict, title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("verdictCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(
            "#verdictCard { background: #fbfbf8; border: 1px solid #c9c6bc; border-radius: 6px; }"
        )
        self.verdict = verdict
        # One card: the dialog's headline gives the reason; several: each card gives its own.
        heading = QLabel(
            f"{title} — {verdict.headline}" if title else verdict.headline.split(":")[0]
        )
        heading.setObjectName("cardHeading")
        heading.setWordWrap(True)
        heading.setStyleSheet(f"color: {_colour(verdict)}; font-weight: 600; font-size: 12pt;")
        form = QGridLayout()
        form.setColumnStretch(1, 1)
        form.setHorizontalSpacing(12)
        self.values: dict[str, QLabel] = {}
        value_font = QFont(self.font())
        value_font.setPointSizeF(max(12.0, value_font.pointSizeF() * 1.2))
        for label, value in verdict.fields():
            name = QLabel(f"{label}:")
            name.setStyleSheet("color: #4a4a4a;")
            name.setFont(value_font)
            shown = QLabel(value)
            shown.setWordWrap(True)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            shown.setFont(value_font)
            shown.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
            shown.setAccessibleName(f"{label}: {value}")
            row = form.rowCount()
            form.addWidget(name, row, 0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            form.addWidget(shown, row, 1)
            self.values[label] = shown
        note = QLabel(verdict.note)
        note.setObjectName("paperNote")
        note.setWordWrap(True)
        note.setStyleSheet("font-weight: 600;" if verdict.ok else "color: #a4161a;")
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(note)
        self.setAccessibleName(f"{title or 'Certificate'}: {verdict.headline}")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)

    def value(self, label: str) -> str:
        """Return the value shown for ``label``."""
        return self.values[label].text()


class VerifyDialog(QDialog):
    """Check a certificate the way the command line does, and show every field."""

    def __init__(self, checker: Checker, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self.setWindowTitle("Verify a certificate")
        self.setObjectName("verifyDialog")
        self.resize(720, 640)
        self._checker = checker
        self.cards: list[VerdictCard] = []
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
        self._card_box = QWidget()
        self._cards_layout = QVBoxLayout(self._card_box)
        self._cards_layout.addStretch(1)
        self.details = QScrollArea()
        self.details.setWidgetResizable(True)
        self.details.setWidget(self._card_box)
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
            self._show(None, "Paste a code or QR text first, or open a PDF.", [])
            return
        try:
            verdicts = self._checker(value)
        except DeflectionKitError as error:
            self._show(None, f"Cannot check this: {error}", [])
            return
        bad = [v for v in verdicts if not v.ok]
        if not bad:
            headline = "GENUINE — every field below is what the issuer signed"
        elif bad[0].outcome == "unconfirmed":
            headline = f"CANNOT CONFIRM — {bad[0].reason}"
        else:
            headline = f"NOT VALID — {bad[0].reason}"
        self._show(bad[0] if bad else verdicts[0], headline, verdicts)

    def details_text(self) -> str:
        """Return what the cards show, as plain text (to copy or read aloud)."""
        return verdict_text([card.verdict for card in self.cards])

    def _show(self, worst: Verdict | None, headline: str, verdicts: list[Verdict]) -> None:
        ok = worst is not None and worst.ok
        colour = _colour(worst) if worst is not None else _BAD
        self.verdict.setStyleSheet(f"color: {colour}; font-weight: 600; font-size: 13pt;")
        self.verdict.setText(headline)
        self.verdict.setProperty("ok", ok)
        for card in self.cards:
            self._cards_layout.removeWidget(card)
            card.hide()  # gone at once; Qt deletes it when back in its event loop
            card.deleteLater()
        self.cards = []
        several = len(verdicts) > 1
        for number, verdict in enumerate(verdicts, start=1):
            card = VerdictCard(verdict, f"Page {number}" if several else "", self._card_box)
            self._cards_layout.insertWidget(self._cards_layout.count() - 1, card)
            self.cards.append(card)

    def _open_pdf(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(
            self, "Open a certificate PDF", "", "PDF files (*.pdf)"
        )
        if chosen:
            self.verify_file(chosen)
