"""Deflection Kit: a desktop kit for teaching First Responder Deflection."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("deflection-kit")
except PackageNotFoundError:  # a frozen build without metadata
    __version__ = "0.1.0"

__all__ = ["__version__"]
