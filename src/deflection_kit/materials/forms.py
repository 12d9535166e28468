"""Paper forms: the pre/post knowledge check, its answer key, and the course evaluation.

The knowledge check carries the questions and their choices only; the answers and reasons are
in the answer key, a separate file for the facilitator. Both forms are anonymous: a code the
participant chooses pairs a before-and-after check. Statements and questions are numbered in
the order the entry screens ask for them, so a stack of paper can be typed in quickly.
"""

from __future__ import annotations

from deflection_kit.content import Question
from deflection_kit.decks.context import LETTERS
from deflection_kit.materials import evaluation
from deflection_kit.materials.entry import questions_for_check
from deflection_kit.materials.frame import new_document
from deflection_kit.materials.guide_parts import answer_text
from deflection_kit.materials.options import Prepared
from deflection_kit.pdf import (
    Block,
    Checklist,
    Column,
    Document,
    FieldRow,
    Heading,
    KeepTogether,
    Note,
    Paragraph,
    RatingGrid,
    Table,
    TextField,
    Title,
)

CHECK = "Knowledge check"
KEY = "Knowledge check answer key"
EVALUATION = "Evaluation form"
PHASES = ("Before the course", "After the course")
SHORT_CHOICE = 40  # choices this short sit two to a line


def check_questions(prepared: Prepared) -> list[Question]:
    """Return the questions the paper check asks, for the chosen pathways."""
    return questions_for_check(prepared.course, prepared.helpers)


def choice_labels(question: Question) -> list[str]:
    """Return the choices as the form prints them beside their boxes: "A. ...", or True/False."""
    if question.kind == "true-false":
        return list(question.choices)
    return [f"{LETTERS[i]}. {choice}" for i, choice in enumerate(question.choices)]


def answer_letter(question: Question) -> str:
    """Return the answer as typed on the entry screen: a letter, or T/F."""
    if question.kind == "true-false":
        return question.answer[:1].upper()
    return LETTERS[question.answer_index]


def _header_fields(third: str) -> FieldRow:
    return FieldRow(
        [
            TextField("Date", weight=0.8),
            TextField("Session or location", weight=1.6),
            TextField(third, weight=1.0),
        ]
    )


def check_document(prepared: Prepared) -> Document:
    """Return the knowledge check participants fill in, before and after (no answers on it)."""
    document = new_document(prepared, CHECK)
    info = prepared.course.info
    document.add(
        Title(
            "What do you know about deflection?",
            kicker=CHECK,
            subtitle=info.title,
            logo=prepared.logo,
        ),
        Paragraph(
            "This check is anonymous: please do not write your name. Write a code you will "
            "remember, for example the month you were born and the last two digits of your "
            "phone number, and use the same code before and after the course so the two can be "
            "compared. Tick one answer for each question.",
            size=9.5,
        ),
        _header_fields("Your code"),
        Checklist(list(PHASES), columns=2),
    )
    for number, question in enumerate(check_questions(prepared), start=1):
        labels = choice_labels(question)
        columns = 2 if max(len(label) for label in labels) <= SHORT_CHOICE else 1
        document.add(
            KeepTogether(
                [
                    Paragraph(f"{number}. {question.prompt}", bold=True),
                    Checklist(labels, size=9.5, columns=columns),
                ]
            )
        )
    return document


def key_document(prepared: Prepared) -> Document:
    """Return the answer key: a one-line key for scoring, then each answer with its reason."""
    questions = check_questions(prepared)
    document = new_document(prepared, KEY)
    quick = Table(
        [Column(str(n), 1.0, "center") for n in range(1, len(questions) + 1)],
        [[answer_letter(q) for q in questions]],
        size=12.0,
        zebra=False,
        bold_rows=frozenset({0}),
    )
    rows = [[str(n), q.prompt, answer_text(q), q.why] for n, q in enumerate(questions, start=1)]
    columns = [
        Column("#", 0.3, "right"),
        Column("Question", 2.3),
        Column("Answer", 1.8),
        Column("Why", 3.0),
    ]
    document.add(
        Title(
            "Knowledge check answers",
            kicker="Answer key · for the facilitator",
            subtitle=prepared.course.info.title,
            logo=prepared.logo,
        ),
        Note(
            "Keep this page: do not hand it out. Use the quick key to score papers, or type each "
            "paper's answers into Deflection Kit (Materials page, Enter paper forms) to see what "
            "the room learned.",
            label="For the facilitator",
            tone="key",
        ),
        Heading("Quick key", level=2),
        quick,
        Heading("Answers and reasons", level=2),
        Table(columns, rows, size=9.0),
    )
    return document


def evaluation_blocks(prepared: Prepared) -> list[Block]:
    """Return the evaluation form's blocks: role, course and instructor ratings, comments."""
    course = prepared.course
    rated = evaluation.statements(course)
    on_course = [s.text for s in rated if s.section == "course"]
    on_instructor = [s.text for s in rated if s.section == "instructor"]
    blocks: list[Block] = [
        Title(
            "Course and instructor evaluation",
            kicker=EVALUATION,
            subtitle=course.info.title,
            logo=prepared.logo,
        ),
        Paragraph(
            "Anonymous. Your answers help us improve the course and show that it meets its "
            "objectives. Tick one box for each statement.",
            size=9.5,
        ),
        _header_fields("Instructor"),
        Heading("Your role", level=2),
        Checklist([name for _, name in evaluation.roles(course)], size=9.5, columns=3),
        KeepTogether([Heading("The course", level=2), RatingGrid(on_course, evaluation.SCALE)]),
        KeepTogether(
            [
                Heading("The instructor", level=2),
                RatingGrid(on_instructor, evaluation.SCALE, first=len(on_course) + 1),
            ]
        ),
        Heading("In your own words", level=2),
    ]
    blocks += [TextField(comment.prompt, lines=comment.lines) for comment in evaluation.COMMENTS]
    blocks.append(Paragraph("Thank you.", italic=True, muted=True))
    return blocks


def evaluation_document(prepared: Prepared) -> Document:
    """Return the course and instructor evaluation form (one sheet, printed on both sides)."""
    document = new_document(prepared, EVALUATION, even_pages=True)
    document.extend(evaluation_blocks(prepared))
    return document
