"""The Materials page: build the workshop's paper, and type in the paper forms afterwards."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QScrollArea, QTabWidget, QVBoxLayout, QWidget

from deflection_kit.ui.materials.build_panel import BuildPanel
from deflection_kit.ui.materials.entry_panel import EntryPanel
from deflection_kit.ui.materials.widgets import named
from deflection_kit.ui.pages import AppContext


class MaterialsPage(QWidget):
    """Two tabs: Build (guide, handouts, worksheet, forms) and Enter paper forms."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        title = QLabel("Workshop materials")
        title.setProperty("role", "pageTitle")
        intro = QLabel(
            "Print what the room needs: the facilitator guide (lesson plan), the participant "
            "handout with the resource guide, the action-planning worksheet, and the knowledge "
            "check and evaluation forms. After the session, type the paper forms in."
        )
        intro.setWordWrap(True)
        intro.setProperty("role", "muted")
        self.build_panel = BuildPanel(context)
        scroll = QScrollArea()
        scroll.setWidget(self.build_panel)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.entry_panel = EntryPanel(context)
        self.tabs = named(QTabWidget(), "Materials")
        self.tabs.addTab(scroll, "Bu&ild")
        self.tabs.addTab(self.entry_panel, "Enter paper for&ms")
        self.tabs.currentChanged.connect(self._tab_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addWidget(self.tabs, 1)

    def _tab_changed(self, index: int) -> None:
        if self.tabs.widget(index) is self.entry_panel:
            self.entry_panel.refresh_sessions()
