"""Check entry: type how many in the room chose each answer, then reveal the chart when ready."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from deflection_kit.live import CheckSlot
from deflection_kit.live.checks import MAX_COUNT
from deflection_kit.ui.live.chart import LETTERS
from deflection_kit.ui.live.controller import LiveController


class CheckPanel(QGroupBox):
    """Counts per choice for the question on screen; hidden from the room until revealed."""

    def __init__(self, controller: LiveController, parent: QWidget | None = None) -> None:
        super().__init__("Knowledge check", parent)
        self.controller = controller
        self.slot: CheckSlot | None = None
        self.setVisible(False)
        self.question = QLabel()
        self.question.setWordWrap(True)
        self.question.setAccessibleName("Question on screen")
        self.form = QFormLayout()
        self.spins: list[QSpinBox] = []
        self.summary = QLabel()
        self.summary.setAccessibleName("Answers so far")
        self.reveal_button = QPushButton("Reveal answers (R)")
        self.reveal_button.setAccessibleName("Reveal the answers to the room")
        self.reveal_button.setProperty("role", "primary")
        self.reveal_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.reveal_button.clicked.connect(self.toggle_reveal)
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        buttons.addWidget(self.reveal_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.question)
        layout.addLayout(self.form)
        layout.addLayout(buttons)

    def show_slot(self, slot: CheckSlot | None) -> None:
        """Show entry boxes for the question on the current slide (or hide the panel)."""
        if slot == self.slot:
            self.refresh()
            return
        for spin in self.spins:  # a box losing focus as it goes must not record anything
            spin.blockSignals(True)
        self.slot = None
        while self.form.rowCount():
            self.form.removeRow(0)
        self.spins = []
        self.slot = slot
        self.setVisible(slot is not None)
        if slot is None:
            return
        phase = {"pre": "Pre-check", "post": "Post-check"}.get(slot.phase, "Check")
        self.question.setText(f"<b>{phase}:</b> {slot.prompt}")
        saved = self.controller.session.results.get(slot.key, (0,) * len(slot.choices))
        for index, choice in enumerate(slot.choices):
            spin = QSpinBox()
            spin.setRange(0, MAX_COUNT)
            spin.setValue(saved[index])
            letter = LETTERS[index] if index < len(LETTERS) else str(index + 1)
            spin.setAccessibleName(f"Count for answer {letter}")
            spin.editingFinished.connect(self.apply)
            mark = "  ✓" if index == slot.answer else ""
            label = QLabel(f"&{letter}. {choice}{mark}")
            label.setWordWrap(True)
            label.setBuddy(spin)
            self.form.addRow(label, spin)
            self.spins.append(spin)
        self.refresh()

    def counts(self) -> list[int]:
        """Return the counts typed in."""
        return [spin.value() for spin in self.spins]

    def apply(self) -> bool:
        """Record the counts typed in."""
        if self.slot is None:
            return False
        return self.controller.set_counts(self.slot.key, self.counts())

    def toggle_reveal(self) -> None:
        """Record the counts, then reveal the chart (or hide it if it is up)."""
        if self.slot is None:
            return
        self.apply()
        self.controller.toggle_reveal()

    def refresh(self) -> None:
        """Show the total and whether the room can see the chart."""
        if self.slot is None:
            return
        session = self.controller.session
        counts = session.results.get(self.slot.key)
        for spin, count in zip(self.spins, counts or (), strict=False):
            if not spin.hasFocus() and spin.value() != count:
                spin.blockSignals(True)
                spin.setValue(count)
                spin.blockSignals(False)
        if counts:
            total = sum(counts)
            right = counts[self.slot.answer]
            share = f" · {round(100 * right / total)}% right" if total else ""
            self.summary.setText(f"{total} answered{share}")
        else:
            self.summary.setText("No answers entered")
        shown = session.revealed == self.slot.key
        self.reveal_button.setText("Hide chart (R)" if shown else "Reveal answers (R)")
