"""Page setup: size, orientation, margins and resolution, always set explicitly."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize

PaperSize = Literal["letter", "a4", "legal"]
Orientation = Literal["portrait", "landscape"]

_SIZES = {
    "letter": QPageSize.PageSizeId.Letter,
    "a4": QPageSize.PageSizeId.A4,
    "legal": QPageSize.PageSizeId.Legal,
}


@dataclass(frozen=True)
class PageSetup:
    """How pages are cut: US Letter portrait, 15 mm margins and 300 dpi unless told otherwise."""

    size: PaperSize = "letter"
    orientation: Orientation = "portrait"
    margins_mm: tuple[float, float, float, float] = (15.0, 15.0, 15.0, 15.0)  # l, t, r, b
    resolution: int = 300

    def page_layout(self) -> QPageLayout:
        """Return the Qt page layout for this setup."""
        left, top, right, bottom = self.margins_mm
        orientation = (
            QPageLayout.Orientation.Landscape
            if self.orientation == "landscape"
            else QPageLayout.Orientation.Portrait
        )
        return QPageLayout(
            QPageSize(_SIZES[self.size]),
            orientation,
            QMarginsF(left, top, right, bottom),
            QPageLayout.Unit.Millimeter,
        )
