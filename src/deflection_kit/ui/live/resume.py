"""Resume a session the app stopped in the middle of: same slide, timers as last saved."""

from __future__ import annotations

import time

from PySide6.QtWidgets import QMainWindow, QMessageBox

from deflection_kit.decks import deck_spec, prepare
from deflection_kit.errors import DeflectionKitError
from deflection_kit.live import LiveEvent, LiveSession, build_agenda, clock_text, options_from_dict
from deflection_kit.live.recorder import LiveRecorder
from deflection_kit.storage import Store
from deflection_kit.storage.live import LiveStateRecord
from deflection_kit.ui.live.launch import Presentation, open_presentation
from deflection_kit.ui.live.presenting import keep, window_context
from deflection_kit.ui.live.stage import Stage


def unfinished(window: QMainWindow) -> list[LiveStateRecord]:
    """Return the live states left running in the window's database."""
    with Store.open(window_context(window).db_path) as store:
        return store.live.unfinished()


def describe(record: LiveStateRecord) -> str:
    """Return where a stopped session was, in words."""
    state = record.state
    title = str(state.get("title") or "A rehearsal")
    saved = float(state.get("saved_at") or 0)
    when = time.strftime("%H:%M on %d %b", time.localtime(saved)) if saved else "earlier"
    return (
        f"“{title}” was still running when the app stopped (last saved at {when}).\n\n"
        f"It was on slide {int(state.get('slide', 0)) + 1} with "
        f"{clock_text(float(state.get('elapsed', 0)), hours_after=100)} elapsed."
    )


def restore(window: QMainWindow, record: LiveStateRecord) -> Presentation:
    """Rebuild the deck from the saved options and carry on from the saved state."""
    context = window_context(window)
    state = record.state
    options = options_from_dict(state.get("deck") or {})
    prepared = prepare(context.course, options)
    deck = deck_spec(prepared)
    minutes = state.get("minutes")
    agenda = build_agenda(context.course, deck, float(minutes) if minutes else None)
    events: list[LiveEvent] = []
    if record.session_id:
        with Store.open(context.db_path) as store:
            events = [LiveEvent.from_dict(e) for e in store.live.events(record.session_id)]
    session = LiveSession.restore(agenda, state, events)
    stage = Stage(deck, prepared.theme.look.with_accent(deck.accent))
    recorder = LiveRecorder(context.db_path, record.session_id)
    return keep(window, open_presentation(session, stage, recorder))


class ResumePrompt(QMessageBox):
    """Ask whether to resume a stopped session, end it as it was, or decide later."""

    def __init__(self, window: QMainWindow, record: LiveStateRecord) -> None:
        super().__init__(window)
        self.window_ = window
        self.record = record
        self.presentation: Presentation | None = None
        self.setIcon(QMessageBox.Icon.Question)
        self.setWindowTitle("Resume the session?")
        self.setText("Resume where you stopped?")
        self.setInformativeText(describe(record))
        self.resume_button = self.addButton("&Resume", QMessageBox.ButtonRole.AcceptRole)
        self.end_button = self.addButton(
            "&End it as it was", QMessageBox.ButtonRole.DestructiveRole
        )
        self.later_button = self.addButton("&Later", QMessageBox.ButtonRole.RejectRole)
        self.setDefaultButton(self.resume_button)
        self.buttonClicked.connect(self._answered)

    def _answered(self, button: object) -> None:
        try:
            if button is self.resume_button:
                self.presentation = restore(self.window_, self.record)
            elif button is self.end_button:
                end_as_it_was(self.window_, self.record)
        except DeflectionKitError as error:
            QMessageBox.warning(self.window_, "Cannot resume", str(error))


def end_as_it_was(window: QMainWindow, record: LiveStateRecord) -> None:
    """Mark a stopped session ended at its last saved moment (its record stays)."""
    context = window_context(window)
    state = dict(record.state)
    saved = float(state.get("saved_at") or time.time())
    seq = int(state.get("next_seq", 1))
    elapsed = float(state.get("elapsed", 0.0))
    ended = LiveEvent(
        seq, saved, elapsed, "ended", {"index": int(state.get("slide", 0)), "after_stop": True}
    )
    state.update(status="ended", ended_at=saved, next_seq=seq + 1)
    with Store.open(context.db_path) as store:
        store.live.save(record.session_id, state, [ended.to_dict()])


def offer_resume(
    window: QMainWindow, records: list[LiveStateRecord] | None = None
) -> ResumePrompt | None:
    """After start-up: if a session was left running, ask (without blocking) to resume it."""
    if records is None:
        try:
            records = unfinished(window)
        except DeflectionKitError:
            return None
    if not records:
        return None
    prompt = ResumePrompt(window, records[0])
    window._resume_prompt = prompt  # type: ignore[attr-defined]  # keep it alive
    prompt.open()
    return prompt
