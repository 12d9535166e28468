"""The certificate register: issue, re-issue and revocation records, with who, when and why.

The store treats a certificate's payload as opaque public text (the ``certificates`` package
signs and reads it); it never sees a key.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass
from typing import Any, Literal

from sqlite_utils import Database

from deflection_kit.errors import UsageError
from deflection_kit.storage.clock import stamp
from deflection_kit.storage.connection import write_transaction
from deflection_kit.storage.events import log_event
from deflection_kit.storage.names import clean_text

CertificateStatus = Literal["issued", "revoked", "superseded"]
CERTIFICATE_COLUMNS = (
    "id", "session_id", "participant_id", "key_id", "payload", "participant_name", "status",
    "issued_at", "issued_by", "revoked_at", "revoked_by", "revoke_reason", "replaces",
    "replaced_by", "updated_at", "revocation",
)  # fmt: skip
_SELECT = "SELECT " + ", ".join(CERTIFICATE_COLUMNS) + " FROM certificates"
MAX_PAYLOAD = 8192
MAX_REASON = 500


@dataclass(frozen=True)
class CertificateRecord:
    """One certificate in the register."""

    id: str
    session_id: str
    participant_id: str
    key_id: str
    payload: str
    participant_name: str
    status: CertificateStatus
    issued_at: str
    issued_by: str
    revoked_at: str | None
    revoked_by: str
    revoke_reason: str
    replaces: str | None
    replaced_by: str | None
    updated_at: str
    revocation: str = ""  # the issuing key's signature over the ending ("" if none)


@dataclass(frozen=True)
class Ending:
    """What ended a certificate (revoked, or superseded by a re-issue), as its issuer signs it."""

    certificate_id: str
    status: CertificateStatus
    at: str
    by: str
    reason: str
    replaced_by: str


# Signs an ending with the issuing key (the certificates package provides it); storage keeps
# the result as opaque text and never sees a key.
EndingSigner = Callable[[Ending], str]


def ending_of(row: Mapping[str, Any]) -> Ending:
    """Return the ending a register row records (status, when, by whom, why, replaced by)."""
    return Ending(
        certificate_id=str(row["id"]),
        status=row["status"],
        at=str(row["revoked_at"] or ""),
        by=str(row["revoked_by"] or ""),
        reason=str(row["revoke_reason"] or ""),
        replaced_by=str(row["replaced_by"] or ""),
    )


@dataclass(frozen=True)
class NewCertificate:
    """What the register records when a certificate is issued."""

    id: str
    session_id: str
    participant_id: str
    key_id: str
    payload: str
    participant_name: str


def _record(row: tuple[Any, ...]) -> CertificateRecord:
    return CertificateRecord(**dict(zip(CERTIFICATE_COLUMNS, row, strict=True)))


class CertificateRepository:
    """Record issued certificates and their revocation; look them up by ID or holder."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def get(self, certificate_id: str) -> CertificateRecord | None:
        """Return the certificate with this ID, or None."""
        row = self.db.execute(f"{_SELECT} WHERE id = ?", [certificate_id]).fetchone()
        return None if row is None else _record(tuple(row))

    def for_session(self, session_id: str) -> list[CertificateRecord]:
        """Return every certificate of a session (any status), oldest first."""
        rows = self.db.execute(
            f"{_SELECT} WHERE session_id = ? ORDER BY issued_at, id", [session_id]
        ).fetchall()
        return [_record(tuple(row)) for row in rows]

    def current(self, session_id: str, participant_id: str) -> CertificateRecord | None:
        """Return the holder's valid (issued, not revoked or replaced) certificate, newest."""
        row = self.db.execute(
            f"{_SELECT} WHERE session_id = ? AND participant_id = ? AND status = 'issued' "
            "ORDER BY issued_at DESC, id LIMIT 1",
            [session_id, participant_id],
        ).fetchone()
        return None if row is None else _record(tuple(row))

    def _insert(self, new: NewCertificate, by: str, replaces: str | None, now: str) -> None:
        if len(new.payload) > MAX_PAYLOAD:
            raise ValueError("certificate payload too large")
        self.db.table("certificates").insert(
            {
                "id": new.id,
                "session_id": new.session_id,
                "participant_id": new.participant_id,
                "key_id": new.key_id,
                "payload": new.payload,
                "participant_name": clean_text(new.participant_name, 500),
                "status": "issued",
                "issued_at": now,
                "issued_by": clean_text(by),
                "revoked_at": None,
                "revoked_by": "",
                "revoke_reason": "",
                "replaces": replaces,
                "replaced_by": None,
                "updated_at": now,
                "revocation": "",
            }
        )
        log_event(
            self.db,
            "certificate.issued",
            session_id=new.session_id,
            participant_id=new.participant_id,
            actor=clean_text(by),
            data={"certificate_id": new.id, **({"replaces": replaces} if replaces else {})},
        )

    def add(self, new: NewCertificate, by: str = "") -> CertificateRecord:
        """Record a newly issued certificate (one committed transaction)."""
        with write_transaction(self.db):
            self._insert(new, by, None, stamp())
        return self._must(new.id)

    def add_many(self, batch: list[NewCertificate], by: str = "") -> list[CertificateRecord]:
        """Record several newly issued certificates in one transaction: all or none."""
        now = stamp()
        with write_transaction(self.db):
            for new in batch:
                self._insert(new, by, None, now)
        return [self._must(new.id) for new in batch]

    def _must(self, certificate_id: str) -> CertificateRecord:
        record = self.get(certificate_id)
        if record is None:
            raise UsageError(f"no certificate {certificate_id} in this register")
        return record

    def _end(
        self,
        record: CertificateRecord,
        status: CertificateStatus,
        by: str,
        reason: str,
        now: str,
        sign: EndingSigner | None,
        replaced_by: str = "",
    ) -> None:
        ending = Ending(
            record.id, status, now, clean_text(by), clean_text(reason, MAX_REASON), replaced_by
        )
        self.db.execute(
            "UPDATE certificates SET status = ?, revoked_at = ?, revoked_by = ?, "
            "revoke_reason = ?, replaced_by = ?, revocation = ?, updated_at = ? WHERE id = ?",
            [
                status,
                now,
                ending.by,
                ending.reason,
                replaced_by or None,
                sign(ending) if sign is not None else "",
                now,
                record.id,
            ],
        )

    def revoke(
        self, certificate_id: str, by: str, reason: str, sign: EndingSigner | None = None
    ) -> CertificateRecord:
        """Record that a certificate is revoked, by whom and why; it then fails verification.

        ``sign`` (the issuing key's signer) makes the revocation one other installations accept
        from a bundle; without it the revocation holds here only.
        """
        record = self._must(certificate_id)
        if record.status != "issued":
            raise UsageError(f"certificate {certificate_id} is already {record.status}")
        if not clean_text(reason):
            raise UsageError("say why the certificate is revoked (a reason is recorded)")
        now = stamp()
        with write_transaction(self.db):
            self._end(record, "revoked", by, reason, now, sign)
            log_event(
                self.db,
                "certificate.revoked",
                session_id=record.session_id,
                participant_id=record.participant_id,
                actor=clean_text(by),
                data={"certificate_id": record.id, "reason": clean_text(reason, MAX_REASON)},
            )
        return self._must(certificate_id)

    def reissue(
        self,
        certificate_id: str,
        new: NewCertificate,
        by: str,
        reason: str,
        sign: EndingSigner | None = None,
    ) -> tuple[CertificateRecord, CertificateRecord]:
        """Replace a certificate by a new one in one transaction; return (old, new)."""
        old = self._must(certificate_id)
        if old.status != "issued":
            raise UsageError(
                f"certificate {certificate_id} is {old.status}; it cannot be re-issued"
            )
        if (new.session_id, new.participant_id) != (old.session_id, old.participant_id):
            raise ValueError("a re-issued certificate is for the same person and session")
        now = stamp()
        with write_transaction(self.db):
            self._end(old, "superseded", by, reason or "re-issued", now, sign, new.id)
            self._insert(new, by, old.id, now)
        return self._must(old.id), self._must(new.id)

    def unsigned_endings(self, session_id: str) -> list[CertificateRecord]:
        """Return a session's revoked or replaced certificates whose ending carries no signature."""
        rows = self.db.execute(
            f"{_SELECT} WHERE session_id = ? AND status != 'issued' AND revocation = '' "
            "ORDER BY issued_at, id",
            [session_id],
        ).fetchall()
        return [_record(tuple(row)) for row in rows]

    def sign_ending(self, certificate_id: str, sign: EndingSigner) -> None:
        """Sign a certificate's recorded ending (one made before endings were signed)."""
        record = self._must(certificate_id)
        if record.status == "issued":
            raise UsageError(f"certificate {certificate_id} has not ended")
        token = sign(ending_of(asdict(record)))
        with write_transaction(self.db):
            self.db.execute(
                "UPDATE certificates SET revocation = ? WHERE id = ?", [token, certificate_id]
            )
