"""``deflection-kit materials``: the facilitator guide, handouts, worksheet and paper forms."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from deflection_kit.cli.context import CliContext

TIME = click.DateTime(formats=["%H:%M"])


def _pathways(value: str | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    return tuple(part.strip() for part in value.split(",") if part.strip())


def _shared_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add the options every materials command takes."""
    options = [
        click.option(
            "--out",
            "out",
            required=True,
            metavar="DIR",
            type=click.Path(path_type=Path),
            help="Folder to write the documents to.",
        ),
        click.option(
            "--recipe",
            default="full-course",
            show_default=True,
            help="The deck recipe the guide follows (see 'deflection-kit deck recipes').",
        ),
        click.option(
            "--pathways",
            metavar="ID,ID",
            help="Pathways to cover, comma-separated (default: the session's, else all).",
        ),
        click.option(
            "--audience",
            default=None,
            metavar="ID",
            help="Audience whose examples lead (default: the session's, else everyone).",
        ),
        click.option(
            "--resources",
            type=click.Path(dir_okay=False, path_type=Path),
            help="Local resources CSV: name, service, phone, address, hours.",
        ),
        click.option(
            "--session",
            "session_ref",
            metavar="ID",
            help="Session to plan for: its date, start, length, place, facilitators.",
        ),
        click.option(
            "--start",
            type=TIME,
            metavar="HH:MM",
            help="Clock time the session starts (default: the session's, else 09:00).",
        ),
        click.option(
            "--minutes",
            type=click.IntRange(1, 24 * 60),
            metavar="N",
            help="Session length (default: the session's, else the recipe's plan).",
        ),
        click.option(
            "--paper",
            type=click.Choice(["letter", "a4"], case_sensitive=False),
            help="Paper size (default: your settings, else US Letter).",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _build(obj: CliContext, kinds: tuple[str, ...], values: dict[str, Any]) -> None:
    from deflection_kit.materials import MaterialsOptions, build_materials
    from deflection_kit.settings import load_settings

    session = None
    if values["session_ref"]:
        with obj.open_store() as store:
            session = store.sessions.resolve(values["session_ref"])
    start: dt.datetime | None = values["start"]
    options = MaterialsOptions(
        recipe=values["recipe"],
        pathways=_pathways(values["pathways"]),
        audience=values["audience"],
        resources=values["resources"],
        session=session,
        start=start.time() if start else None,
        minutes=values["minutes"],
        paper=values["paper"],
        settings=load_settings(),
    )
    result = build_materials(obj.course(), options, values["out"], kinds)
    plan = result.prepared.plan
    for path in result.files:
        pages = result.pages.get(path.name)
        count = f"  ({pages} page{'s' if pages != 1 else ''})" if pages else ""
        click.echo(f"{path}{count}")
    click.echo(
        f"{len(result.files)} files in {result.folder}: recipe {result.prepared.recipe}, "
        f"{len(result.prepared.pathways)} pathways, {plan.total} minutes from "
        f"{plan.clock(0)}, {result.prepared.paper} paper",
        err=True,
    )


@click.group("materials")
def materials_group() -> None:
    """Print the workshop's paper: facilitator guide, handouts, worksheet and forms."""


@materials_group.command("build")
@_shared_options
@click.pass_obj
def build(obj: CliContext, /, **values: Any) -> None:
    """Build every document into --out (nothing is written if anything is wrong)."""
    from deflection_kit.materials import KINDS

    _build(obj, tuple(KINDS), values)


def _one(kind: str, summary: str) -> click.Command:
    @click.pass_obj
    def command(obj: CliContext, /, **values: Any) -> None:
        _build(obj, (kind,), values)

    command.__doc__ = summary
    return materials_group.command(kind, help=summary)(_shared_options(command))


_one("guide", "Build the facilitator guide (lesson plan): PDF, Markdown and .odt.")
_one("handout", "Build the participant handout and the resource guide.")
_one("worksheet", "Build the fillable action-planning worksheet for community leaders.")
_one("forms", "Build the knowledge check, its answer key and the evaluation form.")


@materials_group.command("enter-check")
@click.argument("session_ref", metavar="SESSION")
@click.option(
    "--phase",
    type=click.Choice(["pre", "post"]),
    required=True,
    help="Before (pre) or after (post) the course.",
)
@click.option(
    "--answers",
    required=True,
    metavar="LETTERS",
    help="One letter per question in the form's order (A-D, or T/F); - for blank.",
)
@click.option("--code", default="", metavar="TEXT", help="The code the participant wrote.")
@click.pass_obj
def enter_check(obj: CliContext, session_ref: str, phase: str, answers: str, code: str) -> None:
    """Type in one paper knowledge check (anonymous)."""
    from deflection_kit.materials.entry import parse_answers, session_questions

    with obj.open_store() as store:
        session = store.sessions.resolve(session_ref)
        questions = session_questions(obj.course(), session)
        sheet = store.check_sheets.add(session.id, phase, parse_answers(answers, questions), code)
    click.echo(
        f"saved {phase}-check sheet {sheet.id}: {len(sheet.answers)} of "
        f"{len(questions)} questions answered"
    )


@materials_group.command("enter-evaluation")
@click.argument("session_ref", metavar="SESSION")
@click.option(
    "--ratings",
    default="",
    metavar="DIGITS",
    help="One digit 1-5 per statement in the form's order; - for blank.",
)
@click.option(
    "--role", default="", metavar="ID", help="The role ticked (an audience id, or other)."
)
@click.option("--useful", default="", help="What was most useful?")
@click.option("--improve", default="", help="What would make this course better?")
@click.option("--other", default="", help="Anything else?")
@click.pass_obj
def enter_evaluation(
    obj: CliContext,
    session_ref: str,
    ratings: str,
    role: str,
    useful: str,
    improve: str,
    other: str,
) -> None:
    """Type in one paper evaluation form (anonymous)."""
    from deflection_kit.errors import UsageError
    from deflection_kit.materials import evaluation
    from deflection_kit.materials.entry import parse_ratings

    course = obj.course()
    roles = dict(evaluation.roles(course))
    if role and role not in roles:
        raise UsageError(f"unknown role {role!r}; choose from: {', '.join(roles)}")
    comments = {"useful": useful, "improve": improve, "other": other, evaluation.ROLE_KEY: role}
    with obj.open_store() as store:
        session = store.sessions.resolve(session_ref)
        form = store.feedback.add(
            session.id, parse_ratings(ratings, evaluation.statements(course)), comments
        )
    click.echo(f"saved evaluation form {form.id}: {len(form.ratings)} ratings")


@materials_group.command("results")
@click.argument("session_ref", metavar="SESSION")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@click.pass_obj
def results(obj: CliContext, session_ref: str, as_json: bool) -> None:
    """Show what the paper knowledge checks and evaluations typed in for a session say."""
    import json

    from deflection_kit.materials.results import paper_results

    with obj.open_store() as store:
        session = store.sessions.resolve(session_ref)
        summary = paper_results(
            obj.course(),
            session,
            store.check_sheets.list(session.id),
            store.feedback.list(session.id),
        )
    if as_json:
        click.echo(json.dumps(summary.as_dict(), indent=2, ensure_ascii=False))
    else:
        for line in summary.lines():
            click.echo(line)


COMMANDS = [materials_group]
