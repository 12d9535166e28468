"""Timestamps as the store keeps them: aware datetimes, saved as UTC ISO 8601 text."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

UTC = dt.UTC


def now() -> dt.datetime:
    """Return the current time, aware, in UTC."""
    return dt.datetime.now(UTC)


def stamp(moment: dt.datetime | None = None) -> str:
    """Return a precise UTC timestamp for created/updated fields (sorts as text)."""
    return to_utc(moment or now()).isoformat(timespec="microseconds")


def to_utc(moment: dt.datetime) -> dt.datetime:
    """Return ``moment`` in UTC; a naive time is taken as this computer's local time."""
    if moment.tzinfo is None:
        moment = moment.astimezone()  # naive: interpret in the local zone
    return moment.astimezone(UTC)


def store_time(moment: dt.datetime) -> str:
    """Return a check-in/out time as stored: UTC, to the second."""
    return to_utc(moment).replace(microsecond=0).isoformat()


def load_time(text: str | None) -> dt.datetime | None:
    """Return a stored time as an aware datetime (None stays None)."""
    return dt.datetime.fromisoformat(text) if text else None


def parse_moment(text: str) -> dt.datetime:
    """Parse an ISO 8601 time given by a user (``--at``); raise ValueError if it is not one."""
    value = text.strip()
    if value.endswith(("Z", "z")):
        value = value[:-1] + "+00:00"
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(
            f"{text!r} is not an ISO 8601 time (e.g. 2025-03-04T09:05 or 2025-03-04T09:05-05:00)"
        ) from None
    return to_utc(moment)


def local_offset(day: dt.date, start: dt.time | None) -> str:
    """Return this computer's UTC offset ("+HH:MM") at a session's local date and start."""
    local = dt.datetime.combine(day, start or dt.time(12, 0)).astimezone()
    offset = local.utcoffset() or dt.timedelta(0)
    return format_offset(offset)


def format_offset(offset: dt.timedelta) -> str:
    """Return an offset as "+HH:MM" / "-HH:MM"."""
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    minutes = abs(minutes)
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


@lru_cache(maxsize=256)
def parse_offset(text: str) -> dt.timezone:
    """Return the time zone of an offset written "+HH:MM"."""
    sign = -1 if text.startswith("-") else 1
    hours, minutes = text.lstrip("+-").split(":")
    return dt.timezone(sign * dt.timedelta(hours=int(hours), minutes=int(minutes)))
