"""Benchmark: issue 200 certificates to separate signed PDFs, against the same PDFs unsigned and
bare QPainter drawing of the page.

Run: ``uv run python benchmarks/bench_certificates.py [--count 200] [--repeat 3]``

Each certificate PDF carries a PAdES signature over the whole file (pyHanko). Same-run baselines:
the kit's PDF without its signature (what ``certificates issue`` wrote before PDFs were signed)
and a bare QPainter page. Profiled, a pyHanko signature first cost ~27 ms: it signed every file
twice (a dry run to size the room for the signature) and rebuilt the signing-certificate
attribute, whose issuer name asn1crypto re-encodes hundreds of times. The kit's signer is made
once per batch, reserves a room measured once, and encodes that attribute once: ~3.5 ms.

Both runs sign each certificate, encode its QR code with zxing-cpp, paint one landscape Letter
page in the same bundled face (the QR code as one-module-wide strokes) and write it
owner-only and atomically (each file flushed before its rename, the folder flushed once at the
end, as ``certificates issue`` does). The kit's run fills the SVG design in the jinja2 sandbox,
draws it with QtSvg and fits every text box; the baseline draws the same shapes and strings at
fixed positions with QPainter calls. Then the whole ``certificates issue`` path is timed
``--repeat`` times on a session of the same people: who completed, sign, check every page,
record the register, write the PDFs. Targets: the kit at most 1.5x the baseline per
certificate, and under 4 s for all of them.

Everything runs on one thread: PySide6 holds the GIL through ``QPainter.end()``, where Qt embeds
the fonts (most of a certificate's time), so writer threads do not overlap, and Qt serialises
text output to PDFs even where the GIL is let go (``QTextDocument.print_``). A worker process
costs more to start (Qt, fonts) than it would save here.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Keys and settings go to a throwaway folder, never the user's.
os.environ["DEFLECTION_KIT_DATA_DIR"] = tempfile.mkdtemp(prefix="bench-certs-data-")

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QPainter,
    QPainterPath,
    QPdfWriter,
    QPen,
)

from deflection_kit import paths, privatefiles
from deflection_kit.certificates import payload
from deflection_kit.certificates.keys import IssuerKey
from deflection_kit.certificates.page import LETTER
from deflection_kit.certificates.prepare import prepare_certificate
from deflection_kit.certificates.qr import QUIET_ZONE, qr_code
from deflection_kit.certificates.render import (
    PDF_RESOLUTION,
    CertificateRenderer,
    page_layout,
)
from deflection_kit.certificates.templates import join_names, long_date
from deflection_kit.content import load_course
from deflection_kit.pdf.fonts import document_font, ensure_gui_app

FIRST = ("Dana", "Jordan", "Priya", "Mateo", "Aisha", "Chen", "Olga", "Sipho", "Noor", "Liam")
LAST = ("Whitfield", "Ellis", "Raman", "García", "Okafor", "Nguyen", "Ivanova", "Dlamini", "Haddad")
HARD = (
    "فاطمة الزهراء عبد الله",
    "שרה כהן-לוי",
    "王小明 さくら 김민준",
    "Αλέξανδρος Παπαδόπουλος",
    "Maximiliana Alexandrina Wilhelmina Konstantinopoulou-Fitzgerald de la Cruz y Hernández",
)


def names(count: int) -> list[str]:
    """Return ``count`` participant names, one in ten of them hard."""
    out = []
    for i in range(count):
        if i % 10 == 9:
            out.append(HARD[(i // 10) % len(HARD)])
        else:
            out.append(f"{FIRST[i % len(FIRST)]} {LAST[(i * 7) % len(LAST)]}")
    return out


def prepare_all(key: IssuerKey, course, people: list[str]):
    """Sign one certificate per person (the same for both runs)."""
    return [
        prepare_certificate(
            key,
            course_id=course.info.id,
            course_title=course.info.title,
            participant_name=name,
            date=dt.date(2025, 3, 4),
            credit_hours=course.info.credit_hours,
            minutes_attended=90,
            facilitators=("Jordan Ellis", "Priya Raman"),
            host_agency="Springfield Police Department",
        ).signed
        for name in people
    ]


def kit_run(
    renderer: CertificateRenderer, key: IssuerKey, signed, out: Path, first: int = 0
) -> list[float]:
    """Issue each certificate as the kit does (a signed PDF); return seconds per certificate."""
    times = []
    for index, one in enumerate(signed, start=first):
        start = time.perf_counter()
        page = renderer.page(one)
        target = out / f"kit-{index:03}.pdf"
        renderer.write_pdf([page], target, key, "Certificate", "Jordan Ellis", sync_folder=False)
        times.append(time.perf_counter() - start)
    return times


def unsigned_run(renderer: CertificateRenderer, signed, out: Path, first: int = 0) -> list[float]:
    """Write each certificate as the kit did before PDFs were signed; return seconds each."""
    times = []
    for index, one in enumerate(signed, start=first):
        start = time.perf_counter()
        page = renderer.page(one)
        data = renderer.pdf_bytes([page], "Certificate", "Jordan Ellis", [payload.encode(one)])
        target = out / f"unsigned-{index:03}.pdf"
        with privatefiles.atomic_path(target, suffix=".pdf", sync_folder=False) as tmp:
            tmp.write_bytes(data)
        times.append(time.perf_counter() - start)
    return times


def _text(painter: QPainter, font, rect: QRectF, text: str, color: str) -> None:
    painter.setFont(font)
    painter.setPen(QColor(color))
    painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), text)


def bare_page(painter: QPainter, writer: QPdfWriter, one, wording) -> None:
    """Draw the classic page with plain QPainter calls: no template, no SVG, no fitting."""
    cert = one.certificate
    s = writer.width() / LETTER.width  # device pixels per point
    w, h = LETTER.width, LETTER.height

    def r(x: float, y: float, width: float, height: float) -> QRectF:
        return QRectF(x * s, y * s, width * s, height * s)

    def pt(size: float) -> float:
        return size * s * 72.0 / writer.logicalDpiY()

    painter.fillRect(r(0, 0, w, h), QColor("#fffdf7"))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(QPen(QColor("#1f3a5f"), 6 * s))
    painter.drawRect(r(22, 22, w - 44, h - 44))
    painter.setPen(QPen(QColor("#b08d3c"), 1.2 * s))
    painter.drawRect(r(34, 34, w - 68, h - 68))
    painter.setPen(Qt.PenStyle.NoPen)
    for cx, cy in ((34, 34), (w - 34, 34), (34, h - 34), (w - 34, h - 34)):
        painter.setBrush(QColor("#b08d3c"))
        painter.drawEllipse(QPointF(cx * s, cy * s), 7 * s, 7 * s)
    serif = document_font(12, serif=True)  # the classic design prints every text in one face
    for font, size, rect, text, color in (
        (serif, 36, r(170, 60, w - 340, 52), wording.heading, "#1f3a5f"),
        (serif, 40, r(80, 146, w - 160, 96), cert.participant_name, "#1c1c1c"),
        (serif, 14, r(120, 262, w - 240, 22), wording.statement, "#595959"),
        (serif, 21, r(90, 288, w - 180, 60), cert.course_title, "#1f3a5f"),
        (
            serif,
            14,
            r(120, 354, w - 240, 22),
            f"{cert.hours_text} contact hours · {cert.minutes_attended} minutes attended",
            "#1c1c1c",
        ),
        (serif, 12.5, r(120, 378, w - 240, 20), f"Hosted by {cert.host_agency}", "#595959"),
        (serif, 12, r(66, h - 114, 248, 32), join_names(cert.facilitators), "#1c1c1c"),
        (serif, 9.5, r(66, h - 82, 248, 14), wording.signature_label, "#595959"),
        (serif, 12, r(w / 2 - 100, h - 114, 200, 18), long_date(cert.date), "#1c1c1c"),
        (serif, 9.5, r(w / 2 - 100, h - 96, 200, 14), "Date", "#595959"),
        (serif, 10, r(w - 244, h - 94, 180, 14), cert.code, "#1c1c1c"),
    ):
        font.setPointSizeF(pt(size))
        _text(painter, font, rect, text, color)
    qr = qr_code(payload.encode(one))
    module = 96 / qr.size * s
    left, top = (w - 64 - 96) * s, (h - 96 - 96) * s
    # Each run of dark modules as one stroke a module wide, as the kit's designs draw it.
    path = QPainterPath()
    for y, row in enumerate(qr.rows):
        for run in re.finditer(b"\x01+", row):
            middle = top + (y + QUIET_ZONE + 0.5) * module
            path.moveTo(left + (run.start() + QUIET_ZONE) * module, middle)
            path.lineTo(left + (run.end() + QUIET_ZONE) * module, middle)
    painter.strokePath(
        path, QPen(QColor("black"), module, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap)
    )


def bare_run(signed, wording, out: Path, first: int = 0) -> list[float]:
    """Draw each certificate with bare QPainter calls; return seconds per certificate."""
    times = []
    for index, one in enumerate(signed, start=first):
        start = time.perf_counter()
        target = out / f"bare-{index:03}.pdf"
        with privatefiles.atomic_path(target, suffix=".pdf", sync_folder=False) as tmp:
            writer = QPdfWriter(str(tmp))
            writer.setPageLayout(page_layout(LETTER))
            writer.setResolution(PDF_RESOLUTION)
            writer.setTitle("Certificate")
            writer.setAuthor("Jordan Ellis")
            painter = QPainter(writer)
            bare_page(painter, writer, one, wording)
            painter.end()
            del writer
        times.append(time.perf_counter() - start)
    return times


def desk_run(course, key: IssuerKey, people: list[str], folder: Path) -> tuple[float, float]:
    """Issue a session's certificates as ``certificates issue`` does; return (issue, write) s."""
    from deflection_kit.certificates.desk import CertificateDesk
    from deflection_kit.settings import Settings
    from deflection_kit.storage import CourseFacts, PersonFields, SessionFields, Store

    with Store.open(folder / "bench.sqlite3") as store:
        session = store.sessions.create(
            SessionFields(
                "Roll call", dt.date(2025, 3, 4), dt.time(9), host_agency="Springfield PD",
                facilitators=("Jordan Ellis", "Priya Raman"),
            ),
            CourseFacts.from_info(course.info),
        )  # fmt: skip
        arrive = dt.datetime(2025, 3, 4, 9, tzinfo=dt.UTC)
        with store.transaction():
            for number, name in enumerate(people):
                person = PersonFields(name, f"p{number}@example.org")
                got = store.attendance.check_in(session.id, person, arrive)
                store.attendance.check_out(
                    session.id, got.participant.id, arrive + dt.timedelta(minutes=90)
                )
        desk = CertificateDesk(store, course, Settings(), key=key)
        start = time.perf_counter()
        issued = desk.issue(session.id)
        middle = time.perf_counter()
        desk.write_pdfs(issued.all, folder / "issued")
        end = time.perf_counter()
        assert len(issued.new) == len(people)
    return middle - start, end - middle


def qr_only(signed) -> float:
    """Return the mean seconds to encode one QR code and build its path (part of both runs)."""
    start = time.perf_counter()
    for one in signed:
        _ = qr_code(payload.encode(one)).lines
    return (time.perf_counter() - start) / len(signed)


def qr_segno(signed) -> float | None:
    """Return the mean seconds segno (pure Python, the encoder before; a dev dependency) takes."""
    try:
        import segno
    except ImportError:
        return None
    texts = [payload.encode(one) for one in signed]
    start = time.perf_counter()
    for text in texts:
        segno.make_qr(text, error="m", boost_error=False, mask=2)
    return (time.perf_counter() - start) / len(texts)


def main(argv: list[str] | None = None) -> int:
    """Run both, print per-certificate times, the ratio and the total."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3, help="times to time the issue path")
    args = parser.parse_args(argv)
    ensure_gui_app()
    course = load_course(paths.content_dir())
    key = IssuerKey.load_or_create()
    people = names(args.count)
    signed = prepare_all(key, course, people)
    renderer = CertificateRenderer(course.info.certificate)
    with tempfile.TemporaryDirectory(prefix="bench-certs-") as folder:
        out = Path(folder)
        # Warm up every path (fonts, template compilation, the signer) before timing.
        kit_run(renderer, key, signed[:3], out)
        unsigned_run(renderer, signed[:3], out)
        bare_run(signed[:3], course.info.certificate, out)
        # Alternate one certificate of each kind, so all see the same machine load (other
        # programs share these two cores).
        kit: list[float] = []
        unsigned: list[float] = []
        bare: list[float] = []
        for index in range(len(signed)):
            one = signed[index : index + 1]
            kit += kit_run(renderer, key, one, out, index)
            unsigned += unsigned_run(renderer, one, out, index)
            bare += bare_run(one, course.info.certificate, out, index)
        privatefiles.fsync_dir(out)
        kit_total, unsigned_total, bare_total = sum(kit), sum(unsigned), sum(bare)
        written = len(list(out.glob("kit-*.pdf")))
        sizes = sorted(p.stat().st_size for p in out.glob("kit-*.pdf"))
        unsigned_sizes = sorted(p.stat().st_size for p in out.glob("unsigned-*.pdf"))
        runs = []
        for number in range(max(1, args.repeat)):
            (out / f"run{number}").mkdir()
            runs.append(desk_run(course, key, people, out / f"run{number}"))
    qr = qr_only(signed)
    slow = qr_segno(signed)
    ratio = statistics.mean(kit) / statistics.mean(bare)
    print(f"certificates: {args.count} separate PDFs ({written} written by the kit)")
    print(
        f"kit, signed PDF (the kit now):  {statistics.mean(kit) * 1000:6.1f} ms each "
        f"(median {statistics.median(kit) * 1000:.1f}), {kit_total:.2f} s in all"
    )
    print(
        f"kit, unsigned (as before):      {statistics.mean(unsigned) * 1000:6.1f} ms each "
        f"(median {statistics.median(unsigned) * 1000:.1f}), {unsigned_total:.2f} s in all"
    )
    signing = statistics.mean(kit) - statistics.mean(unsigned)
    print(
        f"  the PDF signature adds {signing * 1000:.1f} ms each "
        f"({statistics.mean(kit) / statistics.mean(unsigned):.2f}x the unsigned kit)"
    )
    print(
        f"  one certificate PDF: {statistics.median(sizes) / 1024:.1f} kB signed "
        f"({min(sizes) / 1024:.1f}-{max(sizes) / 1024:.1f}), "
        f"{statistics.median(unsigned_sizes) / 1024:.1f} kB unsigned"
    )
    print(
        f"bare QPainter, same page:       {statistics.mean(bare) * 1000:6.1f} ms each "
        f"(median {statistics.median(bare) * 1000:.1f}), {bare_total:.2f} s in all"
    )
    print(f"of which QR encoding (zxing-cpp) and its path, in both: {qr * 1000:.1f} ms each")
    if slow is not None:
        print(f"  (segno, the pure-Python encoder used before, takes {slow * 1000:.1f} ms)")
    print(f"ratio signed kit / bare: {ratio:.2f}x")
    unsigned_ratio = statistics.mean(unsigned) / statistics.mean(bare)
    print(
        f"ratio unsigned kit / bare: {unsigned_ratio:.2f}x (target <= 1.5x): "
        f"{'ok' if unsigned_ratio <= 1.5 else 'MISSED'}"
    )
    limit = 4.0 * args.count / 200  # the target: 4 s for 200 certificates
    print(
        f"total for the kit: {kit_total:.2f} s (target < {limit:g} s): "
        f"{'ok' if kit_total < limit else 'MISSED'}"
    )
    print(f"certificates issue path (register + {args.count} PDFs), single-threaded:")
    for issue_seconds, write_seconds in runs:
        print(
            f"  {issue_seconds + write_seconds:.2f} s (sign, check and record "
            f"{issue_seconds:.2f} s, write {write_seconds:.2f} s)"
        )
    wholes = [issue + write for issue, write in runs]
    middle = statistics.median(wholes)
    print(
        f"  median {middle:.2f} s, best {min(wholes):.2f} s of {len(runs)} "
        f"(target < {limit:g} s): {'ok' if middle < limit else 'MISSED'}"
    )
    print(f"load average (other programs share the 2 cores): {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
