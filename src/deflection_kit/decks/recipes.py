"""Recipes: jinja2 templates that arrange the course into a deck, rendered in a sandbox.

A recipe (``NAME.j2``) writes YAML: a deck ``title`` and a list of ``slides``. The bundled
recipes live in ``slides_templates/recipes/``; a user's own folder (``<user data>/recipes/``,
or ``--recipes DIR``) is searched first, so a recipe there replaces a bundled one of the same
name, and can import the bundled macros (``_slides.j2``). Files starting with ``_`` are
partials, not recipes. The first line of a recipe may be a comment describing it:
``{# A 10-minute briefing ... #}``.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from jinja2 import (
    ChoiceLoader,
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
    TemplateNotFound,
    TemplateSyntaxError,
    UndefinedError,
)

from deflection_kit import paths
from deflection_kit.decks.sandbox import GuardedEnvironment, RecipeLimitError
from deflection_kit.errors import DeflectionKitError, UsageError

SUFFIX = ".j2"
DEFAULT_RECIPE = "full-course"
MAX_RECIPE_BYTES = 512 * 1024
_DESCRIPTION = re.compile(r"^\{#-?\s*(.*?)\s*-?#\}", re.DOTALL)
_YAML_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufffe\uffff]")

try:  # libyaml's parser is about ten times faster than the pure-Python one
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader


class RecipeError(DeflectionKitError):
    """A recipe could not be rendered or produced something that is not a deck."""


@dataclass(frozen=True)
class RecipeInfo:
    """A recipe's name, one-line description and where it comes from."""

    name: str
    description: str
    path: Path
    bundled: bool


def bundled_recipes_dir() -> Path:
    """Return the folder of bundled recipes."""
    return paths.slides_templates_dir() / "recipes"


def user_recipes_dir() -> Path:
    """Return the user's own recipes folder (it may not exist)."""
    return paths.user_data_dir() / "recipes"


def recipe_dirs(extra: Path | None = None) -> tuple[Path, ...]:
    """Return the folders searched for recipes, first match wins."""
    folders = [extra] if extra is not None else []
    folders.append(user_recipes_dir())
    folders.append(bundled_recipes_dir())
    return tuple(folder for folder in folders if folder.is_dir())


def yaml_text(value: Any) -> str:
    """Return ``value`` as a JSON literal that is also safe, valid YAML (the ``j`` filter)."""

    def plain(item: Any) -> Any:
        if isinstance(item, Mapping):
            return dict(item)
        if isinstance(item, (tuple, set, frozenset)):
            return list(item)
        return str(item)

    text = json.dumps(value, ensure_ascii=False, default=plain)
    return _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


class _SizedLoader(FileSystemLoader):
    """A file loader that refuses recipe files too big to be hand-written."""

    def get_source(self, environment: Any, template: str) -> tuple[str, str, Callable[[], bool]]:
        source, filename, uptodate = super().get_source(environment, template)
        if len(source) > MAX_RECIPE_BYTES:
            raise RecipeError(f"{filename}: a recipe file may not be larger than 512 KB")
        return source, filename, uptodate


@functools.lru_cache(maxsize=8)
def recipe_environment(folders: tuple[Path, ...]) -> GuardedEnvironment:
    """Return the sandboxed environment for these recipe folders (cached)."""
    env = GuardedEnvironment(
        loader=ChoiceLoader([_SizedLoader(str(folder)) for folder in folders]),
        undefined=StrictUndefined,
        autoescape=False,  # the output is YAML; values go through the j filter
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.do", "jinja2.ext.loopcontrols"],
    )
    env.filters["j"] = yaml_text
    return env


def _describe(path: Path) -> str:
    try:
        with open(path, encoding="utf-8") as handle:
            head = handle.read(2000)
    except (OSError, UnicodeDecodeError):
        return ""
    match = _DESCRIPTION.match(head.lstrip())
    return " ".join(match.group(1).split()) if match else ""


def list_recipes(extra: Path | None = None) -> list[RecipeInfo]:
    """Return every recipe by name (a user's recipe hides a bundled one of the same name)."""
    found: dict[str, RecipeInfo] = {}
    bundled = bundled_recipes_dir()
    for folder in recipe_dirs(extra):
        for path in sorted(folder.glob(f"*{SUFFIX}")):
            name = path.name[: -len(SUFFIX)]
            if name.startswith("_") or name in found:
                continue
            found[name] = RecipeInfo(name, _describe(path), path, folder == bundled)
    return sorted(found.values(), key=lambda info: info.name)


def _where(error: TemplateError) -> str:
    lineno = getattr(error, "lineno", None)
    name = getattr(error, "filename", None) or getattr(error, "name", None)
    if name and lineno:
        return f"{name}:{lineno}: "
    return ""


def render_recipe(name: str, context: Mapping[str, Any], extra: Path | None = None) -> Any:
    """Render a recipe with ``context`` and return the parsed YAML it produced."""
    folders = recipe_dirs(extra)
    known = {info.name for info in list_recipes(extra)}
    if name not in known:
        raise UsageError(f"unknown recipe {name!r}; choose one of: {', '.join(sorted(known))}")
    env = recipe_environment(folders)
    try:
        template = env.get_template(name + SUFFIX)
        text = env.render_bounded(template, dict(context))
    except RecipeLimitError as error:
        raise RecipeError(f"recipe {name!r} stopped: {error}") from None
    except TemplateSyntaxError as error:
        raise RecipeError(f"{_where(error)}recipe syntax error: {error.message}") from None
    except UndefinedError as error:
        raise RecipeError(f"recipe {name!r}: {error.message}") from None
    except TemplateNotFound as error:
        raise RecipeError(f"recipe {name!r} includes a missing template {error.name!r}") from None
    except TemplateError as error:
        raise RecipeError(f"recipe {name!r}: {error}") from None
    except RecursionError:
        raise RecipeError(f"recipe {name!r} recursed too deeply") from None
    if text.lstrip().startswith("{"):
        try:  # the bundled recipes write one JSON document (valid YAML, parsed faster)
            return json.loads(text)
        except ValueError:
            pass
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - a safe loader (C or Python)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        problem = getattr(error, "problem", None) or str(error)
        raise RecipeError(
            f"recipe {name!r} wrote invalid YAML{where}: {problem} "
            "(pass text through the |j filter)"
        ) from None
