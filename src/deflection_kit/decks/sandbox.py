"""A jinja2 sandbox with a time and size bound, for recipes users may write or download.

jinja2's ``SandboxedEnvironment`` stops a template from reaching Python internals, but not from
running for ever or building a gigabyte string. On top of it we add:

- a tick at the start of every block (loop bodies included, via the code generator), which
  enforces a deadline and a step budget;
- a size check on string concatenation (``~``), on ``*``, ``**``, ``%`` and ``+``, on the
  string methods and filters that can multiply text (replace, center, format, ...), and on the
  whole output.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Iterable, Sized
from typing import Any

from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment, SandboxedFormatter

MAX_TEXT = 4_000_000  # characters in any one string or in the whole output
MAX_ITEMS = 200_000  # items in a list built with * or +
MAX_SECONDS = 10.0
MAX_STEPS = 5_000_000
_WIDTH = re.compile(r"(\d{5,})")  # a width or precision of 10,000 or more in a format spec
_STAR = re.compile(r"%[-#0 +]*(\d*\.)?\*")  # '%*d': a width taken from the arguments


class RecipeLimitError(SecurityError):
    """A recipe ran too long or built too much text."""


class _Budget(threading.local):
    deadline: float = 0.0
    steps: int = 0


class _GuardedCodeGenerator(CodeGenerator):
    """Compile templates with a tick in every block and checked string concatenation."""

    def blockvisit(self, nodes: Iterable[nodes.Node], frame: Frame) -> None:
        self.writeline("environment.tick()")
        super().blockvisit(nodes, frame)

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:  # noqa: N802 - jinja's name
        self.write("environment.checked(")
        super().visit_Concat(node, frame)
        self.write(")")


def _size(value: Any) -> int:
    return len(value) if isinstance(value, Sized) else 0


def _check_width(spec: str) -> None:
    if _WIDTH.search(spec) or _STAR.search(spec):
        raise RecipeLimitError("a format width over 9,999 is not allowed in a recipe")


class _BoundedFormatter(SandboxedFormatter):
    """The sandbox's str.format, refusing huge widths (also those passed as arguments)."""

    def format_field(self, value: Any, format_spec: str) -> Any:
        _check_width(format_spec)
        return super().format_field(value, format_spec)


def _check_replace(text: str, old: str, new: str) -> None:
    growth = text.count(old) * max(len(new) - len(old), 0) if old else (len(text) + 1) * len(new)
    if len(text) + growth > MAX_TEXT:
        raise RecipeLimitError("replace would build a text that is too long")


class GuardedEnvironment(SandboxedEnvironment):
    """A sandboxed environment that bounds time, steps and text size."""

    code_generator_class = _GuardedCodeGenerator
    intercepted_binops = frozenset({"*", "**", "%", "+"})

    def __init__(self, *args: Any, max_seconds: float = MAX_SECONDS, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.max_seconds = max_seconds
        self._budget = _Budget()
        for name in ("center", "indent", "wordwrap", "format", "replace"):
            self.filters[name] = self._guarded_filter(self.filters[name])

    def start(self) -> None:
        """Start the clock and the step budget for one render (per thread)."""
        self._budget.deadline = time.monotonic() + self.max_seconds
        self._budget.steps = 0

    def tick(self) -> None:
        """Count one step; raise when the render is over its budget."""
        budget = self._budget
        budget.steps += 1
        if budget.steps > MAX_STEPS:
            raise RecipeLimitError(f"the recipe took more than {MAX_STEPS:,} steps")
        if budget.deadline and time.monotonic() > budget.deadline:
            raise RecipeLimitError(f"the recipe ran longer than {self.max_seconds:g} seconds")

    def checked(self, value: Any) -> Any:
        """Return ``value`` if it is not too long a string or list."""
        if _size(value) > MAX_TEXT:
            raise RecipeLimitError(f"the recipe built a text longer than {MAX_TEXT:,} characters")
        return value

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        """Refuse operations whose result would be huge, then do them."""
        self.tick()
        if operator == "**" and isinstance(right, int) and abs(right) > 256:
            raise RecipeLimitError("exponents over 256 are not allowed in a recipe")
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and isinstance(times, int):
                    limit = MAX_TEXT if isinstance(seq, str) else MAX_ITEMS
                    if len(seq) * times > limit:
                        raise RecipeLimitError("the recipe multiplied text or a list too far")
        if operator == "%" and isinstance(left, str):
            _check_width(left)
        if operator == "+" and isinstance(left, (str, list, tuple)):
            limit = MAX_TEXT if isinstance(left, str) else MAX_ITEMS
            if _size(left) + _size(right) > limit:
                raise RecipeLimitError("the recipe built a text or list that is too long")
        return self.checked(super().call_binop(context, operator, left, right))

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        """Check calls that can multiply text before making them."""
        __self.tick()
        owner = getattr(__obj, "__self__", None)
        name = getattr(__obj, "__name__", "")
        if isinstance(owner, str):
            __self._check_str_call(owner, name, args)
        return __self.checked(super().call(__context, __obj, *args, **kwargs))

    def _check_str_call(self, text: str, name: str, args: tuple[Any, ...]) -> None:
        if name in ("center", "ljust", "rjust", "zfill") and args:
            if isinstance(args[0], int) and args[0] > MAX_TEXT:
                raise RecipeLimitError(f"str.{name} width is too large")
        elif name == "expandtabs" and args and isinstance(args[0], int) and args[0] > 64:
            raise RecipeLimitError("str.expandtabs width is too large")
        elif name == "replace" and len(args) >= 2:
            _check_replace(text, str(args[0]), str(args[1]))
        elif name in ("format", "format_map"):
            _check_width(text)
        elif name == "join" and args:
            self.checked(args[0])

    def _guarded_filter(self, original: Any) -> Any:
        def guarded(*args: Any, **kwargs: Any) -> Any:
            self.tick()
            for value in (*args, *kwargs.values()):
                if isinstance(value, int) and value > MAX_TEXT:
                    raise RecipeLimitError("a filter argument is too large")
                if isinstance(value, str) and len(value) > MAX_TEXT:
                    raise RecipeLimitError("a filter argument is too long")
            if original.__name__ == "do_format" and args and isinstance(args[0], str):
                _check_width(args[0])
            if original.__name__ == "do_replace" and len(args) >= 4:
                _check_replace(str(args[1]), str(args[2]), str(args[3]))
            return self.checked(original(*args, **kwargs))

        for attribute in ("jinja_pass_arg",):
            if hasattr(original, attribute):
                setattr(guarded, attribute, getattr(original, attribute))
        guarded.__name__ = original.__name__
        return guarded

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """Return a bounded ``str.format`` for format methods of plain strings."""
        wrapped = super().wrap_str_format(value)
        if wrapped is None or type(value.__self__) is not str:
            return wrapped
        text: str = value.__self__
        formatter = _BoundedFormatter(self)
        format_map = value.__name__ == "format_map"

        def bounded(*args: Any, **kwargs: Any) -> str:
            self.tick()
            positional: tuple[Any, ...] = args
            if format_map:
                if kwargs or len(args) != 1:
                    raise TypeError("format_map() takes exactly one mapping")
                positional, kwargs = (), args[0]
            return str(self.checked(formatter.vformat(text, positional, kwargs)))

        return bounded

    def render_bounded(self, template: Any, context: dict[str, Any]) -> str:
        """Render a template within the time and size bounds; return its text."""
        self.start()
        parts: list[str] = []
        length = 0
        for chunk in template.generate(context):
            length += len(chunk)
            if length > MAX_TEXT:
                raise RecipeLimitError(f"the recipe wrote more than {MAX_TEXT:,} characters")
            parts.append(chunk)
        return "".join(parts)
