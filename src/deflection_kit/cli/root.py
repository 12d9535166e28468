"""The ``deflection-kit`` click group, its global options, and the desktop app's own entry.

The command line must start as fast as the tools it stands beside (departments run ``checkin``
in loops), so nothing is imported before it is needed:

- Each command lives in a ``cli/*_cmd.py`` module that lists its top-level commands in
  ``COMMANDS``. ``COMMAND_MODULES`` below names the module of every top-level command; the group
  imports a module only when one of its commands runs (``--help`` imports them all).
- A ``*_cmd`` module imports at its top only click, ``CliContext``, ``deflection_kit.errors`` and
  other light modules. Services (storage, content, decks, certificates, PySide6, jinja2...) are
  imported inside the command function that uses them; types they lend go under
  ``if TYPE_CHECKING:``.
- To add a command: write it in the ``*_cmd`` module it belongs to (or a new one), add it to that
  module's ``COMMANDS`` if it is top-level, and name it in ``COMMAND_MODULES``.
  ``tests/test_cli_imports.py`` fails when a command is missing from the table or a module
  imports something heavy at its top.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any, TypeVar

import click

from deflection_kit.cli.context import CliContext

CONTEXT_SETTINGS: dict[str, Any] = {
    "help_option_names": ["-h", "--help"],
    "max_content_width": 100,
}

# Top-level command name -> the cli module that defines it.
COMMAND_MODULES: dict[str, str] = {
    "app": "app_cmd",
    "content": "content_cmd",
    "deck": "deck_cmd",
    "session": "session_cmd",
    "checkin": "attendance_cmd",
    "checkout": "attendance_cmd",
    "roster": "attendance_cmd",
    "attendance": "attendance_cmd",
    "backup": "data_cmd",
    "purge": "data_cmd",
    "bundle": "data_cmd",
    "participant": "data_cmd",
    "certificates": "certificates_cmd",
    "materials": "materials_cmd",
    "report": "live_cmd",
    "audit-packet": "live_cmd",
}

F = TypeVar("F", bound=Callable[..., Any])


class LazyGroup(click.Group):
    """A click group that imports a command's module only when the command is asked for."""

    def __init__(self, *args: Any, modules: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.modules = modules
        self._loaded: set[str] = set()

    def list_commands(self, ctx: click.Context) -> list[str]:
        """Return every command's name (importing every command module)."""
        self.load_all()
        return sorted(self.commands)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """Return the command called ``cmd_name``, importing only the module that defines it."""
        if cmd_name not in self.commands:
            module = self.modules.get(cmd_name)
            if module is None:
                self.load_all()  # not in the table: still found, and a test flags the gap
            else:
                self.load(module)
        return self.commands.get(cmd_name)

    def load(self, module_name: str) -> None:
        """Import one command module and add its top-level commands."""
        if module_name in self._loaded:
            return
        module = importlib.import_module(f"{__package__}.{module_name}")
        for command in module.COMMANDS:
            self.add_command(command)
        self._loaded.add(module_name)

    def load_all(self) -> LazyGroup:
        """Import every command module (for --help, and tools that list every command)."""
        for module_name in dict.fromkeys(self.modules.values()):
            self.load(module_name)
        return self


def _show_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    from deflection_kit import __version__  # reads package metadata: only when asked

    click.echo(f"deflection-kit, version {__version__}")
    ctx.exit()


def global_options(function: F) -> F:
    """Add --version, --db and --content (shared by the command line and the desktop entry)."""
    decorators = (
        click.option(
            "--version",
            is_flag=True,
            expose_value=False,
            is_eager=True,
            callback=_show_version,
            help="Show the version and exit.",
        ),
        click.option(
            "--db",
            "db_option",
            envvar="DEFLECTION_KIT_DB",
            metavar="PATH",
            help="SQLite database file (default: in your user data folder).",
        ),
        click.option(
            "--content",
            "content_option",
            envvar="DEFLECTION_KIT_CONTENT",
            metavar="DIR",
            help="Course content folder (default: the bundled course).",
        ),
    )
    for decorator in reversed(decorators):
        function = decorator(function)
    return function


@click.group(
    cls=LazyGroup,
    modules=COMMAND_MODULES,
    invoke_without_command=True,
    context_settings=CONTEXT_SETTINGS,
)
@global_options
@click.option(
    "--smoke",
    is_flag=True,
    help="Check the app works here (window, slides, files, a certificate; offscreen, on a "
    "throwaway database) and exit.",
)
@click.pass_context
def cli(ctx: click.Context, db_option: str | None, content_option: str | None, smoke: bool) -> None:
    """Deliver the course First Responder Deflection: A Warm Handoff to Services in the Community.

    With no command, opens the desktop app.
    """
    ctx.obj = CliContext(content_option=content_option, db_option=db_option)
    if smoke:
        if ctx.invoked_subcommand is not None:
            raise click.UsageError("--smoke runs on its own, without a command")
        from deflection_kit.cli.smoke_cmd import run_smoke

        raise click.exceptions.Exit(run_smoke(ctx.obj))
    if ctx.invoked_subcommand is None:
        from deflection_kit.cli.app_cmd import app

        ctx.invoke(app)


@click.command("deflection-kit-app", context_settings=CONTEXT_SETTINGS)
@global_options
@click.option(
    "--demo", is_flag=True, help="Open a throwaway database seeded with a sample session."
)
@click.pass_context
def desktop(
    ctx: click.Context, db_option: str | None, content_option: str | None, demo: bool
) -> None:
    """Open the Deflection Kit desktop app (what a desktop shortcut runs).

    The same as 'deflection-kit app'; on Windows it opens no console window.
    """
    ctx.obj = CliContext(content_option=content_option, db_option=db_option)
    from deflection_kit.cli.app_cmd import app

    ctx.invoke(app, demo=demo)
