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

app = typer.Typer(
    name="multivector",
    help="Evidence-linked models of the international system described by expert interviews and analysis articles.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
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


def _stderr_console():
    from rich.console import Console

    return Console(stderr=True, soft_wrap=True)  # one error per line, whatever the terminal width


def _unique_name(name: str, taken: set[str]) -> str:
    """NAME, or NAME-2, NAME-3... when two inputs share a file name."""
    candidate, n = name, 1
    while candidate in taken:
        n += 1
        candidate = f"{name}-{n}"
    taken.add(candidate)
    return candidate


@app.command()
def analyze(
    paths: Annotated[list[str], typer.Argument(help="Files (.txt, .html, .md), directories (walked) or http(s) URLs.")],
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

    console = _stderr_console()
    sources, skipped = select_sources(iter_sources(paths), exclude or ())
    for item in skipped:
        console.print(f"skipped {_escape(str(item))}")
    sources = list(expand_crawls(sources))  # as in ingest: a crawl file (WARC, WARC.gz, JSON Lines) is its records
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
    ok = failed = 0
    taken: set[str] = set()
    single = len(sources) == 1 and out is None
    with _progress(console, len(sources), enabled=len(sources) > 1) as advance:
        for outcome in iter_analyses(sources, workers=workers):
            advance()
            if outcome.analysis is None:
                failed += 1
                console.print(f"[red]error[/red] {_escape(outcome.source)}: {_escape(outcome.error or 'failed')}")
                if debug and outcome.detail:
                    console.print(_escape(outcome.detail))
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


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


class _progress:
    """A rich progress bar on stderr for batches; a no-op for one input."""

    def __init__(self, console, total: int, enabled: bool):
        self.console, self.total, self.enabled = console, total, enabled
        self.bar = None

    def __enter__(self):
        if not self.enabled:
            return lambda: None
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self.bar = Progress(
            TextColumn("analysing"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), console=self.console
        )
        self.bar.__enter__()
        task = self.bar.add_task("analyse", total=self.total)
        return lambda: self.bar.advance(task)

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.__exit__(*exc)
        return False


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


_register_optional_commands()


def main() -> None:  # pragma: no cover - console entry point
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
