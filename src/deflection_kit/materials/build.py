"""Build the workshop's paper into a folder: all documents, or one kind, all or nothing.

Every choice is checked first (``prepare_materials``); the documents are then written into a
hidden folder beside the target and moved into place only when all of them are done, so a
failure leaves no half-built set. Files are owner-only, written through ``privatefiles``.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from deflection_kit import privatefiles
from deflection_kit.content import Course
from deflection_kit.errors import UsageError
from deflection_kit.materials.editable import write_markdown, write_odt
from deflection_kit.materials.forms import check_document, evaluation_document, key_document
from deflection_kit.materials.guide import guide_blocks, guide_document
from deflection_kit.materials.handout import handout_document, resource_guide_document
from deflection_kit.materials.markdown import to_markdown
from deflection_kit.materials.options import MaterialsOptions, Prepared, prepare_materials
from deflection_kit.materials.worksheet import worksheet_document

GUIDE_PDF = "facilitator-guide.pdf"
GUIDE_MD = "facilitator-guide.md"
GUIDE_ODT = "facilitator-guide.odt"
HANDOUT_PDF = "participant-handout.pdf"
RESOURCE_PDF = "resource-guide.pdf"
WORKSHEET_PDF = "action-planning-worksheet.pdf"
CHECK_PDF = "knowledge-check.pdf"
KEY_PDF = "knowledge-check-answer-key.pdf"
EVALUATION_PDF = "evaluation-form.pdf"

KINDS: dict[str, str] = {
    "guide": "Facilitator guide (lesson plan): PDF, Markdown and OpenDocument",
    "handout": "Participant handout with the resource guide, and the resource guide alone",
    "worksheet": "Action-planning worksheet for community leaders (fillable PDF)",
    "forms": "Knowledge check, its answer key, and the course evaluation form",
}

Progress = Callable[[str], None]


@dataclass(frozen=True)
class BuildResult:
    """What was built: the folder, the files in it, and each PDF's page count."""

    folder: Path
    files: tuple[Path, ...]
    pages: dict[str, int]
    prepared: Prepared


def _guide(prepared: Prepared, folder: Path, pages: dict[str, int]) -> list[str]:
    pages[GUIDE_PDF] = guide_document(prepared).write_pdf(folder / GUIDE_PDF)
    markdown = to_markdown(guide_blocks(prepared))
    write_markdown(folder / GUIDE_MD, markdown)
    write_odt(folder / GUIDE_ODT, markdown, prepared.created)
    return [GUIDE_PDF, GUIDE_MD, GUIDE_ODT]


def _handout(prepared: Prepared, folder: Path, pages: dict[str, int]) -> list[str]:
    pages[HANDOUT_PDF] = handout_document(prepared).write_pdf(folder / HANDOUT_PDF)
    pages[RESOURCE_PDF] = resource_guide_document(prepared).write_pdf(folder / RESOURCE_PDF)
    return [HANDOUT_PDF, RESOURCE_PDF]


def _worksheet(prepared: Prepared, folder: Path, pages: dict[str, int]) -> list[str]:
    pages[WORKSHEET_PDF] = worksheet_document(prepared).write_pdf(folder / WORKSHEET_PDF)
    return [WORKSHEET_PDF]


def _forms(prepared: Prepared, folder: Path, pages: dict[str, int]) -> list[str]:
    pages[CHECK_PDF] = check_document(prepared).write_pdf(folder / CHECK_PDF)
    pages[KEY_PDF] = key_document(prepared).write_pdf(folder / KEY_PDF)
    pages[EVALUATION_PDF] = evaluation_document(prepared).write_pdf(folder / EVALUATION_PDF)
    return [CHECK_PDF, KEY_PDF, EVALUATION_PDF]


WRITERS: dict[str, Callable[[Prepared, Path, dict[str, int]], list[str]]] = {
    "guide": _guide,
    "handout": _handout,
    "worksheet": _worksheet,
    "forms": _forms,
}


def check_kinds(kinds: Sequence[str]) -> tuple[str, ...]:
    """Return the document kinds in build order; raise ``UsageError`` naming the choices."""
    for kind in kinds:
        if kind not in KINDS:
            raise UsageError(f"unknown document {kind!r}; choose from: {', '.join(KINDS)}")
    return tuple(kind for kind in KINDS if kind in kinds)


def check_out_folder(out: Path) -> Path:
    """Return the output folder; raise ``UsageError`` if it is a file."""
    out = Path(out).expanduser()
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out {out}: is a file, not a folder")
    return out


def _publish(staging: Path, out: Path, names: list[str]) -> None:
    """Move the finished files into ``out`` (the whole folder at once when it is new)."""
    if not out.exists():
        os.replace(staging, out)
        privatefiles.fsync_dir(out.parent)
        return
    for name in names:
        os.replace(staging / name, out / name)
    privatefiles.fsync_dir(out)


def build_materials(
    course: Course,
    options: MaterialsOptions,
    out: Path,
    kinds: Sequence[str] = tuple(KINDS),
    progress: Progress | None = None,
) -> BuildResult:
    """Check the options, build the chosen documents and put them in ``out``."""
    wanted = check_kinds(kinds)
    out = check_out_folder(out)
    prepared = prepare_materials(course, options)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.building-", dir=out.parent))
    pages: dict[str, int] = {}
    names: list[str] = []
    try:
        for kind in wanted:
            if progress is not None:
                progress(KINDS[kind])
            names += WRITERS[kind](prepared, staging, pages)
        _publish(staging, out, names)
    finally:
        with contextlib.suppress(FileNotFoundError):
            shutil.rmtree(staging)
    return BuildResult(out, tuple(out / name for name in names), pages, prepared)
