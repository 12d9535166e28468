"""Paint certificates with QtGui and QtSvg: to PDF files, to a printer, to a preview image.

One painting routine serves all three: the design's SVG is drawn by QSvgRenderer, then every
text box is filled with fitted text in the bundled fonts. No widgets are involved.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QPointF, QRectF, QSizeF
from PySide6.QtGui import (
    QColor,
    QImage,
    QPageLayout,
    QPageSize,
    QPaintDevice,
    QPainter,
    QPdfWriter,
)
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtSvg import QSvgRenderer

from deflection_kit import privatefiles
from deflection_kit.certificates import payload
from deflection_kit.certificates.fit import FitCache, draw_text_box
from deflection_kit.certificates.keys import IssuerKey
from deflection_kit.certificates.model import SignedCertificate
from deflection_kit.certificates.page import LETTER, Paper
from deflection_kit.certificates.pdfkey import PdfSigningIdentity
from deflection_kit.certificates.pdfsign import CertificatePdfSigner
from deflection_kit.certificates.svgdoc import CertificateSvg
from deflection_kit.certificates.templates import (
    DEFAULT_DESIGN,
    Images,
    Wording,
    render_design,
    template_context,
    template_dirs,
)
from deflection_kit.certificates.visible import missing_fields
from deflection_kit.errors import DeflectionKitError
from deflection_kit.pdf.fonts import ensure_gui_app, register_bundled_fonts

PDF_RESOLUTION = 600  # dpi: coordinates only (PDF is vector), fine enough for exact placement
CREATOR = "Deflection Kit"
# The bundled certificate wording is English; a course in another language passes its own.
DOCUMENT_LANGUAGE = "en"
_PAGE_SIZES = {"letter": QPageSize.PageSizeId.Letter, "a4": QPageSize.PageSizeId.A4}


@dataclass(frozen=True)
class Page:
    """One certificate ready to paint: the signed certificate and its filled-in design."""

    signed: SignedCertificate
    document: CertificateSvg
    svg_renderer: QSvgRenderer = field(compare=False, repr=False)

    @property
    def text(self) -> str:
        """Return all the text the page prints."""
        return self.document.printed_text()


def page_layout(paper: Paper) -> QPageLayout:
    """Return the landscape, margin-free page layout for ``paper``."""
    size = QPageSize(_PAGE_SIZES.get(paper.name, QPageSize.PageSizeId.Letter))
    if paper.name not in _PAGE_SIZES:
        size = QPageSize(QSizeF(paper.height, paper.width), QPageSize.Unit.Point, paper.label)
    return QPageLayout(
        size, QPageLayout.Orientation.Landscape, QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Point
    )


def _own_label() -> str:
    """Return how this installation's key is labelled (shown as the PDF's signer), or ''."""
    from deflection_kit.certificates.trust import TrustStore

    try:
        return TrustStore().own_label
    except DeflectionKitError:
        return ""


class CertificateRenderer:
    """Fill a design for signed certificates and paint them on any device."""

    def __init__(
        self,
        wording: Wording,
        design: str = DEFAULT_DESIGN,
        paper: Paper = LETTER,
        images: Images | None = None,
        content_dir: str | os.PathLike[str] | None = None,
        language: str = DOCUMENT_LANGUAGE,
    ) -> None:
        ensure_gui_app()
        register_bundled_fonts()
        self.wording = wording
        self.design = design
        self.paper = paper
        self.images = images or Images()
        self.content_dir = content_dir
        self._folders: tuple[Path, ...] | None = None  # where the design is looked up
        self._fits = FitCache()
        self.language = language
        self._signers: dict[str, CertificatePdfSigner] = {}

    def page(self, signed: SignedCertificate) -> Page:
        """Fill the design for one certificate; raise if the design leaves out a signed field."""
        context = template_context(signed, self.wording, self.paper, self.images)
        if self._folders is None:
            self._folders = template_dirs(self.content_dir)
        document = render_design(self.design, context, self.content_dir, folders=self._folders)
        missing = missing_fields(signed.certificate, document.printed_text())
        if missing:
            raise DeflectionKitError(
                f"certificate design {self.design!r} does not print: {', '.join(missing)} "
                "(every signed field must be on the page)"
            )
        renderer = QSvgRenderer(QByteArray(document.svg))
        if not renderer.isValid():
            raise DeflectionKitError(f"certificate design {self.design!r} is not valid SVG")
        return Page(signed, document, renderer)

    def paint(self, painter: QPainter, page: Page, target: QRectF, device: QPaintDevice) -> None:
        """Paint ``page`` into ``target`` (device pixels) on ``device``."""
        document = page.document
        page.svg_renderer.render(painter, target)
        scale = target.width() / document.view_width
        origin = QPointF(target.left(), target.top())
        for box in document.boxes:
            draw_text_box(painter, box, origin, scale, device, self._fits)

    def signer(self, key: IssuerKey) -> CertificatePdfSigner:
        """Return the PDF signer for ``key``, made once per renderer (a batch reuses it)."""
        found = self._signers.get(key.key_id)
        if found is None:
            identity = PdfSigningIdentity.for_issuer(key, _own_label() if key.saved else "")
            found = self._signers[key.key_id] = CertificatePdfSigner(identity, self.language)
        return found

    def pdf_bytes(
        self, pages: Sequence[Page], title: str, author: str, payloads: Sequence[str]
    ) -> bytes:
        """Paint ``pages`` into an unsigned PDF in memory, the certificate data in its XMP."""
        from deflection_kit.certificates.pdfmeta import build_xmp

        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        writer = QPdfWriter(buffer)
        writer.setPageLayout(page_layout(self.paper))
        writer.setResolution(PDF_RESOLUTION)
        writer.setTitle(title)
        writer.setAuthor(author)
        writer.setCreator(CREATOR)
        writer.setDocumentXmpMetadata(QByteArray(build_xmp(title, author, list(payloads))))
        painter = QPainter(writer)
        if not painter.isActive():
            raise DeflectionKitError("cannot paint the certificate PDF")
        try:
            full = QRectF(0, 0, writer.width(), writer.height())
            for index, page in enumerate(pages):
                if index:
                    writer.newPage()
                self.paint(painter, page, full, writer)
        finally:
            painter.end()
        del writer
        return bytes(buffer.data().data())

    def write_pdf(
        self,
        pages: Sequence[Page],
        target: str | os.PathLike[str],
        key: IssuerKey,
        title: str,
        author: str,
        *,
        sync_folder: bool = True,
    ) -> Path:
        """Write ``pages`` to one PDF signed by ``key``'s PDF identity (owner-only, all or nothing).

        ``sync_folder=False`` leaves flushing the folder to the caller (see privatefiles).
        """
        if not pages:
            raise DeflectionKitError("no certificates to write")
        foreign = [p.signed.code for p in pages if p.signed.certificate.issuer_key_id != key.key_id]
        if foreign:
            raise DeflectionKitError(f"certificate {foreign[0]} names another issuer key")
        texts = [payload.encode(p.signed) for p in pages]
        signed = self.signer(key).sign(self.pdf_bytes(pages, title, author, texts))
        with privatefiles.atomic_path(target, suffix=".pdf", sync_folder=sync_folder) as tmp:
            tmp.write_bytes(signed)
        return Path(target)

    def print_pages(self, pages: Sequence[Page], printer: QPrinter) -> None:
        """Send ``pages`` to ``printer`` as one job (the printer's own settings are kept)."""
        if not pages:
            return
        printer.setFullPage(True)
        printer.setPageLayout(page_layout(self.paper))
        painter = QPainter(printer)
        if not painter.isActive():
            raise DeflectionKitError("the printer could not start the job")
        try:
            paper = printer.paperRect(QPrinter.Unit.DevicePixel)
            full = QRectF(0, 0, paper.width(), paper.height())
            for index, page in enumerate(pages):
                if index:
                    printer.newPage()
                self.paint(painter, page, full, printer)
        finally:
            painter.end()

    def preview(self, page: Page, width: int) -> QImage:
        """Return the page painted on a white image ``width`` pixels wide."""
        height = max(1, round(width * self.paper.height / self.paper.width))
        image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
        dpi = width / (self.paper.width / 72.0)
        image.setDotsPerMeterX(round(dpi / 0.0254))
        image.setDotsPerMeterY(round(dpi / 0.0254))
        image.fill(QColor("white"))
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        try:
            self.paint(painter, page, QRectF(0, 0, width, height), image)
        finally:
            painter.end()
        return image
