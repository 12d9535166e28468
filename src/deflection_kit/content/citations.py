"""Citation markers: ``[@source-id]`` in text names the source that backs a fact."""

from __future__ import annotations

import re

# [@nchs-overdose] or [@a; @b] or [@a, @b]
_MARKER = re.compile(r"\s*\[@(?P<ids>[A-Za-z0-9_.-]+(?:\s*[,;]\s*@[A-Za-z0-9_.-]+)*)\]")


def extract_citations(text: str) -> tuple[str, tuple[str, ...]]:
    """Return ``text`` without its citation markers, and the cited source ids in order."""
    found: dict[str, None] = {}

    def take(match: re.Match[str]) -> str:
        for part in re.split(r"[,;]", match.group("ids")):
            found[part.strip().lstrip("@")] = None
        return ""

    clean = _MARKER.sub(take, text)
    return clean.strip() if clean != text else text, tuple(found)
