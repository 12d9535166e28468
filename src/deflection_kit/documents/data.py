"""Make a document's data safe to print: plain JSON values, every string printable as written.

Data reaches a template as data (JSON read with ``json()``), never pasted into markup, so a name
like ``#import "x"`` or ``]`` prints as typed. What is changed: text is NFC-normalised; bidi
override controls (which could make a name read backwards) are removed; control characters
other than line breaks become spaces; a character no bundled font has becomes U+FFFD, because
a tagged PDF/UA-1 document may not show a glyph it cannot name (Typst refuses to compile it).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any

from deflection_kit.documents.coverage import can_print
from deflection_kit.errors import DeflectionKitError

MAX_DATA_CHARS = 16_000_000  # JSON characters; a year of attendance rows is well under this
REPLACEMENT = "\ufffd"
_BIDI_CONTROLS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029]")
# Invisible characters that shape text rather than show a glyph: kept as they are.
_FORMATTING = frozenset("\u200b\u200c\u200d\u2060\ufeff")


class DocumentDataError(DeflectionKitError):
    """The data for a document is too large or not plain data."""


def printable_text(text: str) -> str:
    """Return ``text`` as it will print: NFC, no bidi overrides or controls, no blank boxes."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _CONTROL.sub(" ", text.translate(_BIDI_CONTROLS))
    if text.isascii():
        return text
    return "".join(
        ch
        if ch == "\n" or ch in _FORMATTING or can_print(ch)
        else ("" if unicodedata.category(ch) == "Mn" else REPLACEMENT)
        for ch in text
    )


def printable(value: Any) -> Any:
    """Return a copy of ``value`` (dicts, lists, strings, numbers) with every string printable."""
    if isinstance(value, str):
        return printable_text(value)
    if isinstance(value, bool) or value is None or isinstance(value, (int, float)):
        return value
    if isinstance(value, Mapping):
        return {str(key): printable(item) for key, item in value.items()}
    if isinstance(value, Sequence):
        return [printable(item) for item in value]
    raise DocumentDataError(f"document data must be plain values, not {type(value).__name__}")


def encode(value: Any) -> str:
    """Return the printable data as one JSON text, refusing data over the size bound."""
    text = json.dumps(printable(value), ensure_ascii=False, allow_nan=False)
    if len(text) > MAX_DATA_CHARS:
        raise DocumentDataError(
            f"too much for one document ({len(text):,} characters of data; at most "
            f"{MAX_DATA_CHARS:,}): choose fewer sessions or a shorter date range"
        )
    return text
