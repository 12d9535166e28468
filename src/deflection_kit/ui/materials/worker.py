"""Build the materials off the UI thread and report each document as it starts."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot

from deflection_kit.content import Course
from deflection_kit.errors import DeflectionKitError
from deflection_kit.materials import MaterialsOptions, build_materials


class MaterialsBuilder(QObject):
    """Build the chosen documents into a folder; move it to a QThread and start ``run``."""

    progress = Signal(str)  # the document being written
    finished = Signal(str, list)  # the folder, the files written
    failed = Signal(str)  # one line saying what went wrong

    def __init__(
        self, course: Course, options: MaterialsOptions, out: Path, kinds: tuple[str, ...]
    ) -> None:
        super().__init__()
        self.course = course
        self.options = options
        self.out = out
        self.kinds = kinds

    @Slot()
    def run(self) -> None:
        """Build (in whatever thread this object lives in)."""
        try:
            result = build_materials(
                self.course, self.options, self.out, self.kinds, self.progress.emit
            )
        except DeflectionKitError as error:
            self.failed.emit(str(error))
        except Exception as error:  # a bug: say so instead of dying silently in a thread
            self.failed.emit(f"internal error: {error!r}")
        else:
            self.finished.emit(str(result.folder), [str(path) for path in result.files])
