"""The main window: a page list on the left, the current page on the right, menus and status bar."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QPaintEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from deflection_kit.ui.live.present_action import install_present_action
from deflection_kit.ui.pages import AppContext, PageSpec, default_pages
from deflection_kit.ui.style import apply_style


class MainWindow(QMainWindow):
    """The app's main window; pages are built once, on first show.

    Made without a context (``MainWindow(None)``) it shows at once with a "loading" note, and
    gets its pages when ``set_context`` hands it the loaded course.
    """

    first_painted = Signal()  # the window is on screen (start-up work waits for this)

    def __init__(self, context: AppContext | None, pages: list[PageSpec] | None = None) -> None:
        super().__init__()
        self._painted = False
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_style(app)
        self.context: AppContext | None = None
        self.setWindowTitle("Deflection Kit")
        self.setObjectName("mainWindow")
        self.resize(self._first_size())
        self._specs: list[PageSpec] = []
        self._widgets: dict[str, QWidget] = {}

        self.nav = QListWidget()
        self.nav.setObjectName("pageList")
        self.nav.setAccessibleName("Pages")
        self.nav.setFixedWidth(200)
        self.stack = QStackedWidget()
        self.stack.setObjectName("pageStack")
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self._build_menus()
        self.nav.currentRowChanged.connect(self._on_row_changed)
        self.status_label = QLabel()
        self.statusBar().addPermanentWidget(self.status_label)
        self.loading = QLabel("Loading the course…")
        self.loading.setObjectName("loadingNote")
        self.loading.setAccessibleName("Loading the course")
        self.loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.loading.setProperty("role", "pageTitle")
        self.stack.addWidget(self.loading)
        if context is not None:
            self.set_context(context, pages)

    def set_context(self, context: AppContext, pages: list[PageSpec] | None = None) -> None:
        """Take the loaded course and database, then build the pages and show the first."""
        if self.context is not None:
            raise RuntimeError("the window already has its course")
        self.context = context
        self.stack.removeWidget(self.loading)
        self.loading.deleteLater()
        for spec in pages if pages is not None else default_pages():
            self.add_page(spec)
        self.status_label.setText(f"{context.course.info.title} · v{context.course.info.version}")
        if self._specs:
            self.nav.setCurrentRow(0)

    def _build_menus(self) -> None:
        menu_bar = self.menuBar()
        self.file_menu = menu_bar.addMenu("&File")
        quit_action = QAction("&Quit", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        self.file_menu.addAction(quit_action)
        self.go_menu = menu_bar.addMenu("&Go")
        install_present_action(self)
        help_menu = menu_bar.addMenu("&Help")
        shortcuts = QAction("&Keyboard shortcuts", self)
        shortcuts.setShortcuts([QKeySequence("F1"), QKeySequence("?")])
        shortcuts.triggered.connect(self.show_shortcuts)
        help_menu.addAction(shortcuts)
        about = QAction("&About Deflection Kit", self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    def add_page(self, spec: PageSpec) -> None:
        """Add a page to the navigation list and the Go menu."""
        self._specs.append(spec)
        # (key, title) pairs in page order: the shortcut list names pages from them.
        self.setProperty("pageTitles", [[s.key, s.title] for s in self._specs])
        item = QListWidgetItem(spec.title)
        item.setToolTip(
            f"{spec.description} ({spec.shortcut})" if spec.description else spec.shortcut
        )
        self.nav.addItem(item)
        placeholder = QWidget()
        self.stack.addWidget(placeholder)
        action = QAction(spec.title, self)
        action.setShortcut(QKeySequence(spec.shortcut))
        action.triggered.connect(lambda _checked=False, key=spec.key: self.show_page(key))
        self.go_menu.addAction(action)
        self.addAction(action)

    @staticmethod
    def _first_size() -> QSize:
        """Return a size that uses most of the screen, within reason (1280×800 to 1680×1050)."""
        screen = QGuiApplication.primaryScreen()
        if screen is None:
            return QSize(1280, 800)
        room = screen.availableGeometry()
        width = min(max(int(room.width() * 0.85), 1280), 1680, room.width())
        height = min(max(int(room.height() * 0.85), 800), 1050, room.height())
        return QSize(width, height)

    def built_page(self, key: str) -> QWidget | None:
        """Return a page's widget if it has been built, without building it."""
        return self._widgets.get(key)

    def page(self, key: str) -> QWidget:
        """Return a page's widget, building it the first time it is asked for."""
        index = self._index(key)
        if key not in self._widgets:
            if self.context is None:
                raise RuntimeError("the course is still loading")
            spec = self._specs[index]
            widget = spec.factory(self.context)
            widget.setObjectName(f"page-{key}")
            widget.setAccessibleName(f"{spec.title} page")
            old = self.stack.widget(index)
            self.stack.insertWidget(index, widget)
            if old is not None:
                self.stack.removeWidget(old)
                old.deleteLater()
            self._widgets[key] = widget
        return self._widgets[key]

    def show_page(self, key: str) -> QWidget:
        """Show a page and return its widget."""
        index = self._index(key)
        widget = self.page(key)
        self.nav.setCurrentRow(index)
        self.stack.setCurrentIndex(index)
        self.statusBar().showMessage(self._specs[index].title, 3000)
        return widget

    def page_keys(self) -> list[str]:
        """Return the keys of the pages, in order."""
        return [spec.key for spec in self._specs]

    def _index(self, key: str) -> int:
        for index, spec in enumerate(self._specs):
            if spec.key == key:
                return index
        raise KeyError(f"no page {key!r}")

    def _on_row_changed(self, row: int) -> None:
        if 0 <= row < len(self._specs):
            self.show_page(self._specs[row].key)

    def show_shortcuts(self) -> QDialog:
        """Show every keyboard shortcut of the window and of every page (building them all)."""
        from deflection_kit.errors import DeflectionKitError
        from deflection_kit.ui.shortcuts_dialog import ShortcutsDialog

        if self.context is not None:
            for key in self.page_keys():
                try:
                    self.page(key)
                except DeflectionKitError as error:  # the page says so itself when opened
                    self.statusBar().showMessage(str(error), 5000)
        dialog = ShortcutsDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.open()
        return dialog

    def _about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        from deflection_kit import __version__

        if self.context is None:
            QMessageBox.about(self, "About Deflection Kit", f"Deflection Kit {__version__}")
            return
        info = self.context.course.info
        QMessageBox.about(
            self,
            "About Deflection Kit",
            f"<b>Deflection Kit {__version__}</b><br>{info.title}<br>"
            f"Course version {info.version} · {info.minutes} minutes<br>"
            f"Database: {self.context.db_path}",
        )

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        """Paint; the first time, say so once the frame is out."""
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self.first_painted.emit)

    def keyPressEvent(self, event: object) -> None:  # noqa: N802 - Qt's name
        """Let Escape return focus to the page list, the keyboard user's home."""
        from PySide6.QtGui import QKeyEvent

        if isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Escape:
            self.nav.setFocus()
            return
        super().keyPressEvent(event)  # type: ignore[arg-type]
