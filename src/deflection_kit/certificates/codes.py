"""Random certificate IDs and the short codes people type: Crockford base32 with a check symbol.

Crockford's alphabet has no I, L, O or U, so a code read aloud or typed from paper survives the
usual confusions (O for 0, I or L for 1); the Luhn mod 32 check symbol catches any single wrong
character and most swapped neighbours.
"""

from __future__ import annotations

import secrets

from deflection_kit.errors import DeflectionKitError

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_VALUE = {ch: i for i, ch in enumerate(ALPHABET)}
_LOOKALIKES = {"O": "0", "I": "1", "L": "1"}
ID_BYTES = 10  # 80 random bits: 16 symbols
ID_LENGTH = 16
GROUP = 4


class CodeError(DeflectionKitError):
    """A typed certificate code is malformed or has a wrong check symbol."""


def encode_base32(data: bytes) -> str:
    """Return ``data`` in Crockford base32, most significant bits first, without padding."""
    number = int.from_bytes(data, "big")
    length = (len(data) * 8 + 4) // 5
    symbols = []
    for _ in range(length):
        symbols.append(ALPHABET[number & 31])
        number >>= 5
    return "".join(reversed(symbols))


def new_certificate_id() -> str:
    """Return a fresh random certificate ID (16 symbols)."""
    return encode_base32(secrets.token_bytes(ID_BYTES))


def check_symbol(symbols: str) -> str:
    """Return the Luhn mod 32 check symbol for ``symbols`` (Crockford alphabet)."""
    factor = 2
    total = 0
    base = len(ALPHABET)
    for ch in reversed(symbols):
        addend = factor * _VALUE[ch]
        factor = 1 if factor == 2 else 2
        total += addend // base + addend % base
    return ALPHABET[(base - total % base) % base]


def is_certificate_id(value: str) -> bool:
    """Return True when ``value`` is 16 Crockford symbols."""
    return len(value) == ID_LENGTH and all(ch in _VALUE for ch in value)


def group(symbols: str) -> str:
    """Return ``symbols`` in hyphenated groups of four for reading."""
    return "-".join(symbols[i : i + GROUP] for i in range(0, len(symbols), GROUP))


def format_code(certificate_id: str) -> str:
    """Return the printed code for a certificate ID: ``7M3Q-K8ZD-1WXA-P4RT-V``."""
    if not is_certificate_id(certificate_id):
        raise ValueError(f"not a certificate ID: {certificate_id!r}")
    return f"{group(certificate_id)}-{check_symbol(certificate_id)}"


def normalise_symbols(typed: str) -> str:
    """Return typed symbols uppercased, without spaces or hyphens, look-alikes mapped."""
    out = []
    for ch in typed.upper():
        if ch in " -\t":
            continue
        out.append(_LOOKALIKES.get(ch, ch))
    return "".join(out)


def looks_like_code(typed: str) -> bool:
    """Return True when ``typed`` has the shape of a certificate code (right length, alphabet)."""
    symbols = normalise_symbols(typed)
    return len(symbols) == ID_LENGTH + 1 and all(ch in _VALUE for ch in symbols)


def parse_code(typed: str) -> str:
    """Return the certificate ID in a typed code, or raise CodeError saying what is wrong."""
    symbols = normalise_symbols(typed)
    bad = sorted({ch for ch in symbols if ch not in _VALUE})
    if bad:
        raise CodeError(f"a certificate code has no {', '.join(repr(b) for b in bad)} in it")
    if len(symbols) != ID_LENGTH + 1:
        raise CodeError(
            f"a certificate code has {ID_LENGTH + 1} letters and digits; this one has "
            f"{len(symbols)}"
        )
    certificate_id, check = symbols[:ID_LENGTH], symbols[ID_LENGTH]
    if check_symbol(certificate_id) != check:
        raise CodeError("the certificate code has a typing mistake (its check symbol is wrong)")
    return certificate_id
