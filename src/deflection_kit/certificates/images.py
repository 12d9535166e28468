"""The logo and signature pictures from the settings, checked and embedded as data URIs (no Qt)."""

from __future__ import annotations

import base64
from pathlib import Path

from deflection_kit.certificates.templates import Images
from deflection_kit.errors import InputFileError
from deflection_kit.settings import Settings

MAX_IMAGE_BYTES = 4 * 1024 * 1024
_KINDS = ((b"\x89PNG\r\n\x1a\n", "image/png"), (b"\xff\xd8\xff", "image/jpeg"))


def data_uri(path: str | Path, what: str) -> str:
    """Return a PNG or JPEG file as a data URI, or raise InputFileError saying what is wrong."""
    source = Path(path).expanduser()
    try:
        size = source.stat().st_size
        if size > MAX_IMAGE_BYTES:
            raise InputFileError(source, None, f"the {what} image is larger than 4 MB")
        data = source.read_bytes()
    except OSError as error:
        raise InputFileError(
            source, None, f"cannot read the {what} image ({error.strerror})"
        ) from None
    for magic, mime in _KINDS:
        if data.startswith(magic):
            return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"
    raise InputFileError(source, None, f"the {what} image must be a PNG or JPEG file")


def settings_images(settings: Settings) -> Images:
    """Return the logo and signature the settings name (empty when none is set)."""
    logo = data_uri(settings.logo_path, "logo") if settings.logo_path else ""
    signature = data_uri(settings.signature_path, "signature") if settings.signature_path else ""
    return Images(logo=logo, signature=signature)
