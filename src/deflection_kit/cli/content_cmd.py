"""``deflection-kit content``: check the course content and show it as JSON."""

from __future__ import annotations

import json

import click

from deflection_kit.cli.context import CliContext
from deflection_kit.errors import ContentError


@click.group("content")
def content_group() -> None:
    """Check the course content, or print it for scripts."""


@content_group.command("check")
@click.argument("directory", required=False, type=click.Path(file_okay=False))
@click.pass_obj
def check(obj: CliContext, directory: str | None) -> None:
    """Check a content folder (default: the one in use); list each problem as path:line: message."""
    from deflection_kit.content import load_course
    from deflection_kit.content.export import summary_line

    folder = directory or obj.content_dir
    try:
        course = load_course(folder)
    except ContentError as error:
        for problem in error.problems:
            click.echo(str(problem))
        count = len(error.problems)
        click.echo(f"{count} problem{'s' if count != 1 else ''} in {folder}", err=True)
        raise click.exceptions.Exit(1) from None
    click.echo(f"ok: {summary_line(course)}")


@content_group.command("show")
@click.option("--json", "as_json", is_flag=True, help="Print the whole course as JSON.")
@click.pass_obj
def show(obj: CliContext, as_json: bool) -> None:
    """Print the course: an outline, or with --json everything (for scripts)."""
    from deflection_kit.content.export import course_as_data, summary_line

    course = obj.course()
    if as_json:
        click.echo(json.dumps(course_as_data(course), indent=2, ensure_ascii=False))
        return
    click.echo(summary_line(course))
    for module in course.modules:
        click.echo(f"{module.number}. {module.title} ({module.minutes} min)")
        for slide in module.slides:
            click.echo(f"     {slide.title}")
    click.echo("Pathways:")
    for pathway in course.pathways:
        later = " (added later)" if pathway.added_later else ""
        click.echo(f"  {pathway.id}: {pathway.name}{later}")


COMMANDS = [content_group]
