"""Write files the way records deserve: owner-only, all or nothing.

Every file the kit writes about people (databases, backups, exports, certificates, bundles) goes
through here, so a crash never leaves half a file and nobody else on the machine can read it.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

OWNER_ONLY = 0o600


def fsync_dir(folder: Path) -> None:
    """Flush a folder's entries so a rename inside it survives a power cut."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # some platforms (Windows) cannot open folders
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@contextlib.contextmanager
def atomic_path(
    target: str | os.PathLike[str], suffix: str = "", *, sync_folder: bool = True
) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; on success make it owner-only and rename it over.

    Use it when a library insists on writing a path itself (openpyxl, QPdfWriter, python-pptx).
    On any exception the temporary file is removed and ``target`` is untouched. A caller writing
    many files into one folder may pass ``sync_folder=False`` and call ``fsync_dir`` once after
    the last (each file's data is still flushed before its rename).
    """
    target = Path(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=suffix or ".tmp", dir=target.parent
        )
    except OSError as error:  # name the file asked for, not the temporary one
        raise OSError(error.errno, error.strerror, str(target)) from None
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        os.chmod(tmp, OWNER_ONLY)
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, target)
        if sync_folder:
            fsync_dir(target.parent)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


@contextlib.contextmanager
def atomic_open(
    target: str | os.PathLike[str],
    mode: str = "w",
    encoding: str | None = "utf-8",
    newline: str | None = None,
) -> Iterator[IO[str] | IO[bytes]]:
    """Open a temporary file beside ``target`` for writing; rename it over ``target`` on success."""
    binary = "b" in mode
    with atomic_path(target) as tmp:
        if binary:
            with open(tmp, mode) as handle:
                yield handle
        else:
            with open(tmp, mode, encoding=encoding, newline=newline) as handle:
                yield handle


def write_bytes(target: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to ``target`` atomically and owner-only; return the path."""
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)
    return Path(target)


def write_text(target: str | os.PathLike[str], text: str) -> Path:
    """Write UTF-8 ``text`` to ``target`` atomically and owner-only; return the path."""
    return write_bytes(target, text.encode("utf-8"))
