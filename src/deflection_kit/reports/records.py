"""Gather a session's whole record from the database into a delivery report.

The live events give what was taught and when; the attendance who came; the typed-in
evaluation forms, read against the printed form's statements, how it landed; and the paper
answer sheets, if the room wrote its checks on paper, what it learned.
"""

from __future__ import annotations

from deflection_kit.content import Course
from deflection_kit.errors import DeflectionKitError
from deflection_kit.live.events import LiveEvent
from deflection_kit.live.records import agenda_of
from deflection_kit.live.report import DeliveryReport, PaperChecks, PaperQuestion, build_report
from deflection_kit.materials import evaluation
from deflection_kit.materials.entry import check_results, session_questions
from deflection_kit.storage import Session, Store


def paper_checks(store: Store, course: Course, session: Session) -> PaperChecks | None:
    """Return the paper knowledge check's results for the session, if sheets were typed in."""
    sheets = store.check_sheets.list(session.id)
    if not sheets:
        return None
    questions = session_questions(course, session)
    before = check_results(sheets, questions, "pre")
    after = check_results(sheets, questions, "post")
    return PaperChecks(
        pre_sheets=sum(1 for s in sheets if s.phase == "pre"),
        post_sheets=sum(1 for s in sheets if s.phase == "post"),
        questions=tuple(
            PaperQuestion(q.id, q.prompt, b.share_correct, a.share_correct)
            for q, b, a in zip(questions, before, after, strict=True)
        ),
    )


def plan_from_events(events: list[LiveEvent]) -> dict[str, object] | None:
    """Return the deck options and minutes the last run started with, from the record alone."""
    for event in reversed(events):
        if event.kind == "started" and isinstance(event.data.get("deck"), dict):
            return {"deck": event.data["deck"], "minutes": event.data.get("minutes")}
    return None


def load_report(store: Store, course: Course, session_ref: str) -> DeliveryReport:
    """Return the delivery report of a stored session (raise if it was never presented)."""
    session = store.sessions.resolve(session_ref)
    events = [LiveEvent.from_dict(e) for e in store.live.events(session.id)]
    record = store.live.get(session.id)
    state = dict(record.state) if record is not None else plan_from_events(events)
    if state is None:
        raise DeflectionKitError(
            f"session {session.title!r} has not been presented with the kit yet: "
            "there is no delivery record to report"
        )
    agenda = agenda_of(course, state)
    deck = state.get("deck")
    return build_report(
        course,
        agenda,
        events,
        session=session,
        deck=dict(deck) if isinstance(deck, dict) else {},
        attendance=store.attendance.records(session_id=session.id),
        feedback=store.feedback.list(session.id),
        statements=[(s.id, s.text) for s in evaluation.statements(course)],
        questions=[(c.id, c.prompt) for c in evaluation.COMMENTS],
        paper=paper_checks(store, course, session),
    )
