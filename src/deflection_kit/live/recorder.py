"""Write the live session to the database on a background thread, so a key press never waits
for the disk, and a crash loses at most the change being written.

    recorder = LiveRecorder(db_path, session_id)
    recorder.submit(session.to_dict(), [e.to_dict() for e in new_events])
    recorder.flush()   # wait until it is all committed (tests, ending the session)
"""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from deflection_kit.errors import DeflectionKitError
from deflection_kit.live.events import LiveEvent
from deflection_kit.live.session import LiveSession
from deflection_kit.storage import Store


class LiveRecorder:
    """Save live states and events in order; the newest state wins, no event is dropped."""

    def __init__(self, db_path: Path, session_id: str | None) -> None:
        self.db_path = db_path
        self.session_id = session_id or None
        self.error = ""  # the last write problem, for the console to show ("" when fine)
        self._lock = threading.Condition()
        self._state: dict[str, Any] | None = None
        self._events: list[dict[str, Any]] = []
        self._submitted = 0
        self._written = 0
        self._closing = False
        self._thread = threading.Thread(target=self._run, name="live-recorder", daemon=True)
        self._thread.start()

    def submit(self, state: Mapping[str, Any], events: Sequence[Mapping[str, Any]] = ()) -> None:
        """Queue a state and its new events for writing; return at once."""
        with self._lock:
            if self._closing:
                raise RuntimeError("the recorder is closed")
            self._state = dict(state)
            self._events.extend(dict(event) for event in events)
            self._submitted += 1
            self._lock.notify_all()

    def save(self, session: LiveSession, events: Sequence[LiveEvent]) -> None:
        """Queue the session's state and these new events (the controller's saver)."""
        self.submit(session.to_dict(), [event.to_dict() for event in events])

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until everything submitted so far is committed; return False on a timeout."""
        with self._lock:
            target = self._submitted
            return self._lock.wait_for(lambda: self._written >= target, timeout)

    def close(self, timeout: float = 10.0) -> None:
        """Write what is queued, then stop the thread."""
        with self._lock:
            self._closing = True
            self._lock.notify_all()
        self._thread.join(timeout)

    def _run(self) -> None:
        store: Store | None = None
        try:
            store = Store.open(self.db_path)
        except DeflectionKitError as error:
            self.error = str(error)
        while True:
            with self._lock:
                self._lock.wait_for(lambda: self._state is not None or self._closing)
                if self._state is None and self._closing:
                    break
                state, events, batch = self._state, self._events, self._submitted
                self._state, self._events = None, []
            try:
                if store is None:
                    raise DeflectionKitError(self.error or "the database is not open")
                assert state is not None
                store.live.save(self.session_id, state, events)
                self.error = ""
            except Exception as error:  # keep running: the next change may well be saved
                self.error = f"not saved: {error}"
                with self._lock:  # put the events back, in front, so none is lost
                    self._events[:0] = events
            with self._lock:
                self._written = batch
                self._lock.notify_all()
        if store is not None:
            store.close()
