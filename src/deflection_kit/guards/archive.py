"""Check an untrusted Office file (a zip) before a library reads it into memory.

A small file can hold a member that inflates to gigabytes (a "zip bomb"), or an XML part with
millions of elements that a DOM parser turns into gigabytes of nodes; python-pptx reads every
member whole and parses every slide part when it opens a file. The zip's directory is checked
first (counts, sizes, compression ratios), then each XML part is streamed through a counter of
its markup in fixed-size chunks, so the check itself uses bounded memory.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from deflection_kit.errors import InputFileError

MB = 1024 * 1024
CHUNK = 1024 * 1024
XML_SUFFIXES = (".xml", ".rels", ".vml")


@dataclass(frozen=True)
class ArchiveLimits:
    """What a sane file of one kind stays within; ``what`` names the kind in messages."""

    what: str
    max_file_bytes: int
    max_members: int
    max_member_bytes: int
    max_total_bytes: int
    max_ratio: float  # unpacked / packed, for members over ``ratio_floor_bytes``
    required: tuple[str, ...] = ()
    ratio_floor_bytes: int = MB
    # Upper bounds on XML elements (counted as "<" in the text, which is never fewer than the
    # elements: without a DTD there are no entities to hide any). None leaves XML unchecked.
    max_xml_elements: int | None = None
    max_total_xml_elements: int | None = None


def _check_size(path: Path, limits: ArchiveLimits) -> None:
    try:
        size = path.stat().st_size
    except OSError as error:
        raise InputFileError(path, None, f"cannot read: {error.strerror or error}") from None
    if size > limits.max_file_bytes:
        raise InputFileError(path, None, f"file is larger than {limits.max_file_bytes // MB} MB")


def read_checked(path: Path, limits: ArchiveLimits) -> bytes:
    """Return a file's bytes after checking it as an archive of this kind; raise a clear error."""
    _check_size(path, limits)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputFileError(path, None, f"cannot read: {error.strerror or error}") from None
    check_archive(io.BytesIO(data), path, limits)
    return data


def check_file(path: Path, limits: ArchiveLimits) -> None:
    """Check an archive on disk without reading it whole; raise a clear error."""
    _check_size(path, limits)
    try:
        with open(path, "rb") as handle:
            check_archive(handle, path, limits)
    except OSError as error:
        raise InputFileError(path, None, f"cannot read: {error.strerror or error}") from None


def check_archive(source: IO[bytes], where: Path, limits: ArchiveLimits) -> None:
    """Raise ``InputFileError`` naming ``where`` unless the zip in ``source`` is within limits."""
    try:
        with zipfile.ZipFile(source) as archive:
            infos = archive.infolist()
            _check_directory(infos, where, limits)
            if limits.max_xml_elements is not None:
                _check_xml(archive, infos, where, limits)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, NotImplementedError):
        raise InputFileError(
            where, None, f"not a readable {limits.what} (not a zip, or damaged or truncated)"
        ) from None


def _check_directory(infos: list[zipfile.ZipInfo], where: Path, limits: ArchiveLimits) -> None:
    if len(infos) > limits.max_members:
        raise InputFileError(
            where, None, f"has {len(infos)} parts; refusing more than {limits.max_members}"
        )
    names = {info.filename for info in infos}
    for required in limits.required:
        if required not in names:
            raise InputFileError(where, None, f"not a {limits.what} (no {required})")
    total = 0
    for info in infos:
        if info.file_size > limits.max_member_bytes:
            raise InputFileError(
                where,
                None,
                f"part {info.filename!r} unpacks to {info.file_size // MB} MB; "
                f"refusing parts over {limits.max_member_bytes // MB} MB",
            )
        if info.file_size > limits.ratio_floor_bytes:
            ratio = info.file_size / max(info.compress_size, 1)
            if ratio > limits.max_ratio:
                raise InputFileError(
                    where,
                    None,
                    f"part {info.filename!r} is compressed {ratio:.0f} to 1, "
                    f"which no real {limits.what} needs (a zip bomb?)",
                )
        total += info.file_size
    if total > limits.max_total_bytes:
        raise InputFileError(
            where,
            None,
            f"unpacks to {total // MB} MB; refusing over {limits.max_total_bytes // MB} MB",
        )


def _check_xml(
    archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo], where: Path, limits: ArchiveLimits
) -> None:
    """Count each XML part's markup while streaming it; refuse DTDs and too many elements."""
    per_part = limits.max_xml_elements or 0
    overall = limits.max_total_xml_elements
    total = 0
    for info in infos:
        if not info.filename.lower().endswith(XML_SUFFIXES) or info.is_dir():
            continue
        count = 0
        tail = b""
        with archive.open(info) as member:
            while chunk := member.read(CHUNK):
                count += chunk.count(b"<")
                if b"<!DOCTYPE" in tail + chunk[:16] or b"<!DOCTYPE" in chunk:
                    raise InputFileError(
                        where,
                        None,
                        f"part {info.filename!r} declares a DTD, which no real {limits.what} has",
                    )
                tail = chunk[-16:]
                if count > per_part:
                    raise InputFileError(
                        where,
                        None,
                        f"part {info.filename!r} holds more than {per_part:,} XML elements, "
                        f"which no real {limits.what} needs",
                    )
        total += count
        if overall is not None and total > overall:
            raise InputFileError(
                where,
                None,
                f"holds more than {overall:,} XML elements in all, "
                f"which no real {limits.what} needs",
            )
