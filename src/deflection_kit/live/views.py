"""What the audience screen shows, as plain data: the presenter state decides, the screen obeys.

The audience window paints exactly one ``AudienceView`` at a time; a test compares it with what
the session says after every key press.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Blank = Literal["none", "black", "white"]
BLANKS: tuple[Blank, ...] = ("none", "black", "white")


@dataclass(frozen=True)
class ChartView:
    """A knowledge-check question with the room's answers, shown as a bar chart."""

    key: str
    prompt: str
    choices: tuple[str, ...]
    counts: tuple[int, ...]
    answer: int


@dataclass(frozen=True)
class AudienceView:
    """Everything the audience screen shows at one moment."""

    slide: int  # index into the deck
    blank: Blank = "none"
    chart: ChartView | None = None  # shown instead of the slide once revealed
    overlay: str = ""  # a message over the slide, e.g. "Break — back at 10:45"
    timer: int | None = None  # whole seconds of a countdown shown on screen, if any
    ended: bool = False  # the session is over: the screen goes black
