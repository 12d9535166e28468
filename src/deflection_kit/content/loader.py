"""Load a content folder into a ``Course``, reporting every problem with its file and line."""

from __future__ import annotations

import types
import typing
from collections.abc import Mapping
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from deflection_kit.content.citations import extract_citations
from deflection_kit.content.markdown_module import parse_module_file
from deflection_kit.content.model import (
    ContentModel,
    Course,
    CourseInfo,
    GlossaryTerm,
    Module,
    Pathway,
    Question,
    Resource,
    Source,
)
from deflection_kit.content.validate import LoadGaps, validate_course
from deflection_kit.content.yamlfile import LineDict, LineList, line_of, parse_yaml
from deflection_kit.errors import ContentError, Problem

COURSE_FILE = "course.yaml"
SOURCES_FILE = "sources.yaml"
QUESTIONS_FILE = "questions.yaml"
RESOURCES_FILE = "resources.yaml"
GLOSSARY_FILE = "glossary.yaml"
MODULES_DIR = "modules"
PATHWAYS_DIR = "pathways"
MAX_FILE_BYTES = (
    2 * 1024 * 1024
)  # content files are hand-written text; anything bigger is a mistake

M = TypeVar("M", bound=ContentModel)


class _Reader:
    """Read the files of one content folder, collecting problems instead of stopping."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.problems: list[Problem] = []
        # Kinds of which some item could not be loaded: cross-checks that need every item of a
        # kind skip it, so a broken item is reported once, not again as an "unknown" id.
        self.incomplete: set[str] = set()
        self.unreadable: set[str] = set()  # kinds whose file or folder did not load at all
        # Ids of items that were written but did not load: references to them are not "unknown".
        self.unloaded_ids: set[str] = set()

    def label(self, path: Path) -> str:
        """Return how a file is named in messages: relative to the folder's parent."""
        try:
            return str(path.relative_to(self.root.parent))
        except ValueError:
            return str(path)

    def read_text(self, path: Path) -> str | None:
        """Return a file's text, or record why it cannot be read."""
        label = self.label(path)
        try:
            if path.stat().st_size > MAX_FILE_BYTES:
                self.problems.append(Problem(label, 1, "file is larger than 2 MB"))
                return None
            data = path.read_bytes()
        except OSError as error:
            self.problems.append(Problem(label, 1, f"cannot read: {error.strerror or error}"))
            return None
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            line = data.count(b"\n", 0, error.start) + 1
            self.problems.append(Problem(label, line, "not UTF-8 text; save the file as UTF-8"))
            return None
        if "\x00" in text:
            line = text.count("\n", 0, text.index("\x00")) + 1
            self.problems.append(Problem(label, line, "contains a NUL byte; is this a text file?"))
            return None
        return text.replace("\r\n", "\n").replace("\r", "\n")

    def read_yaml(self, path: Path) -> Any:
        """Return a YAML file's data, or None with the problem recorded."""
        text = self.read_text(path)
        if text is None:
            return None
        data, problems = parse_yaml(text, self.label(path))
        self.problems.extend(problems)
        if data is None and not problems:
            self.problems.append(Problem(self.label(path), 1, "file is empty"))
        return data

    def build(self, cls: type[M], data: Any, path: Path) -> M | None:
        """Validate raw data as ``cls``, recording each field error with its line."""
        label = self.label(path)
        if data is None:
            return None  # the file could not be read; its problem is already recorded
        if not isinstance(data, LineDict):
            line = getattr(data, "line", 1)
            self.problems.append(Problem(label, line, f"expected a mapping of {_kind(cls)} fields"))
            return None
        self.problems.extend(_prepare(cls, data, label))
        try:
            return cls.model_validate(data)
        except ValidationError as error:
            if isinstance(data.get("id"), str):
                self.unloaded_ids.add(data["id"])
            for detail in error.errors():
                loc = tuple(detail["loc"])
                line = line_of(data, loc, data.line)
                self.problems.append(Problem(label, line, _message(cls, detail)))
            return None

    def build_list(self, cls: type[M], path: Path, top_key: str) -> list[M]:
        """Validate a file holding a list of ``cls`` under ``top_key``."""
        data = self.read_yaml(path) if self.require(path) else None
        if data is None:
            self.incomplete.add(top_key)
            self.unreadable.add(top_key)
            return []
        items = data.get(top_key) if isinstance(data, LineDict) else None
        if not isinstance(items, LineList):
            line = getattr(data, "line", 1)
            self.problems.append(
                Problem(self.label(path), line, f"expected '{top_key}:' followed by a list")
            )
            self.incomplete.add(top_key)
            self.unreadable.add(top_key)
            return []
        built = [self.build(cls, item, path) for item in items]
        loaded = [item for item in built if item is not None]
        if len(loaded) < len(built):
            self.incomplete.add(top_key)
        return loaded

    def gaps(self) -> LoadGaps:
        """Return what failed to load, for the cross-checks."""
        return LoadGaps(
            frozenset(self.incomplete), frozenset(self.unreadable), frozenset(self.unloaded_ids)
        )

    def require(self, path: Path) -> bool:
        """Return whether a required file exists, recording it when it does not."""
        if path.is_file():
            return True
        self.problems.append(Problem(self.label(path), 1, "required file is missing"))
        return False


def _kind(cls: type[BaseModel]) -> str:
    return {"CourseInfo": "course"}.get(cls.__name__, cls.__name__.lower())


def _message(cls: type[BaseModel], detail: Mapping[str, Any]) -> str:
    loc = [str(part) for part in detail["loc"]]
    field = loc[-1] if loc else _kind(cls)
    kind = detail["type"]
    if kind == "missing":
        if field == "notes":
            return "slide has no speaker notes (add a 'Notes:' section)"
        return f"missing field '{field}'"
    if kind == "extra_forbidden":
        return f"unknown field '{field}'"
    if kind == "too_short" and field == "sources":
        return "cite at least one source (sources: [id])"
    if kind == "too_short":
        return f"{field}: list at least {detail.get('ctx', {}).get('min_length', 1)} item(s)"
    where = ".".join(loc) or _kind(cls)
    return f"{where}: {detail['msg']}"


def _model_types(annotation: Any) -> list[type[ContentModel]]:
    """Return the content model classes an annotation can hold (directly or in tuples)."""
    found: list[type[ContentModel]] = []
    if isinstance(annotation, type) and issubclass(annotation, ContentModel):
        return [annotation]
    origin = typing.get_origin(annotation)
    if origin in (tuple, typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            found.extend(_model_types(arg))
    return found


def _prepare(cls: type[ContentModel], data: LineDict, label: str) -> list[Problem]:
    """Attach origins and move citation markers into ``sources`` throughout raw data."""
    problems: list[Problem] = []
    cited: list[str] = []
    fields = cls.model_fields
    for key, value in list(data.items()):
        if key in ("origin", "sources") or key not in fields:
            continue
        nested = _model_types(fields[key].annotation)
        if nested and isinstance(value, LineDict):
            problems.extend(_prepare(nested[0], value, label))
        elif nested and isinstance(value, LineList):
            for item in value:
                if isinstance(item, LineDict):
                    problems.extend(_prepare(nested[0], item, label))
        elif isinstance(value, str):
            data[key], ids = extract_citations(value)
            cited.extend(ids)
        elif isinstance(value, LineList):
            for index, item in enumerate(value):
                if isinstance(item, str):
                    value[index], ids = extract_citations(item)
                    cited.extend(ids)
        elif isinstance(value, LineDict):
            for inner_key, item in list(value.items()):
                data.key_lines[f"{key}.{inner_key}"] = value.key_lines[inner_key]
                if isinstance(item, str):
                    value[inner_key], ids = extract_citations(item)
                    cited.extend(ids)
    if cited:
        if "sources" in fields:
            existing = data.get("sources")
            merged = list(existing) if isinstance(existing, list) else []
            merged.extend(source for source in cited if source not in merged)
            lines = LineList(merged)
            lines.line = data.key_lines.get("sources", data.line)
            lines.item_lines = [lines.line] * len(merged)
            data["sources"] = lines
            data.key_lines.setdefault("sources", data.line)
        else:
            problems.append(
                Problem(label, data.line, f"a {_kind(cls)} cannot cite sources; cite them nearby")
            )
    data["origin"] = {"path": label, "line": data.line, "fields": dict(data.key_lines)}
    return problems


def _load_modules(reader: _Reader, folder: Path) -> list[Module]:
    modules: list[Module] = []
    if not folder.is_dir():
        reader.problems.append(Problem(reader.label(folder), 1, "modules folder is missing"))
        reader.incomplete.add("modules")
        return modules
    for path in sorted(folder.glob("*.md")):
        text = reader.read_text(path)
        data, problems = (None, []) if text is None else parse_module_file(text, reader.label(path))
        reader.problems.extend(problems)
        module = reader.build(Module, data, path) if data is not None else None
        if module is None:
            reader.incomplete.add("modules")
        else:
            modules.append(module)
    return sorted(modules, key=lambda module: module.number)


def _load_pathways(reader: _Reader, folder: Path) -> list[Pathway]:
    pathways: list[Pathway] = []
    if not folder.is_dir():
        reader.problems.append(Problem(reader.label(folder), 1, "pathways folder is missing"))
        reader.incomplete.add("pathways")
        reader.unreadable.add("pathways")
        return pathways
    for path in sorted(folder.glob("*.yaml")):
        data = reader.read_yaml(path)
        pathway = reader.build(Pathway, data, path)
        if pathway is None:
            reader.incomplete.add("pathways")
            reader.unloaded_ids.add(path.stem)  # a pathway's id is its file name
            continue
        if pathway.id != path.stem:
            line = pathway.origin.line_of("id") if pathway.origin else 1
            reader.problems.append(
                Problem(
                    reader.label(path), line, f"pathway id {pathway.id!r} must match the file name"
                )
            )
        pathways.append(pathway)
    return sorted(pathways, key=lambda pathway: pathway.order)


def load_course(directory: str | Path) -> Course:
    """Load and check the course in ``directory``; raise ``ContentError`` listing every problem."""
    root = Path(directory)
    if not root.is_dir():
        raise ContentError([Problem(str(root), 1, "content folder not found")])
    reader = _Reader(root)
    info = None
    if reader.require(root / COURSE_FILE):
        info = reader.build(CourseInfo, reader.read_yaml(root / COURSE_FILE), root / COURSE_FILE)
    lists: dict[str, list[Any]] = {}
    for name, cls, key in (
        (SOURCES_FILE, Source, "sources"),
        (QUESTIONS_FILE, Question, "questions"),
        (RESOURCES_FILE, Resource, "resources"),
        (GLOSSARY_FILE, GlossaryTerm, "glossary"),
    ):
        lists[key] = reader.build_list(cls, root / name, key)
    modules = _load_modules(reader, root / MODULES_DIR)
    pathways = _load_pathways(reader, root / PATHWAYS_DIR)
    if info is None:
        raise ContentError(_sorted(reader.problems))
    course = Course(
        info=info,
        modules=tuple(modules),
        pathways=tuple(pathways),
        questions=tuple(lists["questions"]),
        resources=tuple(lists["resources"]),
        glossary=tuple(lists["glossary"]),
        sources=tuple(lists["sources"]),
        root=str(root.resolve()),
    )
    problems = [
        *reader.problems,
        *validate_course(course, root, reader.gaps()),
    ]
    if problems:
        raise ContentError(_sorted(problems))
    return course


def _sorted(problems: list[Problem]) -> list[Problem]:
    unique = dict.fromkeys(problems)
    return sorted(unique, key=lambda p: (p.path, p.line, p.message))
