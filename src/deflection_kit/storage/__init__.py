"""SQLite store for sessions, participants, attendance and events (the only package with SQL)."""

from deflection_kit.storage.attendance_rows import AttendanceRows
from deflection_kit.storage.certificates import CertificateRecord, NewCertificate
from deflection_kit.storage.check_sheets import CheckSheet
from deflection_kit.storage.connection import StoreError
from deflection_kit.storage.feedback import FeedbackForm
from deflection_kit.storage.models import (
    ATTENDANCE_STATUSES,
    Attendance,
    AttendanceRecord,
    CheckResult,
    CourseFacts,
    Override,
    Participant,
    PersonFields,
    PersonHours,
    RosterEntry,
    Session,
    SessionFields,
)
from deflection_kit.storage.sessions import SessionCounts
from deflection_kit.storage.store import Store

__all__ = [
    "ATTENDANCE_STATUSES",
    "Attendance",
    "AttendanceRecord",
    "AttendanceRows",
    "CertificateRecord",
    "CheckResult",
    "CheckSheet",
    "CourseFacts",
    "FeedbackForm",
    "NewCertificate",
    "Override",
    "Participant",
    "PersonFields",
    "PersonHours",
    "RosterEntry",
    "Session",
    "SessionCounts",
    "SessionFields",
    "Store",
    "StoreError",
]
