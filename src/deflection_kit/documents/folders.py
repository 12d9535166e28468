"""Template folders: the kit's own, and a department's layered over them.

A department saves its own ``.typ`` files (or pictures they use) in
``<user data folder>/document-templates/``; a file there with the same name as a bundled one
replaces it (``kit.typ`` restyles every document, ``attendance-roster.typ`` one of them).

``checked_files`` is the guard every folder passes before anything in it is read: no symbolic
links, nothing that resolves outside the folder, only small regular files of the kinds a
template uses. It is deliberately one small function so the kit's shared guard for user
template folders can replace it.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path, PurePosixPath

from deflection_kit import paths
from deflection_kit.errors import DeflectionKitError

USER_FOLDER = "document-templates"
SUFFIXES = frozenset({".typ", ".svg", ".png", ".jpg", ".jpeg"})
MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_TOTAL_BYTES = 32 * 1024 * 1024
MAX_FILES = 200
MAX_DEPTH = 4


class TemplateFolderError(DeflectionKitError):
    """A template folder holds something the kit will not read."""


def bundled_folder() -> Path:
    """Return the kit's own document templates."""
    return paths.bundled("document_templates")


def user_folder() -> Path:
    """Return the department's document templates folder (it may not exist)."""
    return paths.user_data_dir() / USER_FOLDER


def checked_files(folder: Path) -> dict[PurePosixPath, Path]:
    """Return the folder's template files by relative path, or raise naming the first problem."""
    if folder.is_symlink():
        raise TemplateFolderError(f"{folder}: is a symbolic link; templates must be real files")
    root = folder.resolve()
    found: dict[PurePosixPath, Path] = {}
    total = 0

    def visit(current: Path, relative: PurePosixPath) -> None:
        nonlocal total
        if len(relative.parts) > MAX_DEPTH:
            raise TemplateFolderError(f"{current}: folders nested too deep for templates")
        with os.scandir(current) as entries:
            for entry in sorted(entries, key=lambda e: e.name):
                if entry.name.startswith("."):
                    continue  # .DS_Store and the like
                path = Path(entry.path)
                info = entry.stat(follow_symlinks=False)
                if stat.S_ISLNK(info.st_mode):
                    raise TemplateFolderError(
                        f"{path}: is a symbolic link; templates must be real files"
                    )
                if not path.resolve().is_relative_to(root):
                    raise TemplateFolderError(f"{path}: resolves outside {folder}")
                if stat.S_ISDIR(info.st_mode):
                    visit(path, relative / entry.name)
                    continue
                if not stat.S_ISREG(info.st_mode):
                    raise TemplateFolderError(f"{path}: is not a regular file")
                if path.suffix.lower() not in SUFFIXES:
                    continue  # notes, READMEs: not read
                if info.st_size > MAX_FILE_BYTES:
                    raise TemplateFolderError(
                        f"{path}: {info.st_size:,} bytes; a template file may have at most "
                        f"{MAX_FILE_BYTES:,}"
                    )
                total += info.st_size
                found[relative / entry.name] = path
                if len(found) > MAX_FILES or total > MAX_TOTAL_BYTES:
                    raise TemplateFolderError(f"{folder}: too many or too large template files")

    try:
        visit(folder, PurePosixPath())
    except OSError as error:
        raise TemplateFolderError(f"{folder}: cannot be read ({error.strerror})") from None
    return found


def layered_files(*folders: Path) -> tuple[dict[PurePosixPath, Path], bool]:
    """Return the template files of the folders, later folders replacing earlier ones.

    The second value is True when any file comes from a folder other than the first (the
    kit's own): such templates are not the kit's code and compile under a time limit.
    """
    files: dict[PurePosixPath, Path] = {}
    foreign = False
    for number, folder in enumerate(folders):
        if not folder.is_dir() and not folder.is_symlink():
            continue
        found = checked_files(folder)
        files.update(found)
        foreign = foreign or (number > 0 and bool(found))
    return files, foreign
