"""The guide's body: for each part of the session, its run of show and its slides in order.

Each slide is listed with its approximate clock time, what is on screen and the speaker notes;
an activity adds its instructions, timing, questions for the room and the points to draw out;
a knowledge-check question adds its answer and the reason. Notes and activities come from the
course content where the deck's slide came from it, so nothing is printed twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from deflection_kit.content import Activity, Course, Question, Slide
from deflection_kit.decks.context import LETTERS, Helpers
from deflection_kit.decks.spec import SlideSpec
from deflection_kit.materials.agenda import Part
from deflection_kit.materials.frame import minutes_text, plural
from deflection_kit.materials.options import Prepared
from deflection_kit.pdf import (
    Block,
    Bullets,
    Column,
    Heading,
    Item,
    KeepTogether,
    Note,
    PageBreak,
    Paragraph,
    Table,
)

KIND_NAMES = {
    "discussion": "Discussion",
    "case-study": "Case study",
    "knowledge-check": "Knowledge check",
}
PHASE_NAMES = {"pre": "pre-check", "post": "post-check", "during": "check during the session"}


@dataclass(frozen=True)
class Lookup:
    """Find the course content a deck slide came from."""

    slides: dict[str, Slide]
    activities: dict[str, Activity]
    introduced: dict[str, Activity]  # content slide id -> the activity it introduces
    questions: tuple[Question, ...]  # longest id first, for matching slide keys

    @classmethod
    def of(cls, course: Course, helpers: Helpers) -> Lookup:
        """Index the course's slides, activities and questions."""
        introduced: dict[str, Activity] = {}
        for module in course.modules:
            for step in helpers.sequence(module):
                if step.slide is not None and step.activity is not None:
                    introduced[step.slide.id] = step.activity
        return cls(
            slides={s.id: s for m in course.modules for s in m.slides},
            activities={a.id: a for m in course.modules for a in m.activities},
            introduced=introduced,
            questions=tuple(sorted(course.questions, key=lambda q: -len(q.id))),
        )

    def activity(self, slide: SlideSpec) -> Activity | None:
        """Return the activity a slide runs or introduces."""
        return self.activities.get(slide.key) or self.introduced.get(slide.key)

    def check(self, slide: SlideSpec) -> Activity | None:
        """Return the knowledge-check activity a question slide belongs to (``<activity>-<q>``)."""
        question = self.question(slide)
        if question is None:
            return None
        activity = self.activities.get(slide.key.removesuffix("-" + question.id))
        return activity if activity is not None and activity.kind == "knowledge-check" else None

    def question(self, slide: SlideSpec) -> Question | None:
        """Return the question a knowledge-check slide asks."""
        if slide.role != "knowledge-check":
            return None
        for question in self.questions:
            if slide.key == question.id or slide.key.endswith("-" + question.id):
                return question
        return None


def answer_text(question: Question) -> str:
    """Return the answer as the form prints it: "B. A live introduction..." or "False"."""
    if question.kind == "true-false":
        return question.answer
    return f"{LETTERS[question.answer_index]}. {question.answer}"


def choice_list(question: Question, size: float = 9.5) -> Bullets:
    """Return a question's choices lettered as on the slide and the paper form."""
    if question.kind == "true-false":
        return Bullets(list(question.choices), size=size)
    markers = [f"{LETTERS[i]}." for i in range(len(question.choices))]
    return Bullets(list(question.choices), size=size, markers=markers)


def _run_of_show(prepared: Prepared, part: Part) -> Table:
    """Return the part's timing table: runs of slides and the timed activities between them."""
    plan, deck = prepared.plan, prepared.deck
    rows: list[list[str]] = []
    run: list[int] = []

    def flush() -> None:
        if not run:
            return
        length = sum(plan.slide_span[i] for i in run)
        first, last = deck.slides[run[0]], deck.slides[run[-1]]
        span = _slide_span(run)
        what = first.title if len(run) == 1 else f"{first.title} … {last.title}"
        rows.append([plan.clock(plan.slide_start[run[0]]), minutes_text(length), span, what])
        run.clear()

    for index in part.slides:
        slide = deck.slides[index]
        if slide.role == "section" and slide.key == f"module-{slide.module}":
            continue
        if plan.slide_minutes[index] > 0:
            flush()
            kind = KIND_NAMES.get(slide.role, "Pathway")
            members = [i for i in part.slides if plan.slide_owner[i] == index]
            title = slide.title.split(": question ")[0]
            if slide.role == "knowledge-check":
                title += f" ({plural(len(members), 'question')})"
            rows.append(
                [
                    plan.clock(plan.slide_start[index]),
                    minutes_text(plan.slide_minutes[index]),
                    _slide_span(members),
                    f"{kind}: {title}",
                ]
            )
        elif plan.slide_owner[index] >= 0:
            continue  # the rest of a check or a pathway belongs to the row above
        else:
            run.append(index)
    flush()
    columns = [
        Column("Time", 0.7),
        Column("Minutes", 1.0),
        Column("Slides", 1.1),
        Column("What", 4.2),
    ]
    return Table(columns, rows, size=8.5)


def _slide_span(indices: list[int]) -> str:
    if len(indices) == 1:
        return f"Slide {indices[0] + 1}"
    return f"Slides {indices[0] + 1}–{indices[-1] + 1}"


def _activity_blocks(
    activity: Activity, minutes: float, on_screen: frozenset[str] = frozenset()
) -> list[Block]:
    kind = KIND_NAMES[activity.kind]
    if activity.kind == "knowledge-check" and activity.phase:
        kind = f"Knowledge check ({PHASE_NAMES[activity.phase]})"
    blocks: list[Block] = [
        Note(activity.instructions, label=f"{kind} · {minutes_text(minutes)} · how to run it")
    ]
    prompts = [prompt for prompt in activity.prompts if prompt not in on_screen]
    if prompts:  # questions already on the slide are not printed twice
        blocks.append(Paragraph("Put to the room", size=9.0, bold=True))
        blocks.append(Bullets(prompts, size=9.5))
    if activity.points:
        blocks.append(Paragraph("Points to draw out", size=9.0, bold=True))
        blocks.append(Bullets(list(activity.points), size=9.5))
    return blocks


def _question_blocks(question: Question) -> list[Block]:
    return [
        KeepTogether(
            [
                Paragraph(question.prompt, size=10.0, bold=True),
                choice_list(question),
                Note(f"{answer_text(question)}\n\nWhy: {question.why}", label="Answer", tone="key"),
            ]
        )
    ]


def _notes(prepared: Prepared, lookup: Lookup, slide: SlideSpec) -> str:
    content = lookup.slides.get(slide.key)
    if content is None:
        return slide.notes
    cited = prepared.helpers.cite(content.all_sources())
    return f"{content.notes}\n\n{cited}".strip() if cited else content.notes


@dataclass
class Printed:
    """What a part has printed so far: activities, and note paragraphs by the slide they were on."""

    activities: set[str] = field(default_factory=set)
    paragraphs: dict[str, int] = field(default_factory=dict)

    def fresh_notes(self, notes: str, number: int) -> str:
        """Return ``notes`` without paragraphs an earlier slide printed, saying where they are."""
        kept: list[str] = []
        earlier: set[int] = set()
        for paragraph in (p.strip() for p in notes.split("\n\n")):
            if not paragraph:
                continue
            first = self.paragraphs.setdefault(paragraph, number)
            if first == number or paragraph.startswith("Sources:"):
                kept.append(paragraph)
            else:
                earlier.add(first)
        if earlier:
            numbers = [str(n) for n in sorted(earlier)]
            where = " and ".join(
                [", ".join(numbers[:-1]), numbers[-1]] if len(numbers) > 1 else numbers
            )
            slides = "slides" if len(numbers) > 1 else "slide"
            kept.append(f"Further notes as on {slides} {where}.")
        return "\n\n".join(kept)


def slide_blocks(prepared: Prepared, lookup: Lookup, index: int, shown: Printed) -> list[Block]:
    """Return one slide's entry: heading, time, what is on screen, notes, activity, answer."""
    plan, slide = prepared.plan, prepared.deck.slides[index]
    question = lookup.question(slide)
    activity = lookup.check(slide) if question is not None else lookup.activity(slide)
    timing = f"≈ {plan.clock(plan.slide_start[index])}"
    if plan.slide_minutes[index] > 0:
        end = plan.slide_start[index] + plan.slide_minutes[index]
        timing = f"{plan.clock(plan.slide_start[index])}–{plan.clock(end)}"
    kind = KIND_NAMES.get(slide.role, slide.role.replace("-", " ").capitalize())
    head: list[Block] = [
        Heading(f"Slide {index + 1} · {slide.title}", level=3),
        Paragraph(f"{timing} · {kind} slide", size=8.5, muted=True),
    ]
    blocks: list[Block] = []
    on_screen: list[Item] = []
    if slide.subtitle and slide.role in ("title", "section", "closing"):
        on_screen.append(slide.subtitle)
    if question is None:
        on_screen.extend((p.text, p.level) for p in (*slide.body, *slide.right))
    if slide.picture is not None:
        on_screen.append(f"Picture: {slide.picture.alt}")
    if on_screen:
        blocks.append(Bullets(on_screen, size=9.0, muted=True))
    if question is not None:
        if activity is not None and activity.id not in shown.activities:
            blocks.extend(_activity_blocks(activity, plan.slide_minutes[index] or activity.minutes))
        elif activity is None and slide.minutes > 0:
            how = slide.notes.split("Answer:")[0].strip()
            if how:
                blocks.append(Note(how, label=f"How to run it · {minutes_text(slide.minutes)}"))
        blocks.extend(_question_blocks(question))
    elif activity is not None and slide.key == activity.id:
        screen = frozenset(p.text for p in slide.body)
        blocks.extend(
            _activity_blocks(activity, plan.slide_minutes[index] or activity.minutes, screen)
        )
        cited = prepared.helpers.cite(activity.sources)
        if cited:
            blocks.append(Paragraph(cited, size=8.5, muted=True))
    else:
        notes = shown.fresh_notes(_notes(prepared, lookup, slide), index + 1)
        if notes:
            blocks.append(Note(notes, label="Speaker notes"))
        if activity is not None and activity.id not in shown.activities:
            minutes = plan.slide_minutes[index] or activity.minutes
            screen = frozenset(p.text for p in slide.body)
            blocks.extend(_activity_blocks(activity, minutes, screen))
    if activity is not None:
        shown.activities.add(activity.id)
    opening: list[Block] = [*head, *blocks[:1]]
    return [KeepTogether(opening), *blocks[1:]]


def part_blocks(prepared: Prepared, part: Part, lookup: Lookup) -> list[Block]:
    """Return a part's pages: heading, timing, summary, objectives, run of show, slides."""
    plan = prepared.plan
    course = prepared.course
    blocks: list[Block] = [PageBreak(), Heading(part.label())]
    slides = f"slides {part.slides[0] + 1}–{part.slides[-1] + 1}"
    if len(part.slides) == 1:
        slides = f"slide {part.slides[0] + 1}"
    facts = f"{minutes_text(part.minutes)} · {plan.span(part)} · {slides}"
    blocks.append(Paragraph(facts, size=9.5, muted=True))
    if part.module is not None:
        blocks.append(Paragraph(part.module.summary))
        names = [course.objective(o).title for o in part.module.objectives]
        if names:
            blocks.append(Paragraph("Objectives: " + "; ".join(names) + ".", size=9.5, italic=True))
    blocks.append(Heading("Run of show", level=2))
    blocks.append(_run_of_show(prepared, part))
    blocks.append(Heading("Slide by slide", level=2))
    shown = Printed()
    for index in part.slides:
        if _is_header(prepared, index):
            blocks.append(_header_blocks(prepared, index))
        else:
            blocks.extend(slide_blocks(prepared, lookup, index, shown))
    return blocks


def _header_blocks(prepared: Prepared, index: int) -> Block:
    """Return a module's title slide: listed, so the guide numbers every slide the deck has,
    but short, since its notes are the module's summary printed under the heading above."""
    slide = prepared.deck.slides[index]
    clock = prepared.plan.clock(prepared.plan.slide_start[index])
    return KeepTogether(
        [
            Heading(f"Slide {index + 1} · {slide.title}", level=3),
            Paragraph(
                f"≈ {clock} · Module title slide · {slide.subtitle}. Its notes are the "
                "summary above: say it in a sentence and move on.",
                size=8.5,
                muted=True,
            ),
        ]
    )


def _is_header(prepared: Prepared, index: int) -> bool:
    slide = prepared.deck.slides[index]
    return slide.role == "section" and slide.key == f"module-{slide.module}"


def deck_questions(prepared: Prepared, lookup: Lookup) -> list[Question]:
    """Return the questions the deck asks, in order, without repeats."""
    found: dict[str, Question] = {}
    for slide in prepared.deck.slides:
        question = lookup.question(slide)
        if question is not None:
            found.setdefault(question.id, question)
    return list(found.values())
