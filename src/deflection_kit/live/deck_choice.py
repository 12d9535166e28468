"""The deck options of a live session as plain data, so a resumed session rebuilds its deck."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from deflection_kit.decks import DeckOptions


def options_to_dict(options: DeckOptions) -> dict[str, Any]:
    """Return the deck options as JSON-ready data."""
    return {
        "recipe": options.recipe,
        "pathways": list(options.pathways) if options.pathways is not None else None,
        "audience": options.audience,
        "theme": options.theme,
        "agency": options.agency,
        "logo": str(options.logo) if options.logo else "",
        "logo_alt": options.logo_alt,
        "accent": options.accent,
        "resources": str(options.resources) if options.resources else "",
    }


def options_from_dict(data: Mapping[str, Any]) -> DeckOptions:
    """Return the deck options ``options_to_dict`` saved (missing fields take defaults)."""
    defaults = DeckOptions()
    pathways = data.get("pathways", None)
    logo = str(data.get("logo") or "")
    resources = str(data.get("resources") or "")
    return DeckOptions(
        recipe=str(data.get("recipe") or defaults.recipe),
        pathways=tuple(str(p) for p in pathways) if isinstance(pathways, list) else None,
        audience=str(data.get("audience") or ""),
        theme=str(data.get("theme") or defaults.theme),
        agency=str(data.get("agency") or ""),
        logo=Path(logo) if logo else None,
        logo_alt=str(data.get("logo_alt") or ""),
        accent=str(data.get("accent") or ""),
        resources=Path(resources) if resources else None,
    )
