"""``deflection-kit app``: open the desktop app (or explain why it cannot open here)."""

from __future__ import annotations

import click

from deflection_kit.cli.context import CliContext
from deflection_kit.ui.display import NO_DISPLAY, check_display

__all__ = ["COMMANDS", "NO_DISPLAY", "app", "check_display"]


@click.command("app")
@click.option(
    "--demo", is_flag=True, help="Open a throwaway database seeded with a sample session."
)
@click.pass_obj
def app(obj: CliContext, demo: bool) -> None:
    """Open the desktop app on the course content and database."""
    check_display()
    from deflection_kit.ui.app import start_app

    raise click.exceptions.Exit(start_app(obj.content_dir, obj.db_path, demo=demo))


COMMANDS = [app]
