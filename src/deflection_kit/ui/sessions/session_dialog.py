"""Plan or edit a session: title, date, start, length (or end), place, facilitators, audience,
hours. Credit hours follow the length until changed: a session is worth no more than it lasts."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from deflection_kit.content import Course
from deflection_kit.storage import Session, SessionFields
from deflection_kit.storage.completion import default_credit_hours


class SessionDialog(QDialog):
    """The form for a new session (defaults from the course) or an existing one."""

    def __init__(
        self, course: Course, session: Session | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit session" if session else "New session")
        self.setAccessibleName(self.windowTitle())
        info = course.info
        self.title = QLineEdit(session.title if session else "")
        self.title.setAccessibleName("Session title")
        self.title.setPlaceholderText("e.g. Metro PD roll-call training")
        self.date = QDateEdit()
        self.date.setAccessibleName("Date")
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        day = session.date if session else dt.date.today()
        self.date.setDate(QDate(day.year, day.month, day.day))
        self.has_start = QCheckBox("Starts at")
        self.has_start.setAccessibleName("The session has a start time")
        self.start = QTimeEdit()
        self.start.setAccessibleName("Start time")
        self.start.setDisplayFormat("HH:mm")
        start = session.start if session else dt.time(9, 0)
        self.has_start.setChecked(session is None or session.start is not None)
        self.start.setTime(QTime(start.hour, start.minute) if start else QTime(9, 0))
        self.end = QTimeEdit()
        self.end.setAccessibleName("End time")
        self.end.setDisplayFormat("HH:mm")
        self.has_start.toggled.connect(self.start.setEnabled)
        self.has_start.toggled.connect(self.end.setEnabled)
        self.start.setEnabled(self.has_start.isChecked())
        self.end.setEnabled(self.has_start.isChecked())
        self.minutes = QSpinBox()
        self.minutes.setAccessibleName("Length in minutes")
        self.minutes.setRange(1, 1440)
        self.minutes.setSuffix(" min")
        self.minutes.setValue(session.minutes if session else info.minutes)
        self._course_hours = info.credit_hours
        self._length = self.minutes.value()
        self._syncing = False
        self._sync_end()
        self.start.timeChanged.connect(self._sync_end)
        self.minutes.valueChanged.connect(self._length_changed)
        self.end.timeChanged.connect(self._end_changed)
        self.location = QLineEdit(session.location if session else "")
        self.location.setAccessibleName("Location")
        self.host_agency = QLineEdit(session.host_agency if session else "")
        self.host_agency.setAccessibleName("Host agency")
        self.facilitators = QLineEdit("; ".join(session.facilitators) if session else "")
        self.facilitators.setAccessibleName("Facilitators, separated by semicolons")
        self.facilitators.setPlaceholderText("Jo Park; Sam Lee")
        self.audience = QComboBox()
        self.audience.setAccessibleName("Audience")
        self.audience.addItem("Mixed / not set", "")
        for audience in info.audiences:
            self.audience.addItem(audience.name, audience.id)
        if session:
            self.audience.setCurrentIndex(max(0, self.audience.findData(session.audience)))
        self.hours = QDoubleSpinBox()
        self.hours.setAccessibleName("Credit hours")
        self.hours.setRange(0, 24)
        self.hours.setDecimals(2)
        self.hours.setSingleStep(0.25)
        hours = (
            session.credit_hours
            if session
            else default_credit_hours(info.credit_hours, self.minutes.value())
        )
        self.hours.setValue(hours or 0.0)
        self._status = session.status if session else "planned"

        start_row = QHBoxLayout()
        start_row.addWidget(self.has_start)
        start_row.addWidget(self.start)
        end_label = QLabel("&ends at")
        end_label.setBuddy(self.end)
        start_row.addWidget(end_label)
        start_row.addWidget(self.end)
        start_row.addStretch(1)
        form = QFormLayout()
        for text, field, focus in (
            ("&Title:", self.title, self.title),
            ("&Date:", self.date, self.date),
            ("", start_row, self.has_start),
            ("&Length:", self.minutes, self.minutes),
            ("L&ocation:", self.location, self.location),
            ("&Host agency:", self.host_agency, self.host_agency),
            ("&Facilitators:", self.facilitators, self.facilitators),
            ("A&udience:", self.audience, self.audience),
            ("Credit h&ours:", self.hours, self.hours),
        ):
            label = QLabel(text)
            label.setBuddy(focus)
            form.addRow(label, field)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        self.message = QLabel()
        self.message.setAccessibleName("Problem")
        self.message.setProperty("role", "muted")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def _sync_end(self) -> None:
        """Show the end time the start and length give."""
        if self._syncing:
            return
        self._syncing = True
        self.end.setTime(self.start.time().addSecs(self.minutes.value() * 60))
        self._syncing = False

    def _end_changed(self) -> None:
        """Take the length from a new end time (past midnight counts as the next day)."""
        if self._syncing:
            return
        seconds = self.start.time().secsTo(self.end.time())
        minutes = (seconds // 60) % (24 * 60)
        if minutes:
            self._syncing = True
            self.minutes.setValue(minutes)
            self._syncing = False
            self._follow_length()

    def _length_changed(self) -> None:
        self._sync_end()
        if not self._syncing:
            self._follow_length()

    def _follow_length(self) -> None:
        """Keep credit hours at the default while nobody changed them: the course's hours, or
        the length if shorter."""
        before = default_credit_hours(self._course_hours, self._length)
        self._length = self.minutes.value()
        if before is not None and abs(self.hours.value() - before) < 0.005:
            self.hours.setValue(default_credit_hours(self._course_hours, self._length) or 0.0)

    def fields(self) -> SessionFields:
        """Return the session as the form describes it."""
        qdate = self.date.date()
        qtime = self.start.time()
        return SessionFields(
            title=self.title.text(),
            date=dt.date(qdate.year(), qdate.month(), qdate.day()),
            start=dt.time(qtime.hour(), qtime.minute()) if self.has_start.isChecked() else None,
            minutes=self.minutes.value(),
            location=self.location.text(),
            host_agency=self.host_agency.text(),
            facilitators=tuple(f.strip() for f in self.facilitators.text().split(";")),
            audience=str(self.audience.currentData() or ""),
            credit_hours=self.hours.value(),
            status=self._status,
        )

    def _accept(self) -> None:
        if not self.title.text().strip():
            self.message.setText("Give the session a title.")
            self.title.setFocus()
            return
        self.accept()
