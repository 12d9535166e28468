"""The ``deflection-kit`` command line: a thin shell over the services.

Two entry points, both parsed by click (see ``root.py`` for how commands load on demand):
``main`` is the ``deflection-kit`` command; ``app_main`` is the ``deflection-kit-app`` GUI
script a desktop shortcut runs. Errors a user can fix are printed as one line on stderr with a
non-zero exit code; there is never a traceback.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import click


def __getattr__(name: str) -> Any:
    """Return the click group with every command loaded, for tools and tests that list them."""
    if name == "cli":
        from deflection_kit.cli.root import cli

        return cli.load_all()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _log_crash() -> str:
    """Write the current traceback to the user's log folder and return where it went."""
    import traceback

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
    from deflection_kit.cli.root import cli

    _run(cli, argv, "deflection-kit")


def app_main(argv: list[str] | None = None) -> None:
    """Open the desktop app (the ``deflection-kit-app`` GUI script) and exit with its status."""
    from deflection_kit.cli.root import desktop

    _run(desktop, argv, "deflection-kit-app")


def _run(command: click.Command, argv: list[str] | None, prog_name: str) -> None:
    """Run a command through click, turning every failure into one line and an exit code."""
    import click

    from deflection_kit.errors import DeflectionKitError

    os.umask(0o077)  # everything the kit creates is owner-only, whatever writes it
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        result = command.main(args=args, prog_name=prog_name, standalone_mode=False)
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
