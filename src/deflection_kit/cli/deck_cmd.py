"""``deflection-kit deck``: build an editable .pptx deck, check a deck, list recipes and themes."""

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
    """Build a deck and write it to --out (nothing is written if anything is wrong).

    The written file is then checked for accessibility (as `deck check` does); what the check
    finds, and how a department's template changed the deck, is printed on stderr.
    """
    from deflection_kit.decks import DeckOptions, deck_spec, prepare, write_deck

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
    prepared = prepare(obj.course(), options)
    built = write_deck(deck_spec(prepared), prepared.theme, out)
    deck = built.deck
    for change in built.template_changes:
        click.echo(f"{prepared.theme.path}: warning: {change}", err=True)
    click.echo(
        f"wrote {built.path}: {len(deck.slides)} slides (recipe {deck.recipe}, "
        f"{len(deck.pathways)} pathway{'' if len(deck.pathways) == 1 else 's'}, theme {theme})"
    )
    for finding in built.findings:
        click.echo(finding.line(str(built.path)), err=True)


@deck_group.command("check")
@click.argument("files", nargs=-1, required=True, metavar="FILE.pptx...")
def check(files: tuple[str, ...]) -> None:
    """Check decks with the rules of PowerPoint's Accessibility Checker that a file shows.

    Prints one line per problem, FILE:slide N: message (warnings say "warning:"), and exits 1
    if any deck has an error or cannot be read. Meaningful alt text, a sensible reading order
    and meaning carried by colour alone still need a person: see docs/decks.md.
    """
    from deflection_kit.decks.accessibility import check_deck_file
    from deflection_kit.errors import InputFileError

    failed = False
    for name in files:
        try:
            result = check_deck_file(Path(name))
        except InputFileError as error:
            click.echo(str(error), err=True)
            failed = True
            continue
        for line in result.lines(name):
            click.echo(line)
        if result.findings:
            click.echo(result.summary(name), err=True)
        else:
            click.echo(f"ok: {result.summary(name)}")
        failed = failed or bool(result.errors)
    if failed:
        raise click.exceptions.Exit(1)


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
