"""Keep the loaded, checked course between runs, so a command does not read and check it again.

Loading the course (read every file, validate the model, cross-check ids, sources and wording)
takes longer than most commands' own work. After a load succeeds, the course is kept in the
user's cache folder (owner-only), under a key made of:

- every file in the content folder (its path and a SHA-256 of its bytes) and the folder itself;
- the source of this package (model, loader and checks: any change to them is a new key), the
  Python and pydantic versions, and which YAML parser read it.

A run whose key matches takes the course from the cache; anything else (a changed file, a new
kit, a damaged, foreign or world-writable cache file) loads from the files and replaces it.
Only a course that passed every check is kept. ``content check`` never uses the cache.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import stat
import sys
from importlib import resources
from pathlib import Path

import pydantic

from deflection_kit import paths, privatefiles
from deflection_kit.content import yamlfile
from deflection_kit.content.loader import load_course
from deflection_kit.content.model import Course

FORMAT = b"deflection-kit course cache 1\n"
MAX_CONTENT_BYTES = 64 * 1024 * 1024  # a folder bigger than this is hashed slower than it loads


def _code_fingerprint() -> str | None:
    """Return a hash of this package's source and the libraries the cached objects depend on."""
    digest = hashlib.sha256()
    digest.update(f"{sys.version}|{pydantic.VERSION}|{yamlfile.FAST}".encode())
    try:
        sources = sorted(
            (entry.name, entry.read_bytes())
            for entry in resources.files(__package__).iterdir()
            if entry.name.endswith(".py")
        )
    except (OSError, TypeError, ValueError):  # a frozen build: its package folder may not exist
        return None
    if not sources:  # a frozen build keeps no sources: no way to tell versions apart
        return None
    for name, data in sources:
        digest.update(name.encode() + b"\0" + hashlib.sha256(data).digest())
    return digest.hexdigest()


CODE = _code_fingerprint()


def course_key(root: Path, code: str | None = CODE) -> str | None:
    """Return the cache key of the content folder ``root``, or None when it cannot be cached."""
    if code is None:
        return None
    digest = hashlib.sha256(f"{code}\0{root.resolve()}\0".encode())
    total = 0
    for folder, subfolders, files in os.walk(root):
        subfolders.sort()
        subfolders[:] = [name for name in subfolders if name != "__pycache__"]
        for name in sorted(files):
            path = Path(folder, name)
            data = path.read_bytes()
            total += len(data)
            if total > MAX_CONTENT_BYTES:
                return None
            relative = path.relative_to(root).as_posix()
            digest.update(relative.encode() + b"\0" + hashlib.sha256(data).digest())
    return digest.hexdigest()


def cache_file(root: Path) -> Path:
    """Return the cache file kept for the content folder ``root`` (one per folder)."""
    name = hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:24]
    return paths.user_cache_dir() / f"course-{name}.pickle"


def _private(path: Path) -> bool:
    """Return whether only this user could have written ``path`` and its folder."""
    if os.name != "posix":
        return True  # the user's profile folder is private by its access rules
    for item in (path, path.parent):
        info = item.stat()
        if info.st_uid != os.geteuid() or stat.S_IMODE(info.st_mode) & 0o022:
            return False
    return True


def read_cached(path: Path, key: str) -> Course | None:
    """Return the course kept in ``path`` under ``key``, or None if it is not there or not ours."""
    try:
        if not _private(path):
            return None
        data = path.read_bytes()
    except OSError:
        return None
    header = FORMAT + key.encode() + b"\n"
    if not data.startswith(header):
        return None
    try:
        course = pickle.loads(data[len(header) :])  # noqa: S301 - owner-only file, checked above
    except Exception:  # damaged or from another kit: load from the files instead
        return None
    return course if isinstance(course, Course) else None


def write_cached(path: Path, key: str, course: Course) -> None:
    """Keep ``course`` in ``path`` under ``key`` (owner-only, all or nothing; never fails)."""
    try:
        payload = pickle.dumps(course, protocol=pickle.HIGHEST_PROTOCOL)
        with privatefiles.atomic_path(path, sync_folder=False) as temporary:
            temporary.write_bytes(FORMAT + key.encode() + b"\n" + payload)
    except (OSError, pickle.PicklingError, TypeError, RecursionError):
        return  # a read-only cache folder only costs the next run its load


def load_course_cached(directory: str | Path) -> Course:
    """Return the checked course in ``directory``: from the cache if nothing changed, else loaded.

    Raises ``ContentError`` listing every problem, exactly as ``load_course`` does.
    """
    root = Path(directory)
    try:
        key = course_key(root) if root.is_dir() else None
        path = cache_file(root)
    except OSError:
        key = None  # an unreadable file (the loader names it), or no cache folder
    if key is None:
        return load_course(root)
    course = read_cached(path, key)
    if course is None:
        course = load_course(root)
        with contextlib.suppress(OSError):
            if course_key(root) == key:  # keep it only if no file changed while it loaded
                write_cached(path, key, course)
    return course
