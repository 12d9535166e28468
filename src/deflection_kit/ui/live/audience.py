"""The audience window: the projector's full screen, showing only what the presenter state says.

It never shows notes or controls. With a second screen it goes full screen there; with one
screen it is an ordinary window; when the projector is unplugged it comes back to the laptop's
screen as a window (so it never covers the console), and goes back when a screen is added.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeyEvent, QPainter, QPaintEvent, QScreen
from PySide6.QtWidgets import QWidget

from deflection_kit.live import AudienceView
from deflection_kit.ui.live.stage import Stage

WINDOWED_SIZE = QSize(960, 540)
PAINT_LOG = 2000


class AudienceWindow(QWidget):
    """The projector's view of the session."""

    painted = Signal()  # a frame has been painted (benchmarks time the key-to-screen latency)
    key_pressed = Signal(QKeyEvent)  # keys typed on this window belong to the presenter

    def __init__(self, stage: Stage, view: AudienceView, title: str = "") -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.stage = stage
        self.view = view
        self.painted_view: AudienceView | None = None
        self.paint_log: list[AudienceView] = []  # every view painted, in order
        self.allow_close = False
        self.setObjectName("audienceWindow")
        self.setAccessibleName("Audience screen")
        self.setWindowTitle(f"{title} — audience screen" if title else "Audience screen")
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground, True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.target: QScreen | None = None
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.screenRemoved.connect(self._on_screen_removed)
            app.screenAdded.connect(self._on_screen_added)
        self._warm_timer = QTimer(self)
        self._warm_timer.setSingleShot(True)
        self._warm_timer.timeout.connect(self._warm)

    # --- what it shows ----------------------------------------------------------------

    def show_view(self, view: AudienceView) -> None:
        """Show ``view`` from the next frame on."""
        if view != self.view:
            self.view = view
            self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        """Paint the current view, edge to edge."""
        painter = QPainter(self)
        try:
            self.stage.paint(painter, QRectF(self.rect()), self.view)
        finally:
            painter.end()
        self.painted_view = self.view
        self.paint_log.append(self.view)
        del self.paint_log[:-PAINT_LOG]
        self.painted.emit()
        self._warm_timer.start(0)

    def _warm(self) -> None:
        area = self.stage.slide_rect(QRectF(self.rect()))
        size = QSize(round(area.width()), round(area.height()))
        if size.width() > 0 and not self.view.ended:
            self.stage.warm(self.view.slide, size, self.devicePixelRatioF())

    # --- where it shows ---------------------------------------------------------------

    def projector_screen(self, exclude: QScreen | None = None) -> QScreen | None:
        """Return the screen that is not the laptop's (the primary), if there is one."""
        primary = QGuiApplication.primaryScreen()
        for screen in QGuiApplication.screens():
            if screen is not primary and screen is not exclude:
                return screen
        return None

    def place(self, exclude: QScreen | None = None) -> None:
        """Go full screen on the projector, or be a window on the laptop's screen."""
        projector = self.projector_screen(exclude)
        if projector is not None:
            self.target = projector
            self.setScreen(projector)
            self.setGeometry(projector.geometry())
            self.setCursor(Qt.CursorShape.BlankCursor)
            self.showFullScreen()
            return
        self.target = None
        primary = QGuiApplication.primaryScreen()
        self.unsetCursor()
        if self.isFullScreen():
            # Leaving full screen on a screen that is going away: hide, move home, show.
            self.hide()
            self.setWindowState(Qt.WindowState.WindowNoState)
        if primary is not None:
            self.setScreen(primary)
            free = primary.availableGeometry()
            size = WINDOWED_SIZE.boundedTo(free.size())
            self.setGeometry(
                free.right() - size.width() - 20, free.top() + 40, size.width(), size.height()
            )
        self.showNormal()

    def on_projector(self) -> bool:
        """Return True while the window fills a second screen."""
        return self.target is not None and self.isFullScreen()

    def _on_screen_removed(self, screen: QScreen) -> None:
        if screen is self.target or screen is self.screen():
            self.place(exclude=screen)

    def _on_screen_added(self, screen: QScreen) -> None:
        if self.target is None and self.isVisible():
            self.place()

    # --- keys and closing -------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        """Hand keys to the presenter console (a clicker may be talking to this window)."""
        self.key_pressed.emit(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        """Stay open until the session ends: the room must not lose its screen by accident."""
        if self.allow_close:
            event.accept()
        else:
            event.ignore()
