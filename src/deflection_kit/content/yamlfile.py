"""Read YAML into plain dicts and lists that remember the line of every key and item.

Files are read with LibYAML's C parser when PyYAML has it (about ten times faster than the pure
Python one, with the same nodes and line marks); a file the C parser refuses is read again by
the pure-Python parser, so every problem is worded and placed the same way whichever is used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import yaml

from deflection_kit.errors import Problem

if TYPE_CHECKING:
    _Reading = yaml.SafeLoader | yaml.CSafeLoader


class LineDict(dict[str, Any]):
    """A mapping read from YAML that knows its own line and the line of each key."""

    line: int
    key_lines: dict[str, int]


class LineList(list[Any]):
    """A sequence read from YAML that knows its own line and the line of each item."""

    line: int
    item_lines: list[int]


class _Loader(yaml.SafeLoader):
    """SafeLoader that keeps booleans as text and tracks lines."""


FAST: bool = yaml.__with_libyaml__  # PyYAML's wheels carry LibYAML; a source build may not


class _CLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The same loader on LibYAML's C parser (used only when ``FAST``)."""


# YAML 1.1 reads yes/no/on/off (and true/false) as booleans; content authors mean words, and a
# choice of "True" must stay text. The models turn "true"/"false" into booleans where they want one.
_NO_BOOLEANS = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.yaml_implicit_resolvers = _NO_BOOLEANS
_CLoader.yaml_implicit_resolvers = _NO_BOOLEANS


class DuplicateKeyError(yaml.YAMLError):
    """A mapping names the same key twice."""

    def __init__(self, key: object, line: int) -> None:
        super().__init__(f"duplicate key {key!r}")
        self.line = line


def _construct_mapping(loader: _Reading, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        key_line = key_node.start_mark.line + 1
        if not isinstance(key, str):
            key = str(key)
        if key in result:
            raise DuplicateKeyError(key, key_line)
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_line
    return result


def _construct_sequence(loader: _Reading, node: yaml.SequenceNode) -> LineList:
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


def _construct_timestamp_as_text(loader: _Reading, node: yaml.ScalarNode) -> str:
    # Dates stay text: the models parse them, so a bad date is a field error with a line.
    return str(loader.construct_scalar(node))


for _loader in (_Loader, _CLoader):
    _loader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
    _loader.add_constructor("tag:yaml.org,2002:seq", _construct_sequence)
    _loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp_as_text)


def parse_yaml(text: str, path: str, first_line: int = 1) -> tuple[Any, list[Problem]]:
    """Parse YAML text; return the data and any problems (with lines counted from ``first_line``).

    Lines are reported as they are in the file, so text taken from the middle of a file (front
    matter) passes the line it starts on.
    """
    padded = "\n" * (first_line - 1) + text
    if FAST:
        try:
            return yaml.load(padded, Loader=_CLoader), []  # noqa: S506 - a CSafeLoader
        except Exception:  # noqa: S110 - read again below, where each problem gets its words
            pass
    return _parse_pure(padded, path, first_line)


def _parse_pure(padded: str, path: str, first_line: int) -> tuple[Any, list[Problem]]:
    """Parse with the pure-Python loader, turning each kind of YAML error into one problem."""
    try:
        return yaml.load(padded, Loader=_Loader), []  # noqa: S506 - _Loader is a SafeLoader
    except DuplicateKeyError as error:
        return None, [Problem(path, error.line, str(error))]
    except yaml.reader.ReaderError as error:
        line = padded.count("\n", 0, error.position) + 1
        char = (
            error.character if isinstance(error.character, int) else ord(error.character[:1] or " ")
        )
        return None, [Problem(path, line, f"control character #x{char:04x} in the text")]
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else first_line
        what = " ".join(part for part in (error.context, error.problem) if part)
        hint = " (put text that holds : # ? [ ] { } in quotes)" if "flow" in what else ""
        return None, [Problem(path, line, f"not valid YAML: {what}{hint}")]
    except (yaml.YAMLError, ValueError, TypeError, OverflowError) as error:
        return None, [Problem(path, first_line, f"not valid YAML: {error}")]
    except RecursionError:
        return None, [Problem(path, first_line, "not valid YAML: nested too deeply")]


def line_of(data: Any, loc: tuple[int | str, ...], default: int) -> int:
    """Return the line of the deepest item along ``loc`` inside YAML data read by ``parse_yaml``."""
    line = getattr(data, "line", default)
    node = data
    for step in loc:
        if isinstance(node, LineDict) and isinstance(step, str) and step in node:
            line = node.key_lines.get(step, line)
            node = node[step]
        elif isinstance(node, LineList) and isinstance(step, int) and 0 <= step < len(node):
            line = node.item_lines[step]
            node = node[step]
        else:
            break
    return line
