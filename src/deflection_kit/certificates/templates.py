"""Certificate designs: SVG + jinja2 files in ``content/certificates/``, filled in a sandbox.

A content folder given with ``--content DIR`` may bring its own ``certificates/NAME.svg.j2``;
those come first, and the bundled designs fill in the rest (datasette-style layered loaders).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import TracebackType
from typing import Any, Protocol

from jinja2 import TemplateNotFound, TemplateSyntaxError
from jinja2.exceptions import SecurityError, TemplateError, UndefinedError

from deflection_kit import paths
from deflection_kit.certificates.codes import group
from deflection_kit.certificates.model import Certificate, SignedCertificate
from deflection_kit.certificates.page import LETTER, Paper
from deflection_kit.certificates.payload import encode
from deflection_kit.certificates.qr import qr_code
from deflection_kit.certificates.svgdoc import (
    CertificateSvg,
    SvgTemplateError,
    read_certificate_svg,
)
from deflection_kit.errors import InputFileError, UsageError
from deflection_kit.guards.folders import FolderLoader, template_files
from deflection_kit.guards.sandbox import BoundedEnvironment, Limits, render_bounded

TEMPLATES_FOLDER = "certificates"
SUFFIX = ".svg.j2"
DEFAULT_DESIGN = "classic"
MAX_TEMPLATE_BYTES = 512 * 1024
DESIGN_LIMITS = Limits(seconds=2.0, max_text=1_000_000, max_output=8_000_000)
_MONTHS = (
    *("January", "February", "March", "April", "May", "June"),
    *("July", "August", "September", "October", "November", "December"),
)


class Wording(Protocol):
    """The words a course prints on its certificates (``content``'s CertificateWording)."""

    @property
    def heading(self) -> str: ...
    @property
    def statement(self) -> str: ...
    @property
    def credit_line(self) -> str: ...
    @property
    def signature_label(self) -> str: ...


@dataclass(frozen=True)
class Images:
    """Optional pictures from the settings, as data URIs (empty when not set)."""

    logo: str = ""
    signature: str = ""


def template_dirs(content_dir: str | os.PathLike[str] | None = None) -> tuple[Path, ...]:
    """Return the folders searched for designs: the content folder's, then the bundled one."""
    bundled = paths.bundled("content") / TEMPLATES_FOLDER
    chosen = paths.content_dir(content_dir) / TEMPLATES_FOLDER
    folders = [chosen] if chosen.is_dir() else []
    if bundled.resolve() not in [f.resolve() for f in folders]:
        folders.append(bundled)
    return tuple(folders)


@lru_cache(maxsize=8)
def _environment(folders: tuple[Path, ...]) -> BoundedEnvironment:
    # Only real files inside the folders: no symbolic links, nothing outside, <= 512 KB.
    loader = FolderLoader(folders, MAX_TEMPLATE_BYTES, (".j2",))
    return BoundedEnvironment(
        limits=DESIGN_LIMITS, loader=loader, autoescape=True, auto_reload=True
    )


def list_designs(content_dir: str | os.PathLike[str] | None = None) -> list[str]:
    """Return the design names available (``classic``, ``modern``, and any of the content's)."""
    names: set[str] = set()
    for folder in template_dirs(content_dir):
        names.update(p.name[: -len(SUFFIX)] for p in template_files(folder, SUFFIX))
    return sorted(names)


def long_date(day: dt.date) -> str:
    """Return a date as printed: ``March 4, 2025``."""
    return f"{_MONTHS[day.month - 1]} {day.day}, {day.year}"


def join_names(names: tuple[str, ...]) -> str:
    """Return names as a phrase: ``A``, ``A and B``, ``A, B and C``."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def template_context(
    signed: SignedCertificate, wording: Wording, paper: Paper = LETTER, images: Images = Images()
) -> dict[str, Any]:
    """Return every value a design may use (see docs/certificates.md for the list)."""
    cert: Certificate = signed.certificate
    return {
        "page": {
            "width": paper.width,
            "height": paper.height,
            "name": paper.name,
            "label": paper.label,
        },
        "participant_name": cert.participant_name,
        "course_title": cert.course_title,
        "course_id": cert.course_id,
        "date": long_date(cert.date),
        "date_iso": cert.date_text,
        "credit_hours": cert.hours_text,
        "credit_line": wording.credit_line.replace("{hours}", cert.hours_text),
        "minutes_attended": cert.minutes_attended,
        "facilitators": list(cert.facilitators),
        "facilitators_text": join_names(cert.facilitators),
        "host_agency": cert.host_agency,
        "code": cert.code,
        "certificate_id": cert.certificate_id,
        "issuer_key_id": group(cert.issuer_key_id),
        "heading": wording.heading,
        "statement": wording.statement,
        "signature_label": wording.signature_label,
        # An object, not a dict: its path data is built only in the form a design uses.
        "qr": qr_code(encode(signed)),
        "logo": images.logo,
        "signature_image": images.signature,
    }


def _template_line(tb: TracebackType | None, filename: str | None) -> int | None:
    """Return the template line a render error happened at (jinja rewrites the traceback)."""
    line = None
    while tb is not None:
        if filename and tb.tb_frame.f_code.co_filename == filename:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def render_design(
    design: str,
    context: Mapping[str, Any],
    content_dir: str | os.PathLike[str] | None = None,
    limits: Limits | None = None,
    folders: tuple[Path, ...] | None = None,
) -> CertificateSvg:
    """Render design ``design`` with ``context``; return the safe SVG and its text boxes.

    ``folders`` are template_dirs(content_dir), when the caller has them already. A missing
    field, a syntax error or a template that runs over its budget is an InputFileError naming
    the template file and line.
    """
    folders = folders if folders is not None else template_dirs(content_dir)
    environment = _environment(folders)
    name = f"{design}{SUFFIX}"
    filename: str | None = None
    try:
        source_name = environment.get_template(name).filename
        filename = source_name
        text = render_bounded(environment, name, context, limits)
    except TemplateNotFound as error:
        if filename is not None:  # the design was found; something it includes was not
            line = _template_line(error.__traceback__, filename)
            message = f"includes a missing template {error.name!r}"
            raise InputFileError(filename, line, message) from None
        available = ", ".join(list_designs(content_dir)) or "none"
        raise UsageError(f"unknown certificate design {design!r}: choose {available}") from None
    except TemplateSyntaxError as error:
        raise InputFileError(error.filename or name, error.lineno, error.message or "") from None
    except UndefinedError as error:
        line = _template_line(error.__traceback__, filename)
        raise InputFileError(
            filename or name, line, f"unknown field: {error.message}; see docs/certificates.md"
        ) from None
    except (SecurityError, TemplateError) as error:
        line = _template_line(error.__traceback__, filename)
        raise InputFileError(filename or name, line, str(error)) from None
    except RecursionError:
        raise InputFileError(
            filename or name, None, "the template calls itself too deeply"
        ) from None
    try:
        return read_certificate_svg(text)
    except SvgTemplateError as error:
        where = f" (line {error.line} of the rendered SVG)" if error.line else ""
        raise InputFileError(filename or name, None, f"{error}{where}") from None
