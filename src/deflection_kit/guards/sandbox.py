"""One jinja2 sandbox for every template a user may edit: recipes and certificate designs.

jinja2's ``SandboxedEnvironment`` stops a template from reaching Python internals, but not from
running for ever or building a gigabyte string. Here the limits hold *while* a template renders:

- a step budget and a deadline, spent at the start of every block (loop bodies included) and
  on every call, operator and filter;
- sizes checked *before* anything that can build a large value builds it: ``~``, ``*``, ``+``,
  ``%``, ``join``, ``replace``, ``format``, padding, and the joins that gather the output of a
  macro, a filter block or a ``set`` block; every value written with ``{{ }}`` too;
- an allowance for everything a render builds, so keeping many large values is stopped as
  surely as building one;
- output counted as it is produced;
- only filters that pass these checks, and only the ``range``, ``dict`` and ``namespace``
  globals.

A template that runs over a limit fails with a TemplateLimitError saying which.
"""

from __future__ import annotations

import contextvars
import re
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from jinja2 import StrictUndefined, Template, nodes, pass_eval_context
from jinja2.compiler import CodeGenerator, Frame
from jinja2.environment import TemplateModule
from jinja2.exceptions import SecurityError
from jinja2.filters import do_join, make_attrgetter
from jinja2.nodes import EvalContext
from jinja2.sandbox import SandboxedEnvironment, SandboxedFormatter
from jinja2.utils import Namespace

# Filters a template may use: none can build much more than its input without a size check,
# and none marks text as safe (which would skip autoescaping), reads files or is random.
ALLOWED_FILTERS = (
    "abs", "attr", "batch", "capitalize", "center", "count", "d", "default", "dictsort", "e",
    "escape", "filesizeformat", "first", "float", "forceescape", "format", "groupby", "indent",
    "int", "items", "join", "last", "length", "list", "lower", "map", "max", "min", "reject",
    "rejectattr", "replace", "reverse", "round", "select", "selectattr", "slice", "sort",
    "string", "striptags", "sum", "title", "tojson", "trim", "truncate", "unique", "upper",
    "urlencode", "wordcount", "wordwrap",
)  # fmt: skip
MAX_WIDTH = 9_999  # a format width or precision, a padding
MAX_EXPONENT = 256
MAX_INT_BITS = 10_000
_WIDTH = re.compile(r"(\d{5,})")  # a width or precision of 10,000 or more in a format spec
_STAR = re.compile(r"%[-#0 +]*(\d*\.)?\*")  # '%*d': a width taken from the arguments
_MUTATORS = frozenset({"append", "extend", "insert", "update", "setdefault", "add"})


@dataclass(frozen=True)
class Limits:
    """How long a render may take and how much it may build and write."""

    seconds: float = 2.0
    steps: int = 5_000_000
    max_text: int = 1_000_000  # characters in any one value a template builds
    max_items: int = 200_000  # items in any one list
    max_output: int = 8_000_000  # characters written
    max_built: int = 16_000_000  # characters built in all, passing values included
    what: str = "template"  # what messages call it: "template", "recipe"


class TemplateLimitError(SecurityError):
    """A template ran over its time, step or size limits."""


class _Run:
    """One render's clock and counters."""

    __slots__ = ("built", "deadline", "limits", "produced", "steps")

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.deadline = time.monotonic() + limits.seconds
        self.steps = 0
        self.built = 0
        self.produced = 0

    def fail(self, message: str) -> TemplateLimitError:
        return TemplateLimitError(f"the {self.limits.what} {message}")

    def tick(self) -> None:
        self.steps += 1
        if self.steps > self.limits.steps:
            raise self.fail(f"took more than {self.limits.steps:,} steps")
        if self.steps & 63 == 0 and time.monotonic() > self.deadline:
            raise self.fail(f"ran longer than {self.limits.seconds:g} seconds")

    def build(self, size: int) -> None:
        """Count a text about to be built; raise when it, or all built so far, is too much."""
        if size > self.limits.max_text:
            raise self.fail(f"would build a text longer than {self.limits.max_text:,} characters")
        self.built += size
        if self.built > self.limits.max_built:
            raise self.fail(f"built more than {self.limits.max_built:,} characters in all")

    def items(self, count: int) -> None:
        """Raise when a list would hold too many items."""
        if count > self.limits.max_items:
            raise self.fail(f"would build a list of more than {self.limits.max_items:,} items")

    def emit(self, chunk: str) -> None:
        self.produced += len(chunk)
        if self.produced > self.limits.max_output:
            raise self.fail(f"wrote more than {self.limits.max_output:,} characters")
        if time.monotonic() > self.deadline:
            raise self.fail(f"ran longer than {self.limits.seconds:g} seconds")

    def result(self, value: Any) -> Any:
        """Count a value an operation returned."""
        if isinstance(value, str):
            self.build(len(value))
        elif isinstance(value, (list, tuple, dict, set)):
            self.items(len(value))
        return value


_RUN: contextvars.ContextVar[_Run | None] = contextvars.ContextVar(
    "deflection_kit_template_run", default=None
)


def _run() -> _Run:
    run = _RUN.get()
    if run is None:
        raise TemplateLimitError("user templates render only through render_bounded()")
    return run


def text_size(value: Any, limit: int) -> int:
    """Return at least ``len(str(value))`` without building it (stops counting past ``limit``)."""
    return _size(value, limit, 0, set())


def _size(value: Any, limit: int, depth: int, seen: set[int]) -> int:
    if isinstance(value, str):
        return len(value)
    if value is None or isinstance(value, (bool, float)):
        return 32
    if isinstance(value, int):
        return value.bit_length() // 3 + 2
    if isinstance(value, TemplateModule):
        return sum(len(str(part)) for part in value._body_stream)
    if isinstance(value, Namespace):
        value = value._Namespace__attrs
    if not isinstance(value, (list, tuple, set, frozenset, dict)):
        return 0  # the kit's own objects: their text is the course's, already bounded
    if depth > 50 or id(value) in seen:
        return limit + 1
    seen.add(id(value))
    items = (x for pair in value.items() for x in pair) if isinstance(value, dict) else value
    total = 2
    for item in items:
        # repr() of a string in a container may escape each character (up to 10 for \U...)
        size = _size(item, limit, depth + 1, seen)
        total += (10 * size if isinstance(item, str) else size) + 4
        if total > limit:
            break
    seen.discard(id(value))
    return total


def _check_width(spec: str) -> None:
    if _WIDTH.search(spec) or _STAR.search(spec):
        raise TemplateLimitError(f"a format width over {MAX_WIDTH:,} is not allowed")


def _percent_size(run: _Run, text: str, args: Any) -> int:
    """Return at most how long ``text % args`` can be (each conversion at most its widest)."""
    _check_width(text)
    values = list(args.values()) if isinstance(args, Mapping) else args
    values = values if isinstance(values, tuple) else (values,)
    widest = max((text_size(v, run.limits.max_text) for v in values), default=0)
    return len(text) + text.count("%") * (widest + MAX_WIDTH)


def _replace_size(text: str, old: str, new: str) -> int:
    places = text.count(old) if old else len(text) + 1
    return len(text) + places * max(len(new) - len(old), 0)


class _GuardedCodeGenerator(CodeGenerator):
    """Compile templates with a tick in every block and ``~`` measured before it joins."""

    def blockvisit(self, nodes: Iterable[nodes.Node], frame: Frame) -> None:
        self.writeline("environment.tick()")
        super().blockvisit(nodes, frame)

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:  # noqa: N802 - jinja's name
        if frame.eval_ctx.volatile:
            join = "(markup_join if context.eval_ctx.volatile else str_join)"
        elif frame.eval_ctx.autoescape:
            join = "markup_join"
        else:
            join = "str_join"
        self.write(f"environment.join_checked({join}, (")
        for argument in node.nodes:
            self.visit(argument, frame)
            self.write(", ")
        self.write("))")


class _BoundedFormatter(SandboxedFormatter):
    """``str.format`` refusing huge widths and counting what each field adds."""

    def __init__(self, env: SandboxedEnvironment, run: _Run) -> None:
        super().__init__(env)
        self.run = run
        self.total = 0

    def format_field(self, value: Any, format_spec: str) -> Any:
        _check_width(format_spec)
        self.total += text_size(value, self.run.limits.max_text) + MAX_WIDTH
        self.run.build(self.total)
        return super().format_field(value, format_spec)


def _bounded_list(value: Any) -> list[Any]:
    run = _run()
    result: list[Any] = []
    for item in value:
        result.append(item)
        if len(result) > run.limits.max_items:
            run.items(len(result))
    return result


@pass_eval_context
def _bounded_join(
    eval_ctx: EvalContext, value: Iterable[Any], d: str = "", attribute: str | int | None = None
) -> str:
    """jinja's join, measuring the items before they are joined."""
    run = _run()
    items = _bounded_list(value)
    if attribute is not None:
        getter = make_attrgetter(eval_ctx.environment, attribute)
        items = [getter(item) for item in items]
    size = sum(text_size(item, run.limits.max_text) for item in items)
    run.build(size + len(str(d)) * max(len(items) - 1, 0))
    return str(do_join(eval_ctx, items, d))


def _precheck(run: _Run, name: str, args: tuple[Any, ...], kwargs: Mapping[str, Any]) -> None:
    """Refuse a filter call whose result would be too large, before it runs."""
    values = [a for a in args if not hasattr(a, "environment")]  # skip a passed context
    limit = run.limits.max_text
    for value in (*values, *kwargs.values()):
        if isinstance(value, int) and not isinstance(value, bool) and value > limit:
            raise run.fail(f"passed a filter a number over {limit:,}")
    first = values[0] if values else None
    if name == "replace" and len(values) >= 3:
        run.build(_replace_size(*(str(v) for v in values[:3])))
    elif name in ("string", "tojson", "urlencode", "e", "escape", "forceescape"):
        run.build(text_size(first, limit) * (6 if name != "string" else 1))
    elif name == "format" and isinstance(first, str):
        run.build(_percent_size(run, first, tuple(values[1:]) or dict(kwargs)))
    elif name == "indent" and isinstance(first, str):
        width = values[1] if len(values) > 1 else kwargs.get("width", 4)
        pad = len(width) if isinstance(width, str) else int(width)
        run.build(len(first) + (first.count("\n") + 1) * pad)
    elif name == "center" and isinstance(first, str):
        run.build(max(len(first), int(values[1]) if len(values) > 1 else 80))


def _guard_filter(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    def guarded(*args: Any, **kwargs: Any) -> Any:
        run = _run()
        run.tick()
        _precheck(run, name, args, kwargs)
        return run.result(func(*args, **kwargs))

    guarded.__name__ = getattr(func, "__name__", name)
    # jinja passes the environment, context or eval context to filters that ask for it.
    if hasattr(func, "jinja_pass_arg"):
        guarded.jinja_pass_arg = func.jinja_pass_arg  # type: ignore[attr-defined]
    return guarded


def _finalize(value: Any) -> Any:
    """Measure each value written with ``{{ }}`` before it is turned into text."""
    run = _run()
    run.build(text_size(value, run.limits.max_text))
    return value


class BoundedEnvironment(SandboxedEnvironment):
    """A sandbox whose blocks, calls, operators, filters and output spend from a budget."""

    code_generator_class = _GuardedCodeGenerator
    intercepted_binops = frozenset({"*", "**", "%", "+", "//"})

    def __init__(
        self,
        *,
        limits: Limits | None = None,
        filters: Mapping[str, Callable[..., Any]] | None = None,
        **options: Any,
    ) -> None:
        options.setdefault("undefined", StrictUndefined)
        options["finalize"] = _finalize
        super().__init__(**options)
        self.limits = limits or Limits()
        chosen = {name: self.filters[name] for name in ALLOWED_FILTERS if name in self.filters}
        chosen["list"] = _bounded_list
        chosen["join"] = _bounded_join
        chosen.update(filters or {})
        self.filters = {name: _guard_filter(name, func) for name, func in chosen.items()}
        self.globals = {
            name: self.globals[name]
            for name in ("range", "dict", "namespace")
            if name in self.globals
        }

    # --- hooks the compiled templates call -------------------------------------------------

    def tick(self) -> None:
        """Spend one step (every block entered)."""
        _run().tick()

    def join_checked(self, join: Callable[[Iterable[Any]], str], parts: tuple[Any, ...]) -> str:
        """Join the parts of a ``~`` expression once their sizes are known to be within limits."""
        run = _run()
        run.tick()
        run.build(sum(text_size(part, run.limits.max_text) for part in parts))
        return str(run.result(join(parts)))

    def concat(self, parts: Iterable[str]) -> str:
        """Join the output of a macro, filter block or set block, counting as it gathers."""
        run = _RUN.get()
        gathered: list[str] = []
        size = 0
        for part in parts:
            size += len(part)
            if run is not None and size > run.limits.max_text:
                run.build(size)
            gathered.append(part)
        if run is not None:
            run.build(size)
        return "".join(gathered)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        """Refuse operators whose result would be too large; count every one."""
        run = _run()
        run.tick()
        limit = run.limits.max_text
        if operator == "**" and isinstance(right, (int, float)):
            if abs(right) > MAX_EXPONENT:
                raise run.fail(f"used an exponent over {MAX_EXPONENT}")
            if isinstance(left, int) and left.bit_length() * abs(right) > MAX_INT_BITS:
                raise run.fail(f"would build a number over {MAX_INT_BITS:,} bits")
        if operator == "*":
            if (
                isinstance(left, int)
                and isinstance(right, int)
                and left.bit_length() + right.bit_length() > MAX_INT_BITS
            ):
                raise run.fail(f"would build a number over {MAX_INT_BITS:,} bits")
            for sequence, times in ((left, right), (right, left)):
                if isinstance(sequence, str) and isinstance(times, int):
                    run.build(len(sequence) * times)
                elif isinstance(sequence, (list, tuple)) and isinstance(times, int):
                    run.items(len(sequence) * times)
        elif operator == "+":
            if isinstance(left, str) and isinstance(right, str):
                run.build(len(left) + len(right))
            elif isinstance(left, (list, tuple)) and isinstance(right, (list, tuple)):
                run.items(len(left) + len(right))
        elif operator == "%" and isinstance(left, str):
            run.build(_percent_size(run, left, right))
        result = super().call_binop(context, operator, left, right)
        if isinstance(result, str) and len(result) > limit:
            run.build(len(result))
        return run.result(result)

    def call(
        __self,  # noqa: N805 - jinja's signature: keyword arguments may be called "self"
        __context: Any,
        __obj: Any,
        *args: Any,
        **kwargs: Any,
    ) -> Any:
        """Check calls that can build large values before making them; count every call."""
        run = _run()
        run.tick()
        owner = getattr(__obj, "__self__", None)
        name = getattr(__obj, "__name__", "")
        if isinstance(owner, str):
            _check_str_call(run, owner, name, args)
        result = super().call(__context, __obj, *args, **kwargs)
        if isinstance(owner, (list, dict, set)) and name in _MUTATORS:
            run.items(len(owner))
        return run.result(result)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """Return a bounded ``str.format`` for the format methods of plain strings."""
        wrapped = super().wrap_str_format(value)
        if wrapped is None or type(value.__self__) is not str:
            return wrapped
        text: str = value.__self__
        format_map = value.__name__ == "format_map"

        def bounded(*args: Any, **kwargs: Any) -> str:
            run = _run()
            run.tick()
            _check_width(text)
            positional: tuple[Any, ...] = args
            if format_map:
                if kwargs or len(args) != 1:
                    raise TypeError("format_map() takes exactly one mapping")
                positional, kwargs = (), args[0]
            formatter = _BoundedFormatter(self, run)
            return str(run.result(formatter.vformat(text, positional, kwargs)))

        return bounded


def _check_str_call(run: _Run, text: str, name: str, args: tuple[Any, ...]) -> None:
    limit = run.limits.max_text
    if name in ("center", "ljust", "rjust", "zfill") and args and isinstance(args[0], int):
        run.build(max(args[0], len(text)))
    elif name == "expandtabs":
        size = args[0] if args and isinstance(args[0], int) else 8
        if size > 64:
            raise run.fail("used a tab size over 64")
        run.build(len(text) + text.count("\t") * size)
    elif name == "replace" and len(args) >= 2:
        run.build(_replace_size(text, str(args[0]), str(args[1])))
    elif name == "join" and args:
        items = args[0] if isinstance(args[0], (list, tuple)) else list(args[0])
        run.items(len(items))
        size = sum(text_size(item, limit) for item in items)
        run.build(size + len(text) * max(len(items) - 1, 0))
    elif name in ("split", "rsplit", "splitlines") and len(text) > run.limits.max_items:
        run.items(len(text))  # at most one item a character: refuse long texts up front


def render_bounded(
    environment: BoundedEnvironment,
    template: str | Template,
    context: Mapping[str, Any],
    limits: Limits | None = None,
) -> str:
    """Render a template (or the one named) within ``limits`` (the environment's by default)."""
    run = _Run(limits or environment.limits)
    token = _RUN.set(run)
    try:
        chosen = environment.get_template(template) if isinstance(template, str) else template
        chunks: list[str] = []
        for chunk in chosen.generate(dict(context)):
            run.emit(chunk)
            chunks.append(chunk)
        return "".join(chunks)
    finally:
        _RUN.reset(token)
