"""The Sessions page: sessions on the left; the chosen session's roster, counts and actions on
the right. Search as you type and press Enter to check someone in (never out); check out with
its own button; undo with Ctrl+Z; add walk-ins; record completion decisions; import a roster;
export attendance; start the kiosk; close the session.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from deflection_kit.errors import DeflectionKitError
from deflection_kit.storage import CheckResult, Session
from deflection_kit.ui.pages import AppContext
from deflection_kit.ui.sessions.close_dialog import CloseDialog
from deflection_kit.ui.sessions.controller import SessionsController
from deflection_kit.ui.sessions.export_dialog import ExportDialog
from deflection_kit.ui.sessions.import_dialog import ImportDialog
from deflection_kit.ui.sessions.kiosk import KioskWindow
from deflection_kit.ui.sessions.kiosk_state import valid_pin
from deflection_kit.ui.sessions.models import (
    ID_ROLE,
    NameFilter,
    RosterTableModel,
    SessionTableModel,
)
from deflection_kit.ui.sessions.override_dialog import OverrideDialog
from deflection_kit.ui.sessions.search_box import RosterSearch
from deflection_kit.ui.sessions.session_dialog import SessionDialog
from deflection_kit.ui.sessions.tables import fit_columns, table_defaults
from deflection_kit.ui.sessions.walk_in_dialog import WalkInDialog

SHORTCUTS = (
    ("New session", "Ctrl+N"),
    ("Find a name", "Ctrl+F"),
    ("Check in the selected person", "Ctrl+Return"),
    ("Check out the selected person", "Ctrl+Shift+Return"),
    ("Undo the last check-in or check-out", "Ctrl+Z"),
    ("Record a completion decision", "Ctrl+Shift+O"),
    ("Add a walk-in", "Ctrl+Shift+W"),
    ("Import a roster", "Ctrl+Shift+I"),
    ("Export attendance", "Ctrl+Shift+E"),
    ("Kiosk check-in", "Ctrl+Shift+K"),
    ("Present this session", "Ctrl+Shift+P"),
)


class SessionsPage(QWidget):
    """Plan sessions and run check-in."""

    status = Signal(str)  # one line about what just happened

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.controller = SessionsController(context.db_path, context.course, self)
        self.controller.sessions_changed.connect(self.refresh_sessions)
        self.controller.roster_changed.connect(self._roster_changed)
        self.kiosk: KioskWindow | None = None
        self._session: Session | None = None

        title = QLabel("Sessions")
        title.setProperty("role", "pageTitle")
        self.sessions_model = SessionTableModel()
        self.sessions_view = QTableView()
        self.sessions_view.setObjectName("sessions-table")
        self.sessions_view.setAccessibleName("Sessions")
        self.sessions_view.setModel(self.sessions_model)
        table_defaults(self.sessions_view)
        fit_columns(self.sessions_view, stretch=1)
        self.sessions_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.sessions_view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.sessions_view.selectionModel().currentRowChanged.connect(self._session_chosen)
        self.sessions_view.doubleClicked.connect(lambda _: self.edit_session())
        self.new_button = self._button("&New session…", "New session", self.new_session)
        self.edit_button = self._button("&Edit…", "Edit the session", self.edit_session)
        left_buttons = QHBoxLayout()
        left_buttons.addWidget(self.new_button)
        left_buttons.addWidget(self.edit_button)
        left_buttons.addStretch(1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.sessions_view, 1)
        left_layout.addLayout(left_buttons)
        left.setMinimumWidth(340)

        self.heading = QLabel("Choose or create a session")
        self.heading.setAccessibleName("Session")
        self.heading.setStyleSheet("font-size: 14pt; font-weight: 600;")
        self.heading.setWordWrap(True)
        self.details = QLabel()
        self.details.setAccessibleName("Session details")
        self.details.setProperty("role", "muted")
        self.details.setWordWrap(True)
        self.counts = QLabel()
        self.counts.setAccessibleName("Checked in and expected")
        self.counts.setStyleSheet("font-size: 13pt;")
        self.search = RosterSearch()
        self.search.setObjectName("roster-search")
        self.search.setAccessibleName("Find a name on the roster")
        self.search.setPlaceholderText("Find a name (Ctrl+F)…")
        self.search.setClearButtonEnabled(True)
        self.roster_model = RosterTableModel()
        self.filter = NameFilter()
        self.filter.setSourceModel(self.roster_model)
        self.search.textChanged.connect(self._search_changed)
        self.search.returnPressed.connect(self._search_entered)
        self.search.down.connect(self._into_list)
        self.roster_view = QTableView()
        self.roster_view.setObjectName("roster-table")
        self.roster_view.setAccessibleName("Roster")
        self.roster_view.setModel(self.filter)
        table_defaults(self.roster_view)
        fit_columns(self.roster_view, stretch=0)
        # Enter or a double-click on a row checks in, never out (check-out is its own button).
        # Not the view's "activated": some desktops activate on a single click.
        self.roster_view.doubleClicked.connect(lambda _: self.check_in_unless_here())
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            enter = QShortcut(QKeySequence(key), self.roster_view)
            enter.setContext(Qt.ShortcutContext.WidgetShortcut)
            enter.setWhatsThis("Check in the highlighted person (never out)")
            enter.activated.connect(self.check_in_unless_here)
        self.check_in_button = self._button(
            "Check &in", "Check in the selected person", self.check_in_selected
        )
        self.check_in_button.setProperty("role", "primary")
        self.check_out_button = self._button(
            "Check &out", "Check out the selected person", self.check_out_selected
        )
        self.walk_in_button = self._button("&Walk-in…", "Add a walk-in", self.add_walk_in)
        self.undo_button = self._button(
            "&Undo", "Undo the last check-in or check-out", self.undo_last
        )
        self.override_button = self._button(
            "Co&mpletion…", "Record a completion decision for the selected person",
            self.decide_completion,
        )  # fmt: skip
        self.import_button = self._button("Import &roster…", "Import a roster", self.import_roster)
        self.export_button = self._button("E&xport…", "Export attendance", self.export)
        self.kiosk_button = self._button("&Kiosk", "Start kiosk check-in", self.start_kiosk_asking)
        self.present_button = self._button(
            "Presen&t…", "Present this session", self.present_session
        )
        self.close_button = self._button("Close &session", "Close the session", self.close_session)
        self.message = QLabel()
        self.message.setAccessibleName("Last action")
        self.message.setWordWrap(True)
        # The heading gets a line of its own: long session titles must not squeeze the buttons.
        session_actions = QHBoxLayout()
        for button in (
            self.import_button,
            self.export_button,
            self.kiosk_button,
            self.present_button,
            self.close_button,
        ):
            session_actions.addWidget(button)
        session_actions.addStretch(1)
        actions = QHBoxLayout()
        for button in (self.check_in_button, self.check_out_button, self.undo_button,
                       self.walk_in_button, self.override_button):  # fmt: skip
            actions.addWidget(button)
        actions.addStretch(1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(8, 0, 0, 0)
        right_layout.addWidget(self.heading)
        right_layout.addLayout(session_actions)
        right_layout.addWidget(self.details)
        right_layout.addWidget(self.counts)
        right_layout.addWidget(self.search)
        right_layout.addWidget(self.roster_view, 1)
        right_layout.addLayout(actions)
        right_layout.addWidget(self.message)  # a line of its own: messages say who and why

        self.splitter = splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        self._sized = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(title)
        layout.addWidget(splitter, 1)
        self._add_shortcuts()
        self.refresh_sessions()

    # -- building ------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        """Give the roster two thirds of the width the first time the page is shown."""
        super().showEvent(event)
        if not self._sized:
            self._sized = True
            width = max(self.splitter.width(), 900)
            self.splitter.setSizes([width // 3, width - width // 3])

    def _button(self, text: str, name: str, slot: object) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(name)
        button.clicked.connect(slot)
        return button

    def _add_shortcuts(self) -> None:
        slots = {
            "New session": self.new_session,
            "Find a name": self.focus_search,
            "Check in the selected person": self.check_in_selected,
            "Check out the selected person": self.check_out_selected,
            "Undo the last check-in or check-out": self.undo_last,
            "Record a completion decision": self.decide_completion,
            "Add a walk-in": self.add_walk_in,
            "Import a roster": self.import_roster,
            "Export attendance": self.export,
            "Kiosk check-in": self.start_kiosk_asking,
            "Present this session": self.present_session,
        }
        for name, keys in SHORTCUTS:
            action = QAction(name, self)
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slots[name])
            self.addAction(action)

    # -- sessions ------------------------------------------------------------------------

    def refresh_sessions(self) -> None:
        """Reload the sessions list, keeping the chosen session."""
        try:
            sessions = self.controller.sessions()
            rows = [(s, self.controller.counts(s.id)) for s in sessions]
        except DeflectionKitError as error:
            self._say(str(error))
            self.setEnabled_actions(False)
            return
        keep = self._session.id if self._session else None
        self.sessions_model.set_sessions(rows)
        row = self.sessions_model.row_of(keep) if keep else (0 if rows else -1)
        if row >= 0:
            self.select_session_row(row)
        else:
            self._show_session(None)

    def select_session_row(self, row: int) -> None:
        """Choose the session on a row of the list."""
        index = self.sessions_model.index(row, 0)
        self.sessions_view.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self._show_session(self.sessions_model.session_at(row))

    def select_session(self, session_id: str) -> None:
        """Choose a session by id."""
        row = self.sessions_model.row_of(session_id)
        if row >= 0:
            self.select_session_row(row)

    def _session_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self._show_session(self.sessions_model.session_at(current.row()))

    def _show_session(self, session: Session | None) -> None:
        self._session = session
        self.setEnabled_actions(session is not None)
        if session is None:
            self.heading.setText("No session yet: create one with New session (Ctrl+N)")
            self.details.clear()
            self.counts.clear()
            self.roster_model.set_roster(None, [])
            return
        self.heading.setText(session.title)
        when = session.date.strftime("%A %d %B %Y")
        if session.start:
            when += f", {session.start.strftime('%H:%M')} for {session.minutes} minutes"
        parts = [when, session.location, session.host_agency, "; ".join(session.facilitators)]
        self.details.setText(" · ".join(p for p in parts if p) + f" · {session.status}")
        self._reload_roster()

    def setEnabled_actions(self, enabled: bool) -> None:  # noqa: N802 - reads like Qt's setters
        """Enable the buttons that need a session."""
        for button in (self.edit_button, self.check_in_button, self.check_out_button,
                       self.undo_button, self.walk_in_button, self.override_button,
                       self.import_button, self.export_button, self.kiosk_button,
                       self.present_button, self.close_button):  # fmt: skip
            button.setEnabled(enabled)
        self.search.setEnabled(enabled)

    def _reload_roster(self) -> None:
        if self._session is None:
            return
        selected = self.selected_participant()
        entries = self.controller.roster(self._session.id)
        self.roster_model.set_roster(self._session, entries)
        self.counts.setText(self.controller.counts_text(self._session.id))
        if selected:
            self.select_participant(selected)

    def _roster_changed(self, session_id: str) -> None:
        if self._session is not None and session_id == self._session.id:
            self._reload_roster()

    def new_session(self) -> None:
        """Plan a new session."""
        dialog = SessionDialog(self.context.course, parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.create_session(dialog)

    def create_session(self, dialog: SessionDialog) -> Session | None:
        """Create the session a filled-in dialog describes, and choose it."""
        try:
            session = self.controller.create_session(dialog.fields())
        except DeflectionKitError as error:
            self._say(str(error))
            return None
        self.select_session(session.id)
        self._say(f"Created {session.title}")
        return session

    def edit_session(self) -> None:
        """Edit the chosen session."""
        if self._session is None:
            return
        dialog = SessionDialog(self.context.course, self._session, parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.save_session(dialog)

    def save_session(self, dialog: SessionDialog) -> None:
        """Save an edited session; credited minutes follow its new start and end."""
        if self._session is None:
            return
        try:
            self._say(self.controller.save_session(self._session.id, dialog.fields()))
        except DeflectionKitError as error:
            self._say(str(error))

    def close_session(self) -> CloseDialog | None:
        """Ask before closing: whom it checks out and when, who will not complete and why."""
        if self._session is None:
            return None
        try:
            preview = self.controller.close_preview(self._session.id)
        except DeflectionKitError as error:
            self._say(str(error))
            return None
        dialog = CloseDialog(preview, self)
        dialog.accepted.connect(lambda: self._say(self.controller.close_as_shown(preview)))
        dialog.open()
        return dialog

    # -- roster --------------------------------------------------------------------------

    def focus_search(self) -> None:
        """Put the cursor in the name search."""
        self.search.setFocus()
        self.search.selectAll()

    def _search_changed(self, text: str) -> None:
        self.filter.set_query(text)
        if self.filter.rowCount() >= 1:
            self.roster_view.selectRow(0)

    def _search_entered(self) -> None:
        """Enter checks in the highlighted match and clears the search; on someone here it only
        says so (Enter never checks anyone out); on an empty box it does nothing."""
        text = self.search.text()
        if not text.strip() or self._session is None:
            return
        if self.filter.rowCount() == 0:
            self._say(self.controller.no_match_text(text))
            return
        if self.selected_participant() is None:
            self.roster_view.selectRow(0)
        if self.check_in_unless_here() is not None:
            self.search.clear()

    def _into_list(self) -> None:
        """Down in the search moves into the roster, on the highlighted (or first) row."""
        if self.filter.rowCount() == 0:
            return
        index = self.roster_view.currentIndex()
        row = index.row() if index.isValid() else 0
        self.roster_view.setFocus()
        self.roster_view.selectRow(row)

    def selected_participant(self) -> str | None:
        """Return the id of the selected roster row."""
        index = self.roster_view.currentIndex()
        if not index.isValid():
            rows = self.roster_view.selectionModel().selectedRows()
            if not rows:
                return None
            index = rows[0]
        return str(self.filter.index(index.row(), 0).data(ID_ROLE))

    def select_participant(self, participant_id: str) -> None:
        """Select a person's row (if the search shows it)."""
        for row in range(self.filter.rowCount()):
            if self.filter.index(row, 0).data(ID_ROLE) == participant_id:
                self.roster_view.selectRow(row)
                return

    def check_in_selected(self) -> CheckResult | None:
        """Check in the selected person."""
        return self._act("in")

    def check_out_selected(self) -> CheckResult | None:
        """Check out the selected person."""
        return self._act("out")

    def check_in_unless_here(self) -> CheckResult | None:
        """Check in the selected person; if they are here, change nothing and say so."""
        participant = self.selected_participant()
        if participant is None or self._session is None:
            return None
        try:
            result, text = self.controller.check_in_unless_here(self._session.id, participant)
        except DeflectionKitError as error:
            self._say(str(error))
            return None
        self._say(text)
        return result

    def undo_last(self) -> None:
        """Take back the session's last check-in or check-out."""
        if self._session is not None:
            try:
                self._say(self.controller.undo_last(self._session.id))
            except DeflectionKitError as error:
                self._say(str(error))

    def decide_completion(self) -> OverrideDialog | None:
        """Open the completion decision form for the selected person."""
        participant = self.selected_participant()
        if participant is None or self._session is None:
            self._say("Select a person on the roster first.")
            return None
        session_id = self._session.id
        form = self.controller.decision_form(session_id, participant)
        dialog = OverrideDialog(
            form.name, form.standing, form.has_decision, form.by,
            lambda completed, by, reason: self.controller.override_completion(
                session_id, participant, completed, by, reason
            ),
            self,
        )  # fmt: skip
        dialog.accepted.connect(lambda: self._say(dialog.result_text))
        dialog.open()
        return dialog

    def _act(self, action: str) -> CheckResult | None:
        participant = self.selected_participant()
        if participant is None or self._session is None:
            self._say("Select a person on the roster first.")
            return None
        try:
            if action == "in":
                result = self.controller.check_in(self._session.id, participant)
            else:
                result = self.controller.check_out(self._session.id, participant)
        except DeflectionKitError as error:
            self._say(str(error))
            return None
        self._say(self.controller.describe(self._session.id, result, action))
        return result

    def add_walk_in(self) -> None:
        """Add someone who is not on the roster and check them in."""
        if self._session is None:
            return
        dialog = WalkInDialog(self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.check_in_walk_in(dialog)

    def check_in_walk_in(self, dialog: WalkInDialog) -> CheckResult | None:
        """Check in the person a filled-in walk-in dialog describes."""
        assert self._session is not None
        try:
            result = self.controller.check_in(self._session.id, dialog.person())
        except DeflectionKitError as error:
            self._say(str(error))
            return None
        self._say(self.controller.describe(self._session.id, result, "in"))
        self.select_participant(result.participant.id)
        return result

    def import_roster(self) -> ImportDialog | None:
        """Open the roster import wizard."""
        if self._session is None:
            return None
        dialog = ImportDialog(self.controller, self._session.id, self)
        dialog.imported.connect(lambda report: self._say(report.summary()))
        dialog.open()
        return dialog

    def export(self) -> ExportDialog | None:
        """Open the export dialog."""
        if self._session is None:
            return None
        dialog = ExportDialog(self.controller, self._session, self)
        dialog.exported.connect(lambda path: self._say(f"Exported to {path}"))
        dialog.open()
        return dialog

    # -- kiosk ---------------------------------------------------------------------------

    def start_kiosk_asking(self) -> None:
        """Ask the facilitator for a PIN, then start the kiosk full screen."""
        if self._session is None:
            return
        pin, ok = QInputDialog.getText(
            self,
            "Kiosk check-in",
            "Choose a PIN (4 to 8 digits) to leave kiosk mode later.\n"
            "Leave it empty to be asked for a confirmation instead.",
            QLineEdit.EchoMode.Password,
        )
        if not ok:
            return
        if not valid_pin(pin):
            self._say("The kiosk PIN must be 4 to 8 digits (or empty).")
            return
        self.start_kiosk(pin, full_screen=True)

    def current_session_id(self) -> str:
        """Return the id of the session on show ("" when none is)."""
        return self._session.id if self._session is not None else ""

    def present_session(self) -> None:
        """Open the Present dialog with this session chosen (deck options still to pick)."""
        if self._session is None:
            return
        from deflection_kit.ui.live.present_action import present

        window = self.window()
        if isinstance(window, QMainWindow):
            present(window, self._session.id)

    def start_kiosk(self, pin: str = "", full_screen: bool = False) -> KioskWindow | None:
        """Open kiosk check-in for the chosen session."""
        if self._session is None:
            return None
        self.kiosk = KioskWindow(self.controller, self._session.id, pin)
        self.kiosk.left.connect(self._kiosk_left)
        if full_screen:
            self.kiosk.showFullScreen()
        else:
            self.kiosk.show()
        self._say("Kiosk check-in is running")
        return self.kiosk

    def _kiosk_left(self) -> None:
        self.kiosk = None
        self._say("Left kiosk mode")
        self.activateWindow()

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.status.emit(text)
