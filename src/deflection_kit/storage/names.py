"""Clean and compare people's names and emails the same way everywhere."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Bidi embedding/override/isolate controls can reorder what a reader sees (Trojan Source);
# a name never needs them.
_BIDI_CONTROLS = dict.fromkeys(
    [*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C], None
)
# Control characters (category Cc: C0, DEL, C1) and the line/paragraph separators (Zl, Zp)
# become spaces, then runs of spaces collapse.
_CONTROLS_TO_SPACE = dict.fromkeys((*range(32), *range(127, 160), 8232, 8233), " ")
_CLEAN_TABLE = str.maketrans({**_CONTROLS_TO_SPACE, **_BIDI_CONTROLS})
_SPACES = re.compile(r"\s+")
# Apostrophes vanish (O'Brien = OBrien); other punctuation separates words (Mary-Jane = Mary Jane).
_APOSTROPHES = dict.fromkeys(map(ord, "'’‘`´ʼ"), None)
_ASCII_FOLD = str.maketrans(
    {chr(c): (None if chr(c) in "'`" else " ") for c in range(128) if not chr(c).isalnum()}
)
_LATIN_ACCENTS = re.compile("[\u0300-\u036f]")  # combining diacritical marks
_CJK = re.compile(
    "[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0002fa1f]"
)  # kana, ideographs, Hangul syllables: names written without spaces between words
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")

MAX_NAME = 200
MAX_FIELD = 200


def clean_text(value: object, limit: int = MAX_FIELD) -> str:
    """Return text as the store keeps it: NFC, no control or bidi characters, single spaces."""
    text = "" if value is None else str(value)
    if text.isascii() and text.isprintable():  # the common case, ten times faster
        return " ".join(text.split())[:limit]
    text = unicodedata.normalize("NFC", text).translate(_CLEAN_TABLE)
    return _SPACES.sub(" ", text).strip()[:limit]


def clean_name(value: object) -> str:
    """Return a person's name cleaned for storage (see ``clean_text``)."""
    return clean_text(value, MAX_NAME)


@lru_cache(maxsize=65_536)  # agencies and disciplines repeat on every row of a roster
def fold(value: str) -> str:
    """Return text folded for comparison: no accents, case-folded, punctuation as spaces."""
    if value.isascii():
        return " ".join(value.translate(_ASCII_FOLD).lower().split())
    text = unicodedata.normalize("NFKD", clean_text(value, 10_000)).translate(_APOSTROPHES)
    plain = _LATIN_ACCENTS.sub("", text)
    if plain.isascii():  # accented Latin (José, Müller) after removing the accents
        return " ".join(plain.translate(_ASCII_FOLD).lower().split())
    kept = []
    for ch in text:
        category = unicodedata.category(ch)
        if category.startswith("M"):
            continue  # combining accents: José = Jose
        kept.append(ch if category[0] in "LN" else " ")
    return _SPACES.sub(" ", "".join(kept).casefold()).strip()


def name_tokens(name: str) -> list[str]:
    """Return the searchable words of a name; CJK words also by every suffix (小明 in 王小明)."""
    tokens: list[str] = []
    for word in fold(name).split():
        tokens.append(word)
        if len(word) <= 12 and not word.isascii() and _CJK.search(word):
            tokens.extend(word[i:] for i in range(1, len(word)))
    return list(dict.fromkeys(tokens))


def name_matches(name: str, query: str) -> bool:
    """Return True when every word typed starts a word of ``name`` (the search rule everywhere)."""
    words = f" {' '.join(name_tokens(name))}"
    return all(f" {word}" in words for word in fold(query).split())


def match_key(name: str) -> str:
    """Return the key that says two names are the same person's: folded words, sorted.

    Sorting makes "Smith, Ana" and "Ana Smith" the same key.
    """
    return " ".join(sorted(fold(name).split()))


def email_key(email: str) -> str:
    """Return the key two emails are compared by."""
    return clean_text(email).casefold()


def is_email(email: str) -> bool:
    """Return True when ``email`` looks like an address (one @, a dot in the domain)."""
    return bool(_EMAIL.match(email))
