"""The bundled course content holds what the course promises (issue 2's "done when" facts)."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from click.testing import CliRunner

from deflection_kit import paths
from deflection_kit.cli import cli
from deflection_kit.content import Course, load_course
from deflection_kit.content.validate import walk

PATHWAY_IDS = [
    "self-referral",
    "active-outreach",
    "naloxone-plus",
    "first-responder-referral",
    "officer-intervention",
    "community-response",
]
MODULE_IDS = [
    "welcome",
    "context-and-purpose",
    "diversion-vs-deflection",
    "pathways",
    "case-studies",
    "starting-or-enhancing",
    "evaluation",
    "closing",
]
AUDIENCE_IDS = {
    "law-enforcement",
    "ems",
    "fire",
    "treatment",
    "peers",
    "crisis",
    "community-leaders",
}
OBJECTIVE_IDS = {
    "diversion-vs-deflection",
    "context-and-purpose",
    "pathways",
    "starting-or-enhancing",
    "evaluation",
}
MAX_BULLETS_PER_COLUMN = 6
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def course() -> Course:
    return load_course(paths.content_dir())


def _png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == PNG_SIGNATURE, f"{path} is not a PNG file"
    width, height = struct.unpack(">II", header[16:24])
    return width, height


def test_content_check_prints_ok() -> None:
    result = CliRunner().invoke(cli, ["content", "check", str(paths.content_dir())])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("ok: ")
    assert "6 pathways (1 added later)" in result.output


def test_manifest_identity(course: Course) -> None:
    info = course.info
    assert info.id == "first-responder-deflection"
    assert info.title == "First Responder Deflection: A Warm Handoff to Services in the Community"
    assert (info.minutes, info.level, info.credit_hours, info.completion_share) == (
        90,
        "Beginner",
        1.5,
        0.9,
    )
    assert {audience.id for audience in info.audiences} == AUDIENCE_IDS
    assert course.audience("police").id == "law-enforcement"
    assert course.audience("peer-recovery").id == "peers"
    assert {objective.id for objective in info.objectives} == OBJECTIVE_IDS
    for objective in info.objectives:
        assert objective.statement.startswith("Participants will be able to")


def test_six_pathways_with_community_response_added_later(course: Course) -> None:
    assert [pathway.id for pathway in course.pathways] == PATHWAY_IDS
    assert [pathway.order for pathway in course.pathways] == [1, 2, 3, 4, 5, 6]
    later = [pathway.id for pathway in course.pathways if pathway.added_later]
    assert later == ["community-response"]
    for pathway in course.pathways[:5]:
        assert pathway.status in ("original", "renamed")
    renamed = course.pathway("first-responder-referral")
    assert renamed.status == "renamed"
    assert renamed.name == "First Responder and Officer Referral"
    assert "Officer Prevention" in renamed.also_known_as
    assert "Officer Prevention" in renamed.status_note
    assert "2022" in course.pathway("community-response").status_note


def test_officer_intervention_is_the_one_with_charges_held(course: Course) -> None:
    held = [pathway.id for pathway in course.pathways if pathway.charges == "held-in-abeyance"]
    assert held == ["officer-intervention"]


def test_every_pathway_has_two_dated_examples_and_evidence(course: Course) -> None:
    for pathway in course.pathways:
        assert len(pathway.examples) >= 2, pathway.id
        for example in pathway.examples:
            assert example.place.strip(), (pathway.id, example.name)
            assert 1980 <= example.start_year <= 2025, (pathway.id, example.name)
            assert example.sources, (pathway.id, example.name)
        assert pathway.evidence, pathway.id
        for evidence in pathway.evidence:
            assert evidence.caveat.strip(), pathway.id
        assert 2 <= len(pathway.discussion_questions) <= 3, pathway.id


def test_every_audience_has_a_note_in_every_pathway(course: Course) -> None:
    for pathway in course.pathways:
        assert set(pathway.audience_notes) == AUDIENCE_IDS, pathway.id
        assert all(note.strip() for note in pathway.audience_notes.values()), pathway.id


def test_modules_follow_the_agenda_and_sum_to_90(course: Course) -> None:
    assert [module.id for module in course.modules] == MODULE_IDS
    assert [module.minutes for module in course.modules] == [5, 12, 10, 30, 10, 10, 8, 5]
    assert sum(module.minutes for module in course.modules) == course.info.minutes == 90
    assert course.module("pathways").expands == "pathways"
    for module in course.modules:
        planned = sum(activity.minutes for activity in module.activities)
        assert planned <= module.minutes, module.id


def test_every_slide_has_notes_and_short_bullets(course: Course) -> None:
    slides = [slide for module in course.modules for slide in module.slides]
    assert len(slides) >= 35
    for module in course.modules:
        assert 4 <= len(module.slides) <= 7, module.id
    for slide in slides:
        assert slide.notes.strip(), slide.id
        assert len(slide.bullets) <= MAX_BULLETS_PER_COLUMN, slide.id
        assert len(slide.right_bullets) <= MAX_BULLETS_PER_COLUMN, slide.id
        if slide.layout != "section":
            assert slide.bullets, slide.id


def test_every_image_has_alt_text_and_a_rendered_png(course: Course) -> None:
    root = Path(course.root)
    images = [slide.image for module in course.modules for slide in module.slides if slide.image]
    assert len(images) >= 3
    for image in images:
        assert len(image.alt.split()) >= 8, image.path
        target = root / image.path
        assert target.is_file(), image.path
        width, _height = _png_size(target)
        assert width == 1600, image.path
        assert (root / "images" / "src" / f"{target.stem}.svg").is_file(), image.path


def test_enough_questions_resources_and_glossary_terms(course: Course) -> None:
    assert len(course.questions) >= 15
    assert len(course.resources) >= 12
    assert len(course.glossary) >= 15
    urls = {resource.url for resource in course.resources}
    assert "https://findtreatment.gov/" in urls
    assert any(resource.phone == "988" for resource in course.resources)


def test_every_objective_is_taught_and_tested(course: Course) -> None:
    taught = {objective for module in course.modules for objective in module.objectives}
    tested = {question.objective for question in course.questions}
    assert taught >= OBJECTIVE_IDS
    assert tested >= OBJECTIVE_IDS


def test_every_question_has_answer_reason_and_source(course: Course) -> None:
    for question in course.questions:
        assert question.answer in question.choices, question.id
        assert question.why.strip(), question.id
        assert question.sources, question.id
        assert 2 <= len(question.choices) <= 4, question.id


def test_pre_and_post_checks_share_question_ids(course: Course) -> None:
    checks = {
        activity.phase: activity.questions
        for module in course.modules
        for activity in module.activities
        if activity.kind == "knowledge-check" and activity.phase in ("pre", "post")
    }
    assert checks["pre"]
    assert checks["pre"] == checks["post"]
    assert course.module("welcome").activities[0].phase == "pre"
    assert any(activity.phase == "post" for activity in course.module("closing").activities)


def test_case_studies_cover_each_audience_group(course: Course) -> None:
    cases = [
        activity
        for activity in course.module("case-studies").activities
        if activity.kind == "case-study"
    ]
    covered = {audience for case in cases for audience in case.audiences}
    assert {"law-enforcement", "ems", "fire", "treatment", "peers", "community-leaders"} <= covered
    assert all(case.pathways and case.sources for case in cases)


def test_every_source_is_cited_somewhere(course: Course) -> None:
    cited: set[str] = set()
    for obj in walk(course):
        if obj is course:
            continue
        cited.update(getattr(obj, "sources", ()))
    unused = {source.id for source in course.sources} - cited
    assert not unused, sorted(unused)


def test_glossary_cross_references_resolve(course: Course) -> None:
    terms = {entry.term for entry in course.glossary}
    for entry in course.glossary:
        for other in entry.see_also:
            assert other in terms, (entry.term, other)
