"""Build the workshop's paper: choose session, recipe, pathways, audience, resources; build.

Everything is checked before anything is written; a problem shows as one line under the
buttons and no file is made. Building runs in a worker thread; when it is done the folder
can be opened from the page.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, QThread, QTime, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from deflection_kit.decks.recipes import list_recipes
from deflection_kit.materials import KINDS, MaterialsOptions
from deflection_kit.settings import PAPER_SIZES, load_settings
from deflection_kit.storage import Session
from deflection_kit.ui.background import start_worker
from deflection_kit.ui.materials.widgets import fill_sessions, load_sessions, named, row
from deflection_kit.ui.materials.worker import MaterialsBuilder
from deflection_kit.ui.pages import AppContext
from deflection_kit.ui.pathway_checklist import PathwayChecklist

PAPER_LABELS = {"letter": "US Letter", "a4": "A4"}
KIND_LABELS = {
    "guide": "Facilitator guid&e",
    "handout": "Ha&ndout and resource guide",
    "worksheet": "Action-planning &worksheet",
    "forms": "Knowledge check and e&valuation forms",
}


def default_folder() -> Path:
    """Return where materials go unless the user says otherwise."""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents or Path.home()) / "deflection-materials"


class BuildPanel(QWidget):
    """The choices, the documents to build, the output folder and the Build button."""

    built = Signal(str)  # the folder written to
    build_failed = Signal(str)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        course = context.course
        self._thread: QThread | None = None
        self.last_folder: Path | None = None
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

        self.session = named(
            QComboBox(),
            "Session",
            "Plan for a session: its date, start, "
            "length, place, facilitators, pathways and audience",
        )
        self.session.currentIndexChanged.connect(self._use_session)
        self.refresh_button = named(QPushButton("Re&load"), "Reload the session list")
        self.refresh_button.clicked.connect(self.refresh_sessions)
        self._add(form, "&Session:", row(self.session, self.refresh_button), self.session)

        self.recipe = named(QComboBox(), "Recipe", "The deck recipe the guide follows")
        for info in list_recipes():
            self.recipe.addItem(info.name, info.name)
            self.recipe.setItemData(
                self.recipe.count() - 1, info.description, Qt.ItemDataRole.ToolTipRole
            )
        self.recipe.setCurrentIndex(max(self.recipe.findData("full-course"), 0))
        self._add(form, "&Recipe:", self.recipe)

        self.pathway_checklist = PathwayChecklist(
            course.pathways, "Check the pathways the session covers; Space toggles one", "None"
        )
        self.pathways = self.pathway_checklist.list
        self.all_button = self.pathway_checklist.all_button
        self.none_button = self.pathway_checklist.none_button
        self._add(form, "Pathwa&ys:", self.pathway_checklist, self.pathways)

        self.audience = named(QComboBox(), "Audience", "Whose examples and case studies lead")
        self.audience.addItem("Everyone", "")
        for audience in course.info.audiences:
            self.audience.addItem(audience.name, audience.id)
        self._add(form, "A&udience:", self.audience)

        self.resources = named(
            QLineEdit(), "Local resources file", "CSV with name, service, phone, address, hours"
        )
        self.resources_button = named(QPushButton("Choose…"), "Choose a local resources file")
        self.resources_button.clicked.connect(self._choose_resources)
        self._add(
            form, "Local resour&ces:", row(self.resources, self.resources_button), self.resources
        )

        self.start = named(QTimeEdit(QTime(9, 0)), "Start time", "When the session starts")
        self.start.setDisplayFormat("HH:mm")
        self.minutes = named(QSpinBox(), "Length in minutes", "0: as the recipe plans")
        self.minutes.setRange(0, 24 * 60)
        self.minutes.setSpecialValueText("as planned")
        self.minutes.setSuffix(" min")
        self._add(form, "S&tart and length:", row(self.start, self.minutes), self.start)

        self.paper = named(QComboBox(), "Paper size")
        for size in PAPER_SIZES:
            self.paper.addItem(PAPER_LABELS.get(size, size), size)
        self.paper.setCurrentIndex(max(self.paper.findData(load_settings().paper_size), 0))
        self._add(form, "Paper si&ze:", self.paper)

        self.kinds: dict[str, QCheckBox] = {}
        kinds_box = QWidget()
        kinds_layout = QVBoxLayout(kinds_box)
        kinds_layout.setContentsMargins(0, 0, 0, 0)
        for kind, description in KINDS.items():
            check = named(
                QCheckBox(KIND_LABELS[kind]), KIND_LABELS[kind].replace("&", ""), description
            )
            check.setChecked(True)
            self.kinds[kind] = check
            kinds_layout.addWidget(check)
        documents_label = QLabel("Documents:")
        form.addRow(documents_label, kinds_box)

        self.out = named(QLineEdit(str(default_folder())), "Output folder")
        self.out_button = named(QPushButton("Choose…"), "Choose the output folder")
        self.out_button.clicked.connect(self._choose_folder)
        self._add(form, "&Output folder:", row(self.out, self.out_button), self.out)

        self.build_button = named(QPushButton("&Build"), "Build the chosen documents")
        self.build_button.setProperty("role", "primary")
        self.build_button.clicked.connect(self.build)
        self.open_button = named(QPushButton("Open fol&der"), "Open the output folder")
        self.open_button.clicked.connect(self.open_folder)
        self.progress = named(QProgressBar(), "Progress building the documents")
        self.progress.setVisible(False)
        self.result = named(QLabel(), "Result")
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        actions = QHBoxLayout()
        actions.addWidget(self.build_button)
        actions.addWidget(self.open_button)
        actions.addStretch(1)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(actions)
        layout.addWidget(self.progress)
        layout.addWidget(self.result)
        layout.addStretch(1)
        self.refresh_sessions()

    def _add(
        self, form: QFormLayout, text: str, field: QWidget, buddy: QWidget | None = None
    ) -> None:
        label = QLabel(text)
        label.setBuddy(buddy or field)
        form.addRow(label, field)

    # --- choices ------------------------------------------------------------------------

    def refresh_sessions(self) -> None:
        """Reload the sessions from the database."""
        fill_sessions(
            self.session,
            load_sessions(self.context.db_path),
            "No session: plan from the choices below",
        )

    def set_pathways(self, ids: tuple[str, ...] | None) -> None:
        """Check exactly these pathways (None: all)."""
        self.pathway_checklist.set_checked(ids)

    def checked_pathways(self) -> tuple[str, ...]:
        """Return the ids of the checked pathways, in course order."""
        return self.pathway_checklist.checked()

    def _use_session(self) -> None:
        session = self.session.currentData()
        if not isinstance(session, Session):
            return
        self.set_pathways(tuple(session.pathways) or None)
        index = self.audience.findData(session.audience)
        self.audience.setCurrentIndex(max(index, 0))
        if session.start is not None:
            self.start.setTime(QTime(session.start.hour, session.start.minute))
        self.minutes.setValue(session.minutes)

    def options(self) -> MaterialsOptions:
        """Return the options the controls describe."""
        session = self.session.currentData()
        resources = self.resources.text().strip()
        start = self.start.time()
        return MaterialsOptions(
            recipe=str(self.recipe.currentData() or "full-course"),
            pathways=self.checked_pathways(),
            audience=str(self.audience.currentData() or ""),
            resources=Path(resources).expanduser() if resources else None,
            session=session if isinstance(session, Session) else None,
            start=dt.time(start.hour(), start.minute()),
            minutes=self.minutes.value() or None,
            paper=str(self.paper.currentData()),
            settings=load_settings(),
        )

    def chosen_kinds(self) -> tuple[str, ...]:
        """Return the documents ticked."""
        return tuple(kind for kind, check in self.kinds.items() if check.isChecked())

    def _choose_resources(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Local resources", "", "CSV files (*.csv)")
        if name:
            self.resources.setText(name)

    def _choose_folder(self) -> None:
        name = QFileDialog.getExistingDirectory(self, "Build the materials into", self.out.text())
        if name:
            self.out.setText(name)

    # --- building -----------------------------------------------------------------------

    def build(self) -> None:
        """Build the ticked documents into the output folder, in a worker thread."""
        if self._thread is not None:
            return
        kinds = self.chosen_kinds()
        if not kinds:
            self._failed("tick at least one document to build")
            return
        try:
            options = self.options()
        except Exception as error:  # settings file damaged and the like: one line
            self._failed(str(error))
            return
        out = Path(self.out.text().strip() or str(default_folder())).expanduser()
        self.build_button.setEnabled(False)
        self.progress.setRange(0, len(kinds))
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self.result.setText("Building…")
        builder = MaterialsBuilder(self.context.course, options, out, kinds)
        self._thread = start_worker(
            self, builder, self._progress, self._done, self._failed, self._cleanup
        )

    def _progress(self, what: str) -> None:
        self.progress.setValue(self.progress.value() + 1)
        self.result.setText(f"Writing: {what}…")

    def _done(self, folder: str, files: list[str]) -> None:
        self.last_folder = Path(folder)
        self.progress.setVisible(False)
        names = ", ".join(Path(f).name for f in files)
        self.result.setText(f"Saved {len(files)} files in {folder}: {names}")
        self.result.setProperty("state", "")
        self.built.emit(folder)

    def _failed(self, message: str) -> None:
        self.progress.setVisible(False)
        self.result.setText(f"Nothing written: {message}")
        self.result.setProperty("state", "error")
        self.build_button.setEnabled(self._thread is None)
        self.build_failed.emit(message)

    def _cleanup(self) -> None:
        self._thread = None
        self.build_button.setEnabled(True)

    def busy(self) -> bool:
        """Return whether documents are being built."""
        return self._thread is not None

    def open_folder(self) -> None:
        """Open the last built (or the chosen) folder in the file manager."""
        folder = self.last_folder or Path(self.out.text().strip()).expanduser()
        if folder.is_dir():
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
        else:
            self.result.setText(f"{folder} does not exist yet: build first")
