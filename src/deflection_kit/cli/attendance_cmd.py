"""``deflection-kit checkin | checkout | roster | attendance``: who came, and for how long."""

from __future__ import annotations

import datetime as dt

import click

from deflection_kit.cli.context import CliContext
from deflection_kit.errors import UsageError
from deflection_kit.storage import CheckResult, PersonFields, Session
from deflection_kit.storage.clock import parse_moment


def parse_at(text: str | None) -> dt.datetime | None:
    """Return the ``--at`` time, or None for now; a bad time is a usage error."""
    if text is None:
        return None
    try:
        return parse_moment(text)
    except ValueError as error:
        raise UsageError(f"--at: {error}") from None


def _who(
    participant: str | None,
    name: str | None,
    email: str | None = None,
    agency: str | None = None,
    discipline: str | None = None,
) -> str | PersonFields:
    if bool(participant) == bool(name):
        raise UsageError("give either --participant ID or --name NAME")
    if participant:
        return participant
    assert name is not None
    return PersonFields(
        name=name, email=email or "", agency=agency or "", discipline=discipline or ""
    )


def _describe(result: CheckResult, session: Session, what: str) -> str:
    att = result.attendance
    moment = att.check_in if what == "checked in" else att.check_out
    local = session.local(moment).strftime("%H:%M") if moment else "?"
    if not result.changed:
        return f"already {what}: {result.participant.name} at {local} ({result.participant.id})"
    extra = " (walk-in, new participant)" if result.created_participant else ""
    if what == "checked out":
        done = "completed" if att.completed else "not completed"
        extra = f"; {att.credited_minutes} min credited, {done}"
    return f"{what}: {result.participant.name} at {local}{extra} ({result.participant.id})"


@click.command("checkin")
@click.argument("session_ref", metavar="SESSION")
@click.option("--participant", help="Participant id (or its first characters).")
@click.option("--name", help="Name of the person (a walk-in is added if unknown).")
@click.option("--email", help="Their email (tells people with the same name apart).")
@click.option("--agency", help="Their agency or department.")
@click.option("--discipline", help="Their discipline or role (police, EMS, fire...).")
@click.option("--at", "at", metavar="ISO8601", help="When (default: now).")
@click.pass_obj
def checkin(
    obj: CliContext,
    session_ref: str,
    participant: str | None,
    name: str | None,
    email: str | None,
    agency: str | None,
    discipline: str | None,
    at: str | None,
) -> None:
    """Check a person in to a session; repeating it changes nothing."""
    who = _who(participant, name, email=email, agency=agency, discipline=discipline)
    moment = parse_at(at)
    with obj.open_store() as store:
        session = store.sessions.resolve(session_ref)
        result = store.attendance.check_in(session.id, who, moment, actor="cli")
    click.echo(_describe(result, session, "checked in"))


@click.command("checkout")
@click.argument("session_ref", metavar="SESSION")
@click.option("--participant", help="Participant id (or its first characters).")
@click.option("--name", help="Name of the person.")
@click.option("--email", help="Their email (tells people with the same name apart).")
@click.option("--at", "at", metavar="ISO8601", help="When (default: now).")
@click.pass_obj
def checkout(
    obj: CliContext,
    session_ref: str,
    participant: str | None,
    name: str | None,
    email: str | None,
    at: str | None,
) -> None:
    """Check a person out and credit their minutes; repeating it changes nothing."""
    who = _who(participant, name, email=email)
    moment = parse_at(at)
    with obj.open_store() as store:
        session = store.sessions.resolve(session_ref)
        result = store.attendance.check_out(session.id, who, moment, actor="cli")
    click.echo(_describe(result, session, "checked out"))


@click.group("roster")
def roster_group() -> None:
    """Import a session's expected participants from a CSV or XLSX file."""


@roster_group.command("import")
@click.argument("session_ref", metavar="SESSION")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--check", is_flag=True, help="Only check the file and show the mapping.")
@click.pass_obj
def roster_import(obj: CliContext, session_ref: str, file: str, check: bool) -> None:
    """Import a roster (CSV or XLSX): all rows or none; prints the column mapping and counts."""
    from deflection_kit.storage.roster import RosterError, import_roster, plan_roster

    with obj.open_store() as store:
        session = store.sessions.resolve(session_ref)
        try:
            if check:
                plan = plan_roster(file)
                for line in plan.mapping.describe():
                    click.echo(f"  {line}")
                if not plan.ok:
                    raise RosterError(plan.problems)
                click.echo(f"ok: {len(plan.rows)} rows would be imported")
                return
            report = import_roster(store, session.id, file)
        except RosterError as error:
            for problem in error.problems:
                click.echo(str(problem), err=True)
            count = len(error.problems)
            click.echo(
                f"{count} problem{'s' if count != 1 else ''} in {file}; nothing was imported",
                err=True,
            )
            raise click.exceptions.Exit(1) from None
    for line in report.mapping:
        click.echo(f"  {line}")
    click.echo(report.summary())


@click.group("attendance")
def attendance_group() -> None:
    """Export attendance, see credited hours, record completion decisions."""


@attendance_group.command("override")
@click.argument("session_ref", metavar="SESSION")
@click.option("--participant", required=True, help="Participant id (or its first characters).")
@click.option(
    "--completed/--not-completed", "completed", default=None, help="The decision to record."
)
@click.option("--clear", is_flag=True, help="Remove an earlier override.")
@click.option("--by", "by", default="", help="Who decides (required with a decision).")
@click.option("--reason", default="", help="Why (required with a decision).")
@click.pass_obj
def override(
    obj: CliContext,
    session_ref: str,
    participant: str,
    completed: bool | None,
    clear: bool,
    by: str,
    reason: str,
) -> None:
    """Record a facilitator's decision that someone did (or did not) complete."""
    if clear == (completed is not None):
        raise UsageError("give --completed or --not-completed (with --by and --reason), or --clear")
    with obj.open_store() as store:
        session = store.sessions.resolve(session_ref)
        person = store.participants.resolve(participant)
        att = store.attendance.override_completion(
            session.id, person.id, None if clear else completed, by, reason
        )
    state = "completed" if att.completed else "not completed"
    click.echo(f"{person.name}: {state}" + (f" (override by {by})" if att.override else ""))


COMMANDS = [checkin, checkout, roster_group, attendance_group]
