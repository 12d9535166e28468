"""``deflection-kit app``: open the desktop app (or explain why it cannot open here)."""

from __future__ import annotations

import os
import sys

import click

from deflection_kit.cli.context import CliContext
from deflection_kit.errors import DeflectionKitError

NO_DISPLAY = (
    "no display found (DISPLAY and WAYLAND_DISPLAY are unset): the desktop app needs a screen. "
    "Run it on a desktop, set QT_QPA_PLATFORM=offscreen to run without one, "
    "or use the command line instead (deflection-kit --help)"
)


def check_display() -> None:
    """Raise a one-line error when Qt would abort for want of a display."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        raise DeflectionKitError(NO_DISPLAY)


@click.command("app")
@click.option(
    "--demo", is_flag=True, help="Open a throwaway database seeded with a sample session."
)
@click.pass_obj
def app(obj: CliContext, demo: bool) -> None:
    """Open the desktop app on the course content and database."""
    check_display()
    from deflection_kit.ui.app import run_app

    course = obj.course()  # fail here, in one line, before any window opens
    raise click.exceptions.Exit(run_app(course, db_path=obj.db_path, demo=demo))


COMMANDS = [app]
