"""Check what a recipe produced and turn it into a DeckSpec.

A recipe writes plain data; here it is validated strictly (unknown keys, wrong roles, missing
notes on content slides, unknown sources, pictures outside the content folder are all errors
that name the slide), and the sources a slide cites are added to its notes in short form.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from deflection_kit.content import Course
from deflection_kit.decks.context import Helpers
from deflection_kit.decks.recipes import RecipeError
from deflection_kit.decks.spec import CONTENT_ROLES, DeckSpec, Paragraph, Picture, Role, SlideSpec

MAX_SLIDES = 600
_HEADLINES = ("title", "section", "closing")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ParagraphIn(_Strict):
    """A paragraph as a recipe writes it."""

    text: str = Field(min_length=1, max_length=5000)
    level: int = Field(default=0, ge=0, le=2)
    plain: bool = False


class ImageIn(_Strict):
    """A picture as a recipe writes it: a path inside the content folder and its alt text."""

    path: str = Field(min_length=1)
    alt: str = Field(min_length=1, max_length=1000)


class SlideIn(_Strict):
    """A slide as a recipe writes it."""

    role: Role
    title: str = Field(default="", max_length=500)
    subtitle: str = Field(default="", max_length=1000)
    bullets: tuple[ParagraphIn | str, ...] = ()
    right: tuple[ParagraphIn | str, ...] = ()
    image: ImageIn | None = None
    notes: str = Field(default="", max_length=50_000)
    sources: tuple[str, ...] = ()
    key: str = ""
    module: str = ""
    minutes: float = Field(default=0.0, ge=0, le=600)

    @field_validator("title", "subtitle", "notes", mode="before")
    @classmethod
    def _none_is_empty(cls, value: Any) -> Any:
        return "" if value is None else value


class DeckIn(_Strict):
    """A whole deck as a recipe writes it."""

    title: str = Field(min_length=1, max_length=500)
    slides: tuple[SlideIn, ...] = Field(min_length=1, max_length=MAX_SLIDES)


def _paragraphs(items: tuple[ParagraphIn | str, ...]) -> tuple[Paragraph, ...]:
    result: list[Paragraph] = []
    for item in items:
        if isinstance(item, str):
            if item.strip():
                result.append(Paragraph(" ".join(item.split())))
        else:
            result.append(Paragraph(" ".join(item.text.split()), item.level, item.plain))
    return tuple(result)


def _label(index: int, slide: SlideIn) -> str:
    return f"slide {index} ({slide.role}{': ' + repr(slide.title[:50]) if slide.title else ''})"


def _problem(slide: SlideIn) -> str | None:
    if not slide.title.strip():
        return "has no title"
    if slide.role in _HEADLINES and (slide.bullets or slide.right):
        return f"a {slide.role} slide has a title and subtitle, not bullets"
    if slide.role == "two-column" and not (slide.bullets and slide.right):
        return "a two-column slide needs bullets and right"
    if slide.role == "image" and slide.image is None:
        return "an image slide needs an image"
    if slide.role != "image" and slide.image is not None:
        return "only an image slide may have an image"
    if slide.role in CONTENT_ROLES and not slide.notes.strip():
        return "has no speaker notes; every content slide needs notes"
    if slide.role in CONTENT_ROLES and slide.role != "quote" and not slide.bullets:
        return "has no bullets"
    return None


def _picture(image: ImageIn, root: Path, label: str) -> Picture:
    folder = root.resolve()
    target = (folder / image.path).resolve()
    if not target.is_relative_to(folder):
        raise RecipeError(f"{label}: image {image.path!r} is outside the content folder")
    if not target.is_file():
        raise RecipeError(f"{label}: image {image.path!r} not found in the content folder")
    return Picture(str(target), " ".join(image.alt.split()))


def deck_from_data(
    data: Any, recipe: str, course: Course, helpers: Helpers, **fields: Any
) -> DeckSpec:
    """Validate a recipe's output and return the DeckSpec it describes."""
    try:
        deck = DeckIn.model_validate(data)
    except ValidationError as error:
        detail = error.errors()[0]
        where = ".".join(str(part) for part in detail["loc"])
        if detail["loc"][:1] == ("slides",) and len(detail["loc"]) > 1:
            where = f"slide {int(detail['loc'][1]) + 1}" + (
                "." + ".".join(str(p) for p in detail["loc"][2:]) if len(detail["loc"]) > 2 else ""
            )
        raise RecipeError(f"recipe {recipe!r}: {where or 'deck'}: {detail['msg']}") from None
    known_sources = {source.id for source in course.sources}
    root = Path(course.root or ".")
    slides: list[SlideSpec] = []
    for index, item in enumerate(deck.slides, start=1):
        label = f"recipe {recipe!r}: {_label(index, item)}"
        problem = _problem(item)
        if problem:
            raise RecipeError(f"{label} {problem}")
        unknown = [source for source in item.sources if source not in known_sources]
        if unknown:
            raise RecipeError(f"{label} cites an unknown source {unknown[0]!r}")
        notes = item.notes.strip()
        cited = helpers.cite(item.sources)
        if cited and cited not in notes:
            notes = f"{notes}\n\n{cited}" if notes else cited
        slides.append(
            SlideSpec(
                role=item.role,
                title=" ".join(item.title.split()),
                subtitle=" ".join(item.subtitle.split()),
                body=_paragraphs(item.bullets),
                right=_paragraphs(item.right),
                picture=_picture(item.image, root, label) if item.image else None,
                notes=notes,
                key=item.key,
                module=item.module,
                minutes=item.minutes,
            )
        )
    return DeckSpec(title=deck.title, slides=tuple(slides), recipe=recipe, **fields)
