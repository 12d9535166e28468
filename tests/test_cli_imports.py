"""The command line stays quick: each command imports only what it runs (measured in a new process).

See the top of ``cli/root.py`` for the pattern these tests hold every command module to.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
import textwrap
from importlib import metadata
from pathlib import Path

import click
import pytest

import deflection_kit.cli

CLI_DIR = Path(deflection_kit.cli.__file__).parent

# Libraries (and the kit's own heavy parts) no light command may load.
GUI_AND_DOCUMENTS = ("PySide6", "pptx", "jinja2", "deflection_kit.content.loader")
EVERYTHING_HEAVY = (
    *GUI_AND_DOCUMENTS,
    "pydantic",
    "yaml",
    "sqlite_utils",
    "openpyxl",
    "cryptography",
    "lxml",
    "pypdf",
    "deflection_kit.storage",
    "deflection_kit.content",
)

PROBE = textwrap.dedent(
    """
    import json, sys
    from deflection_kit.cli import main
    try:
        main({args!r})
    except SystemExit as done:
        code = done.code
    watched = {watched!r}
    loaded = sorted(name for name in watched if name in sys.modules)
    print(json.dumps({{"code": code, "loaded": loaded}}))
    """
)


def _imports(args: list[str], watched: tuple[str, ...]) -> tuple[int, list[str]]:
    """Run ``deflection-kit ARGS`` in a new interpreter; return its exit code and what it loaded."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DEFLECTION_KIT_")}
    result = subprocess.run(
        [sys.executable, "-c", PROBE.format(args=args, watched=watched)],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )  # fmt: skip
    assert result.stdout, result.stderr
    report = json.loads(result.stdout.splitlines()[-1])
    return report["code"], report["loaded"]


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["session", "--help"]], ids=" ".join)
def test_help_and_version_import_nothing_heavy(args: list[str]) -> None:
    code, loaded = _imports(args, EVERYTHING_HEAVY)
    assert code == 0
    assert loaded == []


@pytest.fixture
def kit_db(tmp_path: Path) -> tuple[Path, str]:
    """Return a database holding one session, and that session's id."""
    import datetime as dt

    from deflection_kit.storage import CourseFacts, SessionFields, Store

    db = tmp_path / "kit.sqlite3"
    with Store.open(db) as store:
        session = store.sessions.create(
            SessionFields(title="Station 4 training", date=dt.date(2026, 5, 4)), CourseFacts()
        )
    return db, session.id


def test_session_list_imports_no_gui_documents_or_course(kit_db) -> None:
    db, _ = kit_db
    code, loaded = _imports(["--db", str(db), "session", "list"], (*GUI_AND_DOCUMENTS, "pydantic"))
    assert code == 0
    assert loaded == []


def test_checkin_imports_no_gui_documents_or_course(kit_db) -> None:
    db, session = kit_db
    args = ["--db", str(db), "checkin", session, "--name", "Ana Ruiz"]
    code, loaded = _imports(args, (*GUI_AND_DOCUMENTS, "pydantic"))
    assert code == 0
    assert loaded == []


def _top_level_commands(module: str) -> set[str] | None:
    """Return the names a cli module lists in COMMANDS, or None if it lists none."""
    imported = __import__(f"deflection_kit.cli.{module}", fromlist=["COMMANDS"])
    commands = getattr(imported, "COMMANDS", None)
    return None if commands is None else {command.name for command in commands}


def test_every_command_module_is_in_the_lazy_table() -> None:
    from deflection_kit.cli.root import COMMAND_MODULES

    found: dict[str, str] = {}
    for path in sorted(CLI_DIR.glob("*_cmd.py")):
        names = _top_level_commands(path.stem)
        for name in names or ():
            found[name] = path.stem
    assert found == COMMAND_MODULES, "name every top-level command in cli/root.py COMMAND_MODULES"


def test_command_modules_import_only_light_modules_at_the_top() -> None:
    # The subprocess tests above catch what is loaded; this names the line to move.
    light = ("click", "deflection_kit.cli", "deflection_kit.errors", "deflection_kit.ui.display",
             "deflection_kit.certificates.codes", "deflection_kit.certificates.page")  # fmt: skip
    offenders = []
    for path in sorted(CLI_DIR.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:  # module level only; TYPE_CHECKING blocks are `if` nodes
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            for name in names:
                ours = name.startswith(("deflection_kit", "click"))
                if ours and not name.startswith(light) and name not in ("deflection_kit",):
                    offenders.append(f"{path.name}:{node.lineno}: {name}")
    assert offenders == []


def test_the_lazy_group_finds_the_same_commands_as_the_full_one() -> None:
    from deflection_kit.cli.root import COMMAND_MODULES, LazyGroup

    group = LazyGroup("t", modules=COMMAND_MODULES)
    with click.Context(group) as ctx:
        command = group.get_command(ctx, "checkin")
        assert command is not None and command.name == "checkin"
        assert set(group.commands) == {"checkin", "checkout", "roster", "attendance"}
        assert group.get_command(ctx, "frobnicate") is None
        assert set(group.list_commands(ctx)) == set(COMMAND_MODULES)


def test_the_desktop_entry_is_a_gui_script_parsed_by_click(run_cli, capsys) -> None:
    scripts = {ep.name: ep.value for ep in metadata.entry_points(group="gui_scripts")}
    assert scripts.get("deflection-kit-app") == "deflection_kit.cli:app_main"
    from deflection_kit.cli import app_main

    with pytest.raises(SystemExit) as done:
        app_main(["--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert "Usage: deflection-kit-app [OPTIONS]" in out and "--demo" in out and "--db PATH" in out
    with pytest.raises(SystemExit) as done:
        app_main(["--demo", "extra"])
    assert done.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Got unexpected extra argument (extra)" in err
    assert "(see 'deflection-kit-app --help')" in err
