"""``deflection-kit report build`` and ``deflection-kit audit-packet``: a session's record."""

from __future__ import annotations

from pathlib import Path

import click

from deflection_kit.cli.context import CliContext


@click.group("report")
def report() -> None:
    """Delivery reports of sessions presented with the kit."""


@report.command("build")
@click.argument("session")
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="PDF file to write.",
)
@click.pass_obj
def build(obj: CliContext, session: str, out: Path) -> None:
    """Write the delivery report of SESSION (an id or the start of one) as a PDF.

    Minutes per module against the plan, modules and objectives delivered, attendance,
    knowledge checks and gain, course feedback, and what was shown when.
    """
    from deflection_kit.reports import write_report_pdf
    from deflection_kit.reports.records import load_report
    from deflection_kit.storage import Store

    course = obj.course()
    with Store.open(obj.db_path) as store:
        delivery = load_report(store, course, session)
    path = write_report_pdf(delivery, out)
    click.echo(f"{path}: delivery report of {delivery.title!r}")


@click.command("audit-packet")
@click.argument("session")
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(path_type=Path),
    help="A folder for the PDFs, or a file ending in .pdf for one PDF.",
)
@click.pass_obj
def audit_packet(obj: CliContext, session: str, out: Path) -> None:
    """Write SESSION's audit packet: report, sign-in sheet, roster, objectives, evaluations."""
    from deflection_kit.reports import write_audit_packet
    from deflection_kit.reports.records import load_report
    from deflection_kit.storage import Store

    course = obj.course()
    with Store.open(obj.db_path) as store:
        delivery = load_report(store, course, session)
        assert delivery.session is not None
        records = store.attendance.records(session_id=delivery.session.id)
        forms = store.feedback.list(delivery.session.id)
    result = write_audit_packet(delivery, records, forms, out)
    click.echo(f"{result.path}: audit packet of {delivery.title!r} ({result.pages} pages)")


COMMANDS = [report, audit_packet]
