"""``deflection-kit session``: plan, list and show training sessions."""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING, Any

import click

from deflection_kit.cli.context import CliContext

if TYPE_CHECKING:
    from deflection_kit.storage import RosterEntry, Session, Store
    from deflection_kit.storage.closing import Closing

DATE = click.DateTime(formats=["%Y-%m-%d"])
TIME = click.DateTime(formats=["%H:%M"])


def session_data(session: Session, store: Store) -> dict[str, Any]:
    """Return a session as JSON-ready data, with its live counts."""
    counts = store.sessions.counts(session.id)
    return {
        "id": session.id,
        "title": session.title,
        "date": session.date.isoformat(),
        "start": session.start.strftime("%H:%M") if session.start else None,
        "minutes": session.minutes,
        "location": session.location,
        "host_agency": session.host_agency,
        "facilitators": list(session.facilitators),
        "audience": session.audience,
        "pathways": list(session.pathways),
        "credit_hours": session.credit_hours,
        "status": session.status,
        "course": {
            "id": session.course_id,
            "title": session.course_title,
            "version": session.course_version,
            "completion_share": session.completion_share,
        },
        "checked_in": counts.checked_in,
        "here": counts.here,
        "expected": counts.expected,
        "walk_ins": counts.walk_ins,
        "completed": counts.completed,
    }


def entry_data(entry: RosterEntry) -> dict[str, Any]:
    """Return one roster row as JSON-ready data."""
    person, att = entry.participant, entry.attendance
    return {
        "participant_id": person.id,
        "name": person.name,
        "email": person.email,
        "agency": person.agency,
        "discipline": person.discipline,
        "expected": att.expected,
        "check_in": att.check_in.isoformat() if att.check_in else None,
        "check_out": att.check_out.isoformat() if att.check_out else None,
        "status": att.status,
        "credited_minutes": att.credited_minutes,
        "completed": att.completed,
    }


@click.group("session")
def session_group() -> None:
    """Plan and list training sessions."""


@session_group.command("new")
@click.option("--title", required=True, help="What the session is called.")
@click.option("--date", "day", required=True, type=DATE, help="Date, YYYY-MM-DD.")
@click.option("--start", type=TIME, help="Start time, HH:MM (local).")
@click.option("--minutes", type=click.IntRange(1, 1440), help="Length (default: the course's).")
@click.option("--location", default="", help="Where it takes place.")
@click.option("--host-agency", default="", help="The agency hosting it.")
@click.option("--facilitator", "facilitators", multiple=True, help="A facilitator (repeatable).")
@click.option("--audience", default="", help="Audience id (police, ems, fire...).")
@click.option("--pathway", "pathways", multiple=True, help="A pathway id taught (repeatable).")
@click.option(
    "--hours",
    type=click.FloatRange(0, 24),
    help="Credit hours (default: the course's, or the session's length if shorter).",
)
@click.pass_obj
def new(
    obj: CliContext,
    title: str,
    day: dt.datetime,
    start: dt.datetime | None,
    minutes: int | None,
    location: str,
    host_agency: str,
    facilitators: tuple[str, ...],
    audience: str,
    pathways: tuple[str, ...],
    hours: float | None,
) -> None:
    """Plan a session and print its id (only the id, for scripts)."""
    from deflection_kit.storage import SessionFields

    fields = SessionFields(
        title=title,
        date=day.date(),
        start=start.time() if start else None,
        minutes=minutes,
        location=location,
        host_agency=host_agency,
        facilitators=facilitators,
        audience=audience,
        pathways=pathways,
        credit_hours=hours,
    )
    facts = obj.course_facts()
    with obj.open_store() as store:
        session = store.sessions.create(fields, facts)
    click.echo(session.id)


@session_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (for scripts).")
@click.option("--from", "date_from", type=DATE, help="Only sessions on or after this date.")
@click.option("--to", "date_to", type=DATE, help="Only sessions on or before this date.")
@click.pass_obj
def list_sessions(
    obj: CliContext, as_json: bool, date_from: dt.datetime | None, date_to: dt.datetime | None
) -> None:
    """List sessions, newest first, with checked-in and expected counts."""
    with obj.open_store() as store:
        sessions = store.sessions.list(
            date_from.date() if date_from else None, date_to.date() if date_to else None
        )
        data = [session_data(s, store) for s in sessions]
    if as_json:
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    if not data:
        click.echo("no sessions yet (create one with 'deflection-kit session new')")
        return
    for item in data:
        start = item["start"] or "--:--"
        click.echo(
            f"{item['id']}  {item['date']} {start}  "
            f"{item['checked_in']:>3}/{item['expected'] + item['walk_ins']:<3} "
            f"{item['status']:<9} {item['title']}"
        )


@session_group.command("show")
@click.argument("session_ref", metavar="SESSION")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (for scripts).")
@click.pass_obj
def show(obj: CliContext, session_ref: str, as_json: bool) -> None:
    """Show a session and its roster with each person's status."""
    with obj.open_store() as store:
        session = store.sessions.resolve(session_ref)
        data = session_data(session, store)
        roster = [entry_data(e) for e in store.attendance.roster(session.id)]
    if as_json:
        click.echo(json.dumps({**data, "roster": roster}, indent=2, ensure_ascii=False))
        return
    click.echo(f"{data['title']} — {data['date']} {data['start'] or ''} ({data['minutes']} min)")
    walk_ins = f" + {data['walk_ins']} walk-in{'s' if data['walk_ins'] != 1 else ''}"
    click.echo(
        f"checked in {data['checked_in']} of {data['expected'] + data['walk_ins']} "
        f"({data['expected']} expected{walk_ins if data['walk_ins'] else ''}); "
        f"here now {data['here']}; completed {data['completed']}"
    )
    for row in roster:
        mark = "✓" if row["completed"] else " "
        click.echo(
            f"{mark} {row['name']:<32} {row['status']:<10} {row['credited_minutes']:>4} min  "
            f"{row['participant_id']}"
        )


@session_group.command("close")
@click.argument("session_ref", metavar="SESSION")
@click.option(
    "--at",
    "at",
    metavar="ISO8601",
    help="When it ended (default: when presenting ended, or now if it was not presented).",
)
@click.pass_obj
def close(obj: CliContext, session_ref: str, at: str | None) -> None:
    """Close a session: check out everyone still here, at the time it actually ended."""
    from deflection_kit.cli.attendance_cmd import parse_at

    with obj.open_store() as store:
        session = store.sessions.resolve(session_ref)
        plan = store.attendance.close(session.id, parse_at(at), actor="cli")
    when = session.local(plan.ends_at).strftime("%Y-%m-%d %H:%M")
    source = {"given": "--at", "presented": "when presenting ended", "now": "now"}[plan.source]
    click.echo(f"closed; checked out {len(plan.still_here)} still checked in at {when} ({source})")
    for person in plan.short:
        click.echo(f"  not completed: {person.participant.name}: {_why(session, person)}")


def _why(session: Session, person: Closing) -> str:
    """Return a one-line reason for a shortfall, for the terminal."""
    short = person.shortfall
    assert short is not None
    if short.override is not None:
        return f"decided by {short.override.by}: {short.override.reason}"
    parts = [f"{short.credited_minutes} of {short.required_minutes} min"]
    if short.after_end:
        parts.append("arrived after the planned end")
    elif short.late_minutes:
        parts.append(f"arrived {short.late_minutes} min late")
    if short.early_minutes:
        parts.append(f"left {short.early_minutes} min before the planned end")
    return "; ".join(parts)


COMMANDS = [session_group]
