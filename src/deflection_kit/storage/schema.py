"""The database schema, as numbered ``sqlite_utils.Migrations``; never edit an applied one."""

from __future__ import annotations

from sqlite_utils import Database, Migrations

MIGRATION_SET = "deflection_kit"
migrations = Migrations(MIGRATION_SET)

# Every table is keyed by a random UUID so that records made on different laptops merge without
# collisions, and merging the same bundle twice changes nothing.
_SCHEMA_V1 = """
CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    date TEXT NOT NULL,
    start TEXT,
    minutes INTEGER NOT NULL CHECK (minutes > 0),
    location TEXT NOT NULL DEFAULT '',
    host_agency TEXT NOT NULL DEFAULT '',
    facilitators TEXT NOT NULL DEFAULT '[]',
    audience TEXT NOT NULL DEFAULT '',
    pathways TEXT NOT NULL DEFAULT '[]',
    credit_hours REAL,
    status TEXT NOT NULL DEFAULT 'planned'
        CHECK (status IN ('planned', 'open', 'closed', 'cancelled')),
    course_id TEXT NOT NULL DEFAULT '',
    course_title TEXT NOT NULL DEFAULT '',
    course_version TEXT NOT NULL DEFAULT '',
    completion_share REAL NOT NULL DEFAULT 0.9
        CHECK (completion_share > 0 AND completion_share <= 1),
    utc_offset TEXT NOT NULL DEFAULT '+00:00',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX sessions_date ON sessions (date);

CREATE TABLE participants (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    match_key TEXT NOT NULL,
    email TEXT NOT NULL DEFAULT '',
    email_key TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    agency TEXT NOT NULL DEFAULT '',
    agency_key TEXT NOT NULL DEFAULT '',
    discipline TEXT NOT NULL DEFAULT '',
    credentials TEXT NOT NULL DEFAULT '{}',
    search_words TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX participants_email ON participants (email_key) WHERE email_key != '';
CREATE INDEX participants_match ON participants (match_key, agency_key);

CREATE TABLE participant_aliases (
    alias_id TEXT PRIMARY KEY,
    participant_id TEXT NOT NULL REFERENCES participants (id) ON DELETE CASCADE
);
CREATE INDEX participant_aliases_owner ON participant_aliases (participant_id);

CREATE TABLE attendance (
    id TEXT PRIMARY KEY,
    session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    participant_id TEXT NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
    expected INTEGER NOT NULL DEFAULT 0,
    check_in TEXT,
    check_out TEXT,
    excused INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL DEFAULT 'absent'
        CHECK (status IN ('present', 'late', 'left early', 'absent', 'excused')),
    credited_minutes INTEGER NOT NULL DEFAULT 0,
    completed INTEGER NOT NULL DEFAULT 0,
    override_completed INTEGER,
    override_by TEXT NOT NULL DEFAULT '',
    override_reason TEXT NOT NULL DEFAULT '',
    override_at TEXT,
    updated_at TEXT NOT NULL,
    UNIQUE (session_id, participant_id)
);
CREATE INDEX attendance_participant ON attendance (participant_id);

CREATE TABLE events (
    id TEXT PRIMARY KEY,
    at TEXT NOT NULL,
    kind TEXT NOT NULL,
    session_id TEXT REFERENCES sessions (id) ON DELETE CASCADE,
    participant_id TEXT REFERENCES participants (id) ON DELETE CASCADE,
    actor TEXT NOT NULL DEFAULT '',
    data TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX events_session ON events (session_id, at);
CREATE INDEX events_participant ON events (participant_id);

CREATE TABLE tombstones (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('session', 'participant')),
    deleted_at TEXT NOT NULL
);
"""


@migrations(name="0001_initial")
def _initial(db: Database) -> None:
    for statement in _SCHEMA_V1.split(";"):
        if statement.strip():
            db.execute(statement)


# The certificate register: what this installation (or one it merged) issued, re-issued and
# revoked. It keeps each certificate's public payload (the signed fields and the signature) so a
# typed code can be checked; the issuer's private key never comes near the database.
_CERTIFICATES = """
CREATE TABLE certificates (
    id TEXT PRIMARY KEY,
    session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    participant_id TEXT NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
    key_id TEXT NOT NULL,
    payload TEXT NOT NULL,
    participant_name TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'issued'
        CHECK (status IN ('issued', 'revoked', 'superseded')),
    issued_at TEXT NOT NULL,
    issued_by TEXT NOT NULL DEFAULT '',
    revoked_at TEXT,
    revoked_by TEXT NOT NULL DEFAULT '',
    revoke_reason TEXT NOT NULL DEFAULT '',
    replaces TEXT,
    replaced_by TEXT,
    updated_at TEXT NOT NULL
);
CREATE INDEX certificates_holder ON certificates (session_id, participant_id);
CREATE INDEX certificates_participant ON certificates (participant_id)
"""


@migrations(name="0002_certificates")
def _certificates(db: Database) -> None:
    for statement in _CERTIFICATES.split(";"):
        if statement.strip():
            db.execute(statement)


# Course and instructor evaluations typed in from paper: anonymous (no person), one row per
# form. The same table, columns and migration name as the live-session work (issue 6) uses.
_FEEDBACK_FORMS = """
CREATE TABLE feedback_forms (
    id TEXT PRIMARY KEY,
    session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    ratings TEXT NOT NULL DEFAULT '{}',
    comments TEXT NOT NULL DEFAULT '{}',
    entered_by TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX feedback_forms_session ON feedback_forms (session_id, created_at);
"""


@migrations(name="0003_feedback_forms")
def _feedback_forms(db: Database) -> None:
    for statement in _FEEDBACK_FORMS.split(";"):
        if statement.strip():
            db.execute(statement)


# Paper knowledge checks typed in, one row per sheet: anonymous; the code a participant wrote
# pairs a sheet from before the course with one from after. Answers map question id -> choice.
_CHECK_SHEETS = """
CREATE TABLE check_sheets (
    id TEXT PRIMARY KEY,
    session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    phase TEXT NOT NULL CHECK (phase IN ('pre', 'post')),
    code TEXT NOT NULL DEFAULT '',
    answers TEXT NOT NULL DEFAULT '{}',
    entered_by TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX check_sheets_session ON check_sheets (session_id, phase, created_at);
"""


@migrations(name="0004_check_sheets")
def _check_sheets(db: Database) -> None:
    for statement in _CHECK_SHEETS.split(";"):
        if statement.strip():
            db.execute(statement)


# The live presentation's state, one row per session (key "rehearsal" for a rehearsal), so a
# crashed or killed app resumes at the same slide with its timers. Its events go to the events
# log (kinds "live.*"), which bundles carry.
_LIVE_STATE = """
CREATE TABLE live_state (
    key TEXT PRIMARY KEY,
    session_id TEXT REFERENCES sessions (id) ON DELETE CASCADE,
    status TEXT NOT NULL CHECK (status IN ('ready', 'running', 'ended')),
    slide INTEGER NOT NULL DEFAULT 0,
    state TEXT NOT NULL DEFAULT '{}',
    updated_at TEXT NOT NULL
);
CREATE INDEX live_state_session ON live_state (session_id);
"""


@migrations(name="0005_live_state")
def _live_state(db: Database) -> None:
    for statement in _LIVE_STATE.split(";"):
        if statement.strip():
            db.execute(statement)


# What merging bundles needs to keep records safe (issue 12):
# - installation: this database's own id (sessions created here are its own; bundles carry it)
#   and a random secret that keys the fingerprints of deleted people;
# - session_origins: the sessions that arrived in a bundle, with the installation that created
#   them; every other session was created here and no bundle changes it;
# - conflicts: what a bundle would have changed in a record already here, waiting for a person
#   to accept or reject it (the proposed values are emptied once decided);
# - deleted_identities: keyed fingerprints of deleted people's email and name, so a later
#   bundle carrying them under another id leaves them out too;
# - copies: the backups the kit wrote, so deleting a person scrubs those too;
# - certificates.revocation: the issuing key's signature over a certificate's ending (revoked
#   or replaced), which is what lets a revocation travel in a bundle.
_MERGE_SAFETY = """
CREATE TABLE installation (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE session_origins (
    session_id TEXT PRIMARY KEY REFERENCES sessions (id) ON DELETE CASCADE,
    installation_id TEXT NOT NULL DEFAULT ''
);

CREATE TABLE conflicts (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('participant', 'session', 'attendance')),
    session_id TEXT REFERENCES sessions (id) ON DELETE CASCADE,
    participant_id TEXT REFERENCES participants (id) ON DELETE CASCADE,
    fields TEXT NOT NULL DEFAULT '[]',
    proposed TEXT NOT NULL DEFAULT '{}',
    source TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'accepted', 'rejected')),
    found_at TEXT NOT NULL,
    decided_at TEXT,
    decided_by TEXT NOT NULL DEFAULT ''
);
CREATE INDEX conflicts_status ON conflicts (status, found_at);
CREATE INDEX conflicts_session ON conflicts (session_id);
CREATE INDEX conflicts_participant ON conflicts (participant_id);

CREATE TABLE deleted_identities (
    fingerprint TEXT PRIMARY KEY,
    deleted_at TEXT NOT NULL
);

CREATE TABLE copies (
    path TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('backup')),
    made_at TEXT NOT NULL
);

ALTER TABLE certificates ADD COLUMN revocation TEXT NOT NULL DEFAULT ''
"""


@migrations(name="0006_merge_safety")
def _merge_safety(db: Database) -> None:
    import secrets
    import uuid

    for statement in _MERGE_SAFETY.split(";"):
        if statement.strip():
            db.execute(statement)
    db.execute(
        "INSERT INTO installation (key, value) VALUES ('id', ?), ('secret', ?)",
        [str(uuid.uuid4()), secrets.token_hex(32)],
    )


KNOWN_MIGRATIONS = (
    "0001_initial",
    "0002_certificates",
    "0003_feedback_forms",
    "0004_check_sheets",
    "0005_live_state",
    "0006_merge_safety",
)


def apply(db: Database) -> None:
    """Bring the schema up to date."""
    migrations.apply(db)
