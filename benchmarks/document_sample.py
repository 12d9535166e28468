"""A realistic session record for the document benchmarks and for looking at the pages.

40 participants (names in Latin with accents, Chinese, Arabic, Hebrew, one very long), a full
90-minute run of the bundled course presented on a fake clock with the checks answered, and a
dozen typed-in evaluation forms. Used by benchmarks/bench_documents.py; run on its own it writes
the attendance roster, sign-in sheet, delivery report and audit packet into a folder:

    uv run python benchmarks/document_sample.py OUT_DIR
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from deflection_kit import paths
from deflection_kit.content import Course, load_course
from deflection_kit.decks import DeckOptions, deck_spec, prepare
from deflection_kit.live import LiveSession, build_agenda
from deflection_kit.storage import CourseFacts, PersonFields, SessionFields, Store

FIRST = ["Ana María", "Marcus", "Priya", "Tomás", "Grace", "Dmitri", "Leah", "Fatima", "Kwame",
         "Renée", "Zoë", "Joe", "Søren", "Ngozi"]  # fmt: skip
LAST = ["Ruiz-López", "Bell", "Natarajan", "Herrera", "Okafor", "Volkov", "Goldstein", "Haddad",
        "Mensah", "Dubois", "Brontë", "Whitehorse", "Kierkegaard", "Adeyemi"]  # fmt: skip
SCRIPTS = ["王小明", "محمد الأحمد", "דוד כהן", "李静"]
AGENCIES = [("Metro Police Department", "Police"), ("County EMS", "EMS"),
            ("Harbor Fire District", "Fire"), ("Bridge Recovery Clinic", "Treatment"),
            ("Peer Support Network", "Peer recovery support"),
            ("Regional Crisis Line", "Crisis response")]  # fmt: skip
PEOPLE = 40


class Clock:
    """A clock that moves only when told (seconds since the epoch)."""

    def __init__(self, start: float) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now


def people() -> list[PersonFields]:
    """Return the sample participants."""
    result = []
    for number in range(PEOPLE):
        if number % 10 == 3:
            name = SCRIPTS[(number // 10) % len(SCRIPTS)]
        elif number == 17:
            name = "Maximiliana Alejandra Concepción de la Santísima Trinidad Fernández-Ortega"
        else:
            name = f"{FIRST[number % len(FIRST)]} {LAST[(number * 5) % len(LAST)]}"
        agency, discipline = AGENCIES[number % len(AGENCIES)]
        email = f"person{number}@example.org" if number % 7 else ""
        credentials = {"post": f"P-{40000 + number}"} if discipline == "Police" else {}
        result.append(PersonFields(name, email, "", agency, discipline, credentials))
    return result


def _present(course: Course, clock: Clock, session_id: str) -> LiveSession:
    agenda = build_agenda(course, deck_spec(prepare(course, DeckOptions())))
    live = LiveSession(agenda, clock=clock, session_id=session_id)

    def answer(phase: str, right: int, wrong: int) -> None:
        for slot in agenda.checks:
            if slot.phase == phase:
                counts = [0] * len(slot.choices)
                counts[slot.answer] = right
                counts[(slot.answer + 1) % len(slot.choices)] = wrong
                live.set_counts(slot.key, counts)

    answer("pre", 14, 22)
    live.start()
    for number, segment in enumerate(agenda.segments):
        per_slide = segment.planned_minutes * 60 / (segment.last - segment.first + 1)
        stretch = 1.4 if number == 3 else 0.8 if number == 5 else 1.0  # one part ran over
        for index in range(segment.first, segment.last + 1):
            if index != live.current:
                live.goto(index)
            clock.now += per_slide * stretch
    answer("post", 31, 5)
    live.end()
    return live


def sample_store(path: Path, course: Course | None = None) -> tuple[Course, str]:
    """Write the sample record into a new database at ``path``; return the course and session."""
    course = course or load_course(paths.content_dir())
    start = dt.datetime(2026, 4, 2, 9, 0, tzinfo=dt.UTC)
    with Store.open(path) as store:
        session = store.sessions.create(
            SessionFields(
                title="Metro Deflection Training — Spring cohort",
                date=start.date(),
                start=dt.time(9, 0),
                minutes=90,
                location="Station 4 training room, 120 Harbor Road",
                host_agency="Harbor Fire District",
                facilitators=("Jo Park", "Sam Lee"),
            ),
            CourseFacts.from_info(course.info),
        )
        for number, fields in enumerate(people()):
            person = store.participants.create(fields)
            store.attendance.add_to_roster(session.id, person.id)
            if number % 9 == 8:
                continue  # did not come
            store.attendance.check_in(
                session.id, person.id, start + dt.timedelta(minutes=number % 6)
            )
            leave = 50 if number % 11 == 5 else 92
            store.attendance.check_out(session.id, person.id, start + dt.timedelta(minutes=leave))
        for number in range(12):
            store.feedback.add(
                session.id,
                {"objectives": 3 + number % 3, "recommend": 2 + number % 4},
                {"useful": "The QRT story and the warm handoff role-play"} if number % 3 == 0
                else {"improve": "More time for questions"},
            )  # fmt: skip
        live = _present(course, Clock(start.timestamp()), session.id)
        store.live.save(session.id, live.to_dict(), [e.to_dict() for e in live.events])
    return course, session.id


def write_documents(folder: Path) -> None:
    """Write the roster, sign-in sheet, delivery report and audit packet into ``folder``."""
    from deflection_kit.exports import export_attendance
    from deflection_kit.reports import write_audit_packet, write_report_pdf
    from deflection_kit.reports.records import load_report

    folder.mkdir(parents=True, exist_ok=True)
    course, session_id = sample_store(folder / "sample.sqlite3")
    with Store.open(folder / "sample.sqlite3") as store:
        records = store.attendance.records(session_id=session_id)
        forms = store.feedback.list(session_id)
        report = load_report(store, course, session_id)
    export_attendance(records, "pdf", folder / "roster.pdf", "Spring cohort")
    export_attendance(records, "pdf", folder / "sign-in.pdf", "Spring cohort", "sign-in")
    write_report_pdf(report, folder / "report.pdf")
    write_audit_packet(report, records, forms, folder / "packet.pdf")


if __name__ == "__main__":
    write_documents(Path(sys.argv[1]))
