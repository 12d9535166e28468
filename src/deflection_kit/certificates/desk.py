"""The certificate desk: issue, print, revoke and re-issue a session's certificates (QtGui).

The command line and the Certificates page both call this; the register lives in the store,
the key in the user data folder, and every PDF goes through ``privatefiles``.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from deflection_kit import privatefiles
from deflection_kit.certificates import payload
from deflection_kit.certificates.codes import ID_BYTES, encode_base32, is_certificate_id, parse_code
from deflection_kit.certificates.filenames import certificate_file_name
from deflection_kit.certificates.images import settings_images
from deflection_kit.certificates.keys import IssuerKey
from deflection_kit.certificates.model import CertificateFormatError, SignedCertificate
from deflection_kit.certificates.page import Paper, paper_named
from deflection_kit.certificates.prepare import Prepared, prepare_certificate
from deflection_kit.certificates.render import CertificateRenderer, Page
from deflection_kit.certificates.revocation import signer_for
from deflection_kit.certificates.signing import RegisterStatus, RevocationUnknownError
from deflection_kit.certificates.templates import join_names
from deflection_kit.content import Course
from deflection_kit.errors import DeflectionKitError, UsageError
from deflection_kit.settings import Settings
from deflection_kit.storage import (
    CertificateRecord,
    NewCertificate,
    RosterEntry,
    Session,
    Store,
)

HolderState = Literal["not completed", "ready", "issued", "revoked"]
# Signs previews of certificates not issued yet. Anyone can derive it, so nobody trusts it: a
# preview never verifies.
_PREVIEW_KEY = IssuerKey(
    Ed25519PrivateKey.from_private_bytes(hashlib.sha256(b"deflection-kit preview").digest())
)


@dataclass(frozen=True)
class Holder:
    """One person on a session, with their completion and certificate status."""

    entry: RosterEntry
    state: HolderState
    record: CertificateRecord | None  # the valid one; else the latest revoked one, if any

    @property
    def participant_id(self) -> str:
        """Return the participant's id."""
        return self.entry.participant.id

    @property
    def name(self) -> str:
        """Return the participant's name as stored."""
        return self.entry.participant.name

    @property
    def code(self) -> str:
        """Return the certificate code shown for this person ('' when none)."""
        if self.record is None:
            return ""
        return payload.decode(self.record.payload).code


@dataclass
class Issued:
    """What issuing did for a session: certificates made now, ones already issued, warnings."""

    new: list[SignedCertificate] = field(default_factory=list)
    existing: list[SignedCertificate] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    not_completed: int = 0

    @property
    def all(self) -> list[SignedCertificate]:
        """Return every valid certificate of the session, in roster order."""
        return self.existing + self.new


def signed_of(record: CertificateRecord) -> SignedCertificate:
    """Return the signed certificate a register record holds."""
    try:
        return payload.decode(record.payload)
    except CertificateFormatError as error:
        raise DeflectionKitError(f"certificate {record.id} in the register is damaged") from error


class CertificateDesk:
    """Issue and manage the certificates of the sessions in one store."""

    def __init__(
        self,
        store: Store,
        course: Course,
        settings: Settings | None = None,
        *,
        design: str | None = None,
        paper: Paper | None = None,
        content_dir: str | os.PathLike[str] | None = None,
        key: IssuerKey | None = None,
    ) -> None:
        self.store = store
        self.course = course
        self.settings = settings or Settings()
        self.design = design or self.settings.certificate_design or "classic"
        self.paper = paper or paper_named(self.settings.paper_size or "letter")
        self.content_dir = content_dir
        self._key = key
        self._renderer: CertificateRenderer | None = None
        # Pages filled in to check a new batch before it was recorded, kept for the printing
        # that follows (filling one in, QR code included, costs as much as writing its PDF).
        self._checked: dict[str, Page] = {}

    @property
    def key(self) -> IssuerKey:
        """Return this installation's issuer key (made on first use)."""
        if self._key is None:
            self._key = IssuerKey.load_or_create()
        return self._key

    @property
    def renderer(self) -> CertificateRenderer:
        """Return the renderer for the chosen design, paper and settings images."""
        if self._renderer is None:
            self._renderer = CertificateRenderer(
                self.course.info.certificate,
                design=self.design,
                paper=self.paper,
                images=settings_images(self.settings),
                content_dir=self.content_dir,
            )
        return self._renderer

    def _by(self, by: str | None) -> str:
        return (by if by is not None else self.settings.facilitator_name).strip()

    # --- reading -------------------------------------------------------------------------

    def holders(self, session_id: str) -> list[Holder]:
        """Return everyone on the session with their certificate state, in roster order."""
        records = self.store.certificates.for_session(session_id)
        holders = []
        for entry in self.store.attendance.roster(session_id):
            mine = [r for r in records if r.participant_id == entry.participant.id]
            valid = [r for r in mine if r.status == "issued"]
            revoked = [r for r in mine if r.status == "revoked"]
            if valid:
                holders.append(Holder(entry, "issued", valid[-1]))
            elif revoked:
                holders.append(Holder(entry, "revoked", revoked[-1]))
            elif entry.attendance.completed:
                holders.append(Holder(entry, "ready", None))
            else:
                holders.append(Holder(entry, "not completed", None))
        return holders

    def record_for(self, code_or_id: str) -> CertificateRecord:
        """Return the register record for a typed code (or a bare certificate ID)."""
        text = code_or_id.strip().replace("-", "").upper()
        certificate_id = text if is_certificate_id(text) else parse_code(code_or_id)
        record = self.store.certificates.get(certificate_id)
        if record is None:
            raise UsageError(f"no certificate {code_or_id} in this register")
        return record

    def status_of(self, certificate_id: str) -> RegisterStatus | None:
        """Return the register's word on a certificate (for verification), or None; raise
        RevocationUnknownError when the register cannot be read (verification fails closed)."""
        try:
            record = self.store.certificates.get(certificate_id)
        except Exception as error:  # any failure to read the register: cannot confirm
            raise RevocationUnknownError(str(error) or type(error).__name__) from None
        if record is None:
            return None
        return RegisterStatus(
            state=record.status,
            reason=record.revoke_reason,
            by=record.revoked_by,
            at=record.revoked_at or "",
            replaced_by=record.replaced_by or "",
        )

    def find(self, certificate_id: str) -> SignedCertificate | None:
        """Return a certificate this register holds, for checking a typed code."""
        record = self.store.certificates.get(certificate_id)
        return None if record is None else signed_of(record)

    # --- issuing -------------------------------------------------------------------------

    def draft(self, session_id: str, participant_id: str) -> SignedCertificate:
        """Return what a person's certificate would say, signed by a throwaway key (a preview
        that never verifies and is never recorded)."""
        session = self.store.sessions.get(session_id)
        for entry in self.store.attendance.roster(session_id):
            if entry.participant.id == participant_id:
                # The same preview every time (stable screenshots), under an untrusted key.
                seed = f"{session.title}/{session.date}/{entry.participant.name}".encode()
                draft_id = encode_base32(hashlib.sha256(seed).digest()[:ID_BYTES])
                return self._prepare(session, entry, _PREVIEW_KEY, draft_id).signed
        raise UsageError("that person is not on this session")

    def _prepare(
        self,
        session: Session,
        entry: RosterEntry,
        key: IssuerKey | None = None,
        certificate_id: str | None = None,
    ) -> Prepared:
        info = self.course.info
        return prepare_certificate(
            key or self.key,
            certificate_id=certificate_id,
            course_id=session.course_id or info.id,
            course_title=session.course_title or info.title,
            participant_name=entry.participant.name,
            date=session.date,
            credit_hours=session.credit_hours
            if session.credit_hours is not None
            else info.credit_hours,
            minutes_attended=entry.attendance.credited_minutes,
            facilitators=session.facilitators,
            host_agency=session.host_agency,
        )

    def issue(
        self, session_id: str, participant_ids: Sequence[str] | None = None, by: str | None = None
    ) -> Issued:
        """Issue a certificate to everyone who completed and has none (all in one transaction).

        People who already hold a valid certificate keep it: issuing twice prints the same
        certificates again rather than making new ones.
        """
        session = self.store.sessions.get(session_id)
        wanted = set(participant_ids) if participant_ids is not None else None
        result = Issued()
        batch: list[NewCertificate] = []
        for holder in self.holders(session_id):
            if wanted is not None and holder.participant_id not in wanted:
                continue
            if holder.state == "issued" and holder.record is not None:
                existing = signed_of(holder.record)
                result.existing.append(existing)
                changed = self._changed_since(existing, session, holder.entry)
                if changed:
                    result.warnings.append(
                        f"{holder.name}: {', '.join(changed)} changed since certificate "
                        f"{existing.code} was issued; re-issue it to print the new records"
                    )
            elif holder.state == "ready":
                prepared = self._prepare(session, holder.entry)
                result.warnings.extend(prepared.warnings)
                result.new.append(prepared.signed)
                batch.append(self._new_record(session_id, holder.participant_id, prepared))
            elif holder.state == "not completed":
                result.not_completed += 1
        if batch:
            # Check every page renders before anything is recorded: a broken design issues none.
            checked = {
                one.certificate.certificate_id: self.renderer.page(one) for one in result.new
            }
            self.store.certificates.add_many(batch, by=self._by(by))
            self._checked.update(checked)
        return result

    def _changed_since(
        self, existing: SignedCertificate, session: Session, entry: RosterEntry
    ) -> list[str]:
        """Return which signed fields today's records would print differently."""
        now = self._prepare(session, entry, IssuerKey.generate()).signed.certificate
        then = existing.certificate
        fields = (
            ("name", "participant_name"),
            ("minutes attended", "minutes_attended"),
            ("credit hours", "credit_hours"),
            ("date", "date"),
            ("facilitators", "facilitators"),
            ("host agency", "host_agency"),
            ("course title", "course_title"),
        )
        return [label for label, name in fields if getattr(now, name) != getattr(then, name)]

    def _new_record(
        self, session_id: str, participant_id: str, prepared: Prepared
    ) -> NewCertificate:
        cert = prepared.signed.certificate
        return NewCertificate(
            id=cert.certificate_id,
            session_id=session_id,
            participant_id=participant_id,
            key_id=cert.issuer_key_id,
            payload=payload.encode(prepared.signed),
            participant_name=cert.participant_name,
        )

    def revoke(self, code_or_id: str, reason: str, by: str | None = None) -> CertificateRecord:
        """Revoke a certificate: it fails verification from now on, with the reason."""
        record = self.record_for(code_or_id)
        who = self._by(by)
        if not who:
            raise UsageError("say who revokes it (--by NAME, or the facilitator in Settings)")
        sign = signer_for(self.key, record.key_id)  # signed, it travels in bundles
        return self.store.certificates.revoke(record.id, who, reason, sign)

    def reissue(
        self, code_or_id: str, reason: str = "", by: str | None = None
    ) -> tuple[CertificateRecord, Prepared]:
        """Replace a certificate with a new one made from today's records (a corrected name)."""
        old = self.record_for(code_or_id)
        if old.status != "issued":
            raise UsageError(f"certificate {code_or_id} is {old.status}; it cannot be re-issued")
        session = self.store.sessions.get(old.session_id)
        roster = self.store.attendance.roster(session.id)
        entry = next((e for e in roster if e.participant.id == old.participant_id), None)
        if entry is None:
            raise UsageError("the certificate's holder is no longer on that session")
        prepared = self._prepare(session, entry)
        page = self.renderer.page(prepared.signed)
        new = self._new_record(session.id, entry.participant.id, prepared)
        sign = signer_for(self.key, old.key_id)
        self.store.certificates.reissue(old.id, new, self._by(by), reason or "re-issued", sign)
        self._checked[prepared.signed.certificate.certificate_id] = page
        return old, prepared

    # --- printing ------------------------------------------------------------------------

    def ours(self, signed: Sequence[SignedCertificate]) -> list[SignedCertificate]:
        """Return the certificates this installation signed (the ones it can print)."""
        return [one for one in signed if one.certificate.issuer_key_id == self.key.key_id]

    def pages(self, signed: Sequence[SignedCertificate]) -> list[Page]:
        """Return the filled-in pages for certificates (to paint, print or write)."""
        pages = []
        for one in signed:
            page = self._checked.pop(one.certificate.certificate_id, None)
            pages.append(
                page if page is not None and page.signed == one else self.renderer.page(one)
            )
        return pages

    def author(self, signed: SignedCertificate) -> str:
        """Return the PDF author: the facilitators, else the organization."""
        return (
            join_names(signed.certificate.facilitators)
            or self.settings.organization_name
            or "Deflection Kit"
        )

    def write_pdfs(
        self,
        signed: Sequence[SignedCertificate],
        folder: str | os.PathLike[str],
        combined: str | os.PathLike[str] | None = None,
        combined_title: str = "Certificates",
    ) -> list[Path]:
        """Write one PDF per certificate into ``folder`` (and one combined PDF); return them."""
        out = Path(folder)
        foreign = [one.code for one in signed if one.certificate.issuer_key_id != self.key.key_id]
        if foreign:
            # The PDF's page signature needs the issuer's own key.
            raise DeflectionKitError(
                f"certificate {foreign[0]} was issued by another installation; print it there"
            )
        pages = self.pages(signed)
        heading = self.course.info.certificate.heading
        written = []
        for page in pages:
            cert = page.signed.certificate
            target = out / certificate_file_name(cert.participant_name, cert.code)
            written.append(
                self.renderer.write_pdf(
                    [page],
                    target,
                    self.key,
                    f"{heading} – {cert.participant_name}",
                    self.author(page.signed),
                    sync_folder=False,  # once for the whole folder, below
                )
            )
        if written:
            privatefiles.fsync_dir(out)
        if combined is not None and pages:
            written.append(
                self.renderer.write_pdf(
                    pages, combined, self.key, combined_title, self.author(pages[0].signed)
                )
            )
        return written
