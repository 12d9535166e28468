"""The facilitator guide (lesson plan): what a training board asks for and a new trainer needs.

Front matter (goal, objectives in the order taught, session details), the agenda with minutes
and clock times that add up to the session, a materials and room set-up checklist, then each
part slide by slide, and at the back the knowledge-check answers, key terms and sources.
"""

from __future__ import annotations

from deflection_kit.content import Objective
from deflection_kit.decks.context import short_source
from deflection_kit.materials.frame import minutes_text, new_document, objective_text, plural
from deflection_kit.materials.guide_parts import (
    Lookup,
    answer_text,
    deck_questions,
    part_blocks,
)
from deflection_kit.materials.options import Prepared
from deflection_kit.pdf import (
    Block,
    Bullets,
    Checklist,
    Column,
    Details,
    Document,
    Heading,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    Title,
)

NAME = "Facilitator guide"


def objectives_in_order(prepared: Prepared) -> list[tuple[Objective, int]]:
    """Return the course objectives in the order the deck teaches them, with the module number.

    A module that lists every objective (a welcome or a closing) teaches none of them first;
    an objective no module in the deck teaches comes last, with module number 0.
    """
    course = prepared.course
    everything = {objective.id for objective in course.info.objectives}
    order: dict[str, int] = {}
    for part in prepared.plan.parts:
        module = part.module
        if module is None or set(module.objectives) >= everything:
            continue
        for objective_id in module.objectives:
            order.setdefault(objective_id, module.number)
    ranked = sorted(
        course.info.objectives,
        key=lambda o: (o.id not in order, list(order).index(o.id) if o.id in order else 0),
    )
    return [(objective, order.get(objective.id, 0)) for objective in ranked]


def session_details(prepared: Prepared) -> Details:
    """Return the guide's details block: session, audience, recipe, pathways, length, credit."""
    info, plan, session = prepared.course.info, prepared.plan, prepared.session
    day = prepared.date
    when = f"{day:%A} {day.day} {day:%B %Y}"
    pathways = (f"All {len(prepared.pathways)}: " if prepared.all_pathways else "") + ", ".join(
        p.name for p in prepared.pathways
    )
    end = plan.clock(plan.total)
    items = [
        ("Session", session.title if session else ""),
        ("Date", when if session else ""),
        ("Time", f"{plan.clock(0)}–{end} ({plan.total} minutes)"),
        ("Location", session.location if session else ""),
        ("Facilitators", "; ".join(prepared.facilitators)),
        ("Organization", prepared.organization),
        ("Audience", prepared.audience.name if prepared.audience else "Everyone (mixed audience)"),
        ("Deck recipe", prepared.recipe),
        ("Pathways", pathways or "None chosen"),
        ("Credit", f"{info.credit_hours:g} contact hours · {info.level} level"),
        ("Content", f"version {info.version}"),
        ("Local resources", prepared.resources_file),
    ]
    return Details(items)


def front_matter(prepared: Prepared) -> list[Block]:
    """Return the first pages: title, details, goal, objectives, how to use the guide."""
    info = prepared.course.info
    blocks: list[Block] = [
        Title(
            info.title,
            kicker="Facilitator guide · lesson plan",
            subtitle=info.subtitle,
            logo=prepared.logo,
        ),
        session_details(prepared),
        Heading("Course goal", level=2),
        Paragraph(info.goal),
        Heading("Learning objectives, in the order taught", level=2),
    ]
    items: list[str | tuple[str, int]] = []
    for objective, number in objectives_in_order(prepared):
        where = f" (Module {number})" if number else " (throughout)"
        items.append(f"{objective.title}{where}: {objective_text(objective.statement)}")
    blocks.append(Bullets(items, numbered=True))
    blocks.append(Heading("About the course", level=2))
    blocks.append(Paragraph(info.description))
    if prepared.recipe_description:
        blocks.append(
            Paragraph(
                f"This plan follows the deck recipe “{prepared.recipe}”: "
                f"{prepared.recipe_description}",
                size=9.5,
                muted=True,
            )
        )
    if info.language_note:
        blocks.append(Heading("Language", level=2))
        blocks.append(Paragraph(info.language_note, size=9.5))
    blocks.append(Heading("How to use this guide", level=2))
    blocks.append(
        Paragraph(
            "The agenda gives each part its minutes and clock times; they add up to the "
            "session. Each part then lists its slides in order with what is on screen, the "
            "speaker notes, and for each activity how to run it, the questions to put to the "
            "room and the points to draw out. Times marked ≈ are a guide for pacing. Knowledge-"
            "check answers are printed with their reasons here and in the answer key at the back; "
            "the participants' forms do not show them.",
            size=9.5,
        )
    )
    return blocks


def agenda_blocks(prepared: Prepared) -> list[Block]:
    """Return the agenda: one row per part with its clock times, minutes and slides."""
    plan = prepared.plan
    rows = [
        [
            plan.span(part),
            str(part.minutes),
            part.label(),
            f"{part.slides[0] + 1}–{part.slides[-1] + 1}",
        ]
        for part in plan.parts
    ]
    rows.append(["", str(sum(part.minutes for part in plan.parts)), "Total", ""])
    columns = [
        Column("Time", 1.3),
        Column("Minutes", 0.8, "right"),
        Column("Part", 4.2),
        Column("Slides", 0.8),
    ]
    blocks: list[Block] = [
        PageBreak(),
        Heading("Agenda"),
        Table(columns, rows, size=9.5, bold_rows=frozenset({len(rows) - 1})),
    ]
    if abs(plan.scale - 1.0) > 0.01:
        blocks.append(
            Paragraph(
                f"This deck's own plan is {minutes_text(plan.natural)}; the session has "
                f"{plan.total} minutes, so every part is scaled by the same factor "
                f"({plan.scale:.2f}). Keep the activities whole and trim the talk if you run late.",
                size=9.0,
                muted=True,
            )
        )
    return blocks


def checklist_blocks(prepared: Prepared) -> list[Block]:
    """Return the materials and room set-up checklist, fitted to what the deck contains."""
    roles = {slide.role for slide in prepared.deck.slides}
    modules = {part.module.id for part in prepared.plan.parts if part.module}
    session = prepared.session
    leaders = (prepared.audience is not None and prepared.audience.id == "community-leaders") or (
        "starting-or-enhancing" in modules
    )
    materials = [
        f"Laptop with Deflection Kit and the deck (recipe “{prepared.recipe}”), charger",
        "Projector or screen, video cable or adapter, presentation remote",
        "Sign-in sheet (deflection-kit attendance export --format pdf)",
        "Participant handout with the resource guide, one per person",
        "Knowledge check forms: two per person (before and after)",
        "Knowledge check answer key (for you; do not hand out)",
        "Course and instructor evaluation forms, one per person",
    ]
    if leaders:
        materials.append("Action-planning worksheets for community leaders")
    if "knowledge-check" in roles:
        materials.append("Answer cards (A, B, C, D) or plan a show of hands for the checks")
    if roles & {"discussion", "case-study"}:
        materials.append("Flip chart or whiteboard and markers to note the room's answers")
    materials += [
        "Pens, name tents or name tags",
        "Certificates: print after the session, or note how they will be sent",
    ]
    room = [
        "Seats where everyone can see the screen; test the projector 30 minutes before",
        "A sign-in table by the door",
        "Step-free access and seats near the front kept free for anyone who needs them",
    ]
    if "case-study" in roles:
        room.append("Tables for small groups of four to six for the case studies")
    if session and session.location:
        room.append(f"Room: {session.location}")
    before = ["Read this guide and the speaker notes once through"]
    if prepared.local_resources:
        before.append(
            f"Call or check the {plural(len(prepared.local_resources), 'local resource')} "
            "in the resource guide: numbers and hours still right?"
        )
    else:
        before.append("Add your local treatment and recovery services to the resource guide")
    before.append("Know the room: exits, restrooms, where breaks can be taken")
    return [
        Spacer(12),
        Heading("Before the session"),
        Heading("Materials", level=2),
        Checklist(materials, size=9.5),
        Heading("Room set-up", level=2),
        Checklist(room, size=9.5),
        Heading("The day before", level=2),
        Checklist(before, size=9.5),
    ]


def answer_key_blocks(prepared: Prepared, lookup: Lookup) -> list[Block]:
    """Return the appendix of every question the deck asks, with its answer and the reason."""
    questions = deck_questions(prepared, lookup)
    if not questions:
        return []
    rows = [[str(n), q.prompt, answer_text(q), q.why] for n, q in enumerate(questions, start=1)]
    columns = [
        Column("#", 0.3, "right"),
        Column("Question", 2.4),
        Column("Answer", 1.8),
        Column("Why", 3.0),
    ]
    return [
        PageBreak(),
        Heading("Knowledge-check answers"),
        Paragraph(
            "Every question in this deck, with its answer and the reason to give.",
            size=9.5,
            muted=True,
        ),
        Table(columns, rows, size=8.5),
    ]


def glossary_blocks(prepared: Prepared) -> list[Block]:
    """Return the key terms, for a facilitator's quick reference."""
    terms = prepared.course.glossary
    if not terms:
        return []
    rows = [[term.term, term.definition] for term in terms]
    return [
        PageBreak(),
        Heading("Key terms"),
        Table([Column("Term", 1.4), Column("Meaning", 4.6)], rows, size=8.5),
    ]


def cited_sources(prepared: Prepared, extra: list[str]) -> list[str]:
    """Return the ids of the sources the deck's notes cite, plus ``extra``, in course order."""
    text = "\n".join(slide.notes for slide in prepared.deck.slides)
    wanted = set(extra)
    for source in prepared.course.sources:
        if short_source(source.citation) in text:
            wanted.add(source.id)
    return [source.id for source in prepared.course.sources if source.id in wanted]


def sources_blocks(prepared: Prepared, lookup: Lookup) -> list[Block]:
    """Return the sources cited in this guide, in full."""
    extra = [s for q in deck_questions(prepared, lookup) for s in q.sources]
    for slide in prepared.deck.slides:
        content = lookup.slides.get(slide.key)
        if content is not None:
            extra.extend(content.all_sources())
        activity = lookup.activity(slide)
        if activity is not None:
            extra.extend(activity.sources)
    items: list[str | tuple[str, int]] = []
    for source_id in cited_sources(prepared, extra):
        source = prepared.course.source(source_id)
        items.append(f"{source.citation} {source.url}".strip())
    if not items:
        return []
    return [PageBreak(), Heading("Sources"), Bullets(items, size=8.5, numbered=True)]


def guide_blocks(prepared: Prepared) -> list[Block]:
    """Return every block of the facilitator guide, in order."""
    lookup = Lookup.of(prepared.course, prepared.helpers)
    blocks = front_matter(prepared)
    blocks += agenda_blocks(prepared)
    blocks += checklist_blocks(prepared)
    for part in prepared.plan.parts:
        blocks += part_blocks(prepared, part, lookup)
    blocks += answer_key_blocks(prepared, lookup)
    blocks += glossary_blocks(prepared)
    blocks += sources_blocks(prepared, lookup)
    return blocks


def guide_document(prepared: Prepared) -> Document:
    """Return the facilitator guide as a printable document."""
    document = new_document(prepared, NAME)
    document.extend(guide_blocks(prepared))
    return document
