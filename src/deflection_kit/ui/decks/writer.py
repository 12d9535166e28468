"""Write a deck off the UI thread (then check it for accessibility) and report with Qt signals."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot

from deflection_kit.decks import DeckSpec, Theme, write_deck
from deflection_kit.errors import DeflectionKitError


class DeckWriter(QObject):
    """Write one fitted deck to a file; move it to a QThread and start ``run``."""

    progress = Signal(int, int)  # slides written, slides in all
    finished = Signal(object)  # the BuiltDeck: the path written and what the check found
    failed = Signal(str)  # one line saying what went wrong

    def __init__(self, deck: DeckSpec, theme: Theme, out: Path) -> None:
        super().__init__()
        self.deck = deck
        self.theme = theme
        self.out = out

    @Slot()
    def run(self) -> None:
        """Write the deck (in whatever thread this object lives in)."""
        try:
            built = write_deck(self.deck, self.theme, self.out, self.progress.emit)
        except DeflectionKitError as error:
            self.failed.emit(str(error))
        except Exception as error:  # a bug: say so instead of dying silently in a thread
            self.failed.emit(f"internal error: {error!r}")
        else:
            self.finished.emit(built)
