"""The live session: a state machine the presenter console drives and the audience screen obeys.

It holds the current slide, the blank state, the session clock and the time spent in every part
and on every slide, the countdown, the knowledge-check answers, the overlay message and the
append-only events record. Time comes from an injected clock (seconds since the epoch), so tests
decide what time it is. ``to_dict``/``restore`` turn the state into plain data and back: the app
writes it to the database as it changes and resumes from it after a crash.

    session = LiveSession(build_agenda(course, deck))
    session.next()            # starts the clock and shows slide 2
    session.audience_view()   # what the projector must show now
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Literal

from deflection_kit.errors import DeflectionKitError
from deflection_kit.live.agenda import Agenda, CheckSlot
from deflection_kit.live.checks import CheckResult, check_counts
from deflection_kit.live.events import LiveEvent
from deflection_kit.live.pacing import Pacing, pacing
from deflection_kit.live.timers import Countdown
from deflection_kit.live.views import BLANKS, AudienceView, Blank, ChartView

Clock = Callable[[], float]
Status = Literal["ready", "running", "ended"]
STATE_VERSION = 1
MAX_OVERLAY = 200


class LiveSession:
    """The state of one live presentation of a deck."""

    def __init__(
        self,
        agenda: Agenda,
        *,
        clock: Clock = time.time,
        session_id: str = "",
        title: str = "",
        deck_choice: Mapping[str, Any] | None = None,
    ) -> None:
        self.agenda = agenda
        self.clock = clock
        self.session_id = session_id
        self.title = title or agenda.deck.title
        self.deck_choice: dict[str, Any] = dict(deck_choice or {})
        self.status: Status = "ready"
        self.current = 0
        self.blank: Blank = "none"
        self.revealed = ""  # slide key of the check shown as a chart
        self.overlay = ""
        self.timer_on_screen = False
        self.countdown = Countdown()
        self.results: dict[str, tuple[int, ...]] = {}
        self.events: list[LiveEvent] = []
        self.stored_events = 0  # how many of the events are already in the saved record
        self.started_at: float | None = None
        self.ended_at: float | None = None
        self.revision = 0  # goes up on every change, so savers know when to write
        self._next_seq = 1
        self._elapsed = 0.0
        self._segment_s = [0.0] * len(agenda.segments)
        self._slide_s = [0.0] * len(agenda)
        self._on_slide = 0.0
        self._anchor: float | None = None

    # --- time -------------------------------------------------------------------------

    def _pending(self, now: float) -> float:
        if self.status != "running" or self._anchor is None:
            return 0.0
        return max(now - self._anchor, 0.0)

    def _settle(self, now: float) -> None:
        """Book the time since the last change to the current slide and its part."""
        passed = self._pending(now)
        if passed:
            self._elapsed += passed
            self._segment_s[self.agenda.slide_segment[self.current]] += passed
            self._slide_s[self.current] += passed
            self._on_slide += passed
        if self.status == "running":
            self._anchor = now

    def elapsed(self) -> float:
        """Return the seconds the session has run."""
        return self._elapsed + self._pending(self.clock())

    def remaining(self) -> float:
        """Return the seconds left of the planned length (negative once over)."""
        return self.agenda.total_minutes * 60 - self.elapsed()

    def on_slide(self) -> float:
        """Return the seconds the current slide has been up."""
        return self._on_slide + self._pending(self.clock())

    def segment_seconds(self) -> tuple[float, ...]:
        """Return the seconds spent in each part of the agenda."""
        spent = list(self._segment_s)
        spent[self.agenda.slide_segment[self.current]] += self._pending(self.clock())
        return tuple(spent)

    def slide_seconds(self) -> tuple[float, ...]:
        """Return the seconds each slide has been up."""
        spent = list(self._slide_s)
        spent[self.current] += self._pending(self.clock())
        return tuple(spent)

    def pacing(self) -> Pacing:
        """Return how the session stands against its plan, with advice when behind."""
        return pacing(
            self.agenda,
            started=self.status != "ready",
            ended=self.status == "ended",
            elapsed=self.elapsed(),
            slide=self.current,
            on_slide=self.on_slide(),
        )

    # --- the record -------------------------------------------------------------------

    def _record(self, kind: str, now: float, **data: Any) -> None:
        self.events.append(LiveEvent(self._next_seq, now, self._elapsed, kind, data))
        self._next_seq += 1
        self.revision += 1

    def _slide_event(self, now: float, via: str) -> None:
        slide = self.agenda.slide(self.current)
        self._record(
            "slide",
            now,
            index=self.current,
            key=slide.key,
            page=slide.page,
            title=slide.title,
            segment=self.agenda.segment_of(self.current).key,
            via=via,
        )

    # --- moving through the deck ------------------------------------------------------

    @property
    def ended(self) -> bool:
        """Return True once the facilitator has ended the session."""
        return self.status == "ended"

    def start(self) -> bool:
        """Start the session clock (moving to another slide starts it too)."""
        if self.status != "ready":
            return False
        now = self.clock()
        self.status = "running"
        self.started_at = now
        self._anchor = now
        # The deck and plan go in the record too, so a report can be rebuilt from the events
        # alone (on a coordinator's computer, after a bundle import).
        self._record(
            "started",
            now,
            index=self.current,
            deck=self.deck_choice,
            minutes=self.agenda.total_minutes,
            title=self.title,
        )
        self._slide_event(now, "start")
        return True

    def _show(self, index: int, via: str) -> bool:
        if self.ended or index == self.current or not 0 <= index < len(self.agenda):
            return False
        self.start()
        now = self.clock()
        self._settle(now)
        self.current = index
        self._on_slide = 0.0
        self.revealed = ""
        self._slide_event(now, via)
        return True

    def next(self) -> bool:
        """Show the next slide; on a blank screen, bring the slide back instead (as PowerPoint)."""
        if self.blank != "none" and not self.ended:
            return self.set_blank("none")
        return self._show(self.current + 1, "next")

    def previous(self) -> bool:
        """Show the previous slide; on a blank screen, bring the slide back instead."""
        if self.blank != "none" and not self.ended:
            return self.set_blank("none")
        return self._show(self.current - 1, "previous")

    def goto(self, index: int) -> bool:
        """Show the slide at ``index`` directly: no slide in between reaches the screen.

        A blank screen stays blank, so the facilitator can set up a slide unseen.
        """
        if not 0 <= index < len(self.agenda):
            raise DeflectionKitError(
                f"there is no slide {index + 1}; the deck has {len(self.agenda)}"
            )
        return self._show(index, "jump")

    def set_blank(self, mode: Blank) -> bool:
        """Black out or white out the audience screen, or bring the slide back ("none")."""
        if mode not in BLANKS:
            raise ValueError(f"unknown blank mode {mode!r}")
        if self.ended or mode == self.blank:
            return False
        now = self.clock()
        self._settle(now)
        self.blank = mode
        self._record("blank", now, mode=mode)
        return True

    def toggle_blank(self, mode: Blank) -> bool:
        """Press B or W: blank the screen that way, or bring the slide back if it already is."""
        return self.set_blank("none" if self.blank == mode else mode)

    def restart_clock(self) -> None:
        """Set the session clock and every part's time back to zero (after a rehearsal run)."""
        now = self.clock()
        self._settle(now)
        self._elapsed = 0.0
        self._segment_s = [0.0] * len(self.agenda.segments)
        self._slide_s = [0.0] * len(self.agenda)
        self._on_slide = 0.0
        if self.status == "running":
            self.started_at = now
        self._record("clock-reset", now, index=self.current)

    def end(self) -> bool:
        """End the session: the clock stops and the audience screen goes black."""
        if self.ended:
            return False
        now = self.clock()
        self._settle(now)
        if self.started_at is None:
            self.started_at = now
        self.status = "ended"
        self.ended_at = now
        self._anchor = None
        self.countdown.pause(now)
        self._record("ended", now, index=self.current, elapsed=round(self._elapsed, 3))
        return True

    # --- knowledge checks -------------------------------------------------------------

    def current_check(self) -> CheckSlot | None:
        """Return the knowledge-check question on the current slide, if any."""
        return self.agenda.check_at(self.current)

    def set_counts(self, key: str, counts: Sequence[int]) -> bool:
        """Record how many in the room chose each answer of a question."""
        slot = self.agenda.check(key)
        checked = check_counts(slot, counts)
        if self.results.get(key) == checked:
            return False
        now = self.clock()
        self._settle(now)
        self.results[key] = checked
        self._record("check-counts", now, key=key, question=slot.question, counts=list(checked))
        return True

    def reveal(self) -> bool:
        """Show the current question's answers as a chart on the audience screen."""
        slot = self.current_check()
        if slot is None or self.ended or self.revealed == slot.key:
            return False
        now = self.clock()
        self._settle(now)
        self.revealed = slot.key
        self.results.setdefault(slot.key, (0,) * len(slot.choices))
        self._record("check-revealed", now, key=slot.key)
        return True

    def hide_chart(self) -> bool:
        """Take the chart down and show the question's slide again."""
        if not self.revealed:
            return False
        now = self.clock()
        self._settle(now)
        key, self.revealed = self.revealed, ""
        self._record("check-hidden", now, key=key)
        return True

    def check_results(self) -> tuple[CheckResult, ...]:
        """Return the answers entered so far, in deck order."""
        return tuple(
            CheckResult(slot, self.results[slot.key])
            for slot in self.agenda.checks
            if slot.key in self.results
        )

    # --- countdown and overlay --------------------------------------------------------

    def _countdown_event(self, action: str, now: float) -> None:
        self._record(
            "countdown",
            now,
            action=action,
            seconds=round(self.countdown.remaining(now), 3),
            duration=self.countdown.duration,
        )

    def start_countdown(self, seconds: float) -> None:
        """Start a countdown for a discussion or a break."""
        now = self.clock()
        self._settle(now)
        self.countdown.start(seconds, now)
        self._countdown_event("start", now)

    def toggle_countdown(self) -> bool:
        """Pause a running countdown or resume a paused one."""
        now = self.clock()
        if not self.countdown.is_set or self.countdown.finished(now):
            return False
        self._settle(now)
        if self.countdown.running:
            self.countdown.pause(now)
            self._countdown_event("pause", now)
        else:
            self.countdown.resume(now)
            self._countdown_event("resume", now)
        return True

    def add_to_countdown(self, seconds: float = 60.0) -> None:
        """Give the countdown more time (starts one if none is set)."""
        now = self.clock()
        self._settle(now)
        self.countdown.add(seconds, now)
        self._countdown_event("add", now)

    def clear_countdown(self) -> bool:
        """Stop and unset the countdown (and take it off the audience screen)."""
        if not self.countdown.is_set:
            return False
        now = self.clock()
        self._settle(now)
        self.countdown.clear()
        self.timer_on_screen = False
        self._countdown_event("clear", now)
        return True

    def countdown_left(self) -> float:
        """Return the seconds left on the countdown."""
        return self.countdown.remaining(self.clock())

    def show_timer(self, shown: bool) -> bool:
        """Show the countdown on the audience screen, or take it off."""
        if shown == self.timer_on_screen:
            return False
        now = self.clock()
        self._settle(now)
        self.timer_on_screen = shown
        self._record("countdown", now, action="show" if shown else "hide")
        return True

    def show_overlay(self, text: str, minutes: float | None = None) -> None:
        """Put a message over the audience screen, optionally with a countdown under it."""
        text = " ".join(text.split())
        if not text:
            raise DeflectionKitError("the message is empty")
        if len(text) > MAX_OVERLAY:
            raise DeflectionKitError(f"the message is longer than {MAX_OVERLAY} characters")
        now = self.clock()
        self._settle(now)
        self.overlay = text
        self._record("overlay", now, text=text)
        if minutes:
            self.countdown.start(minutes * 60, now)
            self._countdown_event("start", now)
            self.timer_on_screen = True

    def start_break(self, minutes: float) -> str:
        """Show "Break — back at HH:MM" with a countdown; return the message."""
        back = time.localtime(self.clock() + minutes * 60)
        text = f"Break — back at {back.tm_hour}:{back.tm_min:02d}"
        self.show_overlay(text, minutes)
        return text

    def clear_overlay(self) -> bool:
        """Take the message off the audience screen."""
        if not self.overlay:
            return False
        now = self.clock()
        self._settle(now)
        self.overlay = ""
        self._record("overlay", now, text="")
        return True

    # --- what the audience sees -------------------------------------------------------

    def audience_view(self) -> AudienceView:
        """Return exactly what the audience screen must show now."""
        if self.ended:
            return AudienceView(slide=self.current, blank="black", ended=True)
        chart = None
        if self.revealed:
            slot = self.agenda.check(self.revealed)
            counts = self.results.get(slot.key, (0,) * len(slot.choices))
            chart = ChartView(slot.key, slot.prompt, slot.choices, counts, slot.answer)
        timer = None
        if self.timer_on_screen and self.countdown.is_set:
            timer = math.ceil(self.countdown.remaining(self.clock()))
        return AudienceView(self.current, self.blank, chart, self.overlay, timer)

    # --- plain data -------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """Return the state as plain JSON-ready data (events are kept apart: ``events``)."""
        now = self.clock()
        pending = self._pending(now)
        slide = self.agenda.slide(self.current)
        segments = self.segment_seconds()
        return {
            "version": STATE_VERSION,
            "session_id": self.session_id,
            "title": self.title,
            "deck": self.deck_choice,
            "minutes": self.agenda.total_minutes,
            "status": self.status,
            "slide": self.current,
            "slide_key": slide.key,
            "slide_page": slide.page,
            "blank": self.blank,
            "revealed": self.revealed,
            "overlay": self.overlay,
            "timer_on_screen": self.timer_on_screen,
            "elapsed": round(self._elapsed + pending, 3),
            "on_slide": round(self._on_slide + pending, 3),
            "segments": {
                seg.key: round(seconds, 3)
                for seg, seconds in zip(self.agenda.segments, segments, strict=True)
            },
            "slides": [
                [index, s.key, s.page, round(seconds, 3)]
                for index, (s, seconds) in enumerate(
                    zip(self.agenda.deck.slides, self.slide_seconds(), strict=True)
                )
                if seconds
            ],
            "countdown": self.countdown.to_dict(now),
            "results": {key: list(counts) for key, counts in self.results.items()},
            "started_at": self.started_at,
            "ended_at": self.ended_at,
            "saved_at": now,
            "next_seq": self._next_seq,
        }

    @classmethod
    def restore(
        cls,
        agenda: Agenda,
        state: Mapping[str, Any],
        events: Iterable[LiveEvent] = (),
        *,
        clock: Clock = time.time,
    ) -> LiveSession:
        """Return the session ``to_dict`` saved, carrying on from now.

        The timers come back as they were saved (at most a heartbeat old); the time the app was
        away is recorded as a "resumed" event, not counted as teaching time.
        """
        session = cls(
            agenda,
            clock=clock,
            session_id=str(state.get("session_id", "")),
            title=str(state.get("title", "")),
            deck_choice=state.get("deck") or {},
        )
        session.events = sorted(events, key=lambda event: event.seq)
        session.stored_events = len(session.events)
        last_seq = session.events[-1].seq if session.events else 0
        session._next_seq = max(int(state.get("next_seq", 1)), last_seq + 1)
        session.current = _find_slide(
            agenda, state.get("slide"), state.get("slide_key"), state.get("slide_page")
        )
        blank = state.get("blank", "none")
        session.blank = blank if blank in BLANKS else "none"
        revealed = str(state.get("revealed", ""))
        session.results = _restore_results(agenda, state.get("results") or {})
        check = agenda.check_at(session.current)
        session.revealed = revealed if check is not None and check.key == revealed else ""
        session.overlay = str(state.get("overlay", ""))[:MAX_OVERLAY]
        session.timer_on_screen = bool(state.get("timer_on_screen", False))
        session._elapsed = float(state.get("elapsed", 0.0))
        session._on_slide = float(state.get("on_slide", 0.0))
        seconds = state.get("segments") or {}
        session._segment_s = [float(seconds.get(seg.key, 0.0)) for seg in agenda.segments]
        for item in state.get("slides") or []:
            index = _find_slide(agenda, item[0], item[1], item[2])
            session._slide_s[index] += float(item[3])
        now = clock()
        session.countdown = Countdown.from_dict(dict(state.get("countdown") or {}), now)
        started = state.get("started_at")
        ended = state.get("ended_at")
        session.started_at = float(started) if started is not None else None
        session.ended_at = float(ended) if ended is not None else None
        status = state.get("status", "ready")
        session.status = status if status in ("ready", "running", "ended") else "ready"
        if session.status == "running":
            session._anchor = now
            saved = float(state.get("saved_at", now))
            session._record("resumed", now, index=session.current, gap=round(now - saved, 3))
        return session


def _find_slide(agenda: Agenda, index: Any, key: Any, page: Any) -> int:
    """Return where a saved slide is in this agenda: same place, else same key, else 0."""
    if isinstance(index, int) and 0 <= index < len(agenda):
        slide = agenda.slide(index)
        if key is None or (slide.key == key and slide.page == page):
            return index
    if isinstance(key, str):
        found = agenda.index_of(key, int(page or 1))
        if found is not None:
            return found
    return 0


def _restore_results(agenda: Agenda, saved: Mapping[str, Any]) -> dict[str, tuple[int, ...]]:
    results: dict[str, tuple[int, ...]] = {}
    for slot in agenda.checks:
        counts = saved.get(slot.key)
        if isinstance(counts, list) and len(counts) == len(slot.choices):
            try:
                results[slot.key] = check_counts(slot, [int(c) for c in counts])
            except (DeflectionKitError, ValueError, TypeError):
                continue
    return results
