"""Slide decks: DeckSpec, recipes and the .pptx writer (the only package that uses python-pptx)."""
