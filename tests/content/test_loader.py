"""The loader reads every kind of content into the model, with sources and lines kept."""

from __future__ import annotations

from pathlib import Path

from deflection_kit.content import load_course


def test_minimal_course_loads_with_everything_in_place(minimal_content: Path) -> None:
    course = load_course(minimal_content)
    assert course.info.id == "mini-course"
    assert [m.id for m in course.modules] == ["intro", "pathways"]
    assert sum(m.minutes for m in course.modules) == course.info.minutes == 20
    assert [p.id for p in course.pathways] == ["self-referral", "naloxone-plus"]
    assert course.pathway("naloxone-plus").added_later
    assert not course.pathway("self-referral").added_later
    assert course.audience("police").id == "law-enforcement"


def test_slides_keep_levels_columns_images_notes_and_citations(minimal_content: Path) -> None:
    intro = load_course(minimal_content).module("intro")
    welcome, two_sides = intro.slides
    assert welcome.id == "welcome"
    assert [(b.text, b.level) for b in welcome.bullets] == [
        ("Deflection is a third option", 0),
        ("besides arrest or no action", 1),
    ]
    assert welcome.bullets[0].sources == ("six-pathways",)
    assert welcome.image is not None
    assert welcome.image.alt == "A simple diagram with two boxes"
    assert welcome.notes.startswith("Welcome the room")
    assert two_sides.id == "intro-02"  # derived when the heading names no id
    assert two_sides.layout == "two-column"
    assert [b.text for b in two_sides.right_bullets] == ["Deflection"]


def test_citations_in_yaml_text_move_into_sources(minimal_content: Path) -> None:
    course = load_course(minimal_content)
    term = next(t for t in course.glossary if t.term == "Warm handoff")
    assert term.definition == "A transfer of care with the person present."
    assert term.sources == ("naco-warm-handoffs",)
    pathway = course.pathway("self-referral")
    assert "[@" not in pathway.definition
    assert "six-pathways" in pathway.sources


def test_origins_point_at_the_file_and_line(minimal_content: Path) -> None:
    course = load_course(minimal_content)
    slide = course.module("intro").slides[1]
    assert slide.origin is not None
    assert slide.origin.path == "content/modules/01-intro.md"
    assert slide.origin.line == 26
    question = course.question("q-process")
    assert question.origin is not None
    assert question.origin.line_of("answer") == 15


def test_yaml_words_stay_words(minimal_content: Path) -> None:
    # YAML 1.1 would read "no" as False and "True" as a boolean; content means the words.
    course = load_course(minimal_content)
    assert course.question("q-process").choices == ("True", "False")
    assert course.question("q-process").answer == "True"
