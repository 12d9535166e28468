"""Lay blocks out on pages: measure text with the target device's metrics, break across pages.

Layout happens before painting so the footer can say "page x of y", and so the same pages can
be painted to a PDF writer or a printer.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPaintDevice, QTextLayout, QTextOption

from deflection_kit.pdf import flow
from deflection_kit.pdf.blocks import (
    Block,
    Bullets,
    Checklist,
    Details,
    FieldRow,
    Heading,
    KeepTogether,
    Note,
    PageBreak,
    Paragraph,
    RatingGrid,
    Rule,
    Spacer,
    Table,
    TextField,
    Title,
)
from deflection_kit.pdf.fonts import make_font
from deflection_kit.pdf.ops import (
    ACCENT,
    HEADER_FILL,
    INK,
    MUTED,
    RULE,
    ZEBRA_FILL,
    BoxOp,
    FieldKind,
    FieldSpot,
    FillOp,
    ImageOp,
    LineOp,
    Op,
    TextOp,
)

__all__ = [
    "ACCENT",
    "HEADER_FILL",
    "INK",
    "MUTED",
    "RULE",
    "ZEBRA_FILL",
    "BoxOp",
    "Composer",
    "FieldSpot",
    "FillOp",
    "ImageOp",
    "LineOp",
    "Op",
    "TextOp",
]

_ALIGN = {
    "left": Qt.AlignmentFlag.AlignLeft,
    "right": Qt.AlignmentFlag.AlignRight,
    "center": Qt.AlignmentFlag.AlignHCenter,
}


class Composer:
    """Place blocks on pages of a device's paintable area, in device units."""

    def __init__(
        self,
        device: QPaintDevice,
        header_pt: float = 22.0,
        footer_pt: float = 22.0,
        filler: Sequence[Block] = (),
    ):
        self.device = device
        self.header_pt, self.footer_pt = header_pt, footer_pt
        self.unit = device.logicalDpiY() / 72.0  # device units per point
        self.width = float(device.width())
        self.top = header_pt * self.unit
        self.bottom = float(device.height()) - footer_pt * self.unit
        self.pages: list[list[Op]] = [[]]
        self.fields: list[FieldSpot] = []
        self.filler = tuple(filler)  # what a page skipped for double-sided printing holds
        self.y = self.top

    def pt(self, points: float) -> float:
        """Return ``points`` in device units."""
        return points * self.unit

    # -- measuring ---------------------------------------------------------------------

    def line_height(self, font: QFont) -> float:
        """Return the distance between baselines for ``font``."""
        return QFontMetricsF(font, self.device).lineSpacing()

    def wrap(self, text: str, font: QFont, width: float) -> list[str]:
        """Return ``text`` broken into lines no wider than ``width`` (words, else anywhere)."""
        lines: list[str] = []
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        for paragraph in text.split("\n"):
            if not paragraph.strip():
                lines.append("")
                continue
            layout = QTextLayout(paragraph, font, self.device)
            layout.setTextOption(option)
            layout.beginLayout()
            while True:
                line = layout.createLine()
                if not line.isValid():
                    break
                line.setLineWidth(max(width, 1.0))
                start, length = line.textStart(), line.textLength()
                lines.append(paragraph[start : start + length].rstrip())
            layout.endLayout()
        return lines or [""]

    # -- placing -----------------------------------------------------------------------

    @property
    def ops(self) -> list[Op]:
        """Return the current page's drawing operations."""
        return self.pages[-1]

    def new_page(self) -> None:
        """Continue on a fresh page."""
        self.pages.append([])
        self.y = self.top

    def probe(self) -> Composer:
        """Return an empty composer for the same device, to measure blocks without placing them."""
        return Composer(self.device, self.header_pt, self.footer_pt)

    def add_field(
        self, rect: QRectF, name: str, kind: FieldKind = "text", **options: object
    ) -> None:
        """Record a fillable field on the current page."""
        spot = FieldSpot(len(self.pages) - 1, rect, name, kind, **options)  # type: ignore[arg-type]
        self.fields.append(spot)

    def fill_skipped_page(self) -> None:
        """Put the filler blocks on the current (skipped) page, then start the next one."""
        for block in self.filler:
            self.add(block)
        self.new_page()

    def pad_to_even(self) -> None:
        """Add a filler page if the page count is odd (double-sided printing)."""
        if len(self.pages) % 2 == 1:
            self.new_page()
            for block in self.filler:
                self.add(block)

    def room(self) -> float:
        """Return the height left on the current page."""
        return self.bottom - self.y

    def ensure(self, height: float) -> bool:
        """Start a new page unless ``height`` fits; return True when a page was started."""
        if height > self.room() and self.y > self.top:
            self.new_page()
            return True
        return False

    def add(self, block: Block) -> None:
        """Lay out one block."""
        if isinstance(block, Heading):
            self._heading(block)
        elif isinstance(block, Paragraph):
            self._paragraph(block)
        elif isinstance(block, Details):
            self._details(block)
        elif isinstance(block, Table):
            self._table(block)
        elif isinstance(block, Spacer):
            self.y += self.pt(block.height)
        elif isinstance(block, PageBreak):
            self._page_break(block)
        else:
            self._flow(block)

    def _flow(self, block: Block) -> None:
        if isinstance(block, Title):
            flow.title(self, block)
        elif isinstance(block, Bullets):
            flow.bullets(self, block)
        elif isinstance(block, Checklist):
            flow.checklist(self, block)
        elif isinstance(block, Note):
            flow.note(self, block)
        elif isinstance(block, TextField):
            flow.field_row(self, FieldRow([block]))
        elif isinstance(block, FieldRow):
            flow.field_row(self, block)
        elif isinstance(block, RatingGrid):
            flow.rating_grid(self, block)
        elif isinstance(block, Rule):
            flow.rule(self)
        elif isinstance(block, KeepTogether):
            flow.keep_together(self, block)

    def _page_break(self, block: PageBreak) -> None:
        if self.ops or self.y > self.top:
            self.new_page()
        if block.odd and len(self.pages) % 2 == 0:
            self.fill_skipped_page()

    def _heading(self, block: Heading) -> None:
        size = 16.0 if block.level <= 1 else 12.5 if block.level == 2 else 11.0
        font = make_font(size, bold=True)
        lines = self.wrap(block.text, font, self.width)
        height = self.line_height(font)
        self.ensure(height * len(lines) + self.pt(48))  # keep a heading with what follows
        if block.level >= 3 and self.y > self.top:
            self.y += self.pt(3)  # air above a subsection (levels 1-2 keep the exports' spacing)
        for text in lines:
            color = ACCENT if block.level <= 2 else INK
            self.ops.append(TextOp(QRectF(0, self.y, self.width, height), text, font, color=color))
            self.y += height
        self.y += self.pt(4 if block.level <= 2 else 2)

    def _paragraph(self, block: Paragraph) -> None:
        font = make_font(block.size, bold=block.bold, italic=block.italic)
        height = self.line_height(font)
        for text in self.wrap(block.text, font, self.width):
            self.ensure(height)
            color = MUTED if block.muted else INK
            self.ops.append(TextOp(QRectF(0, self.y, self.width, height), text, font, color=color))
            self.y += height
        self.y += self.pt(4)

    def _details(self, block: Details) -> None:
        label_font, value_font = make_font(9.0, bold=True), make_font(10.0)
        columns = max(1, block.columns)
        gap = self.pt(12)
        cell = (self.width - gap * (columns - 1)) / columns
        items = [(label, value) for label, value in block.items if value]
        metrics = QFontMetricsF(label_font, self.device)
        # Each column's labels share one width, so the values line up down the column.
        label_widths = [
            min(
                max((metrics.horizontalAdvance(label + "  ") for label, _ in items[i::columns]),
                    default=0.0),
                cell * 0.45,
            )
            for i in range(columns)
        ]  # fmt: skip
        for start in range(0, len(items), columns):
            row = items[start : start + columns]
            placed: list[tuple[float, list[str], str, float]] = []
            row_height = 0.0
            for index, (label, value) in enumerate(row):
                x = index * (cell + gap)
                label_width = label_widths[index]
                lines = self.wrap(value, value_font, cell - label_width)
                placed.append((x, lines, label, label_width))
                row_height = max(row_height, len(lines) * self.line_height(value_font))
            self.ensure(row_height)
            for x, lines, label, label_width in placed:
                line_h = self.line_height(value_font)
                self.ops.append(
                    TextOp(QRectF(x, self.y, label_width, line_h), label, label_font, color=MUTED)
                )
                for number, text in enumerate(lines):
                    rect = QRectF(
                        x + label_width, self.y + number * line_h, cell - label_width, line_h
                    )
                    self.ops.append(TextOp(rect, text, value_font))
            self.y += row_height + self.pt(3)
        self.y += self.pt(4)

    def _table(self, block: Table) -> None:
        body_font, head_font = make_font(block.size), make_font(block.size, bold=True)
        bold_font = make_font(block.size, bold=True)
        pad_x, pad_y = self.pt(3), self.pt(2.5)
        total = sum(c.weight for c in block.columns) or 1.0
        widths = [self.width * c.weight / total for c in block.columns]
        lefts = [sum(widths[:i]) for i in range(len(widths))]

        def measure(cells: list[str], font: QFont, minimum: float) -> tuple[list[list[str]], float]:
            wrapped = [
                self.wrap(text, font, width - 2 * pad_x)
                for text, width in zip(cells, widths, strict=False)
            ]
            lines = max((len(w) for w in wrapped), default=1)
            return wrapped, max(lines * self.line_height(font) + 2 * pad_y, minimum)

        header_cells, header_height = measure([c.header for c in block.columns], head_font, 0.0)

        def draw_row(
            wrapped: list[list[str]], height: float, font: QFont, fill: str | None
        ) -> None:
            if fill:
                self.ops.append(FillOp(QRectF(0, self.y, self.width, height), fill))
            line_h = self.line_height(font)
            for column, lines, left, width in zip(
                block.columns, wrapped, lefts, widths, strict=False
            ):
                for number, text in enumerate(lines):
                    top = self.y + pad_y + number * line_h
                    if top + line_h > self.y + height + 0.5:
                        break  # a row taller than a page: clip, never overlap the next row
                    rect = QRectF(left + pad_x, top, width - 2 * pad_x, line_h)
                    self.ops.append(TextOp(rect, text, font, _ALIGN[column.align]))
            self.ops.append(LineOp(0, self.y + height, self.width, self.y + height, self.pt(0.5)))
            for left in lefts[1:]:
                self.ops.append(
                    LineOp(left, self.y, left, self.y + height, self.pt(0.3), "#c8d0d8")
                )
            for edge in (0.0, self.width):
                self.ops.append(LineOp(edge, self.y, edge, self.y + height, self.pt(0.5)))
            self.y += height

        def draw_header() -> None:
            self.ops.append(LineOp(0, self.y, self.width, self.y, self.pt(0.8)))
            draw_row(header_cells, header_height, head_font, HEADER_FILL)

        min_height = self.pt(block.min_row_height)
        first = measure(list(block.rows[0]), body_font, min_height)[1] if block.rows else 0.0
        self.ensure(header_height + first)
        draw_header()
        for index, row in enumerate(block.rows):
            font = bold_font if index in block.bold_rows else body_font
            wrapped, height = measure([str(c) for c in row], font, min_height)
            height = min(height, self.bottom - self.top - header_height)
            if height > self.room():
                self.new_page()
                draw_header()
            fill = ZEBRA_FILL if block.zebra and index % 2 == 1 else None
            names = block.fields[index] if index < len(block.fields) else ()
            for name, left, width in zip(names, lefts, widths, strict=False):
                if name:  # a fillable cell: the field sits just inside the cell's rules
                    inset = self.pt(1)
                    cell = QRectF(
                        left + inset, self.y + inset, width - 2 * inset, height - 2 * inset
                    )
                    multiline = height > 2.2 * self.line_height(body_font) + 2 * pad_y
                    self.add_field(cell, name, "text", multiline=multiline, size=block.size)
            draw_row(wrapped, height, font, fill)
        self.y += self.pt(8)
