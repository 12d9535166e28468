"""The ``deflection-kit`` command line: a thin shell over the services.

Each command group lives in its own module and is registered below. Errors a user can fix are
printed as one line on stderr with a non-zero exit code; there is never a traceback.

Opening the desktop app (``deflection-kit`` or ``deflection-kit app``) takes a short path that
imports neither click nor the command modules, so the window comes up fast; the click group
``cli`` is built the first time it is asked for.
"""

from __future__ import annotations

import os
import sys
import traceback
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import click


def __getattr__(name: str) -> Any:
    """Build the click group (with every command) when ``cli`` is first asked for."""
    if name == "cli":
        from deflection_kit.cli.root import cli

        _register(cli)
        return cli
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _register(cli: click.Group) -> None:
    if getattr(cli, "_kit_registered", False):
        return
    from deflection_kit.cli import (
        app_cmd,
        attendance_cmd,
        certificates_cmd,
        content_cmd,
        data_cmd,
        deck_cmd,
        live_cmd,
        materials_cmd,
        session_cmd,
    )

    modules = (app_cmd, content_cmd, deck_cmd, session_cmd, attendance_cmd, data_cmd)
    for module in (*modules, certificates_cmd, materials_cmd, live_cmd):
        for command in module.COMMANDS:
            cli.add_command(command)
    cli._kit_registered = True  # type: ignore[attr-defined]


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


def gui_launch(args: list[str]) -> tuple[str | None, str | None, bool] | None:
    """Return (content, db, demo) if ``args`` only open the desktop app, else None."""
    content: str | None = None
    db: str | None = None
    demo = seen_app = False
    index = 0
    while index < len(args):
        arg = args[index]
        if not seen_app and arg in ("--db", "--content") and index + 1 < len(args):
            value = args[index + 1]
            if arg == "--db":
                db = value
            else:
                content = value
            index += 2
            continue
        if not seen_app and arg.startswith(("--db=", "--content=")):
            name, value = arg.split("=", 1)
            if name == "--db":
                db = value
            else:
                content = value
        elif arg == "app" and not seen_app:
            seen_app = True
        elif arg == "--demo" and seen_app:
            demo = True
        else:
            return None
        index += 1
    return content, db, demo


def _open_app(content: str | None, db: str | None, demo: bool) -> int:
    """Open the desktop app; return its exit code (one line on stderr if it cannot open)."""
    from deflection_kit.errors import DeflectionKitError

    try:
        from deflection_kit import paths
        from deflection_kit.ui.display import check_display

        check_display()
        from deflection_kit.ui.app import start_app

        return start_app(paths.content_dir(content), paths.default_db_path(db), demo=demo)
    except DeflectionKitError as error:
        sys.stderr.write(f"deflection-kit: {error}\n")
        return error.exit_code
    except KeyboardInterrupt:
        sys.stderr.write("deflection-kit: interrupted\n")
        return 130
    except Exception as error:  # a bug: keep the traceback out of the user's way
        where = _log_crash()
        sys.stderr.write(f"deflection-kit: internal error: {error!r} (details in {where})\n")
        return 70


def main(argv: list[str] | None = None) -> None:
    """Run the command line and exit with its status."""
    os.umask(0o077)  # everything the kit creates is owner-only, whatever writes it
    args = list(sys.argv[1:] if argv is None else argv)
    if args == ["--version"]:  # answered before click and the commands are imported
        from deflection_kit import __version__

        sys.stdout.write(f"deflection-kit, version {__version__}\n")
        sys.exit(0)
    launch = gui_launch(args)
    if launch is not None:
        sys.exit(_open_app(*launch))
    _run(args)


def _run(argv: list[str]) -> None:
    """Run a command through click, turning every failure into one line and an exit code."""
    import click

    from deflection_kit.errors import DeflectionKitError

    group = __getattr__("cli")
    try:
        result = group.main(args=argv, prog_name="deflection-kit", standalone_mode=False)
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
    except OSError as error:  # a folder not writable, a full disk: the user can fix it
        where = f"{error.filename}: " if error.filename else ""
        click.echo(f"deflection-kit: {where}{error.strerror or error}", err=True)
        sys.exit(1)
    except Exception as error:  # a bug: keep the traceback out of the user's way
        where = _log_crash()
        click.echo(f"deflection-kit: internal error: {error!r} (details in {where})", err=True)
        sys.exit(70)
    sys.exit(result if isinstance(result, int) else 0)
