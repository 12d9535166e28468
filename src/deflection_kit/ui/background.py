"""Run a page's long job (a deck, the workshop paper) on its own thread, then tidy up."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread


def start_worker(
    parent: QObject,
    worker: Any,  # a QObject with run() and progress, finished and failed signals
    on_progress: Callable[..., None],
    on_finished: Callable[..., None],
    on_failed: Callable[[str], None],
    on_ended: Callable[[], None],
) -> QThread:
    """Start ``worker.run`` on a new thread; when it ends, delete both and call ``on_ended``."""
    thread = QThread(parent)
    worker.moveToThread(thread)
    thread.started.connect(worker.run)
    worker.progress.connect(on_progress)
    worker.finished.connect(on_finished)
    worker.failed.connect(on_failed)
    worker.finished.connect(thread.quit)
    worker.failed.connect(thread.quit)

    def ended() -> None:
        worker.deleteLater()
        thread.deleteLater()
        on_ended()

    thread.finished.connect(ended)
    thread.start()
    return thread
