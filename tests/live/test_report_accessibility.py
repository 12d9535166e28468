"""The delivery report and the audit packet pass the auditor's test (tests/pdf_audit.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from deflection_kit.reports import write_audit_packet, write_report_pdf
from deflection_kit.reports.charts import chart_alt, report_charts
from deflection_kit.reports.records import load_report
from deflection_kit.storage import Store
from pdf_audit import audit, poppler_audit

PACKET_PARTS = {
    "01-delivery-report.pdf": 5,
    "02-sign-in-sheet.pdf": 0,
    "03-attendance-roster.pdf": 0,
    "04-objectives-taught.pdf": 0,
    "05-evaluations.pdf": 0,
}


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory, bundled_course) -> dict[str, Path]:
    """Write the report, the packet as a folder and as one PDF, once for the module."""
    import datetime as dt

    from live_drive import answer, teach

    from deflection_kit.decks import DeckOptions, deck_spec, prepare
    from deflection_kit.live import LiveSession, build_agenda
    from deflection_kit.storage import CourseFacts, PersonFields, SessionFields

    class Clock:
        now = 1_767_000_000.0

        def __call__(self) -> float:
            return self.now

        def advance(self, seconds: float = 0.0, minutes: float = 0.0) -> None:
            self.now += seconds + minutes * 60

    folder = tmp_path_factory.mktemp("reports")
    agenda = build_agenda(bundled_course, deck_spec(prepare(bundled_course, DeckOptions())))
    with Store.open(folder / "kit.sqlite3") as store:
        session = store.sessions.create(
            SessionFields(title="Spring training", date=dt.date(2026, 4, 2), minutes=90),
            CourseFacts.from_info(bundled_course.info),
        )
        start = dt.datetime(2026, 4, 2, 9, 0, tzinfo=dt.UTC)
        for name, discipline in (("Ana María", "Police"), ("王小明", "EMS"), ("דוד כהן", "Fire")):
            fields = PersonFields(name=name, discipline=discipline, agency="Metro")
            store.attendance.check_in(session.id, fields, at=start)
            store.attendance.check_out(session.id, fields, at=start + dt.timedelta(minutes=90))
        store.feedback.add(session.id, {"objectives": 5}, {"useful": "#import ] $x$"})
        clock = Clock()
        live = LiveSession(agenda, clock=clock, session_id=session.id)
        answer(live, agenda, "pre", 6, 14)
        teach(live, clock, agenda)
        answer(live, agenda, "post", 18, 2)
        live.end()
        store.live.save(session.id, live.to_dict(), [e.to_dict() for e in live.events])
        report = load_report(store, bundled_course, session.id)
        records = store.attendance.records(session_id=session.id)
        forms = store.feedback.list(session.id)
    files = {"report.pdf": write_report_pdf(report, folder / "report.pdf")}
    write_audit_packet(report, records, forms, folder / "packet")
    files.update({name: folder / "packet" / name for name in PACKET_PARTS})
    files["packet.pdf"] = write_audit_packet(report, records, forms, folder / "p.pdf").path
    files["alts"] = folder / "alts.txt"
    files["alts"].write_text("\n".join(chart_alt(c) for c in report_charts(report)))
    return files


NAMES = ["report.pdf", *PACKET_PARTS, "packet.pdf"]


@pytest.mark.parametrize("name", NAMES)
def test_every_report_document_passes_the_auditors_test(written, name: str) -> None:
    charts = 5 if name in ("report.pdf", "packet.pdf") else PACKET_PARTS.get(name, 0)
    audit(written[name], charts=charts)


@pytest.mark.parametrize("name", NAMES)
def test_poppler_reads_every_report_document(written, name: str) -> None:
    poppler_audit(written[name])


def test_every_chart_is_described_with_its_numbers(written) -> None:
    found = audit(written["report.pdf"], charts=5)
    assert found.alts == written["alts"].read_text().splitlines()
    pacing = next(alt for alt in found.alts if "Pacing" in alt)
    assert pacing.startswith("Bar chart of Planned and Actual: Pacing: planned and actual")
    assert "Planned 5 min, Actual" in pacing


def test_the_packet_bookmarks_each_document(written) -> None:
    found = audit(written["packet.pdf"], charts=5, title="Audit packet — Spring training")
    for heading in (
        "Audit packet — Spring training",
        "Delivery report — Spring training",
        "Sign-in sheet — Spring training",
        "Charts",
        "Course evaluations — Spring training",
    ):
        assert heading in found.bookmarks, heading  # fmt: skip
