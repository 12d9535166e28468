"""The events record of a live session: what was shown, and when, appended and never changed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

# What the record holds; the delivery report reads these.
EVENT_KINDS = (
    "started",  # the session clock started
    "slide",  # a slide went up on the audience screen (data: index, key, page, segment, via)
    "blank",  # the audience screen went black or white, or came back (data: mode)
    "check-counts",  # the room's answers to a question were entered (data: key, counts)
    "check-revealed",  # the answers were shown as a chart (data: key)
    "check-hidden",  # the chart was taken down (data: key)
    "countdown",  # a countdown was started, paused, resumed, extended or cleared (data: action)
    "overlay",  # a message went up on the audience screen, or came down (data: text)
    "clock-reset",  # the facilitator set the session clock back to zero
    "resumed",  # the app restarted and carried on (data: gap seconds)
    "ended",  # the facilitator ended the session
)


@dataclass(frozen=True)
class LiveEvent:
    """One entry: a running number, the wall-clock time, the session time, what happened."""

    seq: int
    at: float  # seconds since the epoch (UTC)
    elapsed: float  # seconds of session time when it happened
    kind: str
    data: Mapping[str, Any] = field(default_factory=dict)

    @property
    def when(self) -> dt.datetime:
        """Return the wall-clock time as an aware UTC datetime."""
        return dt.datetime.fromtimestamp(self.at, tz=dt.UTC)

    def to_dict(self) -> dict[str, Any]:
        """Return the event as plain (JSON-ready) data."""
        return {
            "seq": self.seq,
            "at": self.at,
            "elapsed": round(self.elapsed, 3),
            "kind": self.kind,
            "data": dict(self.data),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> LiveEvent:
        """Return an event from ``to_dict`` data."""
        return cls(
            seq=int(data["seq"]),
            at=float(data["at"]),
            elapsed=float(data.get("elapsed", 0.0)),
            kind=str(data["kind"]),
            data=dict(data.get("data") or {}),
        )
