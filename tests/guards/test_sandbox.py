"""The one template sandbox: its limits hold while a template renders, not after.

Each hostile template below would build hundreds of megabytes (or more) in a plain jinja2
sandbox; here it stops with a clear error, and the peak memory of the render stays small.
"""

from __future__ import annotations

import tracemalloc

import pytest
from jinja2 import DictLoader

from deflection_kit.guards.sandbox import (
    BoundedEnvironment,
    Limits,
    TemplateLimitError,
    render_bounded,
    text_size,
)

# The recipes' limits: a recipe may build a text of 4 M characters, and 20 M in all.
LIMITS = Limits(seconds=10, max_text=4_000_000, max_output=4_000_000, max_built=20_000_000)
BIG = '{% set big = "€" * 4000000 %}'  # 4 M characters, 8 MB in memory (two bytes each)
PEAK_MB = 64  # big itself, 20 M built characters (escaped copies), lists of pointers

HOSTILE = {
    "join of a repeated list": BIG + "{{ ([big] * 100) | join }}",
    "join method": BIG + "{{ ''.join([big] * 100) }}",
    "a list written out": BIG + "{{ [big] * 100 }}",
    "a list as a string": BIG + "{{ ([big] * 100) | string }}",
    "a list concatenated": BIG + "{{ ([big] * 100) ~ '' }}",
    "a mapped list": BIG + "{{ [[big] * 100] | map('string') | list }}",
    "a namespace written out": BIG + "{% set ns = namespace(x=[big] * 100) %}{{ ns }}",
    "format fields": BIG + "{{ '{0}{0}{0}{0}{0}{0}{0}{0}{0}{0}{0}{0}'.format(big) }}",
    "percent fields": BIG + "{{ '%(a)s%(a)s%(a)s%(a)s%(a)s%(a)s' % {'a': big} }}",
    "a macro called in a loop": BIG + "{% macro m() %}{{ big }}{% endmacro %}"
    "{% set keep = [] %}{% for i in range(100) %}{% do keep.append(m() ~ i) %}{% endfor %}",
    "distinct copies kept": BIG + "{% set keep = [] %}"
    "{% for i in range(100) %}{% do keep.append(big ~ i) %}{% endfor %}",
    "a filter block": BIG + "{% filter upper %}{% for i in range(100) %}{{ big }}{% endfor %}"
    "{% endfilter %}",
    "a set block": BIG + "{% set s %}{% for i in range(100) %}{{ big }}{% endfor %}{% endset %}",
    "literal text in a loop": "{% set s %}{% for i in range(100000) %}"
    + "x" * 4000
    + "{% endfor %}{% endset %}",
    "a list grown by extend": "{% set l = [] %}{% for i in range(100) %}"
    "{% do l.extend(range(100000)) %}{% endfor %}",
    "doubling a string": "{% set ns = namespace(s='x') %}{% for i in range(40) %}"
    "{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
    "a huge number": "{% set ns = namespace(n=9 ** 64) %}{% for i in range(40) %}"
    "{% set ns.n = ns.n * ns.n %}{% endfor %}",
    "split into pieces": BIG + "{{ (big ~ ' ').split() | length }}",
    "padding": "{{ 'x'.center(900000000) }}",
    "replace": "{{ ('a' * 1000) | replace('a', 'b' * 100000) }}",
    "a repeated include": "{% for i in range(2000) %}{% include 'page' %}{% endfor %}",
}


def _environment(**options: object) -> BoundedEnvironment:
    pages = {"page": "y" * 400_000}
    return BoundedEnvironment(
        limits=LIMITS, loader=DictLoader(pages), extensions=["jinja2.ext.do"], **options
    )


@pytest.mark.parametrize("name", sorted(HOSTILE))
@pytest.mark.parametrize("autoescape", [False, True])
def test_hostile_templates_stop_before_building_much(name: str, autoescape: bool) -> None:
    environment = _environment(autoescape=autoescape)
    template = environment.from_string(HOSTILE[name])
    tracemalloc.start()
    try:
        with pytest.raises(TemplateLimitError) as stopped:
            render_bounded(environment, template, {})
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < PEAK_MB * 2**20, f"{name}: peak {peak / 2**20:.0f} MB"
    assert str(stopped.value).startswith("the template ")


def test_ordinary_templates_render() -> None:
    environment = _environment(autoescape=True)
    template = environment.from_string(
        "{% set names = ['Ana', 'Bo'] %}{{ names | join(', ') }} · {{ '%s/%d' % ('a', 3) }} · "
        "{{ '{:>5}'.format('x') }} · {{ 'a-b'.split('-') | length }} · {{ 'x' ~ 1 }}"
        "{% for n in names %}{{ loop.index }}{% endfor %} · {{ '<b>' }}"
    )
    assert render_bounded(environment, template, {}) == (
        "Ana, Bo · a/3 ·     x · 2 · x112 · &lt;b&gt;"
    )


def test_output_is_counted_as_it_is_written() -> None:
    environment = _environment()
    template = environment.from_string("{% for i in range(100000) %}{{ 'y' * 1000 }}{% endfor %}")
    with pytest.raises(TemplateLimitError, match="wrote more than 4,000,000 characters"):
        render_bounded(environment, template, {})


def test_a_template_renders_only_within_a_budget() -> None:
    environment = _environment()
    with pytest.raises(TemplateLimitError, match="render_bounded"):
        environment.from_string("{{ 'x' * 3 }}").render()


def test_deadline_and_steps() -> None:
    environment = _environment()
    loop = environment.from_string(
        "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}"
    )
    with pytest.raises(TemplateLimitError, match=r"ran longer than 0\.2 seconds"):
        render_bounded(environment, loop, {}, Limits(seconds=0.2))
    with pytest.raises(TemplateLimitError, match="took more than 1,000 steps"):
        render_bounded(environment, loop, {}, Limits(steps=1000))


def test_text_size_is_an_upper_bound() -> None:
    values = [
        "plain", "é€🚑", 12345678901234567890, 1.5, None, True,
        ["a", "\x00\x01", ("b", 3)], {"k": ["\U000e0001" * 3]}, set("xyz"),
    ]  # fmt: skip
    for value in values:
        assert text_size(value, 10**9) >= len(str(value)), value
    loop: list[object] = []
    loop.append(loop)
    assert text_size(loop, 1000) > 1000  # a list holding itself is refused, not followed
