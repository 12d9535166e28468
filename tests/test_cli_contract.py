"""The command line: every command has help, errors are one line, no display is explained."""

from __future__ import annotations

import os
import subprocess
import sys

import click
import pytest

from deflection_kit import __version__
from deflection_kit.cli import cli


def _commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found: list[tuple[str, ...]] = []
    for name, command in sorted(group.commands.items()):
        path = (*prefix, name)
        found.append(path)
        if isinstance(command, click.Group):
            found.extend(_commands(command, path))
    return found


@pytest.mark.parametrize("path", _commands(cli), ids=" ".join)
def test_every_command_has_help(run_cli, path: tuple[str, ...]) -> None:
    result = run_cli(*path, "--help")
    assert result.code == 0, result
    assert "Usage: deflection-kit" in result.out
    assert len(result.out.splitlines()) >= 3


def test_version(run_cli) -> None:
    result = run_cli("--version")
    assert result.code == 0
    assert result.out.strip() == f"deflection-kit, version {__version__}"


def test_unknown_command_is_one_line_exit_2(run_cli) -> None:
    result = run_cli("frobnicate")
    assert result.code == 2
    assert result.err.count("\n") == 1
    assert "No such command 'frobnicate'" in result.err


def test_no_display_says_so_instead_of_aborting() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    result = subprocess.run(
        [sys.executable, "-m", "deflection_kit"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1
    assert "no display found" in result.stderr
    assert "QT_QPA_PLATFORM=offscreen" in result.stderr
    assert "Traceback" not in result.stderr


CONTRACT = [
    ("app",),
    ("content", "check"),
    ("content", "show"),
    ("deck", "build"),
    ("deck", "recipes"),
    ("deck", "themes"),
    ("deck", "check"),
    ("session", "new"),
    ("session", "list"),
    ("roster", "import"),
    ("checkin",),
    ("checkout",),
    ("attendance", "export"),
    ("certificates", "issue"),
    ("certificates", "verify"),
    ("bundle", "export"),
    ("bundle", "import"),
    ("materials", "build"),
    ("backup",),
    ("purge",),
]


def test_the_public_command_names_of_design_md_all_exist() -> None:
    # Departments script these names; they may gain options but never disappear.
    assert set(CONTRACT) <= set(_commands(cli))


@pytest.mark.parametrize(
    ("path", "options"),
    [
        (
            ("deck", "build"),
            {
                "--out",
                "--recipe",
                "--pathways",
                "--audience",
                "--theme",
                "--agency",
                "--logo",
                "--resources",
            },
        ),
        (
            ("session", "new"),
            {
                "--title",
                "--date",
                "--start",
                "--minutes",
                "--location",
                "--host-agency",
                "--facilitator",
                "--hours",
            },
        ),
        (("checkin",), {"--participant", "--name", "--email", "--agency", "--discipline", "--at"}),
        (("checkout",), {"--participant", "--name", "--email", "--at"}),
        (
            ("attendance", "export"),
            {"--session", "--from", "--to", "--format", "--profile", "--out"},
        ),
        (("certificates", "issue"), {"--out", "--combined"}),
        (("bundle", "export"), {"--out"}),
        (
            ("materials", "build"),
            {"--out", "--recipe", "--pathways", "--audience", "--resources", "--session"},
        ),
    ],
    ids=lambda value: " ".join(value) if isinstance(value, tuple) else "",
)
def test_contract_options_exist(path: tuple[str, ...], options: set[str]) -> None:
    command: click.Command = cli
    for name in path:
        assert isinstance(command, click.Group)
        command = command.commands[name]
    offered = {opt for param in command.params for opt in getattr(param, "opts", ())}
    assert options <= offered


def test_global_options_exist() -> None:
    offered = {opt for param in cli.params for opt in getattr(param, "opts", ())}
    assert {"--db", "--content", "--version"} <= offered
