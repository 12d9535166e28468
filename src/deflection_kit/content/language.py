"""Person-first language: find stigmatizing terms and suggest what to say instead."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

# Each pattern is a term to avoid and the person-first wording to use instead.
STIGMATIZING_TERMS: tuple[tuple[str, str], ...] = (
    (r"\baddicts?\b", "person with a substance use disorder"),
    (r"\bjunkies?\b", "person who uses drugs"),
    (r"\b(?:drug |substance |opioid )?abusers?\b", "person who uses drugs"),
    (r"\bsubstance abuse\b", "substance use"),
    (r"\bdrug abuse\b", "drug use or substance use disorder"),
    (r"\bopioid abuse\b", "opioid use or opioid use disorder"),
    (r"\balcoholics?\b", "person with an alcohol use disorder"),
    (r"\bdrug users?\b", "person who uses drugs"),
    (r"\bdruggies?\b", "person who uses drugs"),
    (r"\bcrackheads?\b", "person who uses drugs"),
    (r"\bdope ?fiends?\b", "person who uses drugs"),
    (r"\bfrequent fl(?:y|i)ers?\b", "person with frequent contacts"),
    (r"\b(?:dirty|clean) (?:urines?|tests?|screens?)\b", "positive or negative test"),
    (r"\bhabit\b", "substance use disorder"),
)

# Proper names that contain an old term but must be written as they are.
PROPER_NAMES: tuple[str, ...] = (
    "Substance Abuse and Mental Health Services Administration",
    "National Institute on Drug Abuse",
    "Comprehensive Opioid Abuse Site-based Program",
    "Comprehensive Opioid Abuse Program",
    "Comprehensive Opioid, Stimulant, and Substance Abuse Program",
    "Comprehensive Opioid, Stimulant, and Substance Abuse Site-based Program",
)

_COMPILED = tuple(
    (re.compile(pattern, re.IGNORECASE), instead) for pattern, instead in STIGMATIZING_TERMS
)


@dataclass(frozen=True)
class Finding:
    """A stigmatizing term found in text, with the suggested wording."""

    term: str
    instead: str


def find_stigmatizing(text: str, proper_names: Iterable[str] = ()) -> Iterator[Finding]:
    """Yield each stigmatizing term in ``text``, ignoring the listed proper names."""
    for name in (*PROPER_NAMES, *proper_names):
        text = re.sub(re.escape(name), " ", text, flags=re.IGNORECASE)
    for pattern, instead in _COMPILED:
        for match in pattern.finditer(text):
            yield Finding(match.group(0), instead)
