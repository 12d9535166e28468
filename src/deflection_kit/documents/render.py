"""Typeset a document: a template by name, its data, and a tagged PDF/UA-1 file out.

The template folders (the kit's, then the department's) are checked and copied into a private
folder that is the compiler's whole world; the data goes in as one JSON text
(``sys.inputs.data``), so nothing a user typed is ever read as markup.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path, PurePosixPath
from typing import Any

from pypdf import PdfReader

from deflection_kit import paths, privatefiles
from deflection_kit.documents import data as document_data
from deflection_kit.documents.folders import (
    MAX_FILE_BYTES,
    TemplateFolderError,
    bundled_folder,
    layered_files,
    user_folder,
)
from deflection_kit.documents.typesetter import Job, compile_here, compile_in_worker

SUFFIX = ".typ"


def template_folders(extra: Path | None = None) -> tuple[Path, ...]:
    """Return the folders templates come from, the kit's first and the one that wins last."""
    return (bundled_folder(), user_folder(), *([extra] if extra is not None else []))


def _copy(source: Path, target: Path) -> None:
    """Copy one checked file without following a link put there since the check."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(source, flags)
    except OSError as error:
        raise TemplateFolderError(f"{source}: cannot be read ({error.strerror})") from None
    with os.fdopen(fd, "rb") as handle:
        content = handle.read(MAX_FILE_BYTES + 1)
    if len(content) > MAX_FILE_BYTES:
        raise TemplateFolderError(f"{source}: grew past the size a template file may have")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content)


def _stage(files: Mapping[PurePosixPath, Path], root: Path) -> None:
    for relative, source in files.items():
        _copy(source, root.joinpath(*relative.parts))


def _timestamp(created: dt.datetime | None) -> int | None:
    if created is None:
        return None
    aware = created if created.tzinfo else created.replace(tzinfo=dt.UTC)
    return int(aware.timestamp())


def render_pdf(
    template: str,
    data: Mapping[str, Any],
    *,
    folders: Sequence[Path] | None = None,
    created: dt.datetime | None = None,
) -> bytes:
    """Return the PDF of ``template`` (a name such as ``attendance-roster``) filled with ``data``.

    ``created`` fixes the PDF's date, so the same data gives the same bytes.
    """
    files, foreign = layered_files(*(folders if folders is not None else template_folders()))
    main = PurePosixPath(template + SUFFIX)
    if main not in files:
        raise TemplateFolderError(f"no document template {template!r} in the template folders")
    inputs = {"data": document_data.encode(data)}
    with tempfile.TemporaryDirectory(prefix="deflection-kit-doc-") as folder:
        root = Path(folder)
        _stage(files, root)
        job = Job(root, str(main), inputs, paths.fonts_dir(), _timestamp(created))
        return compile_in_worker(job) if foreign else compile_here(job)


def page_count(pdf: bytes) -> int:
    """Return the number of pages of a PDF."""
    return len(PdfReader(io.BytesIO(pdf)).pages)


def write_pdf(
    template: str,
    data: Mapping[str, Any],
    target: str | os.PathLike[str],
    *,
    folders: Sequence[Path] | None = None,
    created: dt.datetime | None = None,
) -> int:
    """Write the document to ``target`` (atomic, owner-only); return its page count."""
    pdf = render_pdf(template, data, folders=folders, created=created)
    privatefiles.write_bytes(target, pdf)
    return page_count(pdf)
