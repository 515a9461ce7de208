"""The `multivector` command line.

Heavy libraries (spaCy, trafilatura, sqlite helpers, the web stack) are imported inside the commands, so
`multivector --help` starts fast.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from multivector.interfaces.console import PlainGroup, examples, plain_help, progress, safe, stderr

app = typer.Typer(
    name="multivector",
    help="Evidence-linked models of the international system described by expert interviews and analysis articles.",
    epilog=examples(
        "multivector ingest examples/ --db corpus.db",
        "multivector query relations --actor Kazakhstan --actor Russia --db corpus.db",
        "multivector serve --db corpus.db",
        note="Every command has its own --help with examples.",
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
    cls=PlainGroup,
)

#: Runnable examples printed at the end of `analyze --help`.
ANALYZE_EXAMPLES = (
    "multivector analyze examples/tashkent-corridor-interview.txt",
    "multivector analyze examples/ --out analyses/ --workers 2",
    "multivector analyze https://example.org/interview.html | jq .relations",
)


def _version(value: bool) -> None:
    if value:
        from multivector import __version__

        typer.echo(f"multivector {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Evidence-linked models of the international system described by expert interviews and analysis articles."""


def _unique_name(name: str, taken: set[str]) -> str:
    """NAME, or NAME-2, NAME-3... when two inputs share a file name."""
    candidate, n = name, 1
    while candidate in taken:
        n += 1
        candidate = f"{name}-{n}"
    taken.add(candidate)
    return candidate


@app.command(epilog=examples(*ANALYZE_EXAMPLES))
def analyze(
    paths: Annotated[
        list[str],
        typer.Argument(help="Files (.txt, .html, .md), crawls (.warc, .warc.gz, .jsonl), directories or http(s) URLs."),
    ],
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write DIR/NAME.json per input.")] = None,
    workers: Annotated[int, typer.Option("--workers", "-w", min=1, help="Worker processes.")] = 1,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks for failures.")] = False,
    exclude: Annotated[
        list[str] | None, typer.Option("--exclude", "-x", metavar="GLOB", help="Skip matching files or folders.")
    ] = None,
) -> None:
    """Analyse articles: write one analysis JSON per input (stdout without --out: JSON, or JSON Lines for several).

    In a directory, files that are not articles (README, LICENSE, CHANGELOG, hidden files) are skipped and listed."""
    from multivector.ingest import iter_sources, select_sources
    from multivector.ingest.crawls import expand_crawls
    from multivector.pipeline import iter_analyses

    console = stderr()
    sources, skipped = select_sources(iter_sources(paths), exclude or ())
    for item in skipped:
        console.print(f"skipped {safe(item, one_line=True)}")
    sources = list(expand_crawls(sources))  # as in ingest: a crawl file (WARC, WARC.gz, JSON Lines) is its records
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
    ok = failed = 0
    taken: set[str] = set()
    single = len(sources) == 1 and out is None
    with progress(console, len(sources), label="analysing") as advance:
        for outcome in iter_analyses(sources, workers=workers):
            advance()
            if outcome.analysis is None:
                failed += 1
                source, reason = safe(outcome.source, one_line=True), safe(outcome.error or "failed", one_line=True)
                console.print(f"[red]error[/red] {source}: {reason}")
                if debug and outcome.detail:
                    console.print(safe(outcome.detail))
                continue
            ok += 1
            data = outcome.analysis.to_dict()
            if out is not None:
                target = out / f"{_unique_name(outcome.name, taken)}.json"
                target.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
            elif single:
                sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
            else:
                sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
    if len(sources) != 1 or failed:
        console.print(f"analysed {ok}, failed {failed}")
    if failed or not sources:
        if not sources:
            console.print("[red]error[/red] no inputs found")
        raise typer.Exit(1)


def _register_optional_commands() -> None:
    """Commands that live in their own modules (corpus, web, exports)."""
    import importlib

    for module in ("cli_corpus", "cli_views", "cli_analysis"):
        try:
            mod = importlib.import_module(f"multivector.interfaces.{module}")
        except ModuleNotFoundError as exc:
            if exc.name != f"multivector.interfaces.{module}":
                raise
            continue
        mod.register(app)
    plain_help(app)  # plain option types in every command's --help: TEXT, PATH, nothing for a flag


_register_optional_commands()


def main() -> None:  # pragma: no cover - console entry point
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
