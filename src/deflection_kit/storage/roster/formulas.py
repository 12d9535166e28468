"""Keep exported text from running as a formula in a spreadsheet (OWASP), and undo it on import.

Excel and LibreOffice treat a cell starting with = + - @ (or a tab, CR, LF before them) as a
formula, which can run commands or leak data. Such text is prefixed with a single quote; our own
roster import removes that quote again, so an export can be imported back unchanged. Text that
already starts with quotes before such a character gets one more, so removing one is exact.
"""

from __future__ import annotations

TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
QUOTE = "'"


def neutralise(text: str) -> str:
    """Return ``text`` made inert for a spreadsheet cell."""
    return QUOTE + text if text.lstrip(QUOTE).startswith(TRIGGERS) else text


def restore(text: str) -> str:
    """Undo ``neutralise`` on a cell read back from a file."""
    if text[:1] == QUOTE and text.lstrip(QUOTE).startswith(TRIGGERS):
        return text[1:]
    return text
