"""A document: blocks laid out on pages with a running header and "page x of y" footer.

Paint it to a PDF file (``write_pdf``) or to any paged device such as a QPrinter (``paint``).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPagedPaintDevice, QPainter, QPdfWriter, QPen

from deflection_kit import privatefiles
from deflection_kit.pdf.blocks import Block
from deflection_kit.pdf.fonts import make_font, register_bundled_fonts
from deflection_kit.pdf.gui import ensure_gui_app
from deflection_kit.pdf.layout import MUTED, RULE, Composer, FillOp, LineOp, Op, TextOp
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
        composer = Composer(device)
        for block in self.blocks:
            composer.add(block)
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
            count = self.paint(writer)
            del writer  # the file is complete once the painter has ended and the writer is gone
        return count


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
