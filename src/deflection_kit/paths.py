"""Resolve where things live: bundled content and templates, user data, the default database.

This is the one module that knows the layout of a source checkout, an installed wheel and a
frozen (PyInstaller) build, so nothing else builds paths from ``__file__``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "deflection-kit"
CONTENT_ENV = "DEFLECTION_KIT_CONTENT"
DB_ENV = "DEFLECTION_KIT_DB"
DATA_DIR_ENV = "DEFLECTION_KIT_DATA_DIR"
CACHE_DIR_ENV = "DEFLECTION_KIT_CACHE_DIR"
DB_FILENAME = "deflection-kit.sqlite3"

_BUNDLED_NAMES = ("content", "slides_templates", "fonts", "document_templates")


def _package_dir() -> Path:
    import deflection_kit

    return Path(deflection_kit.__file__).resolve().parent


def bundled_root() -> Path:
    """Return the folder holding the bundled ``content/`` and ``slides_templates/``."""
    frozen_base = getattr(sys, "_MEIPASS", None)
    if frozen_base:
        return Path(frozen_base)
    installed = _package_dir() / "_bundled"
    if (installed / "content").is_dir():
        return installed
    # A source checkout: src/deflection_kit -> repository root.
    return _package_dir().parents[1]


def bundled(name: str) -> Path:
    """Return one bundled folder by name (one of ``_BUNDLED_NAMES``)."""
    if name not in _BUNDLED_NAMES:
        raise ValueError(f"unknown bundled folder {name!r}")
    return bundled_root() / name


def content_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """Return the content folder: the override, $DEFLECTION_KIT_CONTENT, or the bundled one."""
    chosen = override or os.environ.get(CONTENT_ENV)
    return Path(chosen).expanduser() if chosen else bundled("content")


def slides_templates_dir() -> Path:
    """Return the bundled themes and recipes folder."""
    return bundled("slides_templates")


def fonts_dir() -> Path:
    """Return the bundled fonts folder."""
    return bundled("fonts")


def user_data_dir() -> Path:
    """Return the user data folder ($DEFLECTION_KIT_DATA_DIR or the platform's), owner-only."""
    chosen = os.environ.get(DATA_DIR_ENV)
    folder = (
        Path(chosen).expanduser() if chosen else Path(platformdirs.user_data_dir(APP_NAME, False))
    )
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return folder


def user_cache_dir() -> Path:
    """Return the user cache folder ($DEFLECTION_KIT_CACHE_DIR or the platform's), owner-only."""
    chosen = os.environ.get(CACHE_DIR_ENV)
    folder = (
        Path(chosen).expanduser() if chosen else Path(platformdirs.user_cache_dir(APP_NAME, False))
    )
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return folder


def default_db_path(override: str | os.PathLike[str] | None = None) -> Path:
    """Return the database path: the override, $DEFLECTION_KIT_DB, or the user data folder."""
    chosen = override or os.environ.get(DB_ENV)
    return Path(chosen).expanduser() if chosen else user_data_dir() / DB_FILENAME
