"""Recipes: bundled and user folders layered, rendered in a bounded sandbox, checked strictly."""

from __future__ import annotations

import time
import tracemalloc
from dataclasses import replace
from pathlib import Path

import pytest

from deflection_kit.decks import DeckOptions, deck_spec, list_recipes, prepare, recipes
from deflection_kit.decks.recipes import RecipeError, user_recipes_dir
from deflection_kit.errors import InputFileError, UsageError

MINIMAL = """{# A tiny deck for tests. #}
title: Tiny
slides:
- {role: title, title: {{ info.title | j }}, subtitle: "Hi"}
- role: bullets
  title: One point
  bullets: ["Only this"]
  notes: Say it once.
"""


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.j2"
    path.write_text(text, encoding="utf-8")
    return path


def _build(course, folder: Path, name: str, **options):
    return deck_spec(prepare(course, DeckOptions(recipe=name, recipes_dir=folder, **options)))


def test_bundled_recipes_are_listed_with_descriptions() -> None:
    recipes = {info.name: info for info in list_recipes()}
    assert {"full-course", "pathway-briefing", "roll-call", "community-leaders"} <= set(recipes)
    assert all(info.bundled and info.description for info in recipes.values())
    assert "_slides" not in recipes  # partials are not recipes


def test_a_user_recipe_is_listed_and_built(fixture_course, tmp_path: Path) -> None:
    _write(tmp_path, "tiny", MINIMAL)
    infos = {info.name: info for info in list_recipes(tmp_path)}
    assert infos["tiny"].description == "A tiny deck for tests."
    assert not infos["tiny"].bundled
    deck = _build(fixture_course, tmp_path, "tiny")
    assert deck.titles() == [fixture_course.info.title, "One point"]


def test_user_data_folder_overrides_a_bundled_recipe(fixture_course) -> None:
    folder = user_recipes_dir()
    _write(folder, "roll-call", MINIMAL.replace("One point", "Our own roll call"))
    infos = {info.name: info for info in list_recipes()}
    assert not infos["roll-call"].bundled
    deck = deck_spec(prepare(fixture_course, DeckOptions(recipe="roll-call")))
    assert deck.titles()[1] == "Our own roll call"


def test_a_user_recipe_can_use_the_bundled_macros(fixture_course, tmp_path: Path) -> None:
    _write(
        tmp_path,
        "one-pathway",
        """{% import "_slides.j2" as s with context %}
{% set deck = [] %}
{% do s.title_slide(deck) %}
{% for p in pathways %}{% do s.pathway_brief(deck, p) %}{% endfor %}
{% do s.closing(deck) %}
{{ {"title": "Mine", "slides": deck} | j }}
""",
    )
    deck = _build(fixture_course, tmp_path, "one-pathway", pathways=("naloxone-plus",))
    assert deck.titles() == [fixture_course.info.title, "Naloxone Plus", "Thank you"]
    assert "Sources:" in deck.slides[1].notes


def test_unknown_recipe_names_the_choices(fixture_course) -> None:
    with pytest.raises(UsageError, match="unknown recipe 'nope'; choose one of: community-leaders"):
        deck_spec(prepare(fixture_course, DeckOptions(recipe="nope")))


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("{{ info.__class__.__mro__ }}", "unsafe|access"),
        ("{{ ''.__class__ }}", "unsafe|access"),
        ("{{ nothing_here }}", "is undefined"),
        ("{% for %}", "syntax error"),
        ("{{ 'x' * 100000000 }}", "text longer than"),
        ("{{ 9 ** 99999999 }}", "exponent over"),
        ("{{ '%099999d' % 1 }}", "format width"),
        ("{{ '{:099999}'.format(1) }}", "format width"),
        ("{{ '{:{}}'.format(1, 99999999) }}", "format width"),
        ("{{ '%*d' % (99999999, 1) }}", "format width"),
        ("{{ 'aaa'.replace('a', 'a' * 3000000) }}", "text longer than"),
        ("{{ 'aaa'|replace('a', 'a' * 3000000) }}", "text longer than"),
        ("{{ 'x'|center(999999999) }}", "a number over"),
        (
            "{% set ns = namespace(s='x') %}{% for i in range(40) %}"
            "{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
            "longer than",
        ),
        ("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}", "recursed"),
        ("{% include '../../etc/passwd' %}", "missing template"),
    ],
)
def test_hostile_recipes_stop_with_a_clear_error(fixture_course, tmp_path, body, message) -> None:
    _write(tmp_path, "bad", body)
    with pytest.raises(RecipeError, match=message):
        _build(fixture_course, tmp_path, "bad")


def test_a_recipe_that_loops_for_ever_is_stopped(fixture_course, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(recipes, "RECIPE_LIMITS", replace(recipes.RECIPE_LIMITS, steps=20_000))
    _write(
        tmp_path,
        "slow",
        "{% set big = range(100000) %}{% for a in big %}{% for b in big %}{% endfor %}{% endfor %}",
    )
    started = time.monotonic()
    with pytest.raises(RecipeError, match="steps"):
        _build(fixture_course, tmp_path, "slow")
    assert time.monotonic() - started < 5


def test_a_recipe_past_its_deadline_is_stopped(fixture_course, tmp_path, monkeypatch) -> None:
    _write(
        tmp_path,
        "slow",
        "{% for a in range(100000) %}{% for b in range(100) %}{% endfor %}{% endfor %}",
    )
    monkeypatch.setattr(recipes, "RECIPE_LIMITS", replace(recipes.RECIPE_LIMITS, seconds=0.05))
    with pytest.raises(RecipeError, match="longer than"):
        _build(fixture_course, tmp_path, "slow")


def test_a_recipe_that_writes_too_much_is_stopped(fixture_course, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(recipes, "RECIPE_LIMITS", replace(recipes.RECIPE_LIMITS, max_output=10_000))
    _write(tmp_path, "big", "{% for i in range(5000) %}lots of text {% endfor %}")
    with pytest.raises(RecipeError, match="wrote more than"):
        _build(fixture_course, tmp_path, "big")


@pytest.mark.parametrize(
    ("yaml_text", "message"),
    [
        ("title: [unclosed", "invalid YAML at line 2"),
        ("title: T\nslides: []", "slides: Tuple should have at least 1 item"),
        (
            "title: T\nslides:\n- {role: bullets, title: X, bullets: [a]}",
            "slide 1.*no speaker notes",
        ),
        ("title: T\nslides:\n- {role: poster, title: X}", "slide 1.role"),
        ("title: T\nslides:\n- {role: title, title: X, colour: red}", "slide 1.colour: Extra"),
        ("title: T\nslides:\n- {role: section, title: X, bullets: [a]}", "not bullets"),
        ("title: T\nslides:\n- {role: bullets, title: '', bullets: [a], notes: n}", "no title"),
        (
            "title: T\nslides:\n- {role: bullets, title: X, bullets: [a], notes: n,"
            " sources: [nope]}",
            "unknown source 'nope'",
        ),
        (
            "title: T\nslides:\n- {role: image, title: X, bullets: [a], notes: n,"
            " image: {path: ../../conftest.py, alt: A}}",
            "outside the content folder",
        ),
        (
            "title: T\nslides:\n- {role: image, title: X, bullets: [a], notes: n,"
            " image: {path: images/none.png, alt: A}}",
            "not found",
        ),
    ],
)
def test_what_a_recipe_writes_is_checked(fixture_course, tmp_path, yaml_text, message) -> None:
    _write(tmp_path, "odd", yaml_text)
    with pytest.raises(RecipeError, match=message):
        _build(fixture_course, tmp_path, "odd")


def test_text_with_quotes_and_odd_characters_survives(fixture_course, tmp_path: Path) -> None:
    tricky = 'He said "no": #1 — ok?\u2028next\x85 line 🚑 {braces} [brackets]'
    _write(
        tmp_path,
        "tricky",
        "{% set t = " + repr(tricky) + " %}"
        '{{ {"title": t, "slides": [{"role": "bullets", "title": t, "bullets": [t], '
        '"notes": t}]} | j }}',
    )
    deck = _build(fixture_course, tmp_path, "tricky")
    assert deck.title == tricky
    assert deck.slides[0].notes == tricky
    assert deck.slides[0].body[0].text == " ".join(tricky.split())


def test_joining_a_repeated_text_stops_before_it_is_built(fixture_course, tmp_path) -> None:
    # ``[big]*100 | join`` binds as ``[big] * (100 | join)``; the brackets say what is meant.
    _write(tmp_path, "big", '{% set big = "€" * 4000000 %}title: {{ ([big] * 100) | join }}\n')
    tracemalloc.start()
    try:
        with pytest.raises(RecipeError, match="would build a text longer than 4,000,000"):
            _build(fixture_course, tmp_path, "big")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 64 * 2**20  # 800 MB once joined; big itself is 8 MB


def _leaky_recipe(folder: Path) -> None:
    _write(
        folder,
        "leak",
        "title: Leak\nslides:\n- {role: title, title: {{ info.title | j }}, "
        'subtitle: {% filter j %}{% include "key.j2" %}{% endfilter %}}\n',
    )


def test_a_symbolic_link_cannot_put_the_private_key_on_a_slide(fixture_course, tmp_path) -> None:
    from deflection_kit.certificates.keys import IssuerKey

    IssuerKey.load_or_create()
    folder = tmp_path / "recipes"
    _leaky_recipe(folder)
    (folder / "key.j2").symlink_to(IssuerKey.path())
    with pytest.raises(InputFileError, match=r"key\.j2: is a symbolic link"):
        _build(fixture_course, folder, "leak")
    # Nor can a symbolic link to a folder outside, nor a recipe that is itself a link.
    (folder / "key.j2").unlink()
    (folder / "keys").symlink_to(IssuerKey.path().parent)
    (folder / "leak.j2").write_text(
        "title: {% include 'keys/issuer-private-key.pem' %}", encoding="utf-8"
    )
    with pytest.raises(RecipeError, match="missing template"):  # not a recipe file name
        _build(fixture_course, folder, "leak")
    (folder / "leak.j2").write_text("title: {% include 'keys/x.j2' %}", encoding="utf-8")
    (IssuerKey.path().parent / "x.j2").write_text("secret", encoding="utf-8")
    with pytest.raises(InputFileError, match=r"keys: is a symbolic link"):
        _build(fixture_course, folder, "leak")
    (folder / "linked.j2").symlink_to(folder / "leak.j2")
    assert "linked" not in {info.name for info in list_recipes(folder)}
    with pytest.raises(InputFileError, match=r"linked\.j2: is a symbolic link"):
        _build(fixture_course, folder, "linked")


def test_a_recipe_folder_that_is_a_symbolic_link_is_refused(fixture_course, tmp_path) -> None:
    real = tmp_path / "real"
    _write(real, "tiny", MINIMAL)
    (tmp_path / "link").symlink_to(real)
    with pytest.raises(InputFileError, match="the template folder is a symbolic link"):
        _build(fixture_course, tmp_path / "link", "tiny")
