"""PDF page painting shared by exports, certificates and materials (QtGui only, never widgets).

Build a ``Document`` from blocks (headings, paragraphs, details, tables, lists, notes, form
fields) and write it to a PDF or paint it on a printer; fonts are the bundled ones, so names in
any script print with real glyphs. Named form fields become fillable AcroForm fields.
"""

from deflection_kit.pdf.blocks import (
    Block,
    Bullets,
    Checklist,
    Column,
    Details,
    FieldRow,
    Heading,
    Item,
    KeepTogether,
    Note,
    PageBreak,
    Paragraph,
    RatingGrid,
    Rule,
    Spacer,
    Table,
    TextField,
    Title,
)
from deflection_kit.pdf.document import Document
from deflection_kit.pdf.fonts import (
    SANS,
    SCRIPT_FALLBACKS,
    SERIF,
    document_font,
    fit_font,
    make_font,
    register_bundled_fonts,
)
from deflection_kit.pdf.gui import ensure_gui_app
from deflection_kit.pdf.page import PageSetup

__all__ = [
    "SANS",
    "SCRIPT_FALLBACKS",
    "SERIF",
    "Block",
    "Bullets",
    "Checklist",
    "Column",
    "Details",
    "Document",
    "FieldRow",
    "Heading",
    "Item",
    "KeepTogether",
    "Note",
    "PageBreak",
    "PageSetup",
    "Paragraph",
    "RatingGrid",
    "Rule",
    "Spacer",
    "Table",
    "TextField",
    "Title",
    "document_font",
    "ensure_gui_app",
    "fit_font",
    "make_font",
    "register_bundled_fonts",
]
