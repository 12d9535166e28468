"""Options are checked before anything is built: names, colours, logos, local resources files."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from deflection_kit.decks import DeckOptions, prepare
from deflection_kit.decks.local_resources import read_local_resources
from deflection_kit.errors import InputFileError, UsageError


def test_unknown_pathway_names_the_choices(fixture_course) -> None:
    with pytest.raises(UsageError) as caught:
        prepare(fixture_course, DeckOptions(pathways=("naloxone-plus", "naloxone")))
    assert str(caught.value) == (
        "unknown pathway 'naloxone'; choose from: self-referral, active-outreach, "
        "naloxone-plus, officer-intervention"
    )


def test_unknown_audience_names_the_choices_and_aliases(fixture_course) -> None:
    with pytest.raises(UsageError, match=r"choose from: law-enforcement \(police\), ems,"):
        prepare(fixture_course, DeckOptions(audience="firefighters"))


def test_audience_by_alias(fixture_course) -> None:
    assert prepare(fixture_course, DeckOptions(audience="police")).audience.id == "law-enforcement"


def test_unknown_theme_names_the_choices(fixture_course) -> None:
    with pytest.raises(
        UsageError, match=r"choose one of: default, high-contrast, or a \.pptx file"
    ):
        prepare(fixture_course, DeckOptions(theme="dark"))


def test_pathways_keep_course_order(fixture_course) -> None:
    prepared = prepare(
        fixture_course, DeckOptions(pathways=("officer-intervention", "self-referral"))
    )
    assert [p.id for p in prepared.pathways] == ["self-referral", "officer-intervention"]


@pytest.mark.parametrize("accent", ["#FFEE00", "eeeeee"])
def test_an_accent_too_light_for_white_text_is_refused(fixture_course, accent) -> None:
    with pytest.raises(UsageError, match=r"contrast of only .*choose a darker colour"):
        prepare(fixture_course, DeckOptions(accent=accent))


def test_high_contrast_wants_a_light_accent(fixture_course) -> None:
    assert prepare(fixture_course, DeckOptions(theme="high-contrast", accent="00FFFF")).accent
    with pytest.raises(UsageError, match="lighter"):
        prepare(fixture_course, DeckOptions(theme="high-contrast", accent="003366"))


def test_accent_must_be_a_colour(fixture_course) -> None:
    with pytest.raises(UsageError, match="not a colour"):
        prepare(fixture_course, DeckOptions(accent="blue"))


def test_logo_alt_text_defaults_to_the_agency(fixture_course, tmp_path: Path) -> None:
    logo = tmp_path / "logo.jpg"
    Image.new("RGB", (10, 10)).save(logo)
    prepared = prepare(fixture_course, DeckOptions(logo=logo, agency="  Lake   County EMS "))
    assert prepared.logo.alt == "Lake County EMS logo"
    assert prepared.options.agency == "Lake County EMS"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("logo.gif", b"GIF89a", "PNG or JPEG"),
        ("logo.png", b"\x89PNG\r\n\x1a\nbroken", "cannot read the logo"),
        ("missing.png", None, "cannot read"),
    ],
)
def test_bad_logos_are_refused(fixture_course, tmp_path, name, data, message) -> None:
    path = tmp_path / name
    if data is not None:
        path.write_bytes(data)
    with pytest.raises(InputFileError, match=message):
        prepare(fixture_course, DeckOptions(logo=path))


def test_local_resources_are_read(write_csv) -> None:
    path = write_csv(
        "\ufeffName,Service,Phone,Address,Hours\r\n"
        'Harbor Center,"Detox, outpatient",555-0100,"1 Main St, Springfield",24/7\r\n'
        "\r\n"
        "Peer Line,,555-0101,,\r\n"
    )
    rows = read_local_resources(path)
    assert [row.name for row in rows] == ["Harbor Center", "Peer Line"]
    assert rows[0].details() == ["Detox, outpatient · 555-0100", "1 Main St, Springfield · 24/7"]
    assert rows[1].details() == ["555-0101"]


def test_columns_may_be_any_subset_in_any_order(write_csv) -> None:
    rows = read_local_resources(write_csv("phone,name\n555-0199,Crisis Line\n"))
    assert rows[0].name == "Crisis Line" and rows[0].phone == "555-0199"


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("", 1, "empty file"),
        ("name,email\nA,a@b.c\n", 1, "unknown column 'email'"),
        ("service,phone\nDetox,555\n", 1, "no 'name' column"),
        ("name,name\nA,B\n", 1, "appears twice"),
        ("name,phone\nA,1\n,2\n", 3, "the name is empty"),
        ("name,phone\nA,1\nB,2,extra\n", 3, "3 cells but the header names 2 columns"),
        ("name,service,phone,hours\nA,Detox,555 24/7\n", 2, "3 cells but the header names 4"),
        ("name,phone\nA,1\nB\n", 3, "1 cell but the header names 2 columns"),
        ("name\n", 2, "no resources"),
        ('name,phone\nA,1\n"B,2\n', 3, "not valid CSV|cells"),
        ("name,hours\nA," + "x" * 400 + "\n", 2, "hours is longer than 300"),
    ],
)
def test_a_bad_resources_file_says_file_line_message(write_csv, text, line, message) -> None:
    path = write_csv(text)
    with pytest.raises(InputFileError, match=message) as caught:
        read_local_resources(path)
    assert caught.value.line == line
    assert str(caught.value).startswith(f"{path}:{line}: ")


def test_a_resources_file_that_is_not_utf8_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_bytes(b"name,phone\nCaf\xe9 Recovery,555\n")
    with pytest.raises(InputFileError, match=r"r\.csv:2: not UTF-8"):
        read_local_resources(path)
