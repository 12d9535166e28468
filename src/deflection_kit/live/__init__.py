"""The Qt-free live-session state machine: agenda, timers, checks and the events record.

Build an agenda from the course and the deck (``build_agenda``), drive a ``LiveSession`` with
it, and ask the session what the audience screen must show (``audience_view``).
"""

from deflection_kit.live.agenda import ActivitySlot, Agenda, CheckSlot, Segment, build_agenda
from deflection_kit.live.checks import CheckResult, KnowledgeGain, knowledge_gain
from deflection_kit.live.deck_choice import options_from_dict, options_to_dict
from deflection_kit.live.events import LiveEvent
from deflection_kit.live.pacing import Cut, Pacing
from deflection_kit.live.session import LiveSession
from deflection_kit.live.timers import Countdown, clock_text, minutes_text
from deflection_kit.live.views import AudienceView, Blank, ChartView

__all__ = [
    "ActivitySlot",
    "Agenda",
    "AudienceView",
    "Blank",
    "ChartView",
    "CheckResult",
    "CheckSlot",
    "Countdown",
    "Cut",
    "KnowledgeGain",
    "LiveEvent",
    "LiveSession",
    "Pacing",
    "Segment",
    "build_agenda",
    "clock_text",
    "knowledge_gain",
    "minutes_text",
    "options_from_dict",
    "options_to_dict",
]
