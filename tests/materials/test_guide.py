"""The facilitator guide: what a training board asks for, read back from the PDF."""

from __future__ import annotations

import re

from chosen import CHOSEN

from deflection_kit.materials.frame import objective_text
from pdf_reading import flat, page_texts, pdf_flat


def test_every_objective_is_in_the_guide_in_the_order_taught(built, bundled_course) -> None:
    text = pdf_flat(built.folder / "facilitator-guide.pdf")
    positions = []
    for objective in bundled_course.info.objectives:
        statement = flat(objective_text(objective.statement))
        assert statement in text, objective.id
        positions.append((text.index(statement), objective.id))
    taught = [objective_id for _, objective_id in sorted(positions)]
    first_module = {}
    for module in bundled_course.modules:
        if len(module.objectives) < len(bundled_course.info.objectives):
            for objective_id in module.objectives:
                first_module.setdefault(objective_id, module.number)
    assert taught == sorted(first_module, key=first_module.get)
    assert taught[0] == "context-and-purpose"  # module 2 teaches before module 3


def test_every_module_is_in_the_agenda_with_its_minutes(built, bundled_course) -> None:
    agenda = next(p for p in page_texts(built.folder / "facilitator-guide.pdf") if "Agenda" in p)
    rows = {}
    for line in agenda.splitlines():
        found = re.match(r"\s*(\d\d:\d\d)–(\d\d:\d\d)\s+(\d+)\s+Module (\d+)\. (.+?)\s{2,}", line)
        if found:
            rows[int(found.group(4))] = (found.group(5), int(found.group(3)), found.group(1))
    assert sorted(rows) == [m.number for m in bundled_course.modules]
    for module in bundled_course.modules:
        title, minutes, _ = rows[module.number]
        assert title == flat(module.title)
        assert minutes == module.minutes  # a 90-minute session keeps the planned minutes
    assert rows[1][2] == "13:30"  # clock times run from the session's start


def test_the_agenda_minutes_add_up_to_the_session(built, session) -> None:
    agenda = next(p for p in page_texts(built.folder / "facilitator-guide.pdf") if "Agenda" in p)
    minutes = [int(m) for m in re.findall(r"^\s*\d\d:\d\d–\d\d:\d\d\s+(\d+)\s", agenda, re.M)]
    total = re.search(r"^\s*(\d+)\s+Total", agenda, re.M)
    assert total is not None
    assert sum(minutes) == int(total.group(1)) == session.minutes == built.prepared.plan.total
    assert "14:55–15:00" in agenda  # the last part ends when the session does


def test_each_module_has_its_slides_notes_activities_and_answers(built, bundled_course) -> None:
    text = pdf_flat(built.folder / "facilitator-guide.pdf")
    for module in bundled_course.modules:
        assert f"Module {module.number}. {flat(module.title)}" in text
        for activity in module.activities:
            if activity.kind != "knowledge-check" and (
                not activity.pathways or set(activity.pathways) & set(CHOSEN)
            ):
                assert flat(activity.instructions) in text, activity.id
                for point in activity.points:
                    assert flat(point) in text, (activity.id, point)
                for prompt in activity.prompts:
                    assert flat(prompt) in text, (activity.id, prompt)
    for question in built.prepared.helpers.questions():
        if any(q.id == question.id for q in _deck_questions(built)):
            assert flat(question.why) in text, question.id
    assert "Speaker notes".upper() in text and "Run of show" in text


def _deck_questions(built):
    from deflection_kit.materials.guide_parts import Lookup, deck_questions

    prepared = built.prepared
    return deck_questions(prepared, Lookup.of(prepared.course, prepared.helpers))


def test_the_chosen_pathways_are_in_and_the_others_are_not(built, bundled_course) -> None:
    text = pdf_flat(built.folder / "facilitator-guide.pdf")
    for pathway in bundled_course.pathways:
        slide_heading = f"· {pathway.name}"
        if pathway.id in CHOSEN:
            assert flat(pathway.definition) in text
            assert slide_heading in text
        else:
            assert flat(pathway.definition) not in text, pathway.id
            assert flat(pathway.warm_handoff) not in text, pathway.id


def test_the_checklist_and_sources_are_there(built, bundled_course) -> None:
    text = pdf_flat(built.folder / "facilitator-guide.pdf")
    assert "Before the session" in text and "Room set-up" in text
    assert "Call or check the 3 local resources" in text
    assert "Room: Fire HQ, Room 2" in text
    assert "Sources" in text
    cited = [s for s in bundled_course.sources if flat(s.citation) in text]
    assert len(cited) >= 20


def test_every_page_has_the_running_header_and_a_page_number(built, bundled_course) -> None:
    pages = page_texts(built.folder / "facilitator-guide.pdf")
    for number, page in enumerate(pages, start=1):
        assert flat(bundled_course.info.title) in flat(page.splitlines()[0])
        assert f"Page {number} of {len(pages)}" in page


def test_the_markdown_and_odt_carry_the_same_plan(built, bundled_course) -> None:
    import zipfile

    markdown = (built.folder / "facilitator-guide.md").read_text(encoding="utf-8")
    assert markdown.startswith("*Facilitator guide")
    for objective in bundled_course.info.objectives:
        assert flat(objective_text(objective.statement)) in flat(markdown)
    assert "| 13:30–13:35 | 5 | Module 1." in markdown
    assert "- [ ] " in markdown  # the checklist stays a checklist
    with zipfile.ZipFile(built.folder / "facilitator-guide.odt") as odt:
        assert odt.namelist()[0] == "mimetype"
        content = odt.read("content.xml").decode("utf-8")
    assert "Learning objectives, in the order taught" in content


def test_every_slide_of_the_deck_is_in_the_guide_in_order(built) -> None:
    """A facilitator checking the plan against the deck finds every slide number, once each."""
    import re

    text = pdf_flat(built.folder / "facilitator-guide.pdf")
    numbers = [int(n) for n in re.findall(r"Slide (\d+) ·", text)]
    assert numbers == list(range(1, len(built.prepared.deck.slides) + 1))
