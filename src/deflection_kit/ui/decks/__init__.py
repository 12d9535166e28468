"""The Decks page: choose recipe, pathways, audience, theme and branding; preview; generate."""

from deflection_kit.ui.decks.page import DecksPage

__all__ = ["DecksPage"]
