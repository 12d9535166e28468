"""The left side of the Decks page: the controls that choose what goes into a deck."""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QColorDialog,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from deflection_kit.content import Course
from deflection_kit.decks import DeckOptions, bundled_themes, list_recipes
from deflection_kit.ui.pathway_checklist import PathwayChecklist


def _row(*widgets: QWidget) -> QWidget:
    box = QWidget()
    layout = QHBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    for index, widget in enumerate(widgets):
        layout.addWidget(widget, 1 if index == 0 else 0)
    return box


_W = TypeVar("_W", bound=QWidget)


def _named(widget: _W, name: str, tip: str = "") -> _W:
    widget.setAccessibleName(name)
    widget.setObjectName(name.lower().replace(" ", "-"))
    if tip:
        widget.setToolTip(tip)
        widget.setAccessibleDescription(tip)
    return widget


class DeckOptionsForm(QWidget):
    """Recipe, pathways, audience, theme and branding; emits ``changed`` on every edit."""

    changed = Signal()

    def __init__(self, course: Course, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.course = course
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

        self.recipe = QComboBox()
        _named(self.recipe, "Recipe", "Which slides to make, in what order")
        for info in list_recipes():
            self.recipe.addItem(info.name, info.name)
            self.recipe.setItemData(
                self.recipe.count() - 1, info.description, Qt.ItemDataRole.ToolTipRole
            )
        self.recipe.setCurrentIndex(max(self.recipe.findData("full-course"), 0))
        self.recipe_help = QLabel()
        self.recipe_help.setWordWrap(True)
        self.recipe_help.setProperty("role", "muted")
        self.recipe.currentIndexChanged.connect(self._describe_recipe)
        self._describe_recipe()
        self._add(form, "&Recipe:", self.recipe)
        form.addRow("", self.recipe_help)

        self.pathway_checklist = PathwayChecklist(
            course.pathways, "Check the pathways to include; Space toggles one"
        )
        self.pathway_checklist.changed.connect(self.changed)
        self.pathways = self.pathway_checklist.list
        self._add(form, "Path&ways:", self.pathway_checklist, buddy=self.pathways)

        self.audience = QComboBox()
        _named(self.audience, "Audience", "Whose examples, notes and case studies lead")
        self.audience.addItem("Everyone", "")
        for audience in course.info.audiences:
            self.audience.addItem(audience.name, audience.id)
        self.audience.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self._add(form, "A&udience:", self.audience)

        self.theme = QComboBox()
        _named(self.theme, "Theme", "A bundled theme, or your department's .pptx template")
        for name in bundled_themes():
            self.theme.addItem(name, name)
        self.theme.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.template_button = _named(QPushButton("Te&mplate…"), "Use a .pptx template")
        self.template_button.clicked.connect(self._choose_template)
        self._add(form, "&Theme:", _row(self.theme, self.template_button), buddy=self.theme)

        self.agency = _named(QLineEdit(), "Agency name", "Shown on the title slide and footer")
        self.agency.setPlaceholderText("e.g. Springfield Police Department")
        self.agency.textChanged.connect(lambda _t: self.changed.emit())
        self._add(form, "Agenc&y:", self.agency)

        self.logo = _named(QLineEdit(), "Logo file", "A PNG or JPEG picture")
        self.logo.textChanged.connect(lambda _t: self.changed.emit())
        self.logo_button = _named(QPushButton("Choose…"), "Choose a logo picture")
        self.logo_button.clicked.connect(self._choose_logo)
        self._add(form, "&Logo:", _row(self.logo, self.logo_button), buddy=self.logo)
        self.logo_alt = _named(QLineEdit(), "Logo alt text", "What a screen reader says")
        self.logo_alt.setPlaceholderText("e.g. Springfield Police badge")
        self.logo_alt.textChanged.connect(lambda _t: self.changed.emit())
        self._add(form, "Logo alt te&xt:", self.logo_alt)

        self.accent = _named(QLineEdit(), "Accent colour", "Six hex digits, e.g. 1F5F8B")
        self.accent.setPlaceholderText("theme's own")
        self.accent.textChanged.connect(lambda _t: self.changed.emit())
        self.accent_button = _named(QPushButton("Pick…"), "Pick an accent colour")
        self.accent_button.clicked.connect(self._pick_accent)
        self._add(form, "A&ccent:", _row(self.accent, self.accent_button), buddy=self.accent)

        self.resources = _named(
            QLineEdit(), "Local resources file", "CSV with name, service, phone, address, hours"
        )
        self.resources.textChanged.connect(lambda _t: self.changed.emit())
        self.resources_button = _named(QPushButton("Choose…"), "Choose a local resources file")
        self.resources_button.clicked.connect(self._choose_resources)
        self._add(
            form,
            "Local r&esources:",
            _row(self.resources, self.resources_button),
            buddy=self.resources,
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addStretch(1)

    def _add(
        self, form: QFormLayout, text: str, field: QWidget, buddy: QWidget | None = None
    ) -> None:
        label = QLabel(text)
        label.setBuddy(buddy or field)
        form.addRow(label, field)

    def _describe_recipe(self) -> None:
        self.recipe_help.setText(str(self.recipe.currentData(Qt.ItemDataRole.ToolTipRole) or ""))
        self.changed.emit()

    # --- values -------------------------------------------------------------------------

    def set_pathways(self, ids: tuple[str, ...] | None) -> None:
        """Check exactly these pathways (None: all)."""
        self.pathway_checklist.set_checked(ids)

    def checked_pathways(self) -> tuple[str, ...]:
        """Return the ids of the checked pathways, in course order."""
        return self.pathway_checklist.checked()

    def select(self, combo: QComboBox, value: str) -> None:
        """Select the item of a combo box whose data is ``value``."""
        index = combo.findData(value)
        if index >= 0:
            combo.setCurrentIndex(index)

    def use_template(self, path: Path) -> None:
        """Add a .pptx template to the theme list and select it."""
        value = str(path)
        if self.theme.findData(value) < 0:
            self.theme.addItem(f"Template: {path.name}", value)
        self.select(self.theme, value)

    def options(self) -> DeckOptions:
        """Return the options the controls describe."""
        logo = self.logo.text().strip()
        resources = self.resources.text().strip()
        return DeckOptions(
            recipe=str(self.recipe.currentData() or "full-course"),
            pathways=self.checked_pathways(),
            audience=str(self.audience.currentData() or ""),
            theme=str(self.theme.currentData() or "default"),
            agency=self.agency.text(),
            logo=Path(logo) if logo else None,
            logo_alt=self.logo_alt.text(),
            accent=self.accent.text().strip(),
            resources=Path(resources) if resources else None,
        )

    # --- file and colour choosers -----------------------------------------------------------

    def _choose_template(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, "Use a PowerPoint template", "", "PowerPoint (*.pptx)"
        )
        if name:
            self.use_template(Path(name))

    def _choose_logo(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Logo", "", "Pictures (*.png *.jpg *.jpeg)")
        if name:
            self.logo.setText(name)

    def _choose_resources(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Local resources", "", "CSV files (*.csv)")
        if name:
            self.resources.setText(name)

    def _pick_accent(self) -> None:
        start = QColor(f"#{self.accent.text().strip().lstrip('#')}")
        colour = QColorDialog.getColor(start if start.isValid() else QColor("#1f5f8b"), self)
        if colour.isValid():
            self.accent.setText(colour.name().lstrip("#").upper())
