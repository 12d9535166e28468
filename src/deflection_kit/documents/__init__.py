"""Printed documents typeset by Typst as tagged PDF/UA-1 files (no Qt).

The only package that speaks Typst. Templates are files: the kit's own in
``document_templates/``, a department's folder layered over them; data reaches a template as
JSON, never as markup. ``render_pdf`` returns the bytes, ``write_pdf`` writes an owner-only file.

    from deflection_kit.documents import write_pdf
    write_pdf("attendance-roster", data, "roster.pdf")
"""

from deflection_kit.documents.data import DocumentDataError, printable, printable_text
from deflection_kit.documents.folders import TemplateFolderError, checked_files
from deflection_kit.documents.render import page_count, render_pdf, template_folders, write_pdf
from deflection_kit.documents.typesetter import DocumentError

__all__ = [
    "DocumentDataError",
    "DocumentError",
    "TemplateFolderError",
    "checked_files",
    "page_count",
    "printable",
    "printable_text",
    "render_pdf",
    "template_folders",
    "write_pdf",
]
