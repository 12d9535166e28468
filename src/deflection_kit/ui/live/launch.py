"""Open a live presentation: build the deck and its agenda, the audience window and the console."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt

from deflection_kit.content import Course
from deflection_kit.decks import DeckOptions, deck_spec, prepare
from deflection_kit.live import LiveSession, build_agenda, options_to_dict
from deflection_kit.ui.live.audience import AudienceWindow
from deflection_kit.ui.live.console import PresenterConsole
from deflection_kit.ui.live.controller import LiveController, Recorder
from deflection_kit.ui.live.stage import Stage


@dataclass
class Presentation:
    """The parts of a running presentation, kept together so none is garbage-collected."""

    session: LiveSession
    stage: Stage
    audience: AudienceWindow
    controller: LiveController
    console: PresenterConsole


def build_session(
    course: Course,
    options: DeckOptions,
    minutes: float | None = None,
    session_id: str = "",
    title: str = "",
    clock: Callable[[], float] | None = None,
) -> tuple[LiveSession, Stage]:
    """Build the deck the Decks page would, its agenda, and a fresh live session of it."""
    prepared = prepare(course, options)
    deck = deck_spec(prepared)
    agenda = build_agenda(course, deck, minutes)
    extra = {"clock": clock} if clock is not None else {}
    session = LiveSession(
        agenda,
        session_id=session_id,
        title=title or deck.title,
        deck_choice=options_to_dict(options),
        **extra,
    )
    return session, Stage(deck, prepared.theme.look.with_accent(deck.accent))


def open_presentation(
    session: LiveSession, stage: Stage, recorder: Recorder | None = None, place: bool = True
) -> Presentation:
    """Show the console on the laptop and the audience window on the projector."""
    audience = AudienceWindow(stage, session.audience_view(), session.title)
    controller = LiveController(session, audience, recorder)
    console = PresenterConsole(controller, stage)
    controller.setParent(console)
    console.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    console.show()
    if place:
        audience.place()
    console.raise_()
    console.activateWindow()
    return Presentation(session, stage, audience, controller, console)
