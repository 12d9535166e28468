"""Countdown timers for discussions and breaks, and how the kit writes a length of time.

Timers hold no clock of their own: every call is given ``now`` (seconds), so the session that
owns them decides what time it is, and tests can too.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any


@dataclass
class Countdown:
    """A countdown that can be started, paused, resumed and given more time."""

    duration: float = 0.0  # seconds it was set to (plus any added), 0 when unset
    left: float = 0.0  # seconds left at ``since`` when running, or now when paused
    since: float | None = None  # when it last started running; None when paused or unset

    @property
    def running(self) -> bool:
        """Return True while the countdown is counting."""
        return self.since is not None

    @property
    def is_set(self) -> bool:
        """Return True once the countdown has been given a length."""
        return self.duration > 0

    def remaining(self, now: float) -> float:
        """Return the seconds left at ``now`` (never below zero)."""
        if self.since is None:
            return max(self.left, 0.0)
        return max(self.left - max(now - self.since, 0.0), 0.0)

    def finished(self, now: float) -> bool:
        """Return True when a set countdown has reached zero."""
        return self.is_set and self.remaining(now) <= 0

    def start(self, seconds: float, now: float) -> None:
        """Start counting down ``seconds`` from ``now``."""
        if seconds <= 0:
            raise ValueError("a countdown needs a length above zero")
        self.duration = float(seconds)
        self.left = float(seconds)
        self.since = now

    def pause(self, now: float) -> None:
        """Stop counting, keeping the time left."""
        if self.since is not None:
            self.left = self.remaining(now)
            self.since = None

    def resume(self, now: float) -> None:
        """Count on from where it was paused."""
        if self.since is None and self.is_set and self.left > 0:
            self.since = now

    def add(self, seconds: float, now: float) -> None:
        """Give the countdown more time (a running one keeps running)."""
        if not self.is_set:
            self.start(seconds, now)
            return
        running = self.since is not None
        self.left = self.remaining(now) + seconds
        self.duration += seconds
        self.since = now if running else None

    def clear(self) -> None:
        """Unset the countdown."""
        self.duration, self.left, self.since = 0.0, 0.0, None

    def to_dict(self, now: float) -> dict[str, Any]:
        """Return the countdown as plain data, as it stands at ``now``."""
        return {
            "duration": self.duration,
            "left": self.remaining(now),
            "running": self.since is not None,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], now: float) -> Countdown:
        """Return a countdown restored from ``to_dict`` data, counting on from ``now``."""
        running = bool(data.get("running")) and float(data.get("left", 0)) > 0
        return cls(
            duration=float(data.get("duration", 0.0)),
            left=float(data.get("left", 0.0)),
            since=now if running else None,
        )


def clock_text(seconds: float, hours_after: int = 60) -> str:
    """Return a length of time as a clock face: "4:05", "1:02:03", "-0:30" when over.

    Up to ``hours_after`` minutes it counts in minutes ("86:00" with ``hours_after=100``).
    """
    sign = "-" if seconds <= -1 else ""
    whole = math.floor(abs(seconds))
    if whole < hours_after * 60:
        return f"{sign}{whole // 60}:{whole % 60:02d}"
    hours, rest = divmod(whole, 3600)
    mins, secs = divmod(rest, 60)
    if hours:
        return f"{sign}{hours}:{mins:02d}:{secs:02d}"
    return f"{sign}{mins}:{secs:02d}"


def minutes_text(minutes: float) -> str:
    """Return minutes the way people say them: "3 min", "1.5 min", "½ min"."""
    rounded = round(minutes * 2) / 2
    if rounded == 0.5:
        return "½ min"
    if rounded == int(rounded):
        return f"{int(rounded)} min"
    return f"{rounded:.1f} min"
