"""``deflection-kit certificates``: issue, verify, revoke and re-issue certificates; manage keys."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click

from deflection_kit.certificates.codes import group
from deflection_kit.certificates.page import PAPERS, paper_named
from deflection_kit.cli.context import CliContext
from deflection_kit.errors import InputFileError, UsageError

if TYPE_CHECKING:
    from deflection_kit.certificates.desk import CertificateDesk
    from deflection_kit.certificates.model import SignedCertificate
    from deflection_kit.certificates.signing import RegisterStatus, StatusLookup, Verdict
    from deflection_kit.certificates.verify import RegisterFind
    from deflection_kit.storage import Store


@click.group("certificates")
def certificates_group() -> None:
    """Issue completion certificates, verify them offline, revoke or re-issue them."""


def _echo_verdict(verdict: Verdict, heading: str = "") -> None:
    lines = verdict.lines()
    if heading:
        click.echo(heading)
    for line in lines:
        click.echo(line)


def _desk(
    obj: CliContext, store: Store, design: str | None = None, paper: str | None = None
) -> CertificateDesk:
    """Return the certificate desk for this store, course and settings."""
    from deflection_kit.certificates.desk import CertificateDesk
    from deflection_kit.settings import load_settings

    return CertificateDesk(
        store,
        obj.course(),
        load_settings(),
        design=design,
        paper=paper_named(paper) if paper else None,
        content_dir=obj.content_dir,
    )


@contextmanager
def _register_lookups(
    obj: CliContext,
) -> Iterator[tuple[StatusLookup, RegisterFind]]:
    """Yield how to look a certificate up in this installation's register. When the register
    cannot be read, every look-up says so: verification then cannot confirm (fails closed)."""
    from deflection_kit.certificates import payload
    from deflection_kit.certificates.signing import RegisterStatus, RevocationUnknownError
    from deflection_kit.certificates.verify import NotACertificateError
    from deflection_kit.storage import StoreError

    try:
        store = obj.open_store()
    except StoreError as error:
        problem = str(error)

        def unreadable(_certificate_id: str) -> RegisterStatus | None:
            raise RevocationUnknownError(problem)

        def unfound(_certificate_id: str) -> SignedCertificate | None:
            raise NotACertificateError(
                f"cannot look the code up: the certificate register cannot be read ({problem})"
            )

        yield unreadable, unfound
        return
    with store:
        certificates = store.certificates

        def lookup(certificate_id: str) -> RegisterStatus | None:
            try:
                record = certificates.get(certificate_id)
            except Exception as error:  # any failure to read the register: cannot confirm
                raise RevocationUnknownError(str(error) or type(error).__name__) from None
            if record is None:
                return None
            return RegisterStatus(
                record.status,
                record.revoke_reason,
                record.revoked_by,
                record.revoked_at or "",
                record.replaced_by or "",
            )

        def find(certificate_id: str) -> SignedCertificate | None:
            record = certificates.get(certificate_id)
            return None if record is None else payload.decode(record.payload)

        yield lookup, find


@certificates_group.command("verify")
@click.argument("code_or_file")
@click.pass_obj
def verify_command(obj: CliContext, code_or_file: str) -> None:
    """Check a certificate: its code (XXXX-XXXX-XXXX-XXXX-X), QR text (DK1:...) or FILE.pdf.

    Exit 0 and print every field when it is genuine; exit 1 with the reason when it was altered,
    revoked or signed by an issuer this installation does not trust, or when it cannot be
    confirmed (the register, which records revocations, cannot be read). A PDF must carry the
    issuer's digital signature over the whole file.
    """
    from deflection_kit.certificates.trust import TrustStore
    from deflection_kit.certificates.verify import check

    with _register_lookups(obj) as (lookup, find):
        verdicts = check(code_or_file, TrustStore(), lookup, find)
    several = len(verdicts) > 1
    for number, verdict in enumerate(verdicts, start=1):
        if several:
            click.echo("" if number == 1 else "\n", nl=False)
        _echo_verdict(verdict, f"page {number}:" if several else "")
    bad = [v for v in verdicts if not v.ok]
    if bad:
        where = f" ({len(bad)} of {len(verdicts)} pages)" if several else ""
        answer = "cannot confirm" if bad[0].outcome == "unconfirmed" else "not genuine"
        click.echo(f"deflection-kit: {answer}{where}: {bad[0].reason}", err=True)
        raise click.exceptions.Exit(1)


@certificates_group.command("designs")
@click.pass_obj
def designs_command(obj: CliContext) -> None:
    """List the certificate designs (bundled, and any in the content folder)."""
    from deflection_kit.certificates.templates import list_designs

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
    from deflection_kit.certificates.keys import IssuerKey
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


DESIGN = click.option("--design", default=None, help="Design name (default: from Settings).")
PAPER = click.option(
    "--paper", type=click.Choice(sorted(PAPERS)), default=None, help="Paper (default: Settings)."
)
BY = click.option("--by", default=None, help="Who does it (default: the facilitator in Settings).")


@certificates_group.command("issue")
@click.argument("session")
@click.option("--out", required=True, type=click.Path(file_okay=False), help="Folder for PDFs.")
@click.option(
    "--combined", type=click.Path(dir_okay=False), default=None, help="Also one PDF of all."
)
@DESIGN
@PAPER
@BY
@click.pass_obj
def issue_command(
    obj: CliContext,
    session: str,
    out: str,
    combined: str | None,
    design: str | None,
    paper: str | None,
    by: str | None,
) -> None:
    """Issue certificates to everyone who completed SESSION: one PDF each in --out.

    People who already hold a certificate get the same one again (same code). The optional
    combined PDF holds every certificate, for one print job.
    """
    with obj.open_store() as store:
        desk = _desk(obj, store, design, paper)
        found = store.sessions.resolve(session)
        result = desk.issue(found.id, by=by)
        for warning in result.warnings:
            click.echo(f"warning: {warning}", err=True)
        printable = desk.ours(result.all)
        skipped = len(result.all) - len(printable)
        title = f"Certificates – {found.title} ({found.date.isoformat()})"
        written = desk.write_pdfs(printable, out, combined, title) if printable else []
    for path in written:
        click.echo(path)
    summary = (
        f"{len(result.new)} issued, {len(result.existing)} already issued, "
        f"{result.not_completed} did not complete"
    )
    if skipped:
        summary += f", {skipped} issued by another installation (print them there)"
    click.echo(summary, err=True)


@certificates_group.command("list")
@click.argument("session")
@click.pass_obj
def list_command(obj: CliContext, session: str) -> None:
    """List SESSION's participants: completion, certificate code and status."""
    with obj.open_store() as store:
        desk = _desk(obj, store)
        found = store.sessions.resolve(session)
        for holder in desk.holders(found.id):
            minutes = holder.entry.attendance.credited_minutes
            code = holder.code or "-"
            click.echo(f"{holder.state:<14} {code:<22} {minutes:>4} min  {holder.name}")


@certificates_group.command("revoke")
@click.argument("code")
@click.option("--reason", required=True, help="Why (recorded, and shown when verified).")
@BY
@click.pass_obj
def revoke_command(obj: CliContext, code: str, reason: str, by: str | None) -> None:
    """Revoke the certificate with CODE: from now on it fails verification, with the reason."""
    with obj.open_store() as store:
        record = _desk(obj, store).revoke(code, reason, by)
    click.echo(f"revoked {code.upper()} ({record.participant_name}) by {record.revoked_by}")


@certificates_group.command("reissue")
@click.argument("code")
@click.option("--out", required=True, type=click.Path(file_okay=False), help="Folder for the PDF.")
@click.option("--reason", default="", help="Why (e.g. a corrected name).")
@DESIGN
@PAPER
@BY
@click.pass_obj
def reissue_command(
    obj: CliContext,
    code: str,
    out: str,
    reason: str,
    design: str | None,
    paper: str | None,
    by: str | None,
) -> None:
    """Replace the certificate with CODE by a new one from today's records; write its PDF.

    The old certificate fails verification from now on ("replaced by" the new code).
    """
    with obj.open_store() as store:
        desk = _desk(obj, store, design, paper)
        _old, prepared = desk.reissue(code, reason, by)
        for warning in prepared.warnings:
            click.echo(f"warning: {warning}", err=True)
        written = desk.write_pdfs([prepared.signed], out)
    for path in written:
        click.echo(path)
    click.echo(f"{code.upper()} replaced by {prepared.signed.code}", err=True)


@certificates_group.group("keys")
def keys_group() -> None:
    """This installation's issuer key, and the issuers it trusts."""


@keys_group.command("show")
def keys_show() -> None:
    """Show this installation's issuer key ID (creating the key on first use)."""
    from deflection_kit.certificates.keys import IssuerKey
    from deflection_kit.certificates.trust import DEFAULT_LABEL, TrustStore

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
    from deflection_kit import privatefiles
    from deflection_kit.certificates.keys import IssuerKey
    from deflection_kit.certificates.trust import DEFAULT_LABEL, TrustStore

    key = IssuerKey.load_or_create()
    trust = TrustStore()
    if label is not None:
        trust.set_own_label(label)
    privatefiles.write_text(out, key.public_file(trust.own_label or DEFAULT_LABEL).to_text())
    click.echo(f"{out}: public key {group(key.key_id)}")


@keys_group.command("import")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--label", default=None, help="Who the key belongs to (default: the file's label).")
def keys_import(file: str, label: str | None) -> None:
    """Trust certificates signed by the issuer whose public key FILE holds."""
    from deflection_kit.certificates.keys import PublicKeyFile
    from deflection_kit.certificates.trust import TrustStore

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
    from deflection_kit.certificates.trust import TrustStore

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
    from deflection_kit.certificates.trust import TrustStore

    wanted = key_id.replace("-", "").upper()
    trust = TrustStore()
    own = trust.own()
    if own is not None and own.key_id == wanted:
        raise UsageError("that is this installation's own key; it cannot be removed")
    issuer = trust.remove(wanted)
    click.echo(f"{group(issuer.key_id)} {issuer.label}: no longer trusted")


COMMANDS = [certificates_group]
