"""Small helpers the Materials page's panels share: named widgets, rows, the session list."""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QWidget

from deflection_kit.storage import Session, Store

W = TypeVar("W", bound=QWidget)


def named(widget: W, name: str, tip: str = "") -> W:
    """Give a widget its accessible name (and object name), and a tooltip if there is one."""
    widget.setAccessibleName(name)
    widget.setObjectName(name.lower().replace(" ", "-"))
    if tip:
        widget.setToolTip(tip)
        widget.setAccessibleDescription(tip)
    return widget


def row(*widgets: QWidget) -> QWidget:
    """Return widgets side by side, the first one stretching."""
    box = QWidget()
    layout = QHBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    for index, widget in enumerate(widgets):
        layout.addWidget(widget, 1 if index == 0 else 0)
    return box


def load_sessions(db_path: Path) -> list[Session]:
    """Return the sessions in the database, newest first ([] if there is no database yet)."""
    if not db_path.exists():
        return []
    with Store.open(db_path) as store:
        return store.sessions.list()


def session_label(session: Session) -> str:
    """Return how a session is listed: date, start, title and place."""
    start = f" {session.start:%H:%M}" if session.start else ""
    place = f" · {session.location}" if session.location else ""
    return f"{session.date.isoformat()}{start} · {session.title}{place}"


def fill_sessions(combo: QComboBox, sessions: list[Session], none_label: str) -> None:
    """Put the sessions in a combo box (data: the Session), keeping the current choice."""
    current = combo.currentData()
    current_id = current.id if isinstance(current, Session) else None
    combo.blockSignals(True)
    combo.clear()
    if none_label:
        combo.addItem(none_label, None)
    for session in sessions:
        combo.addItem(session_label(session), session)
        if session.id == current_id:
            combo.setCurrentIndex(combo.count() - 1)
    combo.blockSignals(False)
