"""Certificate designs render in a bounded sandbox; a user's content folder may bring its own."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest
from certhelp import make_certificate

from deflection_kit.certificates.page import A4, LETTER
from deflection_kit.certificates.signing import sign
from deflection_kit.certificates.templates import (
    list_designs,
    render_design,
    template_context,
)
from deflection_kit.content import load_course
from deflection_kit.errors import InputFileError, UsageError
from deflection_kit.guards.sandbox import Limits

MINIMAL = Path(__file__).resolve().parents[1] / "content" / "minimal_content"


@pytest.fixture(scope="module")
def wording():
    return load_course(MINIMAL).info.certificate


@pytest.fixture
def context(issuer, wording):
    return template_context(sign(make_certificate(issuer), issuer), wording)


def _user_design(tmp_path: Path, body: str, name: str = "mine") -> Path:
    folder = tmp_path / "content" / "certificates"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.svg.j2").write_text(body, encoding="utf-8")
    return tmp_path / "content"


SVG_HEAD = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {{ page.width }} {{ page.height }}">'
)


def test_two_bundled_designs_render_every_field(context) -> None:
    assert {"classic", "modern"} <= set(list_designs())
    for design in ("classic", "modern"):
        document = render_design(design, context)
        printed = "\n".join(box.text for box in document.boxes)
        for key in ("participant_name", "course_title", "date", "code", "host_agency"):
            assert context[key] in printed, (design, key)
        assert "Jordan Ellis and Priya Raman" in printed
        assert (document.view_width, document.view_height) == (LETTER.width, LETTER.height)
        assert b'<path d="M' in document.svg  # the QR code


def test_a4_is_an_option(issuer, wording) -> None:
    context = template_context(sign(make_certificate(issuer), issuer), wording, A4)
    document = render_design("modern", context)
    assert (document.view_width, document.view_height) == (A4.width, A4.height)


def test_a_missing_field_names_the_field_the_file_and_the_line(tmp_path, context) -> None:
    body = SVG_HEAD + '\n<rect width="9" height="9" data-text="{{ participant_nme }}"/>\n</svg>'
    content = _user_design(tmp_path, body)
    with pytest.raises(InputFileError) as caught:
        render_design("mine", context, content)
    message = str(caught.value)
    assert "participant_nme" in message
    assert "mine.svg.j2:2:" in message


def test_a_syntax_error_names_the_line(tmp_path, context) -> None:
    content = _user_design(tmp_path, SVG_HEAD + "\n\n{% if %}</svg>")
    with pytest.raises(InputFileError, match=r"mine\.svg\.j2:3:"):
        render_design("mine", context, content)


def test_names_are_escaped_not_markup(tmp_path, issuer, wording) -> None:
    sneaky = 'Dana"/><image href="file:///etc/passwd"/><rect x="'
    context = template_context(
        sign(make_certificate(issuer, participant_name=sneaky), issuer), wording
    )
    body = SVG_HEAD + '<rect width="9" height="9" data-text="{{ participant_name }}"/></svg>'
    document = render_design("mine", context, _user_design(tmp_path, body))
    assert [box.text for box in document.boxes] == [sneaky]
    assert b"passwd" not in document.svg


def test_the_safe_filter_is_not_available(tmp_path, context) -> None:
    body = SVG_HEAD + "{{ participant_name|safe }}</svg>"
    with pytest.raises(InputFileError, match="safe"):
        render_design("mine", context, _user_design(tmp_path, body))


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (
            "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}",
            "longer than",
        ),
        ("{{ 'x' * 100000000 }}", "text longer than"),
        ("{% for a in range(100000) %}{{ code * 1000 }}{% endfor %}", "more than"),
        ("{{ '%999999999s' % 'a' }}", "not allowed"),
        ("{{ participant_name.__class__.__mro__ }}", "unsafe|__class__|access"),
        ("{% macro m(n) %}{{ m(n + 1) }}{% endmacro %}{{ m(0) }}", "too deeply|longer than"),
    ],
)
def test_runaway_or_unsafe_templates_stop_with_an_error(tmp_path, context, body, reason) -> None:
    content = _user_design(tmp_path, SVG_HEAD + body + "</svg>")
    with pytest.raises(InputFileError, match=reason):
        render_design("mine", context, content, Limits(seconds=0.3))


def test_external_links_and_scripts_are_removed(tmp_path, context) -> None:
    body = (
        SVG_HEAD
        + '<image href="file:///etc/passwd" width="5" height="5"/>'
        + '<image href="https://example.org/x.png" width="5" height="5"/>'
        + '<script>alert(1)</script><rect width="5" height="5" onclick="x()"/></svg>'
    )
    document = render_design("mine", context, _user_design(tmp_path, body))
    assert b"passwd" not in document.svg
    assert b"example.org" not in document.svg
    assert b"script" not in document.svg
    assert b"onclick" not in document.svg


def test_a_doctype_is_refused(tmp_path, context) -> None:
    body = '<!DOCTYPE svg [<!ENTITY x "y">]>' + SVG_HEAD + "&x;</svg>"
    with pytest.raises(InputFileError):
        render_design("mine", context, _user_design(tmp_path, body))


def test_a_content_folder_design_overrides_and_falls_back(tmp_path, context) -> None:
    body = SVG_HEAD + '<rect width="9" height="9" data-text="override {{ code }}"/></svg>'
    content = _user_design(tmp_path, body, name="classic")
    assert render_design("classic", context, content).boxes[0].text.startswith("override")
    assert len(render_design("modern", context, content).boxes) > 5
    assert "classic" in list_designs(content)


def test_an_unknown_design_lists_the_choices(context) -> None:
    with pytest.raises(UsageError, match="classic, modern"):
        render_design("fancy", context)


def test_unstroked_shapes_get_zero_width_so_pdf_output_is_not_outlined(context) -> None:
    # QtSvg + Qt's PDF engine stroke a "no stroke" path with the fill colour otherwise.
    document = render_design("classic", context)
    assert b'<circle cx="34" cy="34" r="7" fill="#b08d3c" stroke-width="0"/>' in document.svg
    # The QR code is drawn with a stroke on purpose (see qr.QrCode.lines): it keeps its width.
    assert b'stroke="#000000" stroke-width="1" stroke-linecap="butt"/>' in document.svg


def test_a_repeated_text_joined_stops_before_it_is_built(tmp_path, context) -> None:
    body = SVG_HEAD + '{% set big = "€" * 1000000 %}<text>{{ ([big] * 100) | join }}</text></svg>'
    content = _user_design(tmp_path, body)
    tracemalloc.start()
    try:
        with pytest.raises(InputFileError, match="would build a text longer than 1,000,000"):
            render_design("mine", context, content)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 32 * 2**20  # 200 MB once joined and escaped; big itself is 2 MB


def test_a_design_cannot_include_the_private_key_through_a_link(tmp_path, context) -> None:
    from deflection_kit.certificates.keys import IssuerKey

    IssuerKey.load_or_create()
    content = _user_design(
        tmp_path, SVG_HEAD + '<text>{% include "key.svg.j2" %}</text></svg>', "mine"
    )
    (content / "certificates" / "key.svg.j2").symlink_to(IssuerKey.path())
    with pytest.raises(InputFileError, match=r"key\.svg\.j2: is a symbolic link"):
        render_design("mine", context, content)
    assert "key" not in list_designs(content)
    (content / "certificates" / "key.svg.j2").unlink()
    body = SVG_HEAD + '<text>{% include "issuer-private-key.pem" %}</text></svg>'
    (content / "certificates" / "mine.svg.j2").write_text(body, encoding="utf-8")
    with pytest.raises(InputFileError, match=r"missing template 'issuer-private-key\.pem'"):
        render_design("mine", context, content)
