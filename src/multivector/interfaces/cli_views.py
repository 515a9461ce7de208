"""The `serve`, `report` and `export` commands: ways to see a corpus.

Contract: ``register(app)`` adds the three commands to the Typer app. Each opens the corpus read-only; a file that
is not a usable corpus is a one-line error with exit status 1. ``serve`` binds 127.0.0.1 unless told otherwise
and warns on stderr when it listens on any other address, because the app has no authentication. ``export
--actor`` (repeatable, any name of an actor) narrows the exported relations as ``query relations --actor`` does.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from multivector.interfaces.console import examples, fail, safe

LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}
DbOption = Annotated[
    Path,
    typer.Option(
        "--db", envvar="MULTIVECTOR_DB", help="Corpus: an SQLite file, or postgresql://USER@HOST/DB (docs/scaling.md)."
    ),
]


#: Runnable examples printed at the end of each command's --help.
EXAMPLES = {
    "serve": (
        "multivector serve --db corpus.db",
        "multivector serve --db corpus.db --port 8080",
        "MULTIVECTOR_DB=corpus.db multivector serve",
    ),
    "report": (
        "multivector report --db corpus.db --out report.html",
        "multivector report --db postgresql://analyst@localhost/corpus -o report.html",
    ),
    "export": (
        "multivector export --format gexf --db corpus.db --out corpus.gexf",
        "multivector export -f events-tsv --actor Kazakhstan --actor Russia -o kr.tsv",
        "multivector export --format csv --out tables/",
        "multivector export --format datasette --db corpus.db --out metadata.json",
    ),
}


def register(app: typer.Typer) -> None:
    for function in (serve, report, export):
        app.command(function.__name__, epilog=examples(*EXAMPLES[function.__name__]))(function)


def _fail(message: str) -> typer.Exit:
    from multivector.interfaces.console import stderr

    stderr().print(f"[red]error[/red] {safe(message, one_line=True)}")
    return typer.Exit(1)


def serve(
    db: DbOption = Path("multivector.db"),
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port.")] = 8000,
) -> None:
    """Browse the corpus in a web browser: network, actors, experts, stances, timeline, documents, search, API."""
    import uvicorn

    from multivector.errors import CorpusError
    from multivector.interfaces.web import create_app

    try:
        web_app = create_app(db)
    except CorpusError as exc:
        raise _fail(str(exc)) from None
    if host not in LOCAL_HOSTS:
        typer.echo(
            f"warning: listening on {safe(host, markup=False)}: anyone who can reach this address can read the whole"
            " corpus (there is no authentication)",
            err=True,
        )
    try:  # bind first: a busy port is one line and exit status 1, never "serving ..." and a traceback
        _check_port(host, port)
    except OSError as exc:
        raise _fail(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None  # _fail escapes it
    from multivector.store.postgres import display

    shown = display(str(db))  # a PostgreSQL URL's password is never printed
    address = f"http://{'[' + host + ']' if ':' in host else host}:{port}/"
    typer.echo(f"serving {safe(shown, markup=False)} on {safe(address, markup=False)}", err=True)
    uvicorn.run(web_app, host=host, port=port, log_level="warning")


def _check_port(host: str, port: int) -> None:
    """OSError unless (host, port) can be bound now (with SO_REUSEADDR, as uvicorn binds it)."""
    import socket

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))


def report(
    out: Annotated[Path, typer.Option("--out", "-o", help="The HTML file to write.")],
    db: DbOption = Path("multivector.db"),
) -> None:
    """Write one self-contained HTML report (network, stance matrix, timeline, top relations with evidence)."""
    from multivector.errors import CorpusError
    from multivector.interfaces.report import write_report
    from multivector.store import Corpus

    try:
        with Corpus(db, readonly=True) as corpus:
            path = write_report(corpus, out)
    except CorpusError as exc:
        raise _fail(str(exc)) from None
    typer.echo(f"wrote {safe(path, markup=False)}", err=True)


def export(
    format: Annotated[
        str, typer.Option("--format", "-f", help="graphml, gexf, csv, jsonl, events-tsv or datasette (metadata).")
    ],
    db: DbOption = Path("multivector.db"),
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Output file (a directory for csv and jsonl).")
    ] = None,
    actor: Annotated[
        list[str] | None,
        typer.Option(
            "--actor",
            "-a",
            help="Only the relations of this actor (id, name, alias or demonym); repeat it for the relations between"
            " these actors.",
        ),
    ] = None,
) -> None:
    """Export the corpus: GraphML/GEXF for Gephi, CSV or JSON Lines tables, GDELT-like events TSV, or the metadata
    that makes Datasette's search work on the corpus file (datasette corpus.db -m metadata.json)."""
    from multivector.errors import CorpusError
    from multivector.interfaces.console import progress, stderr
    from multivector.interfaces.export import FORMATS, documents_to_export
    from multivector.interfaces.export import export as run_export
    from multivector.interfaces.names import UnknownName, resolve
    from multivector.store import Corpus

    if format not in FORMATS:
        fail(f"unknown format {format!r}: choose one of {', '.join(FORMATS)}", 2)
    try:
        with Corpus(db, readonly=True) as corpus:
            actors = [a for a in dict.fromkeys(resolve(corpus, text) for text in actor or ()) if a]
            total = 0 if format == "datasette" else documents_to_export(corpus, actors)
            with progress(stderr(), total, label="exporting") as advance:
                written = run_export(corpus, format, out, actors=actors, advance=advance)
    except UnknownName as exc:
        fail(exc.message(), 2)
    except CorpusError as exc:
        raise _fail(str(exc)) from None
    except ValueError as exc:
        fail(str(exc), 2)
    paths = written if isinstance(written, list) else [written]
    target = paths[0].parent if isinstance(written, list) else paths[0]
    typer.echo(f"wrote {safe(target, markup=False)} ({len(paths)} file{'s' if len(paths) != 1 else ''})", err=True)
    if format == "datasette":
        typer.echo(f"open it with: datasette {safe(db, markup=False)} --metadata {safe(target, markup=False)}",
                   err=True)  # fmt: skip
