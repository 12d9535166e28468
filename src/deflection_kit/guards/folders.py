"""Template folders users may edit: only real files inside the folder are ever read.

A recipe or certificate design can ``{% include %}`` or ``{% import %}`` another file by name. A
symbolic link in a user's folder (or a name that climbs out of it) would let a template read any
file the kit can: its private key, another user's records. Every file is therefore checked on
the way in: no component from the folder down may be a symbolic link or a junction, the path
must resolve inside the folder, and the file must be a small regular file. A folder that is
itself a symbolic link is refused too.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from jinja2 import BaseLoader, TemplateNotFound
from jinja2.loaders import split_template_path

from deflection_kit.errors import InputFileError

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def _is_link(info: os.stat_result) -> bool:
    reparse = getattr(stat, "FILE_ATTRIBUTE_REPARSE_POINT", 0)
    attributes = getattr(info, "st_file_attributes", 0)
    return stat.S_ISLNK(info.st_mode) or bool(reparse and attributes & reparse)


def refusal(folder: Path, path: Path) -> InputFileError | None:
    """Return why ``path`` (inside ``folder``) may not be read as a template, or None."""
    try:
        if _is_link(os.lstat(folder)):
            return InputFileError(folder, None, "the template folder is a symbolic link")
        relative = path.relative_to(folder)
    except ValueError:
        return InputFileError(path, None, f"is outside the template folder {folder}")
    except OSError as error:
        return InputFileError(folder, None, f"cannot be read ({error.strerror})")
    current = folder
    for part in relative.parts:
        current = current / part
        try:
            info = os.lstat(current)
        except FileNotFoundError:
            return None  # nothing there: not found, which the caller reports
        except OSError as error:
            return InputFileError(current, None, f"cannot be read ({error.strerror})")
        if _is_link(info):
            return InputFileError(
                current, None, f"is a symbolic link; templates must be real files in {folder}"
            )
    if not path.resolve().is_relative_to(folder.resolve()):
        return InputFileError(path, None, f"resolves outside the template folder {folder}")
    return None


def read_template(folder: Path, path: Path, max_bytes: int) -> tuple[str, float]:
    """Return a template file's text and modification time; raise InputFileError if refused.

    FileNotFoundError when there is no such file.
    """
    problem = refusal(folder, path)
    if problem is not None:
        raise problem
    try:
        fd = os.open(path, os.O_RDONLY | _NOFOLLOW | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise
    except OSError as error:
        raise InputFileError(path, None, f"cannot be read ({error.strerror})") from None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise InputFileError(path, None, "is not a regular file")
        if info.st_size > max_bytes:
            raise InputFileError(path, None, f"is larger than {max_bytes // 1024} KB")
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputFileError(path, None, f"is larger than {max_bytes // 1024} KB")
    try:
        return data.decode("utf-8"), info.st_mtime
    except UnicodeDecodeError as error:
        raise InputFileError(path, None, f"is not UTF-8 text (byte {error.start})") from None


def template_files(folder: Path, suffix: str) -> Iterator[Path]:
    """Yield the real, regular files in ``folder`` whose names end with ``suffix`` (sorted)."""
    try:
        if _is_link(os.lstat(folder)):
            return
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if not entry.name.endswith(suffix) or entry.name.startswith("."):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if stat.S_ISREG(info.st_mode) and not _is_link(info):
            yield Path(entry.path)


class FolderLoader(BaseLoader):
    """Load templates from folders, the first that has a name winning (datasette-style layers).

    Only real files inside a folder whose names end with one of ``suffixes`` are read; a
    symbolic link, a name climbing out, a file that is not regular or larger than ``max_bytes``
    is an InputFileError naming the file.
    """

    def __init__(self, folders: Sequence[Path], max_bytes: int, suffixes: tuple[str, ...]) -> None:
        self.folders = tuple(Path(folder) for folder in folders)
        self.max_bytes = max_bytes
        self.suffixes = suffixes

    def get_source(self, environment: Any, template: str) -> tuple[str, str, Callable[[], bool]]:
        """Return the template's text, its file name and an up-to-date check."""
        pieces = split_template_path(template)  # refuses '..' and path separators
        if not pieces or not pieces[-1].endswith(self.suffixes):
            raise TemplateNotFound(template)
        for folder in self.folders:
            path = folder.joinpath(*pieces)
            try:
                text, mtime = read_template(folder, path, self.max_bytes)
            except FileNotFoundError:
                continue
            return text, os.path.normpath(path), _unchanged(path, mtime)
        raise TemplateNotFound(template)

    def list_templates(self) -> list[str]:
        """Return the names of the templates at the top of every folder."""
        return sorted(
            {
                path.name
                for folder in self.folders
                for suffix in self.suffixes
                for path in template_files(folder, suffix)
            }
        )


def _unchanged(path: Path, mtime: float) -> Callable[[], bool]:
    def uptodate() -> bool:
        try:
            info = os.lstat(path)
        except OSError:
            return False
        return info.st_mtime == mtime and not _is_link(info)

    return uptodate
