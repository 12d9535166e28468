"""What the kiosk may show and when it may close: rules kept apart from the widgets.

A participant at the kiosk finds their own name; nobody else's details are shown. Names appear
only after a few letters are typed (so the list cannot be browsed), never with emails or
agencies, and at most a handful at a time. The facilitator leaves kiosk mode with a PIN.
"""

from __future__ import annotations

import hmac
from collections.abc import Sequence
from dataclasses import dataclass

from deflection_kit.storage import RosterEntry
from deflection_kit.storage.names import fold, name_matches

MIN_LETTERS = 3
MAX_MATCHES = 6
IDLE_SECONDS = 30  # a chosen name goes back to the search screen after this long


@dataclass(frozen=True)
class KioskMatch:
    """A name offered on the kiosk: the name and who it is, nothing more."""

    participant_id: str
    name: str


def kiosk_matches(entries: Sequence[RosterEntry], query: str) -> list[KioskMatch]:
    """Return the names to offer for what was typed (none until MIN_LETTERS letters)."""
    letters = sum(ch.isalnum() for ch in fold(query))
    if letters < MIN_LETTERS:
        return []
    found = [
        KioskMatch(e.participant.id, e.participant.name)
        for e in entries
        if name_matches(e.participant.name, query)
    ]
    return found[:MAX_MATCHES]


def is_checked_in(entries: Sequence[RosterEntry], participant_id: str) -> bool:
    """Return True when the person is in the room (so the kiosk offers check-out)."""
    return any(e.participant.id == participant_id and e.attendance.checked_in for e in entries)


class KioskLock:
    """The facilitator's way out of kiosk mode: a PIN, or a confirmation when none was set."""

    def __init__(self, pin: str = "") -> None:
        self._pin = pin.strip()

    @property
    def has_pin(self) -> bool:
        """Return True when leaving needs the PIN."""
        return bool(self._pin)

    def opens_with(self, entered: str) -> bool:
        """Return True for the right PIN (compared in constant time)."""
        if not self._pin:
            return True
        return hmac.compare_digest(entered.strip().encode(), self._pin.encode())


def valid_pin(pin: str) -> bool:
    """Return True for an acceptable kiosk PIN: empty (confirm instead) or 4 to 8 digits."""
    pin = pin.strip()
    return not pin or (pin.isdigit() and 4 <= len(pin) <= 8)
