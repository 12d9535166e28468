"""The ``deflection-kit`` click group and its global options (commands are added on first use)."""

from __future__ import annotations

import click

from deflection_kit import __version__
from deflection_kit.cli.context import CliContext

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
