"""The ``deflection-kit`` command line: a thin shell over the services.

Each command group lives in its own module and is registered below. Errors a user can fix are
printed as one line on stderr with a non-zero exit code; there is never a traceback.
"""

from __future__ import annotations

import os
import sys
import traceback

import click

from deflection_kit import __version__
from deflection_kit.cli.context import CliContext
from deflection_kit.errors import DeflectionKitError

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


@click.group(invoke_without_command=True, context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, "--version", prog_name="deflection-kit")
@click.option(
    "--db",
    "db_option",
    envvar="DEFLECTION_KIT_DB",
    metavar="PATH",
    help="SQLite database file (default: in your user data folder).",
)
@click.option(
    "--content",
    "content_option",
    envvar="DEFLECTION_KIT_CONTENT",
    metavar="DIR",
    help="Course content folder (default: the bundled course).",
)
@click.option(
    "--smoke",
    is_flag=True,
    help="Check the app works here (window, slide, PDF; offscreen, on a throwaway "
    "database) and exit.",
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


def _register() -> None:
    from deflection_kit.cli import (
        app_cmd,
        attendance_cmd,
        certificates_cmd,
        content_cmd,
        data_cmd,
        deck_cmd,
        materials_cmd,
        session_cmd,
    )

    modules = (app_cmd, content_cmd, deck_cmd, session_cmd, attendance_cmd, data_cmd)
    for module in (*modules, certificates_cmd, materials_cmd):
        for command in module.COMMANDS:
            cli.add_command(command)


_register()


def _log_crash() -> str:
    """Write the current traceback to the user's log folder and return where it went."""
    from deflection_kit import paths

    try:
        log = paths.user_data_dir() / "crash.log"
        with open(log, "a", encoding="utf-8") as handle:
            handle.write(traceback.format_exc())
        return str(log)
    except OSError:
        return "(could not write the log)"


def main(argv: list[str] | None = None) -> None:
    """Run the command line and exit with its status."""
    os.umask(0o077)  # everything the kit creates is owner-only, whatever writes it
    try:
        result = cli.main(args=argv, prog_name="deflection-kit", standalone_mode=False)
    except DeflectionKitError as error:
        click.echo(f"deflection-kit: {error}", err=True)
        sys.exit(error.exit_code)
    except click.exceptions.Exit as done:
        sys.exit(done.exit_code)
    except click.exceptions.Abort:
        click.echo("deflection-kit: cancelled", err=True)
        sys.exit(130)
    except click.UsageError as error:
        hint = f" (see '{error.ctx.command_path} --help')" if error.ctx else ""
        click.echo(f"deflection-kit: {error.format_message()}{hint}", err=True)
        sys.exit(2)
    except click.ClickException as error:
        click.echo(f"deflection-kit: {error.format_message()}", err=True)
        sys.exit(error.exit_code)
    except KeyboardInterrupt:
        click.echo("deflection-kit: interrupted", err=True)
        sys.exit(130)
    except Exception as error:  # a bug: keep the traceback out of the user's way
        where = _log_crash()
        click.echo(f"deflection-kit: internal error: {error!r} (details in {where})", err=True)
        sys.exit(70)
    sys.exit(result if isinstance(result, int) else 0)
