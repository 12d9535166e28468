"""Say so in one line when there is no display, instead of letting Qt abort the process."""

from __future__ import annotations

import os
import sys

from deflection_kit.errors import DeflectionKitError

NO_DISPLAY = (
    "no display found (DISPLAY and WAYLAND_DISPLAY are unset): the desktop app needs a screen. "
    "Run it on a desktop, set QT_QPA_PLATFORM=offscreen to run without one, "
    "or use the command line instead (deflection-kit --help)"
)


def check_display() -> None:
    """Raise a one-line error when Qt would abort for want of a display."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        raise DeflectionKitError(NO_DISPLAY)
