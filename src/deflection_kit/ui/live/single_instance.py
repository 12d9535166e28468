"""One app at a time: a second launch asks the first to come forward, then exits.

The first instance listens on a local socket named after the user data folder (so two data
folders, as tests use, never meet). A socket file left by a killed instance is cleared.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from deflection_kit import paths

RAISE = b"raise\n"
CONNECT_MS = 500


def server_name() -> str:
    """Return the local socket name for this user data folder."""
    folder = str(paths.user_data_dir().resolve())
    return "deflection-kit-" + hashlib.sha256(folder.encode("utf-8")).hexdigest()[:20]


def ask_first_to_raise(name: str | None = None) -> bool:
    """Return True if another instance answered (it has been asked to come forward)."""
    socket = QLocalSocket()
    socket.connectToServer(name or server_name())
    if not socket.waitForConnected(CONNECT_MS):
        return False
    socket.write(RAISE)
    socket.waitForBytesWritten(CONNECT_MS)
    socket.disconnectFromServer()
    return True


class InstanceServer(QObject):
    """Listen for later launches and bring the app forward when one knocks."""

    def __init__(
        self, on_raise: Callable[[], None], name: str | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.name = name or server_name()
        self.on_raise = on_raise
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._knock)
        if not self.server.listen(self.name):
            # Nobody answered on it, so the name is left over from a killed instance.
            QLocalServer.removeServer(self.name)
            self.server.listen(self.name)

    def listening(self) -> bool:
        """Return True while other launches can reach this instance."""
        return self.server.isListening()

    def _knock(self) -> None:
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            if socket is None:
                continue
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(socket.deleteLater)
            if socket.bytesAvailable():
                self._read(socket)

    def _read(self, socket: QLocalSocket) -> None:
        if bytes(socket.readAll().data()).strip() == RAISE.strip():
            self.on_raise()


def bring_forward(window: QObject) -> Callable[[], None]:
    """Return a function that shows, raises and activates ``window`` (and its live console)."""

    def raise_window() -> None:
        from PySide6.QtWidgets import QWidget

        if not isinstance(window, QWidget):
            return
        targets: list[QWidget] = [window]
        for presentation in getattr(window, "_presentations", []):
            targets.append(presentation.console)
        for target in targets:
            if target.isMinimized():
                target.showNormal()
            target.show()
            target.raise_()
            target.activateWindow()

    return raise_window
