"""From the Present dialog to the live windows, for a main window that has an ``AppContext``."""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow, QMessageBox

from deflection_kit.errors import DeflectionKitError
from deflection_kit.ui.live.launch import Presentation, build_session, open_presentation
from deflection_kit.ui.live.present_dialog import PresentChoice, PresentDialog
from deflection_kit.ui.pages import AppContext


def _context(window: QMainWindow) -> AppContext:
    context = getattr(window, "context", None)
    if not isinstance(context, AppContext):
        raise TypeError("the window has no AppContext")
    return context


def running(window: QMainWindow) -> list[Presentation]:
    """Return the presentations a window keeps alive."""
    kept = getattr(window, "_presentations", None)
    if kept is None:
        kept = []
        window._presentations = kept  # type: ignore[attr-defined]
    return kept


def ask_and_present(window: QMainWindow, session_id: str = "") -> PresentDialog:
    """Open the Present dialog; when accepted, start presenting."""
    context = _context(window)
    dialog = PresentDialog(context.course, [], session_id, window)
    dialog.accepted.connect(lambda: start(window, dialog.choice()))
    dialog.open()
    return dialog


def start(window: QMainWindow, choice: PresentChoice) -> Presentation | None:
    """Build the deck and open the console and audience window for ``choice``."""
    context = _context(window)
    try:
        session, stage = build_session(
            context.course, choice.options, choice.minutes, choice.session_id, choice.title
        )
    except DeflectionKitError as error:
        QMessageBox.warning(window, "Cannot present", str(error))
        return None
    presentation = open_presentation(session, stage)
    kept = running(window)
    kept.append(presentation)
    presentation.console.destroyed.connect(lambda: kept.remove(presentation))
    return presentation
