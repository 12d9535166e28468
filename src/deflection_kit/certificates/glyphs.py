"""Which characters the bundled fonts can print, and printable certificate text (QtGui).

Nothing is left to chance: a character no bundled font has would print as a blank box, so it is
dropped before signing and the caller gets a warning naming it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from PySide6.QtGui import QFont, QRawFont

from deflection_kit.certificates.text import clean_text, describe_characters, split_emoji
from deflection_kit.pdf.fonts import SANS, SCRIPT_FALLBACKS, SERIF, register_bundled_fonts

_INVISIBLE_OK = frozenset({" ", "\u200c", "\u200d"})


@cache
def _raw_fonts() -> tuple[QRawFont, ...]:
    register_bundled_fonts()
    fonts = []
    for family in (SANS, SERIF, *SCRIPT_FALLBACKS):
        font = QFont()
        font.setFamilies([family])
        raw = QRawFont.fromFont(font)
        if raw.isValid() and raw.familyName() == family:
            fonts.append(raw)
    return tuple(fonts)


@cache
def can_print(ch: str) -> bool:
    """Return True when a bundled font has a glyph for ``ch``."""
    if ch in _INVISIBLE_OK:
        return True
    code = ord(ch)
    return any(raw.supportsCharacter(code) for raw in _raw_fonts())


@dataclass(frozen=True)
class Printable:
    """Text ready to sign and print, and what had to be dropped from it."""

    text: str
    dropped: str = ""

    def warning(self, what: str) -> str:
        """Return a one-line warning about the dropped characters, or ''."""
        if not self.dropped:
            return ""
        return f"{what}: left out {describe_characters(self.dropped)} (no font can print it)"


def printable(text: str) -> Printable:
    """Return ``text`` cleaned, without emoji or characters no bundled font can print."""
    cleaned, emoji = split_emoji(clean_text(text))
    kept: list[str] = []
    dropped = [emoji]
    for ch in cleaned:
        if can_print(ch):
            kept.append(ch)
        else:
            dropped.append(ch)
    return Printable(clean_text("".join(kept)), "".join(dropped))
