"""The Course page: tabs for modules, pathways, resources, glossary, questions; search over all."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from deflection_kit.content.model import Activity, Course, Slide
from deflection_kit.content.search import search
from deflection_kit.ui.course import html
from deflection_kit.ui.course.models import (
    KEY_ROLE,
    PathwayComparisonModel,
    SearchResultsModel,
    TableModel,
    course_tree,
    glossary_model,
    questions_model,
    resources_model,
)
from deflection_kit.ui.pages import AppContext

TAB_FOR_KIND = {
    "module": "modules",
    "slide": "modules",
    "activity": "modules",
    "pathway": "pathways",
    "example": "pathways",
    "resource": "resources",
    "term": "glossary",
    "question": "questions",
}
PATHWAY_COLUMN_WIDTH = 300


def _detail(name: str) -> QTextBrowser:
    browser = QTextBrowser()
    browser.setObjectName(name)
    browser.setAccessibleName(name.replace("Detail", " details").capitalize())
    browser.setOpenExternalLinks(True)
    browser.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    return browser


def _table(model: TableModel | PathwayComparisonModel, name: str) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setAccessibleName(name)
    view.setModel(model)
    view.setWordWrap(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return view


class CourseBrowser(QWidget):
    """Browse and search the whole course."""

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.course: Course = context.course
        info = self.course.info
        title = QLabel(info.title)
        title.setProperty("role", "pageTitle")
        title.setWordWrap(True)
        facts = QLabel(
            f"{info.minutes} minutes · {info.level} · {info.credit_hours:g} credit hours · "
            f"{len(self.course.modules)} modules · {len(self.course.pathways)} pathways · "
            f"version {info.version}"
        )
        facts.setProperty("role", "muted")

        self.search_box = QLineEdit()
        self.search_box.setObjectName("courseSearch")
        self.search_box.setAccessibleName("Search the course")
        self.search_box.setPlaceholderText("Search modules, slides, pathways, resources, glossary…")
        self.search_box.setClearButtonEnabled(True)
        search_label = QLabel("&Search:")
        search_label.setBuddy(self.search_box)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("courseTabs")
        self.tabs.setAccessibleName("Course sections")
        self._tab_index: dict[str, int] = {}
        self._build_modules_tab()
        self._build_pathways_tab()
        self._build_table_tab("resources", "&Resources", resources_model(self.course))
        self._build_table_tab("glossary", "G&lossary", glossary_model(self.course))
        self._build_table_tab("questions", "&Questions", questions_model(self.course))
        about = _detail("aboutDetail")
        about.setHtml(html.about_html(self.course))
        self._tab_index["about"] = self.tabs.addTab(about, "&About")

        self.results_model = SearchResultsModel()
        self.results = QListView()
        self.results.setObjectName("searchResults")
        self.results.setAccessibleName("Search results")
        self.results.setModel(self.results_model)
        self.results.setWordWrap(True)
        self.results.setSpacing(3)
        self.results.activated.connect(self._open_result)
        self.results_count = QLabel()
        self.results_count.setProperty("role", "muted")
        results_page = QWidget()
        results_layout = QVBoxLayout(results_page)
        results_layout.setContentsMargins(0, 0, 0, 0)
        results_layout.addWidget(self.results_count)
        results_layout.addWidget(self.results)

        self.stack = QStackedWidget()
        self.stack.addWidget(self.tabs)
        self.stack.addWidget(results_page)

        search_row = QHBoxLayout()
        search_row.addWidget(search_label)
        search_row.addWidget(self.search_box, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.addWidget(title)
        layout.addWidget(facts)
        layout.addLayout(search_row)
        layout.addWidget(self.stack, 1)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(120)
        self._search_timer.timeout.connect(self._run_search)
        self.search_box.textChanged.connect(lambda _text: self._search_timer.start())
        self.search_box.returnPressed.connect(self._focus_results)
        find = QShortcut(QKeySequence.StandardKey.Find, self)
        find.setWhatsThis("Search the course")
        find.activated.connect(self._focus_search)
        # Only in the search box: elsewhere Esc takes the focus back to the page list.
        clear = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.search_box)
        clear.setContext(Qt.ShortcutContext.WidgetShortcut)
        clear.setWhatsThis("Clear the search (in the search box)")
        clear.activated.connect(self.search_box.clear)

        first = self.module_tree.model().index(0, 0)
        if first.isValid():
            self.module_tree.setCurrentIndex(first)

    # building -----------------------------------------------------------------------------

    def _build_modules_tab(self) -> None:
        self.module_tree = QTreeView()
        self.module_tree.setObjectName("moduleTree")
        self.module_tree.setAccessibleName("Modules and slides")
        self.module_tree.setModel(course_tree(self.course))
        self.module_tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.module_tree.expandAll()
        header = self.module_tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        self.module_detail = _detail("moduleDetail")
        selection = self.module_tree.selectionModel()
        selection.currentChanged.connect(
            lambda current, _previous: self._show_in(current, self.module_detail)
        )
        splitter = QSplitter()
        splitter.addWidget(self.module_tree)
        splitter.addWidget(self.module_detail)
        splitter.setSizes([380, 700])
        self._tab_index["modules"] = self.tabs.addTab(splitter, "&Modules")

    def _build_pathways_tab(self) -> None:
        self.pathway_model = PathwayComparisonModel(self.course)
        self.pathway_table = _table(self.pathway_model, "pathwayComparison")
        self.pathway_table.setAccessibleName("Pathways side by side")
        self.pathway_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        for column in range(self.pathway_model.columnCount()):
            self.pathway_table.setColumnWidth(column, PATHWAY_COLUMN_WIDTH)
        self.pathway_detail = _detail("pathwayDetail")
        selection = self.pathway_table.selectionModel()
        selection.currentChanged.connect(
            lambda current, _previous: self._show_in(current, self.pathway_detail)
        )
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.pathway_table)
        splitter.addWidget(self.pathway_detail)
        splitter.setSizes([520, 260])
        self._tab_index["pathways"] = self.tabs.addTab(splitter, "Pa&thways")
        self.tabs.setTabToolTip(self._tab_index["pathways"], "The pathways side by side")
        self.pathway_table.setCurrentIndex(self.pathway_model.index(0, 0))

    def _build_table_tab(self, key: str, label: str, model: TableModel) -> None:
        table = _table(model, f"{key}Table")
        table.horizontalHeader().setStretchLastSection(True)
        table.setColumnWidth(0, 260)
        detail = _detail(f"{key}Detail")
        table.selectionModel().currentChanged.connect(
            lambda current, _previous: self._show_in(current, detail)
        )
        splitter = QSplitter()
        splitter.addWidget(table)
        splitter.addWidget(detail)
        splitter.setSizes([640, 440])
        setattr(self, f"{key}_table", table)
        self._tab_index[key] = self.tabs.addTab(splitter, label)

    # showing ------------------------------------------------------------------------------

    def _html_for(self, kind: str, key: str) -> str:
        course = self.course
        if kind == "module":
            return html.module_html(course, course.module(key))
        if kind == "slide":
            return html.slide_html(course, self._slide(key))
        if kind == "activity":
            return html.activity_html(course, self._activity(key))
        if kind in ("pathway", "example"):
            return html.pathway_html(course, course.pathway(key))
        if kind == "question":
            return html.question_html(course, course.question(key))
        if kind == "resource":
            return html.resource_html(course, next(r for r in course.resources if r.id == key))
        if kind == "term":
            return html.term_html(course, next(t for t in course.glossary if t.term == key))
        return ""

    def _slide(self, slide_id: str) -> Slide:
        return next(s for m in self.course.modules for s in m.slides if s.id == slide_id)

    def _activity(self, activity_id: str) -> Activity:
        return next(a for m in self.course.modules for a in m.activities if a.id == activity_id)

    def _show_in(self, index: QModelIndex, browser: QTextBrowser) -> None:
        target = index.data(KEY_ROLE) if index.isValid() else None
        if target:
            browser.setHtml(self._html_for(*target))

    def show_item(self, kind: str, key: str) -> None:
        """Switch to the tab that holds an item, select it and show its details."""
        tab = TAB_FOR_KIND[kind]
        self.stack.setCurrentWidget(self.tabs)
        self.tabs.setCurrentIndex(self._tab_index[tab])
        view: QAbstractItemView = {
            "modules": self.module_tree,
            "pathways": self.pathway_table,
        }.get(tab) or getattr(self, f"{tab}_table")
        index = self._find(view, (("pathway" if kind == "example" else kind), key))
        if index is not None:
            view.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
            view.scrollTo(index)
            view.setFocus()

    def _find(self, view: QAbstractItemView, target: tuple[str, str]) -> QModelIndex | None:
        model = view.model()
        pending = [QModelIndex()]
        while pending:
            parent = pending.pop()
            for row in range(model.rowCount(parent)):
                for column in range(model.columnCount(parent)):
                    index = model.index(row, column, parent)
                    if index.data(KEY_ROLE) == target:
                        return index
                first = model.index(row, 0, parent)
                if model.hasChildren(first):
                    pending.append(first)
        return None

    # search -------------------------------------------------------------------------------

    def _run_search(self) -> None:
        query = self.search_box.text().strip()
        if not query:
            self.stack.setCurrentWidget(self.tabs)
            self.results_model.set_hits([])
            return
        hits = search(self.course, query)
        self.results_model.set_hits(hits)
        count = len(hits)
        self.results_count.setText(
            f"{count} result{'s' if count != 1 else ''} for “{query}” — Enter opens, Esc clears"
        )
        self.stack.setCurrentIndex(1)
        if count:
            self.results.setCurrentIndex(self.results_model.index(0, 0))

    def set_query(self, text: str) -> None:
        """Search for ``text`` now (without waiting for typing to pause)."""
        self.search_box.setText(text)
        self._search_timer.stop()
        self._run_search()

    def _focus_search(self) -> None:
        self.search_box.setFocus()
        self.search_box.selectAll()

    def _focus_results(self) -> None:
        self._search_timer.stop()
        self._run_search()
        if self.results_model.rowCount():
            self.results.setFocus()

    def _open_result(self, index: QModelIndex) -> None:
        target = index.data(KEY_ROLE)
        if target:
            self.show_item(*target)
