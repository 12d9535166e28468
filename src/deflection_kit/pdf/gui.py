"""A Qt GUI application for painting, created on demand (offscreen when there is no display)."""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication

_APP: QGuiApplication | None = None  # keep a reference: Qt must not lose its application


def ensure_gui_app() -> QCoreApplication:
    """Return the running Qt application, or start a QGuiApplication able to paint.

    Painting text needs a GUI application (fonts live there). With no display, Qt would abort
    the process, so the offscreen platform is chosen first. The desktop app creates its own
    QApplication before this is ever called, and that one is reused.
    """
    global _APP
    existing = QCoreApplication.instance()
    if existing is not None:
        if not isinstance(existing, QGuiApplication):
            raise RuntimeError("a non-GUI QCoreApplication is running; PDFs need QtGui")
        return existing
    no_display = not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if sys.platform.startswith("linux") and no_display:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _APP = QGuiApplication(sys.argv[:1] or ["deflection-kit"])
    return _APP
