"""The public commands: session new/list/show/close, checkin, checkout, attendance override."""

from __future__ import annotations

import json
import re

import click
import pytest

from deflection_kit.cli import cli as root_group
from deflection_kit.storage import Store

UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")


def new_session(cli, *extra: str) -> str:
    result = cli(
        "session", "new", "--title", "Metro Deflection Training", "--date", "2025-03-04",
        "--start", "09:00", *extra,
    )  # fmt: skip
    assert result.code == 0, result.err
    return result.out.strip()


def test_session_new_prints_only_the_id(cli, db_path) -> None:
    session_id = new_session(
        cli, "--location", "Station 4", "--host-agency", "Metro Fire",
        "--facilitator", "Jo Park", "--facilitator", "Sam Lee", "--hours", "2",
    )  # fmt: skip
    assert UUID.match(session_id)
    with Store.open(db_path) as store:
        session = store.sessions.get(session_id)
    assert session.facilitators == ("Jo Park", "Sam Lee")
    assert (session.minutes, session.credit_hours, session.completion_share) == (90, 2.0, 0.9)
    assert session.course_title.startswith("First Responder Deflection")


def test_session_list_json_has_counts(cli) -> None:
    session_id = new_session(cli)
    assert cli("checkin", session_id, "--name", "Ana Ruiz", "--at", "2025-03-04T09:00Z").code == 0
    data = json.loads(cli("session", "list", "--json").out)
    assert [(s["id"], s["checked_in"], s["here"]) for s in data] == [(session_id, 1, 1)]
    text = cli("session", "list").out
    assert session_id in text and "Metro Deflection Training" in text


def test_checkin_checkout_round_trip(cli) -> None:
    session_id = new_session(cli)
    first = cli(
        "checkin", session_id[:8], "--name", "Ana Ruiz", "--email", "ana@example.org",
        "--agency", "Metro PD", "--discipline", "police", "--at", "2025-03-04T08:57Z",
    )  # fmt: skip
    assert first.code == 0 and first.out.startswith("checked in: Ana Ruiz at 08:57")
    again = cli("checkin", session_id, "--name", "Ana Ruiz", "--at", "2025-03-04T09:20Z")
    assert again.code == 0 and again.out.startswith("already checked in: Ana Ruiz at 08:57")
    out = cli("checkout", session_id, "--name", "Ana Ruiz", "--at", "2025-03-04T10:30Z")
    assert out.code == 0 and "90 min credited, completed" in out.out
    shown = json.loads(cli("session", "show", session_id, "--json").out)
    (row,) = shown["roster"]
    assert (row["email"], row["status"], row["completed"]) == ("ana@example.org", "present", True)


def test_checkin_by_participant_id(cli) -> None:
    session_id = new_session(cli)
    cli("checkin", session_id, "--name", "Bo Li", "--at", "2025-03-04T09:00Z")
    participant_id = json.loads(cli("session", "show", session_id, "--json").out)["roster"][0][
        "participant_id"
    ]
    out = cli("checkout", session_id, "--participant", participant_id, "--at", "2025-03-04T09:30Z")
    assert out.code == 0 and "30 min credited, not completed" in out.out
    decided = cli(
        "attendance", "override", session_id, "--participant", participant_id[:6],
        "--completed", "--by", "Jo Park", "--reason", "made up the module",
    )  # fmt: skip
    assert decided.code == 0 and "completed (override by Jo Park)" in decided.out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("checkin", "{s}"), "give either --participant ID or --name NAME"),
        (("checkin", "{s}", "--name", "A", "--participant", "x"), "give either"),
        (("checkin", "{s}", "--name", "A", "--at", "noon"), "not an ISO 8601 time"),
        (("checkin", "nope", "--name", "A"), "no session 'nope'"),
        (("checkin", "{s}", "--name", "A", "--email", "not-an-email"), "not an email address"),
        (("checkout", "{s}", "--name", "Nobody"), "'Nobody' is not on this session"),
        (("session", "new", "--title", "T", "--date", "4/3/2025"), "Invalid value for '--date'"),
        (("session", "new", "--title", " ", "--date", "2025-03-04"), "a session needs a title"),
        (("session", "new", "--title", "T", "--date", "2025-03-04", "--minutes", "0"), "--minutes"),
    ],
)
def test_bad_input_is_one_line_and_non_zero(cli, args: tuple[str, ...], message: str) -> None:
    session_id = new_session(cli)
    result = cli(*(a.format(s=session_id) for a in args))
    assert result.code == 2
    assert message in result.err
    assert result.err.count("\n") == 1 and "Traceback" not in result.err


def test_unknown_session_prefix_must_be_unique_and_long_enough(cli) -> None:
    new_session(cli)
    assert "no session 'abc'" in cli("session", "show", "abc").err


def test_session_close_checks_out_everyone_at_the_end(cli) -> None:
    session_id = new_session(cli)
    cli("checkin", session_id, "--name", "Ana Ruiz", "--at", "2025-03-04T09:00Z")
    assert "checked out 1" in cli("session", "close", session_id).out
    shown = json.loads(cli("session", "show", session_id, "--json").out)
    assert shown["status"] == "closed" and shown["roster"][0]["completed"]


def test_session_close_says_when_and_who_falls_short(cli) -> None:
    session_id = new_session(cli)
    cli("checkin", session_id, "--name", "Ana Ruiz", "--at", "2025-03-04T09:00Z")
    cli("checkin", session_id, "--name", "Bo Li", "--at", "2025-03-04T09:40Z")
    out = cli("session", "close", session_id, "--at", "2025-03-04T10:30Z").out
    assert "checked out 2 still checked in at 2025-03-04 10:30 (--at)" in out
    assert "not completed: Bo Li: 50 of 81 min; arrived 40 min late" in out
    assert "Ana Ruiz" not in out


def test_a_session_without_hours_is_worth_no_more_than_it_lasts(cli, db_path) -> None:
    short = new_session(cli, "--minutes", "10")
    full = new_session(cli)
    with Store.open(db_path) as store:
        assert store.sessions.get(short).credit_hours == 0.16
        assert store.sessions.get(full).credit_hours == 1.5


def test_attendance_undo_takes_back_the_last_check_in(cli) -> None:
    session_id = new_session(cli)
    cli("checkin", session_id, "--name", "Ana Ruiz", "--at", "2025-03-04T09:00Z")
    cli("checkin", session_id, "--name", "Bo Li", "--at", "2025-03-04T09:02Z")
    out = cli("attendance", "undo", session_id)
    assert out.code == 0 and out.out.startswith("undid Bo Li's check-in at 09:02")
    shown = json.loads(cli("session", "show", session_id, "--json").out)
    assert [r["name"] for r in shown["roster"]] == ["Ana Ruiz"] and shown["checked_in"] == 1
    cli("attendance", "undo", session_id)
    assert "nothing to undo" in cli("attendance", "undo", session_id).out


def test_session_show_counts_walk_ins(cli) -> None:
    session_id = new_session(cli)
    cli("checkin", session_id, "--name", "Ana Ruiz", "--at", "2025-03-04T09:00Z")
    out = cli("session", "show", session_id).out
    assert "checked in 1 of 1 (0 expected + 1 walk-in)" in out
    data = json.loads(cli("session", "list", "--json").out)
    assert (data[0]["expected"], data[0]["walk_ins"]) == (0, 1)


def _commands(group: click.Group, prefix: tuple[str, ...] = ()):
    for name, command in group.commands.items():
        yield (*prefix, name)
        if isinstance(command, click.Group):
            yield from _commands(command, (*prefix, name))


@pytest.mark.parametrize("path", list(_commands(root_group)), ids=" ".join)
def test_every_command_has_help(cli, path: tuple[str, ...]) -> None:
    result = cli(*path, "--help")
    assert result.code == 0 and "Usage:" in result.out
