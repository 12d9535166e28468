"""Safe file names for certificate PDFs: the person's name as written, then the code (no Qt).

Letters of any script stay (a folder of Arabic or Chinese names stays readable); anything a file
system could misread (separators, dots at the start, reserved characters, control characters)
goes. The code at the end keeps two people with the same name apart.
"""

from __future__ import annotations

import re
import unicodedata

MAX_NAME_CHARS = 60
_UNSAFE = re.compile(r"[^\w\- ]+")
_SPACES = re.compile(r"[\s_\-]+")


def certificate_file_name(participant_name: str, code: str) -> str:
    """Return ``Name-As-Written_CODE.pdf`` with only letters, digits and hyphens in the name."""
    text = unicodedata.normalize("NFC", participant_name)
    text = _UNSAFE.sub(" ", text)
    text = _SPACES.sub("-", text).strip("-")[:MAX_NAME_CHARS].strip("-")
    return f"{text}_{code}.pdf" if text else f"certificate_{code}.pdf"
