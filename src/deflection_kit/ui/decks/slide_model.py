"""A Qt list model over a DeckSpec's slides, with thumbnails painted lazily and cached."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QPixmap

from deflection_kit.decks import DeckSpec, SlideSpec, ThemeLook
from deflection_kit.ui.slide_painter import SlidePainter

SlideRole = Qt.ItemDataRole.UserRole + 1
MAX_CACHED = 300

_ROLE_NAMES = {
    "title": "title slide",
    "section": "section",
    "bullets": "bullets",
    "two-column": "two columns",
    "image": "picture and text",
    "quote": "quote",
    "case-study": "case study",
    "discussion": "discussion",
    "knowledge-check": "knowledge check",
    "resources": "resources",
    "closing": "closing",
}


class SlideListModel(QAbstractListModel):
    """One row per slide; the decoration is the slide painted by ``SlidePainter``.

    Thumbnails are painted only when a view asks for them (the visible rows) and kept until
    the deck changes, so a long deck costs nothing until it is scrolled.
    """

    def __init__(self, thumbnail_width: int = 256, parent: Any = None) -> None:
        super().__init__(parent)
        self.thumbnail_width = thumbnail_width
        self._deck: DeckSpec | None = None
        self._painter: SlidePainter | None = None
        self._cache: dict[int, QPixmap] = {}
        self.painted = 0  # how many thumbnails were painted (they are cached)

    def set_deck(self, deck: DeckSpec | None, look: ThemeLook | None) -> None:
        """Show another deck (or none)."""
        self.beginResetModel()
        self._deck = deck
        self._painter = SlidePainter(look) if look is not None else None
        self._cache.clear()
        self.endResetModel()

    def deck(self) -> DeckSpec | None:
        """Return the deck shown."""
        return self._deck

    def thumbnail_size(self) -> QSize:
        """Return the size of one thumbnail."""
        if self._painter is None:
            return QSize(self.thumbnail_width, self.thumbnail_width * 9 // 16)
        look = self._painter.look
        return QSize(self.thumbnail_width, round(self.thumbnail_width * look.height / look.width))

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        """Return the number of slides."""
        if parent.isValid() or self._deck is None:
            return 0
        return len(self._deck.slides)

    def slide(self, row: int) -> SlideSpec:
        """Return the slide in a row."""
        assert self._deck is not None
        return self._deck.slides[row]

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        """Return a slide's label, thumbnail, tooltip or SlideSpec."""
        if not index.isValid() or self._deck is None:
            return None
        row = index.row()
        slide = self._deck.slides[row]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{row + 1}. {slide.title}"
        if role == Qt.ItemDataRole.DecorationRole:
            return self._thumbnail(row)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            kind = _ROLE_NAMES.get(slide.role, slide.role)
            return f"Slide {row + 1} of {len(self._deck.slides)}: {slide.title} ({kind})"
        if role == SlideRole:
            return slide
        return None

    def _thumbnail(self, row: int) -> QPixmap | None:
        if self._painter is None or self._deck is None:
            return None
        cached = self._cache.get(row)
        if cached is None:
            if len(self._cache) >= MAX_CACHED:
                self._cache.clear()
            image = self._painter.image(
                self._deck.slides[row], self.thumbnail_width * 2, self._deck, row + 1
            )
            cached = QPixmap.fromImage(image)
            cached.setDevicePixelRatio(2.0)  # painted at twice the size: crisp on any screen
            self._cache[row] = cached
            self.painted += 1
        return cached
