"""Lay out the richer blocks: titles, lists, checklists, notes, form fields, rating grids.

Each function places one block on a ``Composer``'s pages; they keep to the composer's rules:
measure with the device's metrics, never split a line, and start a new page when a unit that
must stay whole (a list item, a grid row, a box) does not fit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QImage

from deflection_kit.pdf.blocks import (
    Bullets,
    Checklist,
    FieldRow,
    KeepTogether,
    Note,
    RatingGrid,
    Title,
)
from deflection_kit.pdf.fonts import make_font
from deflection_kit.pdf.ops import (
    ACCENT,
    HEADER_FILL,
    INK,
    KEY_BAR,
    KEY_FILL,
    MUTED,
    NOTE_FILL,
    PLAIN_FILL,
    RULE,
    ZEBRA_FILL,
    BoxOp,
    FillOp,
    ImageOp,
    LineOp,
    Op,
    TextOp,
)

if TYPE_CHECKING:
    from deflection_kit.pdf.layout import Composer

MARKERS = ("•", "–", "·")
_CENTER = Qt.AlignmentFlag.AlignHCenter


def _logo(c: Composer, block: Title) -> tuple[QImage | None, float]:
    """Return the title's logo (None if there is none or it cannot be read) and its width."""
    if not block.logo:
        return None, 0.0
    image = QImage(block.logo)
    if image.isNull() or image.height() == 0:
        return None, 0.0
    height = c.pt(block.logo_height)
    width = min(height * image.width() / image.height(), c.width / 3)
    return image, width


def title(c: Composer, block: Title) -> None:
    """Place a document title: kicker, title, subtitle, a logo at the right, an accent rule."""
    top = c.y
    image, logo_width = _logo(c, block)
    room = c.width - (logo_width + c.pt(16) if image is not None else 0.0)
    if block.kicker:
        font = make_font(9.5, bold=True)
        height = c.line_height(font)
        c.ops.append(TextOp(QRectF(0, c.y, room, height), block.kicker.upper(), font, color=ACCENT))
        c.y += height + c.pt(2)
    font = make_font(21.0, bold=True)
    height = c.line_height(font)
    for text in c.wrap(block.text, font, room):
        c.ops.append(TextOp(QRectF(0, c.y, room, height), text, font))
        c.y += height
    if block.subtitle:
        c.y += c.pt(3)
        font = make_font(11.5)
        height = c.line_height(font)
        for text in c.wrap(block.subtitle, font, room):
            c.ops.append(TextOp(QRectF(0, c.y, room, height), text, font, color=MUTED))
            c.y += height
    if image is not None:
        tall = logo_width * image.height() / image.width()
        c.ops.append(ImageOp(QRectF(c.width - logo_width, top, logo_width, tall), image))
        c.y = max(c.y, top + tall)
    c.y += c.pt(8)
    c.ops.append(FillOp(QRectF(0, c.y, c.pt(56), c.pt(3)), ACCENT))
    c.y += c.pt(16)


def rule(c: Composer) -> None:
    """Place a thin rule across the page."""
    c.ensure(c.pt(10))
    c.y += c.pt(4)
    c.ops.append(LineOp(0, c.y, c.width, c.y, c.pt(0.5)))
    c.y += c.pt(8)


def bullets(c: Composer, block: Bullets) -> None:
    """Place a list: a marker (or number) in a hanging indent, items never split across pages."""
    font = make_font(block.size)
    height = c.line_height(font)
    metrics = QFontMetricsF(font, c.device)
    indent = c.pt(block.size * 1.3)
    numbers = [0, 0, 0]
    color = MUTED if block.muted else INK
    for position, item in enumerate(block.items):
        text, level = (item, 0) if isinstance(item, str) else (item[0], max(0, min(2, item[1])))
        numbers[level] += 1
        numbers[level + 1 :] = [0] * (2 - level)
        marker = f"{numbers[0]}." if block.numbered and level == 0 else MARKERS[level]
        if position < len(block.markers):
            marker = block.markers[position]
        left = level * indent
        gap = max(indent, metrics.horizontalAdvance(marker + "  "))
        lines = c.wrap(text, font, c.width - left - gap)
        c.ensure(height * len(lines))
        c.ops.append(TextOp(QRectF(left, c.y, gap, height), marker, font, color=color))
        for line in lines:
            c.ops.append(TextOp(QRectF(left + gap, c.y, c.width - left - gap, height), line, font,
                                color=color))  # fmt: skip
            c.y += height
        c.y += c.pt(block.size * 0.25)
    c.y += c.pt(4)


def checklist(c: Composer, block: Checklist) -> None:
    """Place items with boxes to tick, in one or more columns; named boxes become checkboxes."""
    font = make_font(block.size)
    height = c.line_height(font)
    columns = max(1, block.columns)
    gap = c.pt(14)
    cell = (c.width - gap * (columns - 1)) / columns
    box = c.pt(block.size * 0.95)
    text_left = box + c.pt(7)
    names = list(block.names)
    for start in range(0, len(block.items), columns):
        row = list(block.items[start : start + columns])
        wrapped = [c.wrap(text, font, cell - text_left) for text in row]
        row_height = max(len(lines) for lines in wrapped) * height
        c.ensure(row_height)
        for index, lines in enumerate(wrapped):
            x = index * (cell + gap)
            rect = QRectF(x, c.y + (height - box) / 2, box, box)
            c.ops.append(BoxOp(rect, c.pt(0.8)))
            position = start + index
            if position < len(names) and names[position]:
                c.add_field(rect, names[position], "checkbox")
            for number, line in enumerate(lines):
                top = c.y + number * height
                c.ops.append(
                    TextOp(QRectF(x + text_left, top, cell - text_left, height), line, font)
                )
        c.y += row_height + c.pt(block.size * 0.35)
    c.y += c.pt(4)


def note(c: Composer, block: Note) -> None:
    """Place a shaded note with an accent bar; a long note continues on the next page.

    A note shorter than half a page moves whole to the next page rather than split; a split
    never leaves a single line behind or carries a single line over.
    """
    fill, bar_color = {
        "info": (NOTE_FILL, ACCENT),
        "key": (KEY_FILL, KEY_BAR),
        "plain": (PLAIN_FILL, RULE),
    }[block.tone]
    font = make_font(block.size)
    label_font = make_font(block.size * 0.85, bold=True)
    pad, bar = c.pt(6), c.pt(2.5)
    left = bar + c.pt(8)
    inner = c.width - left - pad
    lines: list[tuple[str, float, bool]] = []  # text, height, is_label
    if block.label:
        lines.append((block.label.upper(), c.line_height(label_font) + c.pt(2), True))
    full = c.line_height(font)
    for line in c.wrap(block.text.strip(), font, inner):
        lines.append((line, full if line else full * 0.45, False))
    total = sum(height for _, height, _ in lines) + 2 * pad
    if total > c.room() and total <= (c.bottom - c.top) / 2:
        c.new_page()
    color = bar_color if block.tone != "plain" else MUTED
    start = 0
    while start < len(lines):
        room = c.bottom - c.y - 2 * pad
        end, used = start, 0.0
        while end < len(lines) and used + lines[end][1] <= room:
            used += lines[end][1]
            end += 1
        if end < len(lines) and len(lines) - end < 2 and end - start > 3:
            end -= 1  # carry at least two lines over
        if end - start < min(3, len(lines) - start) and c.y > c.top:
            c.new_page()  # too little room to start here
            continue
        end = max(end, start + 1)
        top = c.y
        c.ops.append(FillOp(QRectF(0, top, c.width, 0), fill))  # sized below
        shade_at = len(c.ops) - 1
        c.y += pad
        for text, height, is_label in lines[start:end]:
            if text:
                used_font = label_font if is_label else font
                c.ops.append(
                    TextOp(
                        QRectF(left, c.y, inner, height),
                        text,
                        used_font,
                        color=color if is_label else INK,
                    )
                )
            c.y += height
        c.y += pad
        c.ops[shade_at] = FillOp(QRectF(0, top, c.width, c.y - top), fill)
        c.ops.insert(shade_at + 1, FillOp(QRectF(0, top, bar, c.y - top), bar_color))
        start = end
        if start < len(lines):
            c.new_page()
            while start < len(lines) and not lines[start][0]:
                start += 1  # a continued note does not open with a blank line
    c.y += c.pt(7)


def field_row(c: Composer, block: FieldRow) -> None:
    """Place labelled boxes side by side; named ones become fillable text fields."""
    fields = list(block.fields)
    if not fields:
        return
    label_font, hint_font = make_font(8.5, bold=True), make_font(7.5, italic=True)
    label_h, hint_h = c.line_height(label_font), c.line_height(hint_font)
    gap = c.pt(10)
    total = sum(f.weight for f in fields) or 1.0
    usable = c.width - gap * (len(fields) - 1)
    widths = [usable * f.weight / total for f in fields]
    writing = c.pt(19)  # room for one handwritten line
    label_lines = [c.wrap(f.label, label_font, w) for f, w in zip(fields, widths, strict=True)]
    labels_h = max(len(lines) for lines in label_lines) * label_h
    hints = any(f.hint for f in fields)
    box_h = max(f.lines for f in fields) * writing + c.pt(4)
    c.ensure(labels_h + (hint_h if hints else 0) + box_h + c.pt(4))
    x = 0.0
    for spec, width, lines in zip(fields, widths, label_lines, strict=True):
        y = c.y
        for line in lines:
            c.ops.append(TextOp(QRectF(x, y, width, label_h), line, label_font, color=MUTED))
            y += label_h
        y = c.y + labels_h
        if hints:
            if spec.hint:
                c.ops.append(TextOp(QRectF(x, y, width, hint_h), spec.hint, hint_font, color=MUTED))
            y += hint_h
        height = spec.lines * writing + c.pt(4)
        rect = QRectF(x, y + c.pt(2), width, height)
        c.ops.append(FillOp(rect, "#fbfcfd"))
        c.ops.append(BoxOp(rect, c.pt(0.6), RULE))
        if spec.name:
            c.add_field(rect, spec.name, "text", multiline=spec.lines > 1)
        else:
            for row in range(1, spec.lines):  # faint writing lines on a print-only box
                ly = rect.top() + row * writing
                c.ops.append(LineOp(rect.left() + c.pt(4), ly, rect.right() - c.pt(4), ly,
                                    c.pt(0.3), "#d5dbe1"))  # fmt: skip
        x += width + gap
    c.y += labels_h + (hint_h if hints else 0) + box_h + c.pt(10)


def rating_grid(c: Composer, block: RatingGrid) -> None:
    """Place a grid of statements with one box per scale point; the header repeats on new pages."""
    font = make_font(block.size)
    head_font = make_font(block.size * 0.8, bold=True)
    scale = list(block.scale)
    column = c.pt(max(42.0, block.size * 4.5))
    text_w = c.width - column * len(scale)
    pad = c.pt(4)
    line_h, head_line = c.line_height(font), c.line_height(head_font)
    heads = [c.wrap(label, head_font, column - c.pt(4)) for label in scale]
    head_h = max(len(lines) for lines in heads) * head_line + 2 * pad
    box = c.pt(block.size * 1.05)

    def header() -> None:
        c.ops.append(FillOp(QRectF(0, c.y, c.width, head_h), HEADER_FILL))
        for index, lines in enumerate(heads):
            x = text_w + index * column
            top = c.y + (head_h - len(lines) * head_line) / 2
            for number, line in enumerate(lines):
                rect = QRectF(x, top + number * head_line, column, head_line)
                c.ops.append(TextOp(rect, line, head_font, _CENTER, MUTED))
        c.y += head_h

    ops: list[Op]
    rows = [
        c.wrap(f"{n}. {s}" if block.numbered else s, font, text_w - 2 * pad)
        for n, s in enumerate(block.statements, start=block.first)
    ]
    first = len(rows[0]) * line_h + 2 * pad if rows else 0.0
    c.ensure(head_h + first)
    header()
    for index, lines in enumerate(rows):
        height = max(len(lines) * line_h, box) + 2 * pad
        if height > c.room():
            c.new_page()
            header()
        ops = c.ops
        if index % 2 == 1:
            ops.append(FillOp(QRectF(0, c.y, c.width, height), ZEBRA_FILL))
        for number, line in enumerate(lines):
            ops.append(TextOp(QRectF(pad, c.y + pad + number * line_h, text_w - 2 * pad, line_h),
                              line, font))  # fmt: skip
        for point in range(len(scale)):
            x = text_w + point * column + (column - box) / 2
            ops.append(BoxOp(QRectF(x, c.y + (height - box) / 2, box, box), c.pt(0.8)))
        ops.append(LineOp(0, c.y + height, c.width, c.y + height, c.pt(0.3), "#c8d0d8"))
        c.y += height
    c.y += c.pt(8)


def keep_together(c: Composer, block: KeepTogether) -> None:
    """Place blocks, first moving to a new page if they would split but fit on one page."""
    probe = c.probe()
    for inner in block.blocks:
        probe.add(inner)
    if len(probe.pages) == 1:
        c.ensure(probe.y - probe.top)
    for inner in block.blocks:
        c.add(inner)
