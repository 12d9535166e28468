"""Slide decks: DeckSpec, recipes and the .pptx writer (the only package that uses python-pptx).

    from deflection_kit.decks import DeckOptions, build_deck, deck_spec, prepare

``prepare`` checks the options, ``deck_spec`` renders a recipe and fits the slides to the theme
(the same DeckSpec the app paints), ``build_deck`` also writes the .pptx; ``write_deck`` writes
a fitted deck and checks the file it wrote for accessibility (``decks.accessibility``).
"""

from deflection_kit.decks.build import (
    BuiltDeck,
    DeckOptions,
    Prepared,
    build_deck,
    deck_spec,
    prepare,
    write_deck,
)
from deflection_kit.decks.look import ThemeLook
from deflection_kit.decks.recipes import RecipeInfo, list_recipes
from deflection_kit.decks.spec import DeckSpec, Paragraph, Picture, Role, SlideSpec
from deflection_kit.decks.themes import Theme, bundled_themes, resolve_theme

__all__ = [
    "BuiltDeck",
    "DeckOptions",
    "DeckSpec",
    "Paragraph",
    "Picture",
    "Prepared",
    "RecipeInfo",
    "Role",
    "SlideSpec",
    "Theme",
    "ThemeLook",
    "build_deck",
    "bundled_themes",
    "deck_spec",
    "list_recipes",
    "prepare",
    "resolve_theme",
    "write_deck",
]
