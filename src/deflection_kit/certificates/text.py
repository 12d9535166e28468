"""Clean certificate text: NFC, no bidi controls, no invisible characters, no emoji (no Qt).

A certificate prints and signs exactly the text these functions return, so what a verifier sees
is what was signed: nothing invisible can reorder it or hide in it.
"""

from __future__ import annotations

import unicodedata

# Embeddings, overrides (U+202A–E) and isolates (U+2066–9) can reorder text on the page.
BIDI_CONTROLS = frozenset(map(chr, (*range(0x202A, 0x202F), *range(0x2066, 0x206A))))
# Joiners shape Persian, Arabic and Indic names correctly; every other format character goes.
_KEPT_FORMAT = frozenset({"\u200c", "\u200d"})
_ZWJ = "\u200d"
_KEYCAP = "\u20e3"
_VARIATION_SELECTORS = frozenset({"\ufe0e", "\ufe0f"})
# Blocks whose characters are pictographs (emoji) rather than letters: no bundled font has them.
_EMOJI_RANGES = (
    (0x1F000, 0x1FAFF),  # tiles, cards, enclosed, pictographs, emoticons, transport, symbols
    (0x2600, 0x27BF),  # miscellaneous symbols, dingbats
    (0x2B00, 0x2BFF),  # stars, squares, arrows used as emoji
    (0x2300, 0x23FF),  # watch, hourglass, media controls
    (0xE0020, 0xE007F),  # tag characters (subdivision flags)
)


def strip_bidi_controls(text: str) -> str:
    """Return ``text`` without embedding, override and isolate controls."""
    return "".join(ch for ch in text if ch not in BIDI_CONTROLS)


def clean_text(text: str) -> str:
    """Return ``text`` as printed and signed: NFC, single spaces, no control or format characters.

    Bidi controls, marks (LRM, RLM, ALM), zero-width spaces, soft hyphens and byte-order marks
    are removed; ZWNJ and ZWJ stay because names need them to shape.
    """
    kept: list[str] = []
    for ch in text:
        category = unicodedata.category(ch)
        if category in ("Cc", "Zl", "Zp") or (category == "Zs"):
            kept.append(" ")
        elif (category == "Cf" and ch not in _KEPT_FORMAT) or category == "Cs":
            continue
        else:
            kept.append(ch)
    return " ".join(unicodedata.normalize("NFC", "".join(kept)).split())


def is_emoji(ch: str) -> bool:
    """Return True for a pictograph (emoji) character."""
    code = ord(ch)
    return any(low <= code <= high for low, high in _EMOJI_RANGES)


def split_emoji(text: str) -> tuple[str, str]:
    """Return ``text`` without emoji (whole sequences: modifiers, joiners, keycaps) and what went.

    ``text`` should already be clean; the result is clean again (spaces collapsed).
    """
    chars = list(text)
    drop = [False] * len(chars)
    for i, ch in enumerate(chars):
        if is_emoji(ch):
            drop[i] = True
        elif ch == _KEYCAP:
            drop[i] = True
            # A keycap sequence is a digit, # or * with an optional selector before the keycap.
            j = i - 1
            if j >= 0 and chars[j] in _VARIATION_SELECTORS:
                drop[j] = True
                j -= 1
            if j >= 0 and chars[j] in "0123456789#*":
                drop[j] = True
    for i, ch in enumerate(chars):
        if ch in _VARIATION_SELECTORS:
            drop[i] = True  # presentation selectors only ever follow symbols we print as text
        elif ch == _ZWJ:
            before = drop[i - 1] if i > 0 else True
            after = drop[i + 1] if i + 1 < len(chars) else True
            if before or after:
                drop[i] = True
    removed = "".join(ch for ch, gone in zip(chars, drop, strict=True) if gone and is_emoji(ch))
    kept = "".join(ch for ch, gone in zip(chars, drop, strict=True) if not gone)
    return " ".join(kept.split()), removed


def describe_characters(chars: str) -> str:
    """Return characters as a reader can name them: ``"😀" (U+1F600 GRINNING FACE)``."""
    seen = dict.fromkeys(chars)
    parts = []
    for ch in seen:
        name = unicodedata.name(ch, "unnamed character")
        parts.append(f"{ch!r} (U+{ord(ch):04X} {name})")
    return ", ".join(parts)
