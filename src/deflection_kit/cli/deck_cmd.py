"""``deflection-kit deck``: build an editable .pptx deck, list recipes and themes."""

from __future__ import annotations

from pathlib import Path

import click

from deflection_kit.cli.context import CliContext
from deflection_kit.errors import UsageError


@click.group("deck")
def deck_group() -> None:
    """Build slide decks (.pptx with speaker notes) for chosen pathways and audiences."""


def _pathways(value: str | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    return tuple(part.strip() for part in value.split(",") if part.strip())


@deck_group.command("build")
@click.option("--out", "out", required=True, metavar="F.pptx", help="The deck to write.")
@click.option("--recipe", default="full-course", show_default=True, help="Which recipe to use.")
@click.option(
    "--pathways",
    metavar="ID,ID",
    help="Pathways to include, comma-separated (default: all; '' for none).",
)
@click.option("--audience", default="", metavar="ID", help="Audience whose examples lead.")
@click.option(
    "--theme", default="default", show_default=True, metavar="NAME|FILE.pptx",
    help="A bundled theme, or your own .pptx template.",
)  # fmt: skip
@click.option("--agency", default="", metavar="TEXT", help="Agency name for the title and footer.")
@click.option(
    "--logo", type=click.Path(dir_okay=False, path_type=Path), help="Logo picture (PNG/JPEG)."
)
@click.option("--logo-alt", default="", metavar="TEXT", help="Alt text for the logo.")
@click.option("--accent", default="", metavar="RRGGBB", help="Accent colour, e.g. 1F5F8B.")
@click.option(
    "--resources",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Local resources CSV: name, service, phone, address, hours.",
)
@click.option(
    "--recipes",
    "recipes_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Extra folder of recipes, searched first.",
)
@click.pass_obj
def build(
    obj: CliContext,
    out: str,
    recipe: str,
    pathways: str | None,
    audience: str,
    theme: str,
    agency: str,
    logo: Path | None,
    logo_alt: str,
    accent: str,
    resources: Path | None,
    recipes_dir: Path | None,
) -> None:
    """Build a deck and write it to --out (nothing is written if anything is wrong)."""
    from deflection_kit.decks import DeckOptions, build_deck

    if not out.lower().endswith(".pptx"):
        raise UsageError(f"--out {out!r}: the deck file name must end in .pptx")
    options = DeckOptions(
        recipe=recipe,
        pathways=_pathways(pathways),
        audience=audience,
        theme=theme,
        agency=agency,
        logo=logo,
        logo_alt=logo_alt,
        accent=accent,
        resources=resources,
        recipes_dir=recipes_dir,
    )
    path, deck = build_deck(obj.course(), options, out)
    click.echo(
        f"wrote {path}: {len(deck.slides)} slides (recipe {deck.recipe}, "
        f"{len(deck.pathways)} pathway{'' if len(deck.pathways) == 1 else 's'}, theme {theme})"
    )


@deck_group.command("recipes")
@click.option(
    "--recipes",
    "recipes_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Extra folder of recipes, searched first.",
)
def recipes(recipes_dir: Path | None) -> None:
    """List the recipes: bundled ones and your own (<user data>/recipes/)."""
    from deflection_kit.decks.recipes import list_recipes, user_recipes_dir

    for info in list_recipes(recipes_dir):
        where = "" if info.bundled else f"  [{info.path.parent}]"
        click.echo(f"{info.name}: {info.description}{where}")
    click.echo(f"(your own recipes go in {user_recipes_dir()})", err=True)


@deck_group.command("themes")
def themes() -> None:
    """List the bundled themes (or pass --theme FILE.pptx to use your own template)."""
    from deflection_kit.decks.themes import theme_descriptions

    for name, description in theme_descriptions().items():
        click.echo(f"{name}: {description}")


COMMANDS = [deck_group]
