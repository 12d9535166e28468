"""What a deletion leaves behind so that later bundles respect it, and this database's own id.

Deleting a session or a person keeps its ids (a person's other ids from merges too) as
tombstones. A person's email, and their name with their agency, are kept only as keyed
fingerprints (HMAC-SHA256 under this database's random secret), never as text: so a bundle that
carries the same person under an id made on another laptop leaves them out as well, while no
file the kit writes holds their name. (Someone holding the database who already knows a name
could test whether it was deleted; nobody can read it back.)
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable

from sqlite_utils import Database

from deflection_kit.storage.clock import stamp
from deflection_kit.storage.names import email_key, fold, match_key


def installation_id(db: Database) -> str:
    """Return this database's installation id (made by migration 0006)."""
    row = db.execute("SELECT value FROM installation WHERE key = 'id'").fetchone()
    return str(row[0]) if row else ""


def _secret(db: Database) -> bytes:
    row = db.execute("SELECT value FROM installation WHERE key = 'secret'").fetchone()
    return bytes.fromhex(str(row[0])) if row else b""


def _mark(secret: bytes, kind: str, text: str) -> str:
    digest = hmac.new(secret, f"{kind}\x00{text}".encode(), hashlib.sha256).hexdigest()
    return f"{kind}:{digest[:40]}"


def _name_text(name: str, agency: str) -> str:
    return f"{match_key(name)}\x00{fold(agency)}"


def fingerprints(db: Database, email: str, name: str, agency: str) -> list[str]:
    """Return the fingerprints a deleted person with these details leaves.

    Like the kit's matching of people: the same email is the same person; the same name at the
    same agency is the same person when one of the two has no email. So a person with an email
    leaves ``e:`` (email) and ``n:`` (name, for people without an email); one without leaves
    ``N:`` (name, whatever the other's email).
    """
    secret = _secret(db)
    if not secret:
        return []
    found = []
    if email_key(email):
        found.append(_mark(secret, "e", email_key(email)))
        found.append(_mark(secret, "n", _name_text(name, agency)))
    else:
        found.append(_mark(secret, "N", _name_text(name, agency)))
    return found


class Graveyard:
    """The tombstones and fingerprints of one database, read once for a merge."""

    def __init__(self, db: Database) -> None:
        self.ids = {str(r[0]) for r in db.execute("SELECT id FROM tombstones")}
        self.marks = {str(r[0]) for r in db.execute("SELECT fingerprint FROM deleted_identities")}
        self._secret = _secret(db)

    def person_deleted(self, person_id: str, email: str, name: str, agency: str) -> bool:
        """Return True when this person, by id or by fingerprint, was deleted here."""
        if person_id in self.ids:
            return True
        if not self.marks or not self._secret:
            return False
        named = _name_text(name, agency)
        if _mark(self._secret, "N", named) in self.marks:
            return True
        if email_key(email):
            return _mark(self._secret, "e", email_key(email)) in self.marks
        return _mark(self._secret, "n", named) in self.marks


def bury_sessions(db: Database, session_ids: Iterable[str], when: str | None = None) -> None:
    """Leave tombstones for deleted sessions (inside the caller's transaction)."""
    moment = when or stamp()
    db.conn.executemany(
        "INSERT OR REPLACE INTO tombstones (id, kind, deleted_at) VALUES (?, 'session', ?)",
        [(sid, moment) for sid in session_ids],
    )


def bury_participant(db: Database, person_id: str, when: str | None = None) -> None:
    """Leave tombstones and fingerprints for a person about to be deleted (same transaction)."""
    moment = when or stamp()
    row = db.execute(
        "SELECT email, name, agency FROM participants WHERE id = ?", [person_id]
    ).fetchone()
    aliases = [
        str(r[0])
        for r in db.execute(
            "SELECT alias_id FROM participant_aliases WHERE participant_id = ?", [person_id]
        )
    ]
    db.conn.executemany(
        "INSERT OR REPLACE INTO tombstones (id, kind, deleted_at) VALUES (?, 'participant', ?)",
        [(i, moment) for i in (person_id, *aliases)],
    )
    if row is not None:
        db.conn.executemany(
            "INSERT OR REPLACE INTO deleted_identities (fingerprint, deleted_at) VALUES (?, ?)",
            [(mark, moment) for mark in fingerprints(db, str(row[0]), str(row[1]), str(row[2]))],
        )
