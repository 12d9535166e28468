"""``deflection-kit checkin | checkout | roster | attendance``: who came, and for how long."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import click

from deflection_kit.cli.context import CliContext
from deflection_kit.errors import UsageError

if TYPE_CHECKING:
    from deflection_kit.storage import AttendanceRows, CheckResult, PersonFields, Session, Store


def parse_at(text: str | None) -> dt.datetime | None:
    """Return the ``--at`` time, or None for now; a bad time is a usage error."""
    if text is None:
        return None
    from deflection_kit.storage.clock import parse_moment

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
    from deflection_kit.storage import PersonFields

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
    from deflection_kit.storage.roster import RosterError, apply_plan, plan_roster

    with obj.open_store() as store:
        session = store.sessions.resolve(session_ref)
        try:
            plan = plan_roster(file)
            # The mapping first, also when rows are wrong: it often explains them.
            if plan.table.header_line > 1:
                click.echo(f"  (header on line {plan.table.header_line}; lines above it skipped)")
            for line in plan.mapping.describe():
                click.echo(f"  {line}")
            if not plan.ok:
                raise RosterError(plan.problems)
            if check:
                click.echo(f"ok: {len(plan.rows)} rows would be imported")
                return
            report = apply_plan(store, session.id, plan)
        except RosterError as error:
            for problem in error.problems:
                click.echo(str(problem), err=True)
            count = len(error.problems)
            click.echo(
                f"{count} problem{'s' if count != 1 else ''} in {file}; nothing was imported",
                err=True,
            )
            raise click.exceptions.Exit(1) from None
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


@attendance_group.command("undo")
@click.argument("session_ref", metavar="SESSION")
@click.pass_obj
def undo(obj: CliContext, session_ref: str) -> None:
    """Take back the session's last check-in or check-out (recorded as an event; repeat to
    take back the one before)."""
    with obj.open_store() as store:
        session = store.sessions.resolve(session_ref)
        undone = store.attendance.undo_last(session.id, actor="cli")
    if undone is None:
        click.echo("nothing to undo: no check-in or check-out left on this session")
        return
    what = "check-in" if undone.kind == "checkin" else "check-out"
    local = session.local(undone.moment).strftime("%H:%M")
    click.echo(f"undid {undone.participant.name}'s {what} at {local} ({undone.participant.id})")


DATE = click.DateTime(formats=["%Y-%m-%d"])


def _selection(
    store: Store,
    session_ref: str | None,
    date_from: dt.datetime | None,
    date_to: dt.datetime | None,
) -> tuple[AttendanceRows, str]:
    if session_ref and (date_from or date_to):
        raise UsageError("give --session, or --from and --to, not both")
    if session_ref:
        session = store.sessions.resolve(session_ref)
        title = f"{session.title}, {session.date.isoformat()}"
        return store.attendance.rows(session_id=session.id), title
    if not (date_from and date_to):
        raise UsageError("give --session ID, or both --from DATE and --to DATE")
    first, last = date_from.date(), date_to.date()
    if last < first:
        raise UsageError("--to is before --from")
    records = store.attendance.rows(date_from=first, date_to=last)
    return records, f"{first.isoformat()} to {last.isoformat()}"


@attendance_group.command("export")
@click.option("--session", "session_ref", metavar="ID", help="One session.")
@click.option("--from", "date_from", type=DATE, help="First date of a range (YYYY-MM-DD).")
@click.option("--to", "date_to", type=DATE, help="Last date of a range (YYYY-MM-DD).")
@click.option(
    "--format", "fmt", required=True, type=click.Choice(["csv", "xlsx", "pdf"]), help="File type."
)
@click.option(
    "--profile",
    default=None,
    help="Export profile: generic (default), ce-roster, sign-in (PDF), or your own.",
)
@click.option("--out", required=True, type=click.Path(dir_okay=False), help="File to write.")
@click.pass_obj
def export(
    obj: CliContext,
    session_ref: str | None,
    date_from: dt.datetime | None,
    date_to: dt.datetime | None,
    fmt: str,
    profile: str | None,
    out: str,
) -> None:
    """Export attendance for a session or a date range (CSV, XLSX or printable PDF)."""
    from deflection_kit.exports import MissingFieldsError, export_attendance

    with obj.open_store() as store:
        records, title = _selection(store, session_ref, date_from, date_to)
    try:
        result = export_attendance(records, fmt, out, title, profile)  # type: ignore[arg-type]
    except MissingFieldsError as error:
        for missing in error.missing:
            click.echo(str(missing), err=True)
        click.echo(f"deflection-kit: {error}", err=True)
        raise click.exceptions.Exit(1) from None
    click.echo(f"wrote {result.path} ({result.rows} rows, profile {result.profile})")


@attendance_group.command("rollup")
@click.option("--from", "date_from", type=DATE, help="First date (YYYY-MM-DD).")
@click.option("--to", "date_to", type=DATE, help="Last date (YYYY-MM-DD).")
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx", "pdf"]), help="File type.")
@click.option("--out", type=click.Path(dir_okay=False), help="File to write (default: print).")
@click.pass_obj
def rollup(
    obj: CliContext,
    date_from: dt.datetime | None,
    date_to: dt.datetime | None,
    fmt: str | None,
    out: str | None,
) -> None:
    """Show or export each person's sessions, completions and credit hours."""
    from deflection_kit.exports import write_rollup

    first = date_from.date() if date_from else None
    last = date_to.date() if date_to else None
    with obj.open_store() as store:
        people = store.attendance.rollup(first, last)
    span = f"{first or 'start'} to {last or 'today'}"
    if out:
        chosen = fmt or (out.rsplit(".", 1)[-1].lower() if "." in out else "csv")
        write_rollup(people, chosen, out, f"Credit hours by person, {span}")
        click.echo(f"wrote {out} ({len(people)} people)")
        return
    for person in people:
        click.echo(
            f"{person.participant.name:<32} {person.sessions:>3} sessions  "
            f"{person.completed:>3} completed  {person.credit_hours:>6g} h"
        )
    if not people:
        click.echo("no attendance in this period")


@attendance_group.command("profiles")
def profiles() -> None:
    """List the export profiles (built-in and your own)."""
    from deflection_kit.exports import available_profiles, load_profile

    for name, origin in available_profiles().items():
        profile = load_profile(name)
        click.echo(f"{name:<14} {profile.description} ({origin})")


COMMANDS = [checkin, checkout, roster_group, attendance_group]
