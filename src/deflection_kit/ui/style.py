"""The app's look: a calm, high-contrast palette and type sized to read at a glance."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

ACCENT = "#1f5f8b"  # deep blue: 7.0:1 against white
INK = "#1b1f24"
MUTED = "#4a5563"  # 7.5:1 against white
SURFACE = "#f4f6f8"

STYLESHEET = f"""
QWidget {{ color: {INK}; }}
QMainWindow, QDialog {{ background: white; }}
QListWidget#pageList {{
    background: {SURFACE}; border: none; border-right: 1px solid #d5dbe1;
    font-size: 12pt; padding-top: 8px;
}}
QListWidget#pageList::item {{ padding: 10px 16px; }}
QListWidget#pageList::item:selected {{ background: {ACCENT}; color: white; }}
QListWidget#pageList::item:focus {{ outline: 2px solid #f2a900; }}
QLabel[role="pageTitle"] {{ font-size: 18pt; font-weight: 600; }}
QLabel[role="muted"] {{ color: {MUTED}; }}
QLineEdit {{ padding: 6px; border: 1px solid #9aa5b1; border-radius: 4px; }}
QLineEdit:focus, QTreeView:focus, QTableView:focus, QTextBrowser:focus, QListView:focus {{
    border: 2px solid {ACCENT};
}}
QPushButton {{ padding: 6px 14px; border: 1px solid #9aa5b1; border-radius: 4px;
    background: white; }}
QPushButton:focus {{ border: 2px solid {ACCENT}; }}
QPushButton[role="primary"] {{ background: {ACCENT}; color: white; border-color: {ACCENT}; }}
QTabBar::tab {{ padding: 8px 16px; }}
/* No bold on the selected tab: a wider label overflows the bar into scroll arrows. */
QTabBar::tab:selected {{ border-bottom: 3px solid {ACCENT}; color: {ACCENT}; }}
QHeaderView::section {{ background: {SURFACE}; padding: 6px; border: none;
    border-bottom: 1px solid #d5dbe1; font-weight: 600; }}
"""


def apply_style(app: QApplication) -> None:
    """Give the app its font size and stylesheet."""
    if app.property("deflectionKitStyled"):
        return
    font = QFont(app.font())
    font.setPointSizeF(max(font.pointSizeF(), 11.0))
    app.setFont(font)
    app.setStyleSheet(STYLESHEET)
    app.setProperty("deflectionKitStyled", True)
