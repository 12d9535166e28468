"""From the Present dialog (or a resume prompt) to the live windows, saved to the database."""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow, QMessageBox

from deflection_kit.errors import DeflectionKitError
from deflection_kit.live.recorder import LiveRecorder
from deflection_kit.storage import Store
from deflection_kit.ui.live.launch import Presentation, build_session, open_presentation
from deflection_kit.ui.live.present_dialog import PresentChoice, PresentDialog, SessionChoice
from deflection_kit.ui.pages import AppContext

OFFERED_STATUSES = ("planned", "open")


def window_context(window: QMainWindow) -> AppContext:
    """Return the main window's course and database (raise while the course is loading)."""
    context = getattr(window, "context", None)
    if not isinstance(context, AppContext):
        raise DeflectionKitError("the course is still loading; try again in a moment")
    return context


def running(window: QMainWindow) -> list[Presentation]:
    """Return the presentations a window keeps alive."""
    kept = getattr(window, "_presentations", None)
    if kept is None:
        kept = []
        window._presentations = kept  # type: ignore[attr-defined]
    return kept


def session_choices(context: AppContext) -> list[SessionChoice]:
    """Return the planned and open sessions, newest first, for the Present dialog."""
    with Store.open(context.db_path) as store:
        sessions = [s for s in store.sessions.list() if s.status in OFFERED_STATUSES]
    return [
        SessionChoice(
            id=s.id,
            label=" · ".join(part for part in (s.date.isoformat(), s.title, s.location) if part),
            minutes=s.minutes,
            audience=s.audience,
            pathways=s.pathways,
        )
        for s in sessions
    ]


def ask_and_present(window: QMainWindow, session_id: str = "") -> PresentDialog | None:
    """Open the Present dialog; when accepted, start presenting."""
    try:
        context = window_context(window)
    except DeflectionKitError as error:
        QMessageBox.information(window, "Present", str(error))
        return None
    try:
        sessions = session_choices(context)
    except DeflectionKitError as error:
        QMessageBox.warning(window, "Sessions unavailable", f"{error}\n\nYou can still rehearse.")
        sessions = []
    dialog = PresentDialog(context.course, sessions, session_id, window)
    dialog.accepted.connect(lambda: start(window, dialog.choice()))
    dialog.open()
    return dialog


def keep(window: QMainWindow, presentation: Presentation) -> Presentation:
    """Keep a presentation alive until its console closes; show its report when it ends."""
    kept = running(window)
    kept.append(presentation)
    presentation.console.destroyed.connect(lambda: kept.remove(presentation))
    presentation.console.finished.connect(lambda: show_report(window, presentation))
    return presentation


def show_report(window: QMainWindow, presentation: Presentation) -> None:
    """Bring the main window forward on the Reports page with this presentation's report."""
    from deflection_kit.live.records import live_report
    from deflection_kit.ui.reports import ReportsPage

    show_page = getattr(window, "show_page", None)
    if show_page is None:
        return
    try:
        page = show_page("reports")
    except KeyError:  # a window without a Reports page
        return
    if not isinstance(page, ReportsPage):
        return
    session = presentation.session
    if session.session_id:
        page.refresh()
        page.show_session(session.session_id)
    else:
        page.show_report(live_report(window_context(window).course, session))
    window.show()
    window.raise_()
    window.activateWindow()


def start(window: QMainWindow, choice: PresentChoice) -> Presentation | None:
    """Build the deck and open the console and audience window for ``choice``."""
    context = window_context(window)
    try:
        session, stage = build_session(
            context.course, choice.options, choice.minutes, choice.session_id, choice.title
        )
    except DeflectionKitError as error:
        QMessageBox.warning(window, "Cannot present", str(error))
        return None
    recorder = LiveRecorder(context.db_path, choice.session_id or None)
    return keep(window, open_presentation(session, stage, recorder))
