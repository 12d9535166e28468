"""Check that the app works on this computer: Qt plugins, window, slides, files, certificates.

``deflection-kit --smoke`` runs these checks on a throwaway database (the user's own is never
opened) and reports one line per check. It is what a packager runs on a fresh build, and what a
support person asks a user to run: it needs no display (it paints offscreen) and exits 0 only
when every check passed.
"""

from __future__ import annotations

import gc
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import (
    QByteArray,
    QEventLoop,
    QMessageLogContext,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtGui import QGuiApplication, QImage, QImageReader
from PySide6.QtWidgets import QApplication

from deflection_kit.content import Course

# Image formats the app reads or writes: logos (png, jpeg), icons and certificates (svg), the
# Windows icon (ico). Each one is a Qt plugin a frozen build must carry.
NEEDED_IMAGE_FORMATS = ("png", "jpeg", "svg", "ico")
THUMBNAIL_WIDTH = 480
CERTIFICATE_WIDTH = 1100  # as the Certificates page paints its preview
_SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20">'
    b'<rect width="40" height="20" fill="#1f3a5f"/></svg>'
)


class SmokeCheckError(Exception):
    """One check found something wrong."""


@dataclass(frozen=True)
class CheckResult:
    """How one check went."""

    name: str
    ok: bool
    detail: str
    seconds: float

    def line(self) -> str:
        """Return the result as one line for the terminal."""
        mark = "ok  " if self.ok else "FAIL"
        return f"{mark} {self.name:<18} {self.seconds * 1000:7.0f} ms  {self.detail}"


@dataclass
class SmokeRun:
    """What the checks share: the app, the course, a scratch folder and a demo database."""

    app: QApplication
    course: Course
    folder: Path
    db_path: Path


Check = Callable[[SmokeRun], str]


def distinct_colours(image: QImage, samples: int = 60) -> int:
    """Return how many different colours a grid of sample points finds (1 means blank)."""
    step_x = max(image.width() // samples, 1)
    step_y = max(image.height() // samples, 1)
    return len(
        {
            image.pixel(x, y)
            for x in range(0, image.width(), step_x)
            for y in range(0, image.height(), step_y)
        }
    )


def _require_painted(image: QImage, what: str) -> None:
    if image.isNull() or image.width() == 0:
        raise SmokeCheckError(f"{what}: nothing was painted")
    if distinct_colours(image) < 3:
        raise SmokeCheckError(f"{what}: the picture is blank")


def check_fonts(run: SmokeRun) -> str:
    """Register the bundled fonts; the slide twins and the document fonts must be there."""
    from deflection_kit.pdf.fonts import SANS, register_bundled_fonts
    from deflection_kit.ui.slide_painter import register_fonts

    families = set(register_fonts()) | set(register_bundled_fonts())
    missing = {"Carlito", "Liberation Sans", SANS} - families
    if missing:
        raise SmokeCheckError(f"bundled fonts missing: {', '.join(sorted(missing))}")
    return f"{len(families)} families"


def check_qt_plugins(run: SmokeRun) -> str:
    """Find the image-format, SVG and print-support plugins a frozen build must carry."""
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtSvg import QSvgRenderer

    formats = {bytes(f.data()).decode() for f in QImageReader.supportedImageFormats()}
    missing = [f for f in NEEDED_IMAGE_FORMATS if f not in formats]
    if missing:
        raise SmokeCheckError(f"image formats missing: {', '.join(missing)}")
    if not QSvgRenderer(QByteArray(_SVG)).isValid():
        raise SmokeCheckError("QtSvg cannot read a plain SVG")
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFileName(str(run.folder / "printer.pdf"))
    if printer.outputFormat() != QPrinter.OutputFormat.PdfFormat:
        raise SmokeCheckError("QtPrintSupport cannot print to a PDF file")
    from deflection_kit.ui.app import app_icon

    _require_painted(app_icon().pixmap(64, 64).toImage(), "app icon (SVG icon engine)")
    return f"platform {QGuiApplication.platformName()}, {len(formats)} image formats"


def check_single_instance(run: SmokeRun) -> str:
    """Knock on a local socket as a second launch does (QtNetwork), under a name of its own."""
    from deflection_kit.ui.live.single_instance import InstanceServer, ask_first_to_raise

    knocks: list[bool] = []
    server = InstanceServer(lambda: knocks.append(True), name=f"deflection-kit-smoke-{os.getpid()}")
    try:
        if not server.listening():
            raise SmokeCheckError("cannot listen on a local socket")
        if not ask_first_to_raise(server.name):
            raise SmokeCheckError("a second launch cannot reach the first")
        deadline = time.monotonic() + 5
        while not knocks and time.monotonic() < deadline:
            run.app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        if not knocks:
            raise SmokeCheckError("the first instance did not hear the second")
        return "a second launch reaches the first"
    finally:
        server.server.close()
        server.deleteLater()


def check_main_window(run: SmokeRun) -> str:
    """Open the main window on the demo database and show every page."""
    from deflection_kit.ui.app import main_window

    window = main_window(run.course, run.db_path, demo=True)
    try:
        window.show()
        keys = window.page_keys()
        for key in keys:
            window.show_page(key)
            run.app.processEvents()
        image = window.grab().toImage()
        _require_painted(image, "main window")
        return f"{len(keys)} pages, {image.width()}x{image.height()}"
    finally:
        window.close()
        window.deleteLater()
        run.app.processEvents()


def check_deck_thumbnail(run: SmokeRun) -> str:
    """Build the default deck and paint its first slide as the Decks page does."""
    from deflection_kit.decks import DeckOptions, deck_spec, prepare
    from deflection_kit.ui.slide_painter import SlidePainter

    prepared = prepare(run.course, DeckOptions())
    deck = deck_spec(prepared)
    look = prepared.theme.look.with_accent(deck.accent)
    image = SlidePainter(look).image(deck.slides[0], THUMBNAIL_WIDTH, deck, 1)
    _require_painted(image, "deck thumbnail")
    image.save(str(run.folder / "slide-1.png"))
    return f"{len(deck.slides)} slides, first at {image.width()}x{image.height()}"


def check_deck_file(run: SmokeRun) -> str:
    """Write the default deck as a .pptx (python-pptx and its templates)."""
    from deflection_kit.decks import DeckOptions, build_deck

    path, deck = build_deck(run.course, DeckOptions(), run.folder / "deck.pptx")
    size = path.stat().st_size
    if size < 10_000:
        raise SmokeCheckError(f"the deck file is only {size} bytes")
    return f"{len(deck.slides)} slides, {size // 1024} KB"


def _require_file(path: Path, magic: bytes, what: str) -> int:
    data = path.read_bytes()
    if not data.startswith(magic) or len(data) < 1000:
        raise SmokeCheckError(f"the {what} is not what it should be")
    return len(data)


def check_exports(run: SmokeRun) -> str:
    """Print a demo session's sign-in sheet to PDF and its roster to XLSX."""
    from deflection_kit.exports import export_attendance
    from deflection_kit.storage import Store

    with Store.open(run.db_path) as store:
        session = store.sessions.list()[0]
        records = store.attendance.records(session_id=session.id)
    pdf, xlsx = run.folder / "sign-in.pdf", run.folder / "roster.xlsx"
    export_attendance(records, "pdf", pdf, session.title, "sign-in")
    export_attendance(records, "xlsx", xlsx, session.title)
    pdf_size = _require_file(pdf, b"%PDF", "sign-in sheet")
    xlsx_size = _require_file(xlsx, b"PK", "roster workbook")
    return f"{len(records)} rows: PDF {pdf_size // 1024} KB, XLSX {xlsx_size // 1024} KB"


def check_certificate_preview(run: SmokeRun) -> str:
    """Paint a completion certificate preview (SVG design, fitted name, QR code)."""
    from deflection_kit.certificates.desk import CertificateDesk
    from deflection_kit.storage import Store

    with Store.open(run.db_path) as store:
        # A preview is signed by a throwaway key: the smoke test never makes an issuer key.
        desk = CertificateDesk(store, run.course)
        holders = [
            (session.id, holder)
            for session in store.sessions.list()
            for holder in desk.holders(session.id)
        ]
        if not holders:
            raise SmokeCheckError("the demo sessions have nobody to certify")
        session_id, holder = next(((s, h) for s, h in holders if h.state == "ready"), holders[0])
        signed = desk.draft(session_id, holder.participant_id)
        image = desk.renderer.preview(desk.renderer.page(signed), CERTIFICATE_WIDTH)
    _require_painted(image, "certificate preview")
    image.save(str(run.folder / "certificate.png"))
    return f"design {desk.design}, {image.width()}x{image.height()}"


CHECKS: tuple[tuple[str, Check], ...] = (
    ("fonts", check_fonts),
    ("qt plugins", check_qt_plugins),
    ("single instance", check_single_instance),
    ("main window", check_main_window),
    ("deck thumbnail", check_deck_thumbnail),
    ("deck file", check_deck_file),
    ("exports", check_exports),
    ("certificate", check_certificate_preview),
)


# The offscreen platform warns about window hints it ignores; that is noise, not a finding.
_QUIET = ("does not support propagateSizeHints",)


def _quiet_handler(previous: Callable[..., None] | None) -> Callable[..., None]:
    def handle(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        if any(noise in message for noise in _QUIET):
            return
        if previous is not None:
            previous(kind, context, message)
        else:
            sys.stderr.write(message + "\n")

    return handle


@contextmanager
def smoke_run(course: Course) -> Iterator[SmokeRun]:
    """Yield what the checks share; the demo database and scratch files go away afterwards."""
    from deflection_kit.ui.app import application
    from deflection_kit.ui.demo import demo_database

    app = application()
    previous = qInstallMessageHandler(None)
    qInstallMessageHandler(_quiet_handler(previous))
    with (
        tempfile.TemporaryDirectory(
            prefix="deflection-kit-smoke-", ignore_cleanup_errors=True
        ) as folder,
        demo_database(course) as db_path,
    ):
        try:
            yield SmokeRun(app, course, Path(folder), db_path)
        finally:
            gc.collect()  # close the pages' database connections before the folder goes
            qInstallMessageHandler(previous)


def run_checks(
    course: Course,
    report: Callable[[CheckResult], None],
    checks: tuple[tuple[str, Check], ...] = CHECKS,
) -> list[CheckResult]:
    """Run every check (a failure does not stop the others); report each as it ends."""
    results: list[CheckResult] = []
    with smoke_run(course) as run:
        for name, check in checks:
            started = time.perf_counter()
            try:
                detail, ok = check(run), True
            except Exception as error:  # a smoke test reports every failure, whatever it is
                detail, ok = f"{type(error).__name__}: {error}", False
            result = CheckResult(name, ok, detail, time.perf_counter() - started)
            report(result)
            results.append(result)
    return results
