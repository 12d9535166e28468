"""A document: blocks laid out on pages with a running header and "page x of y" footer.

Paint it to a PDF file (``write_pdf``) or to any paged device such as a QPrinter (``paint``).
Blocks that are form fields become fillable AcroForm fields in the PDF; a document given a
``created`` date is written reproducibly (the same blocks give the same bytes).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPagedPaintDevice, QPainter, QPdfWriter, QPen

from deflection_kit import privatefiles
from deflection_kit.pdf import reproducible
from deflection_kit.pdf.acroform import FormField, add_form_fields
from deflection_kit.pdf.blocks import Block
from deflection_kit.pdf.fonts import make_font, register_bundled_fonts
from deflection_kit.pdf.gui import ensure_gui_app
from deflection_kit.pdf.layout import (
    MUTED,
    RULE,
    BoxOp,
    Composer,
    FieldSpot,
    FillOp,
    ImageOp,
    LineOp,
    Op,
    TextOp,
)
from deflection_kit.pdf.page import PageSetup

CREATOR = "Deflection Kit"


@dataclass
class Document:
    """Blocks plus what every page repeats; title and author go into the PDF's properties."""

    title: str
    author: str = ""
    setup: PageSetup = field(default_factory=PageSetup)
    header_left: str = ""
    header_right: str = ""
    footer_left: str = ""
    blocks: list[Block] = field(default_factory=list)
    # Double-sided printing: pages skipped by PageBreak(odd=True) or added by ``even_pages``
    # hold these blocks (a "Notes" page, say) instead of nothing.
    filler: Sequence[Block] = ()
    even_pages: bool = False  # end on an even page so the next copy starts on a fresh sheet
    created: dt.datetime | None = None  # set it to write the same bytes for the same blocks
    fields: list[FieldSpot] = field(default_factory=list, repr=False)  # after layout

    def add(self, *blocks: Block) -> Document:
        """Append blocks; return the document for chaining."""
        self.blocks.extend(blocks)
        return self

    def extend(self, blocks: Iterable[Block]) -> Document:
        """Append many blocks."""
        self.blocks.extend(blocks)
        return self

    def layout(self, device: QPagedPaintDevice) -> list[list[Op]]:
        """Return the drawing operations of each page for ``device``."""
        register_bundled_fonts()
        composer = Composer(device, filler=self.filler)
        for block in self.blocks:
            composer.add(block)
        if self.even_pages:
            composer.pad_to_even()
        self.fields = composer.fields
        return composer.pages

    def paint(self, device: QPagedPaintDevice, painter: QPainter | None = None) -> int:
        """Paint every page onto a paged device (PDF writer or printer); return the page count."""
        pages = self.layout(device)
        own = painter is None
        active = painter if painter is not None else QPainter(device)
        if not active.isActive():
            raise RuntimeError("cannot paint on this device (is the printer available?)")
        try:
            active.setRenderHint(QPainter.RenderHint.Antialiasing)
            active.setRenderHint(QPainter.RenderHint.TextAntialiasing)
            for number, ops in enumerate(pages, start=1):
                if number > 1:
                    device.newPage()
                self._paint_frame(active, device, number, len(pages))
                for op in ops:
                    _paint_op(active, op)
        finally:
            if own:
                active.end()
        return len(pages)

    def _paint_frame(
        self, painter: QPainter, device: QPagedPaintDevice, number: int, count: int
    ) -> None:
        unit = device.logicalDpiY() / 72.0
        width, height = float(device.width()), float(device.height())
        font = make_font(8.0)
        line = QRectF(0, 0, width, 12 * unit)
        painter.setFont(font)
        painter.setPen(QColor(MUTED))
        left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop
        painter.drawText(line, left, self.header_left)
        painter.drawText(line, right, self.header_right)
        painter.setPen(QPen(QColor(RULE), 0.5 * unit))
        painter.drawLine(0, int(14 * unit), int(width), int(14 * unit))
        foot = QRectF(0, height - 12 * unit, width, 12 * unit)
        painter.setPen(QColor(MUTED))
        bottom_left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom
        bottom_right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom
        painter.drawText(foot, bottom_left, self.footer_left)
        painter.drawText(foot, bottom_right, f"Page {number} of {count}")

    def write_pdf(self, target: str | os.PathLike[str]) -> int:
        """Write the document to a PDF file (atomic, owner-only); return the page count."""
        ensure_gui_app()
        register_bundled_fonts()
        with privatefiles.atomic_path(Path(target), suffix=".pdf") as tmp:
            writer = QPdfWriter(str(tmp))
            writer.setResolution(self.setup.resolution)
            writer.setPageLayout(self.setup.page_layout())
            writer.setTitle(self.title)
            writer.setAuthor(self.author)
            writer.setCreator(CREATOR)
            if self.created is not None:
                reproducible.deterministic_qt()
                writer.setDocumentId(
                    reproducible.document_id(self.title, self.created, repr(self.blocks))
                )
                writer.setDocumentXmpMetadata(
                    reproducible.xmp(self.title, self.author, CREATOR, self.created)
                )
            count = self.paint(writer)
            del writer  # the file is complete once the painter has ended and the writer is gone
            if self.created is not None:
                reproducible.fix_dates(tmp, self.created)
            if self.fields:
                add_form_fields(tmp, self.form_fields())
        return count

    def form_fields(self) -> list[FormField]:
        """Return the laid-out form fields in PDF points (origin at the page's bottom left)."""
        layout = self.setup.page_layout()
        paint = layout.paintRect(layout.Unit.Point)
        height = layout.fullRect(layout.Unit.Point).height()
        unit = self.setup.resolution / 72.0
        result: list[FormField] = []
        for spot in self.fields:
            left = paint.left() + spot.rect.left() / unit
            top = paint.top() + spot.rect.top() / unit
            width, tall = spot.rect.width() / unit, spot.rect.height() / unit
            rect = (left, height - top - tall, left + width, height - top)
            result.append(
                FormField(spot.page, rect, spot.name, spot.kind, spot.multiline, spot.size)
            )
        return result


def _paint_op(painter: QPainter, op: Op) -> None:
    if isinstance(op, TextOp):
        painter.setFont(op.font)
        painter.setPen(QColor(op.color))
        flags = op.align | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextSingleLine
        painter.drawText(op.rect, int(flags), op.text)
    elif isinstance(op, LineOp):
        painter.setPen(QPen(QColor(op.color), op.width))
        painter.drawLine(op.x1, op.y1, op.x2, op.y2)  # type: ignore[call-overload]
    elif isinstance(op, FillOp):
        painter.fillRect(op.rect, QColor(op.color))
    elif isinstance(op, ImageOp):
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.drawImage(op.rect, op.image)
    elif isinstance(op, BoxOp):
        painter.setPen(QPen(QColor(op.color), op.width))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(op.rect)
