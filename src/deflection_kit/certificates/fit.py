"""Fit a line of text into a box: the largest size on one line, else wrapped, measured (QtGui).

Sizes are in points on the page; ``scale`` is device pixels per point, so the same code measures
for a 600 dpi PDF, a printer and a screen preview. Qt shapes and orders the text (Arabic joins,
Hebrew and Arabic run right to left) because it is laid out with QTextLayout.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPaintDevice, QPainter, QTextLayout, QTextOption

from deflection_kit.certificates.svgdoc import TextBox
from deflection_kit.pdf.fonts import document_font

FLOOR_SIZE = 4.0  # points: below this nobody can read it, so it is where shrinking stops
_ALIGN = {
    "start": Qt.AlignmentFlag.AlignLeft,
    "middle": Qt.AlignmentFlag.AlignHCenter,
    "end": Qt.AlignmentFlag.AlignRight,
}


@dataclass
class FittedText:
    """A laid-out text ready to draw: its layout, size in points and height in pixels."""

    layout: QTextLayout
    size: float
    lines: int
    height: float
    fits: bool


def _font(box: TextBox, size: float, scale: float, device: QPaintDevice) -> QFont:
    font = document_font(size, bold=box.bold, serif=box.serif)
    # Fix the pixel size on the device whatever its dpi: ``size`` points are size*scale pixels.
    font.setPointSizeF(size * scale * 72.0 / max(1, device.logicalDpiY()))
    font.setItalic(box.italic)
    if box.letter_spacing:
        font.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, box.letter_spacing * scale)
    if box.uppercase:
        font.setCapitalization(QFont.Capitalization.AllUppercase)
    return font


def _layout(
    box: TextBox, size: float, scale: float, width: float, device: QPaintDevice, wrap: bool
) -> FittedText:
    layout = QTextLayout(box.text, _font(box, size, scale, device), device)
    option = QTextOption(_ALIGN[box.align])
    option.setTextDirection(Qt.LayoutDirection.LayoutDirectionAuto)
    option.setWrapMode(
        QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere if wrap else QTextOption.WrapMode.NoWrap
    )
    layout.setTextOption(option)
    layout.setCacheEnabled(True)
    layout.beginLayout()
    y = 0.0
    lines = 0
    widest = 0.0
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        line.setPosition(QPointF(0.0, y))
        y += line.height()
        widest = max(widest, line.naturalTextWidth())
        lines += 1
    layout.endLayout()
    fits = widest <= width + 0.01 and lines <= (box.max_lines if wrap else 1)
    fits = fits and y <= box.height * scale + 0.01
    return FittedText(layout, size, lines, y, fits)


def fit_text(box: TextBox, scale: float, device: QPaintDevice) -> FittedText:
    """Return ``box.text`` laid out at the largest size that fits, shrinking then wrapping."""
    width = box.width * scale
    first = _layout(box, box.size, scale, width, device, wrap=False)
    if first.fits or not box.text:
        return first
    # One line: width grows in proportion to size, so one measurement finds the size.
    natural = max(first.layout.lineAt(0).naturalTextWidth(), 1e-6) if first.lines else 1e-6
    estimate = box.size * width / natural * 0.995
    if estimate >= box.min_size:
        single = _layout(box, min(estimate, box.size), scale, width, device, wrap=False)
        if single.fits:
            return single
    # Wrapped onto up to max_lines lines, at the largest size that fits: a binary search.
    best: FittedText | None = None
    if box.max_lines > 1:
        best = _search(box, box.min_size, box.size, scale, width, device)
    if best is None:
        # Still too long: go below the design's smallest size rather than cut a name.
        best = _search(box, FLOOR_SIZE, box.min_size, scale, width, device)
    return best or _layout(box, FLOOR_SIZE, scale, width, device, wrap=True)


def _search(
    box: TextBox, low: float, high: float, scale: float, width: float, device: QPaintDevice
) -> FittedText | None:
    if (top := _layout(box, high, scale, width, device, wrap=True)).fits:
        return top
    best = _layout(box, low, scale, width, device, wrap=True)
    if not best.fits:
        return None
    for _ in range(7):
        middle = (low + high) / 2
        trial = _layout(box, middle, scale, width, device, wrap=True)
        if trial.fits:
            best, low = trial, middle
        else:
            high = middle
    return best


class FitCache:
    """Fitted texts kept for the boxes a batch prints on every page (the heading, the course's
    wording, a session's date and facilitators), so each is laid out once, not once a page.

    A fit depends only on the box (its text and style), the scale and the device's resolution,
    so a layout made for one PDF draws the same on the next. The oldest entries go first.
    """

    def __init__(self, capacity: int = 256) -> None:
        self.capacity = capacity
        self._fits: OrderedDict[tuple[object, ...], FittedText] = OrderedDict()

    def fit(self, box: TextBox, scale: float, device: QPaintDevice) -> FittedText:
        """Return ``box``'s text fitted as fit_text does, laid out once per device kind."""
        key = (box, scale, type(device), device.logicalDpiX(), device.logicalDpiY())
        fitted = self._fits.get(key)
        if fitted is None:
            fitted = self._fits[key] = fit_text(box, scale, device)
            if len(self._fits) > self.capacity:
                self._fits.popitem(last=False)
        else:
            self._fits.move_to_end(key)
        return fitted


def draw_text_box(
    painter: QPainter,
    box: TextBox,
    origin: QPointF,
    scale: float,
    device: QPaintDevice,
    cache: FitCache | None = None,
) -> FittedText:
    """Draw ``box``'s text fitted into its rectangle, centred vertically; return the fit."""
    fitted = cache.fit(box, scale, device) if cache is not None else fit_text(box, scale, device)
    left, top = origin.x() + box.x * scale, origin.y() + box.y * scale
    rect = QRectF(left, top, box.width * scale, box.height * scale)
    color = QColor(box.color)
    painter.save()
    painter.setPen(color if color.isValid() else QColor("black"))
    top = rect.top() + max(0.0, (rect.height() - fitted.height) / 2)
    fitted.layout.draw(painter, QPointF(rect.left(), top))
    painter.restore()
    return fitted
