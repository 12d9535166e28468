"""The Decks page: options on the left, live slide thumbnails on the right, Generate below.

The thumbnails are painted from the same fitted DeckSpec the .pptx is written from, so what
the page shows is what the file holds. Writing runs in a worker thread with a progress bar;
when it is done the page shows the path, what the accessibility check found in the file, and
opens its folder. A department's template that changes the deck (4:3, missing layouts) is
named under the preview as soon as it is chosen.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, QStandardPaths, Qt, QThread, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from deflection_kit.decks import BuiltDeck, DeckSpec, Prepared, deck_spec, prepare
from deflection_kit.decks.build import template_warning
from deflection_kit.errors import DeflectionKitError
from deflection_kit.ui.background import start_worker
from deflection_kit.ui.decks.options_form import DeckOptionsForm
from deflection_kit.ui.decks.slide_model import SlideListModel
from deflection_kit.ui.decks.writer import DeckWriter
from deflection_kit.ui.pages import AppContext

PREVIEW_DELAY_MS = 250  # wait for typing to pause before rebuilding the preview


def default_output() -> Path:
    """Return where a new deck is saved unless the user says otherwise."""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents or Path.home()) / "deflection-deck.pptx"


class DecksPage(QWidget):
    """Build a slide deck: choose, preview, generate."""

    preview_ready = Signal()  # the thumbnails show the current options
    generated = Signal(str)  # a deck was written to this path
    generate_failed = Signal(str)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._prepared: Prepared | None = None
        self._deck: DeckSpec | None = None
        self._thread: QThread | None = None
        self._built: BuiltDeck | None = None

        title = QLabel("Slide decks")
        title.setProperty("role", "pageTitle")
        intro = QLabel(
            "Choose what goes in the deck; the slides update as you go. Generate writes an "
            "editable PowerPoint file with speaker notes."
        )
        intro.setWordWrap(True)
        intro.setProperty("role", "muted")

        self.form = DeckOptionsForm(context.course)
        self.form.changed.connect(self.schedule_preview)
        scroll = QScrollArea()
        scroll.setWidget(self.form)
        scroll.setWidgetResizable(True)
        scroll.setMinimumWidth(420)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setStyleSheet(
            "QScrollArea, QScrollArea > QWidget > QWidget { background: transparent; }"
        )

        self.model = SlideListModel(thumbnail_width=208, parent=self)
        self.slides = QListView()
        self.slides.setAccessibleName("Slide previews")
        self.slides.setObjectName("slide-previews")
        self.slides.setStyleSheet("QListView#slide-previews { background: #e4e8ec; }")
        self.slides.setViewMode(QListView.ViewMode.IconMode)
        self.slides.setResizeMode(QListView.ResizeMode.Adjust)
        self.slides.setMovement(QListView.Movement.Static)
        self.slides.setUniformItemSizes(True)  # the view then asks only visible rows to paint
        self.slides.setWordWrap(True)
        self.slides.setSpacing(8)
        self.slides.setIconSize(self.model.thumbnail_size())
        self.slides.setGridSize(self.model.thumbnail_size() + QSize(24, 56))
        self.slides.setModel(self.model)
        self.summary = QLabel()
        self.summary.setAccessibleName("Deck summary")
        self.summary.setWordWrap(True)
        self.changes = QLabel()
        self.changes.setAccessibleName("How the template changes the deck")
        self.changes.setWordWrap(True)
        self.changes.setVisible(False)

        self.out = QLineEdit(str(default_output()))
        self.out.setAccessibleName("Output file")
        self.out.setObjectName("output-file")
        self.out_button = QPushButton("&Save as…")
        self.out_button.setAccessibleName("Choose where to save the deck")
        self.out_button.clicked.connect(self._choose_output)
        self.generate_button = QPushButton("Generate dec&k")
        self.generate_button.setAccessibleName("Generate deck")
        self.generate_button.setProperty("role", "primary")
        self.generate_button.clicked.connect(self.generate)
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Progress writing the deck")
        self.progress.setVisible(False)
        self.result = QLabel()
        self.result.setAccessibleName("Result")
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        out_row = QHBoxLayout()
        out_label = QLabel("&Output:")
        out_label.setBuddy(self.out)
        out_row.addWidget(out_label)
        out_row.addWidget(self.out, 1)
        out_row.addWidget(self.out_button)
        out_row.addWidget(self.generate_button)

        right = QVBoxLayout()
        right.addWidget(self.summary)
        right.addWidget(self.changes)
        right.addWidget(self.slides, 1)
        right.addLayout(out_row)
        right.addWidget(self.progress)
        right.addWidget(self.result)
        body = QHBoxLayout()
        body.addWidget(scroll)
        body.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addLayout(body, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.refresh_preview)
        self.refresh_preview()

    # --- preview ------------------------------------------------------------------------

    def schedule_preview(self) -> None:
        """Rebuild the preview once the user pauses."""
        self._timer.start()

    def refresh_preview(self) -> bool:
        """Rebuild the DeckSpec from the options and show it; return False on a problem."""
        self._timer.stop()
        try:
            prepared = prepare(self.context.course, self.form.options())
            deck = deck_spec(prepared)
        except DeflectionKitError as error:
            self.summary.setText(f"Cannot build the deck: {error}")
            self.summary.setProperty("state", "error")
            self.generate_button.setEnabled(False)
            return False
        self._prepared, self._deck = prepared, deck
        self.model.set_deck(deck, prepared.theme.look.with_accent(deck.accent))
        self.slides.setIconSize(self.model.thumbnail_size())
        self.slides.setGridSize(self.model.thumbnail_size() + QSize(24, 56))
        pathways = len(deck.pathways)
        self.summary.setText(
            f"{len(deck.slides)} slides · {pathways} pathway{'s' if pathways != 1 else ''} · "
            f"theme {prepared.theme.name}"
        )
        self.summary.setProperty("state", "")
        warning = template_warning(prepared.theme, deck)
        self.changes.setText(warning)
        self.changes.setVisible(bool(warning))
        self.generate_button.setEnabled(self._thread is None)
        self.preview_ready.emit()
        return True

    def deck(self) -> DeckSpec | None:
        """Return the deck the preview shows."""
        return self._deck

    # --- generate -----------------------------------------------------------------------

    def _choose_output(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, "Save the deck", self.out.text(), "PowerPoint (*.pptx)"
        )
        if name:
            self.out.setText(name if name.lower().endswith(".pptx") else name + ".pptx")

    def generate(self) -> None:
        """Write the deck shown to the output file, in a worker thread."""
        if self._thread is not None:
            return
        if not self.refresh_preview() or self._deck is None or self._prepared is None:
            self.generate_failed.emit(self.summary.text())
            return
        out = Path(self.out.text().strip()).expanduser()
        if out.suffix.lower() != ".pptx":
            self._failed(f"{out}: the deck file name must end in .pptx")
            return
        self.generate_button.setEnabled(False)
        self.progress.setRange(0, len(self._deck.slides))
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self.result.setText("Writing the deck…")
        writer = DeckWriter(self._deck, self._prepared.theme, out)
        self._thread = start_worker(
            self, writer, self._progress, self._done, self._failed, self._cleanup
        )

    def _progress(self, done: int, total: int) -> None:
        self.progress.setMaximum(total)
        self.progress.setValue(done)

    def _done(self, built: BuiltDeck) -> None:
        self._built = built
        self.result.setText(f"Saved {built.path}\n{built.report(limit=3)}")
        self.progress.setVisible(False)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(built.path.parent)))
        self.generated.emit(str(built.path))

    def built(self) -> BuiltDeck | None:
        """Return the deck last written, with what the accessibility check found."""
        return self._built

    def _failed(self, message: str) -> None:
        self.result.setText(f"Not saved: {message}")
        self.progress.setVisible(False)
        self.generate_button.setEnabled(True)
        self.generate_failed.emit(message)

    def _cleanup(self) -> None:
        self._thread = None
        self.generate_button.setEnabled(self._deck is not None)

    def busy(self) -> bool:
        """Return whether a deck is being written."""
        return self._thread is not None
