"""Run Typst: the one module that imports it.

The kit's own templates compile in this process with one long-lived compiler (fonts loaded
once: a few milliseconds a document). A department's templates are not the kit's code, and a
Typst loop can run for a very long time, so they compile in a separate worker process that is
killed at a time limit, with a memory cap where the platform has one and no way to fetch
packages from the network. Either way the compiler sees only the staged template folder, the
bundled fonts (never the system's), and an empty package folder.
"""

from __future__ import annotations

import atexit
import contextlib
import multiprocessing
import os
import re
import shutil
import tempfile
import threading
from dataclasses import dataclass
from functools import cache
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from deflection_kit.errors import DeflectionKitError

PDF_STANDARDS = ["ua-1"]
WORKER_SECONDS = 60.0
WORKER_MEMORY_BYTES = 3 * 1024**3
MAX_PDF_BYTES = 256 * 1024 * 1024
# Package downloads go through a proxy that is never there: a template cannot reach the network.
_PROXIES = ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY")
_NO_NETWORK = dict.fromkeys(_PROXIES, "http://127.0.0.1:9")


class DocumentError(DeflectionKitError):
    """A document template could not be typeset."""


@dataclass(frozen=True)
class Job:
    """One compile: the staged root, the main file in it, the data text and the fonts folder."""

    root: Path
    main: str
    inputs: dict[str, str]
    fonts: Path
    timestamp: int | None = None


_WHERE = re.compile(r"┌─ (?:\S*deflection-kit-doc-[^/\\]+[/\\])?(\S+:\d+):\d+")


def _message(error: Exception, main: str) -> str:
    """Return Typst's first error as one line: the file and line it is in, then what."""
    text = " ".join(str(getattr(error, "message", "") or error).split())
    where = _WHERE.search(str(getattr(error, "diagnostic", "")))
    hints = [" ".join(str(h).split()) for h in getattr(error, "hints", None) or []]
    place = where.group(1) if where else main
    return f"document template {place}: {text}" + (f" (hint: {hints[0]})" if hints else "")


def _compiler(fonts: Path, packages: Path, root: Path) -> Any:
    import typst

    bundled = typst.Fonts(
        include_system_fonts=False, include_embedded_fonts=False, font_paths=[str(fonts)]
    )
    return typst.Compiler(
        root=str(root),
        font_paths=bundled,
        ignore_system_fonts=True,
        package_path=str(packages),
        package_cache_path=str(packages),
    )


def _compile(compiler: Any, job: Job) -> bytes:
    import typst

    try:
        result = compiler.compile(
            input=str(job.root / job.main),
            root=str(job.root),
            format="pdf",
            sys_inputs=job.inputs,
            pdf_standards=PDF_STANDARDS,
            timestamp=job.timestamp,
        )
    except typst.TypstError as error:
        raise DocumentError(_message(error, job.main)) from None
    if not isinstance(result, bytes):
        raise DocumentError(f"document template {job.main}: did not make one PDF")
    if len(result) > MAX_PDF_BYTES:
        raise DocumentError(f"document template {job.main}: the PDF is over 256 MB")
    return result


# --- in this process: the kit's own templates ----------------------------------------------

_LOCK = threading.Lock()


@cache
def _empty_folder() -> Path:
    """Return an empty private folder for the whole process (packages: none)."""
    folder = Path(tempfile.mkdtemp(prefix="deflection-kit-typst-"))
    atexit.register(shutil.rmtree, folder, True)
    return folder


@cache
def _shared_compiler(fonts: Path) -> Any:
    return _compiler(fonts, _empty_folder(), _empty_folder())


def compile_here(job: Job) -> bytes:
    """Compile a job of the kit's own templates in this process."""
    with _LOCK:  # one compiler, used by one thread at a time
        return _compile(_shared_compiler(job.fonts), job)


# --- in a worker process: anyone else's templates ------------------------------------------


def _limit_worker() -> None:
    os.environ.update(_NO_NETWORK)
    os.environ["NO_PROXY"] = os.environ["no_proxy"] = ""
    try:
        import resource
    except ImportError:  # Windows: the time limit still holds
        return
    with contextlib.suppress(ValueError, OSError):  # a lower hard limit is already there
        resource.setrlimit(resource.RLIMIT_AS, (WORKER_MEMORY_BYTES, WORKER_MEMORY_BYTES))


def _worker(job: Job, channel: Connection) -> None:
    """Compile in the worker process and send back ("ok", pdf) or ("error", message)."""
    _limit_worker()
    packages = job.root / ".packages"
    packages.mkdir(exist_ok=True)
    try:
        channel.send(("ok", _compile(_compiler(job.fonts, packages, job.root), job)))
    except DocumentError as error:
        channel.send(("error", str(error)))
    except MemoryError:
        channel.send(("error", f"document template {job.main}: ran out of memory"))
    finally:
        channel.close()


def compile_in_worker(job: Job, seconds: float | None = None) -> bytes:
    """Compile a job in a fresh worker process; stop it after ``seconds`` (WORKER_SECONDS)."""
    seconds = WORKER_SECONDS if seconds is None else seconds
    context = multiprocessing.get_context("spawn")  # no fork of a process that runs Qt threads
    receive, send = context.Pipe(duplex=False)
    process = context.Process(target=_worker, args=(job, send), daemon=True)
    process.start()
    send.close()
    try:
        if not receive.poll(seconds):
            raise DocumentError(
                f"document template {job.main}: took longer than {seconds:g} seconds; stopped"
            )
        try:
            status, payload = receive.recv()
        except EOFError:
            process.join(5)
            raise DocumentError(
                f"document template {job.main}: the typesetter stopped "
                f"(exit code {process.exitcode}); is the template using too much memory?"
            ) from None
    finally:
        receive.close()
        if process.is_alive():
            process.kill()
        process.join()
    if status != "ok":
        raise DocumentError(str(payload))
    return bytes(payload)
