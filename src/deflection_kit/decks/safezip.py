"""Check an untrusted .pptx (a zip) before python-pptx reads every member into memory.

A small file can hold a member that inflates to gigabytes (a "zip bomb"); python-pptx would
try to load it whole. We read only the zip's directory first and refuse files with too many
members, members that are too big, or compression ratios no real presentation has.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from deflection_kit.errors import InputFileError

MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_MEMBERS = 5000
MAX_MEMBER_BYTES = 100 * 1024 * 1024
MAX_TOTAL_BYTES = 300 * 1024 * 1024
MAX_RATIO = 200  # XML compresses well (10-30x); pictures hardly at all
RATIO_FLOOR_BYTES = 1024 * 1024  # small members may have any ratio
REQUIRED = ("[Content_Types].xml", "ppt/presentation.xml")


def read_checked_pptx(path: Path) -> bytes:
    """Return the bytes of a .pptx after checking its zip directory; raise a clear error."""
    try:
        size = path.stat().st_size
    except OSError as error:
        raise InputFileError(path, None, f"cannot read: {error.strerror or error}") from None
    if size > MAX_FILE_BYTES:
        raise InputFileError(path, None, f"file is larger than {MAX_FILE_BYTES // 2**20} MB")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputFileError(path, None, f"cannot read: {error.strerror or error}") from None
    check_pptx_bytes(data, path)
    return data


def check_pptx_bytes(data: bytes, path: Path) -> None:
    """Raise ``InputFileError`` unless ``data`` is a zip that looks like a sane .pptx."""
    import io

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise InputFileError(path, None, "not a PowerPoint .pptx file (not a zip)") from None
    if len(infos) > MAX_MEMBERS:
        raise InputFileError(
            path, None, f"has {len(infos)} parts; refusing more than {MAX_MEMBERS}"
        )
    names = {info.filename for info in infos}
    for required in REQUIRED:
        if required not in names:
            raise InputFileError(path, None, f"not a PowerPoint .pptx file (no {required})")
    total = 0
    for info in infos:
        if info.file_size > MAX_MEMBER_BYTES:
            raise InputFileError(
                path,
                None,
                f"part {info.filename!r} unpacks to {info.file_size // 2**20} MB; "
                f"refusing parts over {MAX_MEMBER_BYTES // 2**20} MB",
            )
        if info.file_size > RATIO_FLOOR_BYTES:
            ratio = info.file_size / max(info.compress_size, 1)
            if ratio > MAX_RATIO:
                raise InputFileError(
                    path,
                    None,
                    f"part {info.filename!r} is compressed {ratio:.0f} to 1, "
                    "which no real presentation needs (a zip bomb?)",
                )
        total += info.file_size
    if total > MAX_TOTAL_BYTES:
        raise InputFileError(
            path,
            None,
            f"unpacks to {total // 2**20} MB; refusing over {MAX_TOTAL_BYTES // 2**20} MB",
        )
