"""Typing paper forms in: parsing, storing (reopened from disk), results, and the CLI."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from deflection_kit.errors import UsageError
from deflection_kit.materials import evaluation
from deflection_kit.materials.entry import (
    parse_answers,
    parse_ratings,
    session_questions,
    typed_answers,
)
from deflection_kit.storage import CourseFacts, SessionFields, Store


@pytest.fixture
def questions(bundled_course, session):
    return session_questions(bundled_course, session)


def test_answers_are_read_one_letter_per_question(questions) -> None:
    kinds = [q.kind for q in questions]
    typed = "".join("T" if kind == "true-false" else "b" for kind in kinds)
    answers = parse_answers(typed, questions)
    assert len(answers) == len(questions)
    for question in questions:
        expected = 0 if question.kind == "true-false" else 1
        assert answers[question.id] == expected
    assert typed_answers(answers, questions) == typed.upper()
    blank = parse_answers("-" + typed[1:], questions)
    assert questions[0].id not in blank and len(blank) == len(questions) - 1
    assert parse_answers(" ".join(typed), questions) == answers  # spaces are ignored


def test_slips_are_named_by_position(questions) -> None:
    with pytest.raises(UsageError, match=f"4 answers typed for {len(questions)} questions"):
        parse_answers("ABCD", questions)
    true_false = next(n for n, q in enumerate(questions, 1) if q.kind == "true-false")
    typed = ["A"] * len(questions)
    typed[true_false - 1] = "C"
    with pytest.raises(
        UsageError, match=f"answer {true_false} is 'C'; question {true_false} takes T, F or -"
    ):
        parse_answers("".join(typed), questions)
    with pytest.raises(UsageError, match="every answer is blank"):
        parse_answers("-" * len(questions), questions)


def test_ratings_are_read_one_digit_per_statement(bundled_course) -> None:
    statements = evaluation.statements(bundled_course)
    blank = "-" * (len(statements) - 4)
    ratings = parse_ratings("54-3" + blank, statements)
    assert ratings == {statements[0].id: 5, statements[1].id: 4, statements[3].id: 3}
    # A form is typed whole: a digit missed half-way would shift every later rating.
    with pytest.raises(UsageError, match=f"4 ratings typed for {len(statements)} statements"):
        parse_ratings("54-3", statements)
    assert parse_ratings("54-3", statements, complete=False) == ratings  # still being typed
    with pytest.raises(UsageError, match="rating 2 is '7'"):
        parse_ratings("57", statements, complete=False)
    with pytest.raises(UsageError, match="ratings typed for"):
        parse_ratings("5" * (len(statements) + 1), statements)


def test_the_course_items_are_the_live_feedback_ids(bundled_course) -> None:
    ids = [s.id for s in evaluation.statements(bundled_course)]
    live_items = (
        "objectives",
        "relevant",
        "pathways",
        "handoff",
        "facilitator",
        "activities",
        "recommend",
    )
    assert set(live_items) <= set(ids)
    assert {c.id for c in evaluation.COMMENTS} >= {"useful", "improve"}
    assert len(ids) == len(set(ids))


def test_sheets_and_forms_are_stored_and_read_back(tmp_path, bundled_course) -> None:
    path = tmp_path / "kit.sqlite3"
    with Store.open(path) as store:
        session = store.sessions.create(
            SessionFields(title="Evening class", date=dt.date(2025, 5, 6)),
            CourseFacts.from_info(bundled_course.info),
        )
        questions = session_questions(bundled_course, session)
        first = store.check_sheets.add(session.id, "pre", {questions[0].id: 1}, " ab 12 ")
        store.check_sheets.add(session.id, "post", {questions[0].id: 1, questions[1].id: 0})
        store.feedback.add(
            session.id, {"objectives": 5}, {"useful": " the case\nstudies ", "role": "ems"}
        )
        with pytest.raises(UsageError, match="'pre' or 'post'"):
            store.check_sheets.add(session.id, "during", {questions[0].id: 1})
        with pytest.raises(UsageError, match="from 1 to 5"):
            store.feedback.add(session.id, {"objectives": 6})
        with pytest.raises(UsageError, match="no session"):
            store.check_sheets.add("nope", "pre", {questions[0].id: 1})
    with Store.open(path) as again:
        sheets = again.check_sheets.list(session.id)
        assert [(s.phase, s.code) for s in sheets] == [("pre", "ab 12"), ("post", "")]
        assert again.check_sheets.get(first.id).answers == {questions[0].id: 1}
        forms = again.feedback.list(session.id)
        assert forms[0].comments == {"useful": "the case studies", "role": "ems"}
        again.check_sheets.delete(first.id)
        assert len(again.check_sheets.list(session.id, "pre")) == 0
        kinds = [e.kind for e in again.events(session.id)]
        assert "check_sheet.added" in kinds and "check_sheet.deleted" in kinds
        assert "feedback.added" in kinds


def test_cli_enter_and_results(run_cli, bundled_course) -> None:
    sid = run_cli("session", "new", "--title", "Spring", "--date", "2025-03-04").out.strip()
    assert sid, "session new printed no id"
    questions = session_questions(bundled_course, _session(sid))
    right = "".join(
        ("T" if q.answer == "True" else "F") if q.kind == "true-false" else "ABCD"[q.answer_index]
        for q in questions
    )
    wrong = "".join("-" if i else right[0] for i in range(len(questions)))
    assert run_cli("materials", "enter-check", sid, "--phase", "post", "--answers", right).code == 0
    done = run_cli("materials", "enter-check", sid[:8], "--phase", "pre", "--answers", wrong)
    assert done.code == 0 and "1 of" in done.out
    slip = run_cli("materials", "enter-check", sid, "--phase", "pre", "--answers", "Z" * 3)
    assert slip.code == 2 and slip.err.count("\n") == 1
    rated = run_cli(
        "materials",
        "enter-evaluation",
        sid,
        "--ratings",
        "5545" + "-" * (len(evaluation.statements(bundled_course)) - 4),
        "--role",
        "fire",
        "--useful",
        "The case studies",
    )
    assert rated.code == 0, rated
    short = run_cli("materials", "enter-evaluation", sid, "--ratings", "5545")
    assert short.code == 2 and "type - for a statement left blank" in short.err
    bad_role = run_cli("materials", "enter-evaluation", sid, "--ratings", "5", "--role", "pilot")
    assert bad_role.code == 2 and "choose from: law-enforcement" in bad_role.err
    result = run_cli("materials", "results", sid, "--json")
    data = json.loads(result.out)
    assert data["sheets"] == {"pre": 1, "post": 1}
    assert all(item["share_correct"] == 1.0 for item in data["post"])
    assert data["forms"] == 1 and data["comments"] == {"useful": ["The case studies"]}
    text = run_cli("materials", "results", sid).out
    assert "Knowledge check: 1 before, 1 after" in text


def _session(session_id: str):
    from deflection_kit import paths

    with Store.open(paths.default_db_path()) as store:
        return store.sessions.get(session_id)
