"""Deflection Kit: a desktop kit for teaching First Responder Deflection."""

from __future__ import annotations

__all__ = ["__version__"]


def __getattr__(name: str) -> str:
    """Look the version up only when asked (importlib.metadata slows every start-up)."""
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            found = version("deflection-kit")
        except PackageNotFoundError:  # a frozen build without metadata
            found = "0.1.0"
        globals()["__version__"] = found
        return found
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
