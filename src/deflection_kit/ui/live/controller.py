"""The live controller: every presenter action goes through here to the session, then out to
the audience window, the console and the saver — so the projector never drifts from the state.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from PySide6.QtCore import QObject, QTimer, Signal

from deflection_kit.errors import DeflectionKitError
from deflection_kit.live import LiveEvent, LiveSession
from deflection_kit.ui.live.audience import AudienceWindow

TICK_MS = 250  # how often the clocks on screen move
HEARTBEAT_S = 2.0  # timers are saved at least this often, well inside the 5 s promise


class Recorder(Protocol):
    """What keeps the session on disk (``deflection_kit.live.recorder.LiveRecorder``)."""

    error: str

    def save(self, session: LiveSession, events: Sequence[LiveEvent]) -> None:
        """Queue the state and the new events for writing."""

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until everything queued is written."""

    def close(self, timeout: float = 10.0) -> None:
        """Write what is queued and stop."""


class LiveController(QObject):
    """Drive a ``LiveSession`` and keep the audience window and the saver in step with it."""

    changed = Signal()  # the state changed (slide, blank, checks, overlay...)
    ticked = Signal()  # time moved: clocks and countdowns need redrawing
    failed = Signal(str)  # an action could not be done; the message says why
    ended = Signal()

    def __init__(
        self,
        session: LiveSession,
        audience: AudienceWindow,
        recorder: Recorder | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.audience = audience
        self.recorder = recorder
        self._saved_revision = -1
        self._saved_events = session.stored_events
        self._last_save = session.clock()
        self._stopped = False
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self.tick)
        self._timer.start()
        self.audience.show_view(session.audience_view())
        self.save(force=True)

    # --- plumbing ---------------------------------------------------------------------

    def _after(self, changed: bool = True) -> bool:
        self.audience.show_view(self.session.audience_view())
        if changed:
            self.save()
            self.changed.emit()
        return changed

    def _run(self, action: Callable[[], object]) -> bool:
        try:
            result = action()
        except DeflectionKitError as error:
            self.failed.emit(str(error))
            return False
        return self._after(result is not False)

    def save(self, force: bool = False) -> None:
        """Hand the state and any new events to the recorder (if the state changed, or forced)."""
        if self.recorder is None or self._stopped:
            return
        if not force and self.session.revision == self._saved_revision:
            return
        new = self.session.events[self._saved_events :]
        self.recorder.save(self.session, new)
        self._saved_revision = self.session.revision
        self._saved_events = len(self.session.events)
        self._last_save = self.session.clock()

    def tick(self) -> None:
        """Move the clocks; refresh a countdown on the audience screen; beat the heart."""
        self.audience.show_view(self.session.audience_view())
        if self.session.status == "running" and (
            self.session.clock() - self._last_save >= HEARTBEAT_S
        ):
            self.save(force=True)
        self.ticked.emit()

    def save_error(self) -> str:
        """Return why the last save failed ("" when all is saved)."""
        return self.recorder.error if self.recorder is not None else ""

    def stop(self) -> None:
        """Stop the clocks and write what is left (the console is closing)."""
        self._timer.stop()
        if self.recorder is not None and not self._stopped:
            self.save(force=True)
            self.recorder.close()
        self._stopped = True

    # --- actions ----------------------------------------------------------------------

    def next(self) -> bool:
        """Next slide (or bring a blanked slide back)."""
        return self._run(self.session.next)

    def previous(self) -> bool:
        """Previous slide (or bring a blanked slide back)."""
        return self._run(self.session.previous)

    def goto(self, number: int) -> bool:
        """Jump straight to slide ``number`` (counting from 1)."""
        return self._run(lambda: self.session.goto(number - 1))

    def toggle_blank(self, mode: str) -> bool:
        """Black or white out the audience screen, or bring the slide back."""
        return self._run(lambda: self.session.toggle_blank(mode))  # type: ignore[arg-type]

    def start(self) -> bool:
        """Start the session clock."""
        return self._run(self.session.start)

    def restart_clock(self) -> bool:
        """Set the session clock back to zero."""
        return self._run(self.session.restart_clock)

    def set_counts(self, key: str, counts: Sequence[int]) -> bool:
        """Record the room's answers to a question."""
        return self._run(lambda: self.session.set_counts(key, counts))

    def reveal(self) -> bool:
        """Show the current question's answers as a chart."""
        return self._run(self.session.reveal)

    def hide_chart(self) -> bool:
        """Take the chart down."""
        return self._run(self.session.hide_chart)

    def toggle_reveal(self) -> bool:
        """Reveal the chart, or hide it if it is up."""
        return self.hide_chart() if self.session.revealed else self.reveal()

    def start_countdown(self, seconds: float) -> bool:
        """Start a countdown."""
        return self._run(lambda: self.session.start_countdown(seconds))

    def toggle_countdown(self) -> bool:
        """Pause or resume the countdown."""
        return self._run(self.session.toggle_countdown)

    def add_minute(self) -> bool:
        """Give the countdown another minute."""
        return self._run(lambda: self.session.add_to_countdown(60))

    def clear_countdown(self) -> bool:
        """Stop and unset the countdown."""
        return self._run(self.session.clear_countdown)

    def show_timer(self, shown: bool) -> bool:
        """Show the countdown on the audience screen, or not."""
        return self._run(lambda: self.session.show_timer(shown))

    def show_overlay(self, text: str, minutes: float | None = None) -> bool:
        """Put a message on the audience screen."""
        return self._run(lambda: self.session.show_overlay(text, minutes))

    def start_break(self, minutes: float) -> bool:
        """Show a break message with a countdown."""
        return self._run(lambda: self.session.start_break(minutes))

    def clear_overlay(self) -> bool:
        """Take the message down."""
        return self._run(self.session.clear_overlay)

    def end(self) -> bool:
        """End the session; the audience screen goes black and may close."""
        done = self._run(self.session.end)
        if done:
            self.save(force=True)
            if self.recorder is not None:
                self.recorder.flush()  # the record is on disk before the report reads it
            self.ended.emit()
        return done
