"""``deflection-kit certificates``: issue, verify, revoke and re-issue certificates; manage keys."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from deflection_kit.certificates.codes import group
from deflection_kit.certificates.keys import IssuerKey, PublicKeyFile
from deflection_kit.certificates.page import PAPERS, paper_named
from deflection_kit.certificates.signing import StatusLookup, Verdict
from deflection_kit.certificates.templates import list_designs
from deflection_kit.certificates.trust import DEFAULT_LABEL, TrustStore
from deflection_kit.certificates.verify import RegisterFind
from deflection_kit.cli.context import CliContext
from deflection_kit.errors import InputFileError, UsageError


@click.group("certificates")
def certificates_group() -> None:
    """Issue completion certificates, verify them offline, revoke or re-issue them."""


def _echo_verdict(verdict: Verdict, heading: str = "") -> None:
    lines = verdict.lines()
    if heading:
        click.echo(heading)
    for line in lines:
        click.echo(line)


def _register_lookups(obj: CliContext) -> tuple[StatusLookup | None, RegisterFind | None]:
    """Return how to look a certificate up in the register (none until the database has one)."""
    return None, None


@certificates_group.command("verify")
@click.argument("code_or_file")
@click.pass_obj
def verify_command(obj: CliContext, code_or_file: str) -> None:
    """Check a certificate: its code (XXXX-XXXX-XXXX-XXXX-X), QR text (DK1:...) or FILE.pdf.

    Exit 0 and print every field when it is genuine; exit 1 with the reason when it was altered,
    revoked or signed by an issuer this installation does not trust.
    """
    from deflection_kit.certificates.verify import check

    lookup, find = _register_lookups(obj)
    verdicts = check(code_or_file, TrustStore(), lookup, find)
    several = len(verdicts) > 1
    for number, verdict in enumerate(verdicts, start=1):
        if several:
            click.echo("" if number == 1 else "\n", nl=False)
        _echo_verdict(verdict, f"page {number}:" if several else "")
    bad = [v for v in verdicts if not v.ok]
    if bad:
        where = f" ({len(bad)} of {len(verdicts)} pages)" if several else ""
        click.echo(f"deflection-kit: not genuine{where}: {bad[0].reason}", err=True)
        raise click.exceptions.Exit(1)


@certificates_group.command("designs")
@click.pass_obj
def designs_command(obj: CliContext) -> None:
    """List the certificate designs (bundled, and any in the content folder)."""
    for name in list_designs(obj.content_dir):
        click.echo(name)


@certificates_group.command("specimen")
@click.option("--out", required=True, type=click.Path(dir_okay=False), help="PDF to write.")
@click.option("--design", default=None, help="Design name (see 'certificates designs').")
@click.option("--paper", type=click.Choice(sorted(PAPERS)), default=None, help="Paper size.")
@click.option("--name", default="Dana Whitfield", show_default=True, help="Name to print.")
@click.pass_obj
def specimen_command(
    obj: CliContext, out: str, design: str | None, paper: str | None, name: str
) -> None:
    """Print a specimen certificate to check a design (signed by a throwaway key: never valid)."""
    from deflection_kit.certificates.images import settings_images
    from deflection_kit.certificates.prepare import prepare_certificate
    from deflection_kit.certificates.render import CertificateRenderer
    from deflection_kit.settings import load_settings

    settings = load_settings()
    course = obj.course()
    throwaway = IssuerKey.generate()
    prepared = prepare_certificate(
        throwaway,
        course_id=course.info.id,
        course_title=course.info.title,
        participant_name=name,
        date=dt.date.today(),
        credit_hours=course.info.credit_hours,
        minutes_attended=course.info.minutes,
        facilitators=(settings.facilitator_name or "Jordan Ellis",),
        host_agency=settings.organization_name or "Springfield Police Department",
    )
    for warning in prepared.warnings:
        click.echo(f"warning: {warning}", err=True)
    renderer = CertificateRenderer(
        course.info.certificate,
        design=design or settings.certificate_design,
        paper=paper_named(paper or settings.paper_size),
        images=settings_images(settings),
        content_dir=obj.content_dir,
    )
    page = renderer.page(prepared.signed)
    renderer.write_pdf([page], out, throwaway, f"Specimen certificate – {name}", "Deflection Kit")
    click.echo(out)


@certificates_group.group("keys")
def keys_group() -> None:
    """This installation's issuer key, and the issuers it trusts."""


@keys_group.command("show")
def keys_show() -> None:
    """Show this installation's issuer key ID (creating the key on first use)."""
    key = IssuerKey.load_or_create()
    trust = TrustStore()
    click.echo(f"key id: {group(key.key_id)}")
    click.echo(f"label: {trust.own_label or DEFAULT_LABEL}")
    click.echo(f"private key: {IssuerKey.path()} (owner-only; never share or copy it)")


@keys_group.command("export")
@click.option("--out", required=True, type=click.Path(dir_okay=False), help="File to write.")
@click.option("--label", default=None, help="Who this key belongs to (remembered).")
def keys_export(out: str, label: str | None) -> None:
    """Write this installation's PUBLIC key, for coordinators to import and trust."""
    key = IssuerKey.load_or_create()
    trust = TrustStore()
    if label is not None:
        trust.set_own_label(label)
    from deflection_kit import privatefiles

    privatefiles.write_text(out, key.public_file(trust.own_label or DEFAULT_LABEL).to_text())
    click.echo(f"{out}: public key {group(key.key_id)}")


@keys_group.command("import")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--label", default=None, help="Who the key belongs to (default: the file's label).")
def keys_import(file: str, label: str | None) -> None:
    """Trust certificates signed by the issuer whose public key FILE holds."""
    try:
        data = Path(file).read_bytes()
    except OSError as error:
        raise InputFileError(file, None, f"cannot read it ({error.strerror})") from None
    issuer, added = TrustStore().add(PublicKeyFile.parse(data, file, label))
    state = "trusted" if added else ("own key" if issuer.own else "already trusted")
    click.echo(f"{group(issuer.key_id)} {issuer.label or '(no label)'}: {state}")


@keys_group.command("list")
def keys_list() -> None:
    """List the trusted issuers: this installation's key, then the imported ones."""
    trust = TrustStore()
    own = trust.own()
    if own is not None:
        click.echo(f"{group(own.key_id)}  {own.label}  (this installation)")
    for issuer in trust.imported():
        label = issuer.label or "(no label)"
        click.echo(f"{group(issuer.key_id)}  {label}  added {issuer.added_at}")


@keys_group.command("remove")
@click.argument("key_id")
def keys_remove(key_id: str) -> None:
    """Stop trusting an imported issuer key."""
    wanted = key_id.replace("-", "").upper()
    trust = TrustStore()
    own = trust.own()
    if own is not None and own.key_id == wanted:
        raise UsageError("that is this installation's own key; it cannot be removed")
    issuer = trust.remove(wanted)
    click.echo(f"{group(issuer.key_id)} {issuer.label}: no longer trusted")


COMMANDS = [certificates_group]
