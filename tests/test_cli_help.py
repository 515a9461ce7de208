"""Every command's --help: plain option types (no `<bool>`), and runnable examples at the end, as sqlite-utils and
Datasette print them; the shared terminal helpers (escaping, one-line errors, progress) of interfaces.console."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from multivector.interfaces import console
from multivector.interfaces.cli import app
from multivector.records import Actor, Analysis, Relation, Speaker
from multivector.store import Corpus

runner = CliRunner()
COMMAND = typer.main.get_command(app)


def command_paths(group: Any = COMMAND, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command of the app, as the words that call it: ("query", "relations"), ("serve",), ..."""
    ctx = group.make_context("multivector", ["--help"], resilient_parsing=True)
    paths = []
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        if hasattr(command, "list_commands"):
            paths += command_paths(command, (*prefix, name))
        else:
            paths.append((*prefix, name))
    return paths


PATHS = command_paths()


def help_text(*words: str) -> str:
    result = runner.invoke(app, [*words, "--help"])
    assert result.exit_code == 0, result.output
    return result.stdout


def examples_of(text: str) -> list[str]:
    tail = text.split("Examples:", 1)[1]
    return [line.strip() for line in tail.splitlines() if line.strip().startswith("multivector ")]


def test_every_command_is_found():
    assert {("analyze",), ("ingest",), ("serve",), ("export",), ("report",), ("balance",)} <= set(PATHS)
    assert {("query", name) for name in ("docs", "actors", "experts", "relations", "search")} <= set(PATHS)


@pytest.mark.parametrize("words", [(), ("query",), *PATHS], ids=lambda w: " ".join(w) or "multivector")
def test_help_is_plain_and_ends_with_runnable_examples(words: tuple[str, ...]):
    text = help_text(*words)
    # no typer type noise: <bool>, <str>, <int range>, <path>, <list[str]>, {paths}
    assert not re.search(r"<(bool|str|int|float|path|list)[^>]*>|\{\w+\}", text), text
    examples = examples_of(text)
    assert len(examples) >= 2, text
    for example in examples:
        assert len(example) <= 78, f"{example!r} wraps on an 80-column terminal: copy and paste would break it"
        args = shlex.split(example.split(" | ")[0].split(" > ")[0])[1:]
        command: Any = COMMAND
        ctx = None
        while hasattr(command, "list_commands") and args and not args[0].startswith("-"):
            ctx = command.make_context("multivector", [], resilient_parsing=True) if ctx is None else ctx
            command = command.get_command(ctx, args.pop(0))
            assert command is not None, example
        if hasattr(command, "list_commands"):
            continue  # an example of the group itself: its sub-command is checked on its own page
        # parsing the example checks its option names, their values' types and the required arguments
        command.make_context(command.name, list(args))


def test_flags_show_no_type_and_options_show_plain_ones():
    text = help_text("query", "relations")
    assert re.search(r"--json\s+Print a JSON list", text)
    assert re.search(r"--limit\s+-n\s+INTEGER", text) and re.search(r"--db\s+PATH", text)
    assert re.search(r"--actor\s+-a\s+TEXT", text) and "Repeat it for the records between" in text
    assert "Usage: multivector query search [OPTIONS] TEXT" in help_text("query", "search")
    assert "Usage: multivector analyze [OPTIONS] PATHS..." in help_text("analyze")


# -- escaping --------------------------------------------------------------------------------------------------------


def test_safe_neutralises_terminal_controls_and_markup():
    hostile = "ok\x1b[2J\x1b]0;pwned\x07 [red]x[/red] \u202egnp.exe\x9b31m\x00"
    cleaned = console.safe(hostile)
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", cleaned)
    assert "\\x1b[2J" in cleaned and "\\u202e" in cleaned and "\\x9b" in cleaned
    assert "\\[red]" in cleaned  # rich prints it as the text [red]
    assert console.safe("a\n\tb", one_line=True, markup=False) == "a b"
    assert console.safe("a\nb") == "a\nb"


BODY = "Moscow and Astana\x1b[31m agreed [bold]quickly[/bold]\x1b]0;title\x07 on transit. Nothing else happened."


@pytest.fixture
def hostile_db(tmp_path: Path) -> Path:
    evidence = BODY[: BODY.index(" on transit") + len(" on transit")]
    analysis = Analysis(
        id="0f0f0f0f0f0f0f0f", source="tests/hostile\x1b[2J.txt", language="en", title="Title\x1b[5m blinking",
        published="2024-01-01", outlet=None, authors=[], speakers=[Speaker("Ann Lee\x1b[8m", None)], body=BODY,
        actors=[Actor("RUS", "Russia", "state", 1), Actor("KAZ", "Kazakhstan", "state", 1)],
        relations=[Relation("RUS", "KAZ", "transit", "+", 0.4, "asserted", evidence, [0, len(evidence)])],
    )  # fmt: skip
    path = tmp_path / "hostile.db"
    with Corpus(path) as corpus:
        corpus.add(analysis)
    return path


@pytest.mark.parametrize("args", [["relations"], ["docs"], ["search", "transit"]])
def test_article_text_never_reaches_the_terminal_as_control_codes(hostile_db: Path, args: list[str]):
    result = runner.invoke(app, ["query", *args, "--db", str(hostile_db)], terminal_width=200)
    assert result.exit_code == 0
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "\\x1b" in result.stdout
    if args[0] != "docs":
        assert "[bold]quickly" in result.stdout.replace("\n", "")  # markup in the text is shown, not applied
    # --json keeps the exact text: escaping is for the terminal only
    result = runner.invoke(app, ["query", *args, "--db", str(hostile_db), "--json"])
    assert "\\u001b" in result.stdout and json.loads(result.stdout)


def test_errors_are_one_escaped_line(tmp_path: Path):
    bad = tmp_path / "evil\x1b[2J\nname.db"
    bad.write_text("not a corpus")
    result = runner.invoke(app, ["query", "docs", "--db", str(bad)])
    assert result.exit_code == 1
    assert "\x1b" not in result.stderr and result.stderr.count("\n") == 1
    assert result.stderr.startswith("error ")


# -- progress --------------------------------------------------------------------------------------------------------


def test_progress_counts_and_is_silent_for_one_item():
    from rich.console import Console

    out = Console(record=True, force_terminal=True, width=80)
    with console.progress(out, 1, label="x") as advance:
        advance()
    assert out.export_text() == ""
    with console.progress(out, 3, label="ingesting") as advance:
        for _ in range(3):
            advance()
    shown = out.export_text()
    assert "ingesting" in shown and "3/3" in shown


def test_commands_share_the_one_progress_and_escaping_helper():
    root = Path(console.__file__).parent
    for name in ("cli.py", "cli_corpus.py", "cli_views.py"):
        source = (root / name).read_text(encoding="utf-8")
        assert "rich.progress" not in source and "from rich.markup import escape" not in source, name
