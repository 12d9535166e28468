"""The Sessions page (sessions, rosters, check-in, imports, exports) and kiosk check-in."""

from deflection_kit.ui.sessions.kiosk import KioskWindow
from deflection_kit.ui.sessions.page import SessionsPage

__all__ = ["KioskWindow", "SessionsPage"]
