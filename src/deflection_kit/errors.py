"""Error types the kit raises for problems a user can fix; anything else is a bug."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


class DeflectionKitError(Exception):
    """A problem a user can fix; its message is one line that says what and where."""

    exit_code = 1


class UsageError(DeflectionKitError):
    """An option names something that does not exist (an unknown pathway, recipe, theme...)."""

    exit_code = 2


@dataclass(frozen=True)
class Problem:
    """One problem found in a file: where it is and what is wrong."""

    path: str
    line: int
    message: str

    def __post_init__(self) -> None:
        # A problem is one line on a terminal, whatever a parser put in its message.
        object.__setattr__(self, "message", " ".join(str(self.message).split()))

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class InputFileError(DeflectionKitError):
    """A file the user gave the kit cannot be used as it is."""

    def __init__(self, path: str | Path, line: int | None, message: str) -> None:
        self.path = str(path)
        self.line = line
        self.message = message
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {message}")


class ContentError(DeflectionKitError):
    """The course content has one or more problems, each with its file and line."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems) or "content error")
