"""``deflection-kit --smoke``: check the app works here, without a screen, and exit."""

from __future__ import annotations

import os
import time

import click

from deflection_kit.cli.context import CliContext


def run_smoke(obj: CliContext) -> int:
    """Run the app's self-checks offscreen, print one line each, return 0 if all passed."""
    # Paint offscreen unless told otherwise (a packager may ask for xcb to test that plugin).
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    started = time.perf_counter()
    course = obj.course()
    from deflection_kit.ui.smoke import run_checks

    results = run_checks(course, lambda result: click.echo(result.line()))
    failed = [result.name for result in results if not result.ok]
    seconds = time.perf_counter() - started
    if failed:
        click.echo(
            f"deflection-kit: smoke test failed: {', '.join(failed)} ({seconds:.1f} s)", err=True
        )
        return 1
    click.echo(f"smoke test passed: {len(results)} checks in {seconds:.1f} s")
    return 0
