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

COMMANDS = [materials_group]
