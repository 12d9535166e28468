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
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from jinja2 import (
    StrictUndefined,
    TemplateError,
    TemplateNotFound,
    TemplateSyntaxError,
    UndefinedError,
)

from deflection_kit import paths
from deflection_kit.errors import DeflectionKitError, InputFileError, UsageError
from deflection_kit.guards.folders import FolderLoader, refusal, template_files
from deflection_kit.guards.sandbox import (
    BoundedEnvironment,
    Limits,
    TemplateLimitError,
    render_bounded,
)

SUFFIX = ".j2"
DEFAULT_RECIPE = "full-course"
MAX_RECIPE_BYTES = 512 * 1024
# A recipe writes a whole deck as text: the full course writes 0.13 M characters and builds
# 0.6 M along the way (2,000 steps).
RECIPE_LIMITS = Limits(
    seconds=10.0,
    steps=5_000_000,
    max_text=4_000_000,
    max_items=200_000,
    max_output=4_000_000,
    max_built=20_000_000,
    what="recipe",
)
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


@functools.lru_cache(maxsize=8)
def recipe_environment(folders: tuple[Path, ...]) -> BoundedEnvironment:
    """Return the sandboxed environment for these recipe folders (cached)."""
    env = BoundedEnvironment(
        limits=RECIPE_LIMITS,
        filters={"j": yaml_text},
        # Only real files inside the folders: no symbolic links, nothing outside, <= 512 KB.
        loader=FolderLoader(folders, MAX_RECIPE_BYTES, (SUFFIX,)),
        undefined=StrictUndefined,
        autoescape=False,  # the output is YAML; values go through the j filter
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.do", "jinja2.ext.loopcontrols"],
    )
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
        for path in template_files(folder, SUFFIX):
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
        for folder in folders:
            refused = refusal(folder, folder / f"{name}{SUFFIX}")
            if refused is not None:
                raise refused
        raise UsageError(f"unknown recipe {name!r}; choose one of: {', '.join(sorted(known))}")
    env = recipe_environment(folders)
    try:
        text = render_bounded(env, name + SUFFIX, context, RECIPE_LIMITS)
    except TemplateLimitError as error:
        raise RecipeError(f"recipe {name!r} stopped: {error}") from None
    except TemplateSyntaxError as error:
        raise RecipeError(f"{_where(error)}recipe syntax error: {error.message}") from None
    except UndefinedError as error:
        raise RecipeError(f"recipe {name!r}: {error.message}") from None
    except TemplateNotFound as error:
        raise RecipeError(f"recipe {name!r} includes a missing template {error.name!r}") from None
    except TemplateError as error:
        raise RecipeError(f"recipe {name!r}: {error}") from None
    except InputFileError:
        raise  # a refused or unreadable file, named
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
