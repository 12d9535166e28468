"""``deflection-kit backup | purge | bundle | participant``: keep, share and delete records."""

from __future__ import annotations

import datetime as dt

import click

from deflection_kit.cli.context import CliContext

DATE = click.DateTime(formats=["%Y-%m-%d"])


@click.command("backup")
@click.option("--out", required=True, type=click.Path(dir_okay=False), help="Backup file.")
@click.pass_obj
def backup(obj: CliContext, out: str) -> None:
    """Write a consistent snapshot of the database (owner-only; safe during check-in)."""
    from deflection_kit.storage.maintenance import backup as write_backup

    with obj.open_store() as store:
        path = write_backup(store, out)
    click.echo(f"backed up to {path}")


@click.command("purge")
@click.option("--before", required=True, type=DATE, help="Delete sessions before this date.")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@click.pass_obj
def purge(obj: CliContext, before: dt.datetime, yes: bool) -> None:
    """Delete sessions before a date, their attendance, and people with nothing left (retention).

    Afterwards no trace of their names or emails remains in the database file.
    """
    from deflection_kit.storage.maintenance import purge_before

    day = before.date()
    if not yes:
        click.confirm(
            f"Delete every session before {day.isoformat()} and its attendance for good?",
            abort=True,
        )
    with obj.open_store() as store:
        report = purge_before(store, day, actor="cli")
    click.echo(report.summary())


@click.group("bundle")
def bundle_group() -> None:
    """Share one session's records with a coordinator, or merge records from facilitators."""


@bundle_group.command("export")
@click.argument("session_ref", metavar="SESSION")
@click.option("--out", required=True, type=click.Path(dir_okay=False), help="Bundle file.")
@click.pass_obj
def bundle_export(obj: CliContext, session_ref: str, out: str) -> None:
    """Write a session, its people, attendance and events to a bundle file."""
    from deflection_kit.certificates.keys import IssuerKey
    from deflection_kit.certificates.revocation import sign_old_endings
    from deflection_kit.storage.bundle_file import export_bundle

    with obj.open_store() as store:
        session = store.sessions.resolve(session_ref)
        if IssuerKey.exists():  # revocations made before they were signed travel too
            sign_old_endings(store, session.id, IssuerKey.load())
        path = export_bundle(store, session.id, out)
        count = store.sessions.counts(session.id)
    click.echo(f"wrote {path} ({session.title}, {count.checked_in} checked in)")


@bundle_group.command("import")
@click.argument("file", type=click.Path(dir_okay=False))
@click.pass_obj
def bundle_import(obj: CliContext, file: str) -> None:
    """Merge a bundle (checked whole first); importing it again changes nothing.

    A bundle adds records; where it would change a person or a session already here, the
    change waits in 'bundle conflicts' for you to accept or reject.
    """
    from deflection_kit.certificates.revocation import BundleCertificateChecks
    from deflection_kit.storage.merge import import_bundle

    with obj.open_store() as store:
        report = import_bundle(store, file, BundleCertificateChecks())
    hint = " (list them: deflection-kit bundle conflicts)" if report.conflicts else ""
    click.echo(report.summary() + hint)


@bundle_group.command("conflicts")
@click.option("--all", "show_all", is_flag=True, help="Also list the conflicts decided already.")
@click.pass_obj
def bundle_conflicts(obj: CliContext, show_all: bool) -> None:
    """List what imported bundles would change here, waiting for you to accept or reject."""
    from deflection_kit.storage.conflicts import list_conflicts

    with obj.open_store() as store:
        conflicts = list_conflicts(store, include_decided=show_all)
    for conflict in conflicts:
        state = "" if conflict.status == "open" else f" [{conflict.status}]"
        click.echo(f"{conflict.short_id}{state}  {conflict.describe()}")
    if not conflicts:
        click.echo("no conflicts waiting" if not show_all else "no conflicts")


DECIDER = click.option("--by", default="", help="Who decides (recorded; default: the facilitator).")


@bundle_group.command("accept")
@click.argument("conflict_ref", metavar="ID")
@DECIDER
@click.pass_obj
def bundle_accept(obj: CliContext, conflict_ref: str, by: str) -> None:
    """Apply one conflict's values from the bundle to the record here."""
    _decide(obj, conflict_ref, by, accept=True)


@bundle_group.command("reject")
@click.argument("conflict_ref", metavar="ID")
@DECIDER
@click.pass_obj
def bundle_reject(obj: CliContext, conflict_ref: str, by: str) -> None:
    """Keep the record here as it is and forget one conflict's values from the bundle."""
    _decide(obj, conflict_ref, by, accept=False)


def _decide(obj: CliContext, conflict_ref: str, by: str, accept: bool) -> None:
    from deflection_kit.storage.conflicts import decide_conflict

    with obj.open_store() as store:
        conflict = decide_conflict(store, conflict_ref, accept, by or _facilitator())
    click.echo(conflict.outcome())


def _facilitator() -> str:
    from deflection_kit.errors import DeflectionKitError
    from deflection_kit.settings import load_settings

    try:
        return load_settings().facilitator_name
    except DeflectionKitError:  # a damaged settings file must not stop a decision
        return ""


@click.group("participant")
def participant_group() -> None:
    """Find people, or delete one everywhere (privacy requests)."""


@participant_group.command("search")
@click.argument("text")
@click.pass_obj
def participant_search(obj: CliContext, text: str) -> None:
    """List people whose name has words starting with the words given."""
    with obj.open_store() as store:
        people = store.participants.search(text)
    for person in people:
        click.echo(f"{person.id}  {person.name}  {person.agency}")
    if not people:
        click.echo("nobody found")


@participant_group.command("delete")
@click.argument("participant_ref", metavar="PARTICIPANT")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@click.pass_obj
def participant_delete(obj: CliContext, participant_ref: str, yes: bool) -> None:
    """Delete a person everywhere: details, attendance and log entries; no trace is left."""
    from deflection_kit.storage.maintenance import delete_participant

    with obj.open_store() as store:
        person = store.participants.resolve(participant_ref)
        if not yes:
            click.confirm(f"Delete {person.name} and all their attendance for good?", abort=True)
        copies = delete_participant(store, person.id, actor="cli")
    click.echo(f"deleted ({copies.summary()})")


COMMANDS = [backup, purge, bundle_group, participant_group]
