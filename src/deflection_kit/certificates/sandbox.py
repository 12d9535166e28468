"""A jinja2 sandbox with a time and size budget, for templates users may edit (no Qt).

The stock ``SandboxedEnvironment`` stops attribute tricks but not a template that loops for an
hour or builds a gigabyte string. Here every loop step, call and operator spends from a budget
(a deadline and a size cap), output is counted as it is produced, and the filters that could
blow up are left out. A template that runs over its budget fails with a TemplateLimitError.
"""

from __future__ import annotations

import contextvars
import operator
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from jinja2 import StrictUndefined, nodes
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

# Filters a certificate template may use: none can make output much larger than its input
# without passing a size check, and none marks text as safe (which would skip autoescaping).
ALLOWED_FILTERS = (
    "abs",
    "batch",
    "capitalize",
    "count",
    "d",
    "default",
    "e",
    "escape",
    "first",
    "float",
    "int",
    "join",
    "last",
    "length",
    "list",
    "lower",
    "map",
    "max",
    "min",
    "reject",
    "rejectattr",
    "replace",
    "reverse",
    "round",
    "select",
    "selectattr",
    "slice",
    "sort",
    "string",
    "sum",
    "title",
    "trim",
    "truncate",
    "unique",
    "upper",
    "wordcount",
)
_LOOP_GUARD = "_dk_bounded_loop"


class TemplateLimitError(SecurityError):
    """A template ran over its time or size budget."""


@dataclass
class Budget:
    """How long a render may take and how large its strings and output may grow."""

    seconds: float = 2.0
    max_string: int = 1_000_000
    max_output: int = 8_000_000
    deadline: float = field(default=0.0, init=False)
    produced: int = field(default=0, init=False)
    steps: int = field(default=0, init=False)

    def start(self) -> None:
        """Start the clock."""
        self.deadline = time.monotonic() + self.seconds
        self.produced = 0
        self.steps = 0

    def tick(self) -> None:
        """Spend one step; raise when the deadline has passed (checked every 64 steps)."""
        self.steps += 1
        if self.steps & 63 == 0 and time.monotonic() > self.deadline:
            raise TemplateLimitError(f"the template took longer than {self.seconds:g} s")

    def check_size(self, value: object) -> None:
        """Raise when ``value`` is a string or list longer than the cap."""
        if isinstance(value, (str, list, tuple)) and len(value) > self.max_string:
            raise TemplateLimitError(
                f"the template built a value longer than {self.max_string:,} characters"
            )

    def emit(self, chunk: str) -> None:
        """Count produced output; raise when it passes the cap or the deadline."""
        self.produced += len(chunk)
        if self.produced > self.max_output:
            raise TemplateLimitError(f"the template wrote more than {self.max_output:,} characters")
        if time.monotonic() > self.deadline:
            raise TemplateLimitError(f"the template took longer than {self.seconds:g} s")


_CURRENT: contextvars.ContextVar[Budget | None] = contextvars.ContextVar(
    "deflection_kit_template_budget", default=None
)


def _budget() -> Budget:
    budget = _CURRENT.get()
    if budget is None:
        raise TemplateLimitError("certificate templates render only through render_bounded()")
    return budget


def _bounded_loop(iterable: Iterable[Any]) -> Iterator[Any]:
    budget = _budget()
    for item in iterable:
        budget.tick()
        yield item


def _guard_filter(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    def guarded(*args: Any, **kwargs: Any) -> Any:
        budget = _budget()
        budget.tick()
        _precheck(name, budget, args, kwargs)
        result = func(*args, **kwargs)
        budget.check_size(result)
        return result

    guarded.__name__ = getattr(func, "__name__", name)
    # jinja passes the environment, context or eval context to filters that ask for it.
    for flag in ("jinja_pass_arg",):
        if hasattr(func, flag):
            setattr(guarded, flag, getattr(func, flag))
    return guarded


def _precheck(name: str, budget: Budget, args: tuple[Any, ...], kwargs: Mapping[str, Any]) -> None:
    """Refuse the filters whose result size is known to be too big before they run."""
    values = [a for a in args if not hasattr(a, "environment")]  # skip a passed context
    if name == "replace" and len(values) >= 3:
        text, old, new = (str(v) for v in values[:3])
        grows = max(0, len(new) - len(old)) * (text.count(old) if old else len(text) + 1)
        if len(text) + grows > budget.max_string:
            raise TemplateLimitError("the replace filter would build too long a string")
    elif name == "join" and values:
        items = values[0]
        separator = str(values[1]) if len(values) > 1 else str(kwargs.get("d", ""))
        if isinstance(items, (list, tuple, str)) and len(separator) * len(items) > (
            budget.max_string
        ):
            raise TemplateLimitError("the join filter would build too long a string")


class BoundedEnvironment(SandboxedEnvironment):
    """A sandbox whose loops, calls, operators and filters spend from a render budget."""

    intercepted_binops = frozenset({"*", "**", "%", "+", "//"})

    def __init__(self, **options: Any) -> None:
        options.setdefault("undefined", StrictUndefined)
        super().__init__(**options)
        self.filters = {
            name: _guard_filter(name, self.filters[name])
            for name in ALLOWED_FILTERS
            if name in self.filters
        }
        # range (the sandbox's, at most 100,000 items), dict and namespace; not lipsum or cycler.
        self.globals = {
            name: self.globals[name]
            for name in ("range", "dict", "namespace")
            if name in self.globals
        }
        self.globals[_LOOP_GUARD] = _bounded_loop

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        """Parse a template, then route every for-loop through the budgeted iterator."""
        tree = super()._parse(source, name, filename)
        for loop in tree.find_all(nodes.For):
            guard = nodes.Name(_LOOP_GUARD, "load", lineno=loop.lineno)
            loop.iter = nodes.Call(guard, [loop.iter], [], None, None, lineno=loop.lineno)
        return tree

    def call(
        __self,  # noqa: N805 - jinja's signature: keyword arguments may be called "self"
        __context: Any,
        __obj: Any,
        *args: Any,
        **kwargs: Any,
    ) -> Any:
        """Spend a step on every call a template makes (macros included)."""
        budget = _budget()
        budget.tick()
        result = super().call(__context, __obj, *args, **kwargs)
        budget.check_size(result)
        return result

    def call_binop(self, context: Any, operator_name: str, left: Any, right: Any) -> Any:
        """Refuse operators that would build huge values; count every one."""
        budget = _budget()
        budget.tick()
        if operator_name == "%" and isinstance(left, str):
            raise SecurityError("string formatting with % is not allowed in templates")
        if operator_name == "**" and isinstance(right, (int, float)) and abs(right) > 64:
            raise TemplateLimitError("exponent too large in the template")
        if operator_name == "*":
            for sequence, count in ((left, right), (right, left)):
                if (
                    isinstance(sequence, (str, list, tuple))
                    and isinstance(count, int)
                    and len(sequence) * count > budget.max_string
                ):
                    raise TemplateLimitError("the template repeats a value too many times")
        result = _BINOPS[operator_name](left, right)
        budget.check_size(result)
        return result


_BINOPS: dict[str, Callable[[Any, Any], Any]] = {
    "*": operator.mul,
    "**": operator.pow,
    "%": operator.mod,
    "+": operator.add,
    "//": operator.floordiv,
}


def render_bounded(
    environment: BoundedEnvironment,
    template_name: str,
    context: Mapping[str, Any],
    budget: Budget | None = None,
) -> str:
    """Render a template within ``budget`` (2 s, 8 M characters by default)."""
    budget = budget or Budget()
    token = _CURRENT.set(budget)
    try:
        budget.start()
        template = environment.get_template(template_name)
        chunks: list[str] = []
        for chunk in template.generate(dict(context)):
            budget.emit(chunk)
            chunks.append(chunk)
        return "".join(chunks)
    finally:
        _CURRENT.reset(token)
