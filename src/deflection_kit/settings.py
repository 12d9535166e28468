"""The user's settings: who they are, their branding, paper size — one JSON file, owner-only."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any, Literal

from deflection_kit import paths, privatefiles
from deflection_kit.errors import InputFileError

SETTINGS_FILE = "settings.json"
PaperSize = Literal["letter", "a4"]
PAPER_SIZES: tuple[PaperSize, ...] = ("letter", "a4")


@dataclass(frozen=True)
class Settings:
    """What a facilitator or department sets once and every output reuses."""

    organization_name: str = ""
    facilitator_name: str = ""
    logo_path: str = ""  # PNG or JPEG shown on decks, certificates and handouts
    signature_path: str = ""  # an image of the facilitator's signature for certificates
    paper_size: PaperSize = "letter"
    certificate_design: str = "classic"

    def with_changes(self, **changes: Any) -> Settings:
        """Return a copy with some fields changed."""
        return replace(self, **changes)


def settings_path() -> Path:
    """Return where the settings file lives."""
    return paths.user_data_dir() / SETTINGS_FILE


def load_settings(path: Path | None = None) -> Settings:
    """Read the settings; a missing file gives the defaults, a damaged one a clear error."""
    path = path or settings_path()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Settings()
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        line = getattr(error, "lineno", None)
        raise InputFileError(path, line, f"settings file is damaged ({error})") from None
    if not isinstance(raw, dict):
        raise InputFileError(path, 1, "settings file must hold a JSON object")
    known = {f.name for f in fields(Settings)}
    values: dict[str, Any] = {
        key: value for key, value in raw.items() if key in known and isinstance(value, str)
    }
    if values.get("paper_size") not in PAPER_SIZES:
        values.pop("paper_size", None)
    return Settings(**values)


def save_settings(settings: Settings, path: Path | None = None) -> Path:
    """Write the settings atomically, owner-only; return the file's path."""
    path = path or settings_path()
    return privatefiles.write_text(path, json.dumps(asdict(settings), indent=2, sort_keys=True))
