"""`multivector ingest` and `multivector query`: the corpus from the command line.

Contract:
- ``ingest PATH... [--db FILE] [--workers N] [--engine local|dask] [--scheduler URL]`` analyses the inputs and
  stores them in the corpus (default ./multivector.db). Crawl files (.warc, .warc.gz, .jsonl) are read record by
  record, and a record stored before is skipped without analysis. ``--engine dask`` analyses on a Dask cluster
  (multivector.dask_engine): the one at ``--scheduler``, or a local one of ``--workers`` processes; the corpus
  written is the same as the local engine's. Files whose bytes were ingested before are skipped without analysis;
  documents already stored (same content hash) are counted as already present. A failing input is reported on
  stderr with its reason and the batch goes on; the summary line counts stored / already present / failed; exit
  status 1 when anything failed.
  A corpus that cannot be used (corrupt, foreign, newer schema) is one error line and exit status 1.
- ``query docs|actors|experts|relations|memberships|stances|figures|events|search`` prints a rich table on stdout,
  or a JSON list (--json) or CSV (--csv: lists as "a; b", console.csv_cell). Bad filter values are one error line
  and exit status 2: an unknown actor, relation type or speaker names the closest ones (interfaces.names).
- ``--actor`` takes an id, a name, an alias or a demonym. Once, it keeps the records that involve the actor; repeated
  on relations and memberships, the records between those actors (both ends among them: ``--actor KAZ --actor RUS``
  is the pair). Elsewhere a repeated ``--actor`` is an error, never a silently dropped value.

Only typer is imported at module level: the store, rich and the pipeline load inside the commands, so
`multivector --help` stays fast.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Annotated, Any

import typer

from multivector.interfaces.console import csv_cell, examples, fail, progress, safe, stderr
from multivector.store.kinds import KINDS

DEFAULT_DB = Path("multivector.db")

Db = Annotated[
    Path,
    typer.Option(
        "--db", envvar="MULTIVECTOR_DB", help="Corpus: an SQLite file, or postgresql://USER@HOST/DB (docs/scaling.md)."
    ),
]
ActorOpt = Annotated[
    list[str] | None,
    typer.Option("--actor", "-a", help="Actor: an id (RUS), a name (Russia), an alias or a demonym."),
]
PairOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--actor", "-a",
        help="Actor: an id (RUS), a name (Russia), an alias or a demonym. Repeat it for the records between these"
        " actors: --actor KAZ --actor RUS.",
    ),
]  # fmt: skip
ACTOR_FILTERS = frozenset({"actor", "source", "target"})  # filters that name an actor, resolved by interfaces.names
#: The queries where a repeated --actor keeps the records between the actors, and the columns that are the two ends.
PAIR_ENDS = {"relations": ("a", "b"), "memberships": ("member", "org")}
SpeakerOpt = Annotated[
    str | None, typer.Option("--speaker", "-s", help="Speaker: part of a name, any case (bekova, 'Aida Bekova').")
]
SinceOpt = Annotated[str | None, typer.Option("--since", help="From this date on: YYYY, YYYY-MM or YYYY-MM-DD.")]
UntilOpt = Annotated[str | None, typer.Option("--until", help="Up to this date, inclusive: YYYY[-MM[-DD]].")]
PolarityOpt = Annotated[str | None, typer.Option("--polarity", "-p", help="+, - or 0 (or positive/negative/neutral).")]
SearchOpt = Annotated[str | None, typer.Option("--search", "-q", help='Full-text filter (words, "phrase", pre*).')]
DocumentOpt = Annotated[str | None, typer.Option("--document", "-d", help="Only this document id.")]
LimitOpt = Annotated[int, typer.Option("--limit", "-n", min=0, help="Rows to show (0 = all).")]
OffsetOpt = Annotated[int, typer.Option("--offset", min=0, help="Rows to skip.")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print a JSON list.")]
CsvOpt = Annotated[bool, typer.Option("--csv", help="Print CSV (for pandas, spreadsheets).")]
ModalityOpt = Annotated[
    str | None, typer.Option("--modality", "-m", help="asserted, negated, hypothetical or future.", show_default=False)
]
MinConfidenceOpt = Annotated[
    str | None,
    typer.Option("--min-confidence", metavar="FLOAT", help="Only records with at least this confidence (0 to 1)."),
]

#: The modalities a record can have (records.Modality), in the order the help lists them.
MODALITIES = ("asserted", "negated", "hypothetical", "future")

_POLARITIES = {"+": "+", "-": "-", "0": "0", "positive": "+", "pos": "+", "negative": "-", "neg": "-"}
_POLARITIES |= {"neutral": "0", "zero": "0"}

#: Columns of the table view, per query (JSON and CSV carry every column).
TABLE_COLUMNS = {
    "docs": ("id", "published", "outlet", "title", "speakers"),
    "actors": ("id", "name", "kind", "documents", "mentions"),
    "experts": ("name", "documents", "stances"),
    **{kind.table: kind.table_columns for kind in KINDS},  # relations, memberships, ... (store.kinds)
    "search": ("kind", "published", "title", "snippet", "document_id"),
}


def register(app: typer.Typer) -> None:
    """Add `ingest` and the `query` sub-commands to the main app."""
    app.command("ingest")(ingest)
    from multivector.interfaces.console import PlainGroup

    app.command("ingest", epilog=examples(*EXAMPLES["ingest"]))(ingest)
    query_app = typer.Typer(
        name="query", help="Query the corpus: tables, or --json / --csv for pipes.", no_args_is_help=True,
        rich_markup_mode="rich", cls=PlainGroup, epilog=examples(*EXAMPLES["query"]),
    )  # fmt: skip
    for function in (docs, actors, experts, relations, memberships, stances, figures, events, search):
        query_app.command(function.__name__, epilog=examples(*EXAMPLES[function.__name__]))(function)
    app.add_typer(query_app, name="query")


#: Runnable examples printed at the end of each command's --help (the corpus of `multivector ingest examples/`).
EXAMPLES = {
    "ingest": (
        "multivector ingest examples/ --db corpus.db",
        "multivector ingest crawl.warc.gz --db corpus.db --workers 2",
        "multivector ingest articles/ --engine dask --scheduler tcp://127.0.0.1:8786",
    ),
    "query": (
        "multivector query relations --actor Kazakhstan --actor Russia",
        "multivector query search '\"transit corridor\"' --limit 5",
        "multivector query stances --actor China --csv > stances.csv",
    ),
    "docs": (
        "multivector query docs --db corpus.db",
        "multivector query docs --actor Kazakhstan --since 2024",
        "multivector query docs --speaker bekova --json | jq '.[].title'",
    ),
    "actors": (
        "multivector query actors --kind organisation",
        "multivector query actors --since 2024-01 --until 2024-06 --limit 10",
        "multivector query actors --search corridor --csv > actors.csv",
    ),
    "experts": (
        "multivector query experts",
        "multivector query experts --limit 10 --json",
    ),
    "relations": (
        "multivector query relations --actor Kazakhstan --actor Russia",
        "multivector query relations --source RUS --type pressure --min-confidence 0.7",
        "multivector query relations --speaker bekova --since 2024 --csv > rel.csv",
    ),
    "memberships": (
        "multivector query memberships --actor CSTO --modality negated",
        "multivector query memberships --actor Armenia --actor CSTO",
        "multivector query memberships --status contradicted --json",
    ),
    "stances": (
        "multivector query stances --actor China --polarity - --min-confidence 0.5",
        "multivector query stances --speaker bekova",
        "multivector query stances --modality hypothetical --csv > stances.csv",
    ),
    "figures": (
        "multivector query figures --unit USD",
        "multivector query figures --actor Kazakhstan --search transit",
    ),
    "events": (
        "multivector query events --since 2023 --until 2024",
        "multivector query events --actor Azerbaijan --json",
    ),
    "search": (
        "multivector query search sanction*",
        "multivector query search '\"Middle Corridor\" OR transit' --limit 5",
        "multivector query search pipeline --json | jq '.[].document_id'",
    ),
}


# -- ingest --------------------------------------------------------------------------------------------------------


def ingest(
    paths: Annotated[
        list[str],
        typer.Argument(help="Files (.txt, .html, .md; crawls: .warc, .warc.gz, .jsonl), directories or http(s) URLs."),
    ],
    db: Db = DEFAULT_DB,
    workers: Annotated[int, typer.Option("--workers", "-w", min=1, help="Worker processes.")] = 1,
    engine: Annotated[
        str, typer.Option("--engine", help="local (this machine's processes) or dask (a Dask cluster).")
    ] = "local",
    scheduler: Annotated[
        str | None,
        typer.Option("--scheduler", metavar="URL", help="With --engine dask: join this scheduler (tcp://HOST:8786)."),
    ] = None,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks for failures.")] = False,
    exclude: Annotated[
        list[str] | None, typer.Option("--exclude", "-x", metavar="GLOB", help="Skip matching files or folders.")
    ] = None,
) -> None:
    """Analyse articles and store them with all their records in the corpus (idempotent: re-runs add only new ones).

    In a directory, files that are not articles (README, LICENSE, CHANGELOG, hidden files) are skipped and listed."""
    from multivector.errors import CorpusError

    console = stderr()
    if engine not in ("local", "dask"):
        raise typer.BadParameter("use local or dask", param_hint="--engine")
    if scheduler and engine != "dask":
        raise typer.BadParameter("--scheduler needs --engine dask", param_hint="--scheduler")
    errors: tuple[type[Exception], ...] = (CorpusError,)
    if engine == "dask":  # dask loads only when asked for
        if not scheduler:  # an own LocalCluster: its workers' model starts loading while Dask is imported
            from multivector import _forkserver

            _forkserver.prestart()
        from multivector.dask_engine import EngineError

        errors = (CorpusError, EngineError)
    try:
        _ingest(paths, db, workers, debug, console, exclude or [], engine, scheduler)
    except errors as exc:
        fail(str(exc), 1)


def _ingest(paths: list[str], db: Path, workers: int, debug: bool, console: Any, exclude: list[str],
            engine: str = "local", scheduler: str | None = None) -> None:  # fmt: skip
    if engine == "dask":
        from multivector import dask_engine

        started = dask_engine.start(scheduler, workers)  # the cluster starts while the inputs are listed and hashed

        def iter_analyses(todo: list[Any], *, workers: int) -> Any:
            return dask_engine.iter_analyses(todo, scheduler=scheduler, workers=workers, started=started)
    else:
        from multivector.pipeline import iter_analyses
    from multivector.ingest import iter_sources, select_sources
    from multivector.ingest.crawls import expand_crawls
    from multivector.store import Corpus
    from multivector.store.corpus import WRITE_BATCH, WRITE_BATCH_SECONDS

    with Corpus(db) as corpus:
        sources, skipped = select_sources(iter_sources(paths), exclude)
        for item in skipped:
            console.print(f"skipped {safe(item, one_line=True)}")
        sources = list(expand_crawls(sources))  # a crawl file is its records, each stored (and skipped) on its own
        hashes = _file_hashes(sources) | {str(s): s.sha256 for s in sources if getattr(s, "sha256", None)}
        todo = [s for s in sources if not (str(s) in hashes and corpus.has_file(hashes[str(s)]))]
        stored, present, failed = 0, len(sources) - len(todo), 0

        def report(outcome: Any, error: str | None) -> None:
            nonlocal failed
            failed += 1
            source, reason = safe(outcome.source, one_line=True), safe(error or "failed", one_line=True)
            console.print(f"[red]error[/red] {source}: {reason}")
            if debug and outcome.detail:
                console.print(safe(outcome.detail))

        def store(batch: list[Any]) -> None:  # one transaction for the batch (Corpus.add_batch)
            nonlocal stored, present
            results = corpus.add_batch([(o.analysis, hashes.get(o.source)) for o in batch])
            for outcome, result in zip(batch, results, strict=True):
                if isinstance(result, ValueError):
                    report(outcome, str(result))
                else:
                    stored, present = stored + result, present + (not result)
            batch.clear()

        batch: list[Any] = []
        oldest = 0.0
        with progress(console, len(sources), label="ingesting", done=present) as advance:
            for outcome in iter_analyses(todo, workers=workers):
                advance()
                if outcome.analysis is None:
                    report(outcome, outcome.error)
                    continue
                outcome.analysis.name = outcome.analysis.name or outcome.name
                if not batch:
                    oldest = time.monotonic()
                batch.append(outcome)
                if len(batch) >= WRITE_BATCH or time.monotonic() - oldest >= WRITE_BATCH_SECONDS:
                    store(batch)
            if batch:
                store(batch)
    console.print(f"stored {stored}, already present {present}, failed {failed}")
    if not sources:
        console.print("[red]error[/red] no inputs found")
    if failed or not sources:
        raise typer.Exit(1)


def _file_hashes(sources: list[Any]) -> dict[str, str]:
    """sha256 of each local input file's bytes, keyed by the source string the pipeline reports."""
    import hashlib

    hashes = {}
    for source in sources:
        if isinstance(source, str | Path) and not str(source).startswith(("http://", "https://")):
            try:
                hashes[str(source)] = hashlib.sha256(Path(source).read_bytes()).hexdigest()
            except OSError:
                continue  # the pipeline reports unreadable files with their reason
    return hashes


# -- query ---------------------------------------------------------------------------------------------------------


def docs(
    actor: ActorOpt = None,
    speaker: SpeakerOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    search: SearchOpt = None,
    outlet: Annotated[str | None, typer.Option("--outlet", help="Publisher, exactly as stored.")] = None,
    db: Db = DEFAULT_DB,
    limit: LimitOpt = 50,
    offset: OffsetOpt = 0,
    as_json: JsonOpt = False,
    as_csv: CsvOpt = False,
) -> None:
    """Documents, newest first."""
    filters = dict(actor=actor, speaker=speaker, since=since, until=until, search=search, outlet=outlet)
    _run("docs", db, filters, limit, offset, as_json, as_csv)


def actors(
    actor: ActorOpt = None,
    kind: Annotated[str | None, typer.Option("--kind", "-k", help="state, organisation, bloc, project, ...")] = None,
    speaker: SpeakerOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    search: SearchOpt = None,
    db: Db = DEFAULT_DB,
    limit: LimitOpt = 50,
    offset: OffsetOpt = 0,
    as_json: JsonOpt = False,
    as_csv: CsvOpt = False,
) -> None:
    """Actors by the number of documents that mention them (counted over the documents the filters select)."""
    filters = dict(actor=actor, kind=kind, speaker=speaker, since=since, until=until, search=search)
    _run("actors", db, filters, limit, offset, as_json, as_csv)


def experts(
    db: Db = DEFAULT_DB,
    limit: LimitOpt = 50,
    offset: OffsetOpt = 0,
    as_json: JsonOpt = False,
    as_csv: CsvOpt = False,
) -> None:
    """The experts: everyone an article quotes or whose stance it reports second-hand, most documents first.

    The same people as the web's experts page and the rows of the stance matrix (store.reads.EXPERT)."""
    _run("experts", db, {}, limit, offset, as_json, as_csv)


def relations(
    actor: PairOpt = None,
    speaker: SpeakerOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    polarity: PolarityOpt = None,
    type: Annotated[
        str | None, typer.Option("--type", "-t", help="Relation type, any case: cooperation, rivalry, pressure, ...")
    ] = None,
    modality: ModalityOpt = None,
    min_confidence: MinConfidenceOpt = None,
    source: Annotated[str | None, typer.Option("--source", help="Acting actor of a directed relation.")] = None,
    target: Annotated[str | None, typer.Option("--target", help="Actor acted upon in a directed relation.")] = None,
    search: SearchOpt = None,
    document: DocumentOpt = None,
    db: Db = DEFAULT_DB,
    limit: LimitOpt = 50,
    offset: OffsetOpt = 0,
    as_json: JsonOpt = False,
    as_csv: CsvOpt = False,
) -> None:
    """Relations between actors with their evidence, newest documents first.

    Directed relations (pressure, sanctions, dependence, ...) show their direction as source -> target. One --actor
    keeps the relations that involve it; several keep those between them (both ends among them).
    """
    filters = dict(actor=actor, speaker=speaker, since=since, until=until, polarity=_polarity(polarity), type=type,
                   modality=_modality(modality), min_confidence=_min_confidence(min_confidence), source=source,
                   target=target, search=search, document=document)  # fmt: skip
    _run("relations", db, filters, limit, offset, as_json, as_csv)


def memberships(
    actor: PairOpt = None,
    status: Annotated[str | None, typer.Option("--status", help="confirmed, contradicted or unknown.")] = None,
    modality: ModalityOpt = None,
    min_confidence: MinConfidenceOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    search: SearchOpt = None,
    document: DocumentOpt = None,
    db: Db = DEFAULT_DB,
    limit: LimitOpt = 50,
    offset: OffsetOpt = 0,
    as_json: JsonOpt = False,
    as_csv: CsvOpt = False,
) -> None:
    """State-in-organisation claims, checked against the catalogue (status).

    --modality negated lists the claims that a state is not a member; --actor twice (a state and an organisation)
    the claims about that one membership.
    """
    filters = dict(actor=actor, status=status, modality=_modality(modality),
                   min_confidence=_min_confidence(min_confidence), since=since, until=until, search=search,
                   document=document)  # fmt: skip
    _run("memberships", db, filters, limit, offset, as_json, as_csv)


def stances(
    actor: ActorOpt = None,
    speaker: SpeakerOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    polarity: PolarityOpt = None,
    modality: ModalityOpt = None,
    min_confidence: MinConfidenceOpt = None,
    search: SearchOpt = None,
    document: DocumentOpt = None,
    db: Db = DEFAULT_DB,
    limit: LimitOpt = 50,
    offset: OffsetOpt = 0,
    as_json: JsonOpt = False,
    as_csv: CsvOpt = False,
) -> None:
    """Each speaker's attitude towards actors (--actor is the target)."""
    filters = dict(actor=actor, speaker=speaker, since=since, until=until, polarity=_polarity(polarity),
                   modality=_modality(modality), min_confidence=_min_confidence(min_confidence), search=search,
                   document=document)  # fmt: skip
    _run("stances", db, filters, limit, offset, as_json, as_csv)


def figures(
    actor: ActorOpt = None,
    speaker: SpeakerOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    unit: Annotated[str | None, typer.Option("--unit", help="USD, percent, tonnes, ...")] = None,
    search: SearchOpt = None,
    document: DocumentOpt = None,
    db: Db = DEFAULT_DB,
    limit: LimitOpt = 50,
    offset: OffsetOpt = 0,
    as_json: JsonOpt = False,
    as_csv: CsvOpt = False,
) -> None:
    """Cited figures (--actor: in documents that mention the actor)."""
    filters = dict(actor=actor, speaker=speaker, since=since, until=until, unit=unit, search=search,
                   document=document)  # fmt: skip
    _run("figures", db, filters, limit, offset, as_json, as_csv)


def events(
    actor: ActorOpt = None,
    speaker: SpeakerOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    search: SearchOpt = None,
    document: DocumentOpt = None,
    db: Db = DEFAULT_DB,
    limit: LimitOpt = 50,
    offset: OffsetOpt = 0,
    as_json: JsonOpt = False,
    as_csv: CsvOpt = False,
) -> None:
    """Dated events, latest first (--since/--until compare the event's own date)."""
    filters = dict(actor=actor, speaker=speaker, since=since, until=until, search=search, document=document)
    _run("events", db, filters, limit, offset, as_json, as_csv)


def search(
    text: Annotated[str, typer.Argument(help='Words (all must occur), "a phrase", prefix*, OR, NOT.')],
    db: Db = DEFAULT_DB,
    limit: LimitOpt = 20,
    offset: OffsetOpt = 0,
    as_json: JsonOpt = False,
    as_csv: CsvOpt = False,
) -> None:
    """Full-text search over article bodies and the evidence of every record, best matches first."""
    _run("search", db, {"text": text}, limit, offset, as_json, as_csv)


def _polarity(value: str | None) -> str | None:
    if value is None:
        return None
    if value.strip().lower() not in _POLARITIES:
        fail(f"bad --polarity {value!r}: use +, - or 0 (or positive, negative, neutral)", 2)
    return _POLARITIES[value.strip().lower()]


def _modality(value: str | None) -> str | None:
    """A --modality value, or a one-line error listing the valid ones (exit status 2)."""
    if value is None:
        return None
    if value.strip().lower() not in MODALITIES:
        fail(f"bad --modality {value!r}: use one of {', '.join(MODALITIES)}", 2)
    return value.strip().lower()


def _min_confidence(value: str | None) -> float | None:
    """A --min-confidence value (a number from 0 to 1), or a one-line error (exit status 2)."""
    if value is None:
        return None
    try:
        number = float(value)
    except ValueError:
        number = float("nan")
    if not 0.0 <= number <= 1.0:  # NaN too
        fail(f"bad --min-confidence {value!r}: use a number from 0 to 1, e.g. 0.7", 2)
    return number


def _run(query: str, db: Path, filters: dict[str, Any], limit: int, offset: int, as_json: bool, as_csv: bool) -> None:
    from multivector.errors import CorpusError
    from multivector.interfaces.names import UnknownName
    from multivector.store import Corpus

    if as_json and as_csv:
        fail("choose one of --json and --csv", 2)
    filters = {key: value for key, value in filters.items() if value is not None and value != []}
    try:
        with Corpus(db, readonly=True) as corpus:
            _resolve(corpus, filters)
            pair = filters.pop("actors", None)
            if pair is not None:
                rows = _between(corpus, query, pair, filters, limit, offset)
            elif query == "experts":
                rows = _experts(corpus, limit, offset)
            else:
                rows = getattr(corpus, query)(limit=limit or None, offset=offset, **filters)
    except UnknownName as exc:
        fail(exc.message(), 2)
    except CorpusError as exc:
        fail(str(exc), 1)
    except ValueError as exc:
        fail(str(exc), 2)
    if as_json:
        _print_json(rows)
    elif as_csv:
        _print_csv(rows, TABLE_COLUMNS[query])
    else:
        _print_table(query, rows)


def _resolve(corpus: Any, filters: dict[str, Any]) -> None:
    """Names to what the store filters on: actors to ids ("Kazakhstan", "kaz", "Kazakh" -> KAZ), a relation type to
    its spelling ("Pressure" -> pressure), a speaker checked against the corpus; a repeated --actor to ``actors``."""
    from multivector.interfaces.names import resolve, resolve_speaker, resolve_type

    actors = filters.pop("actor", None)
    if actors:
        ids = list(dict.fromkeys(resolve(corpus, text) for text in actors))
        if len(ids) == 1:
            filters["actor"] = ids[0]
        else:
            filters["actors"] = ids
    for key in ACTOR_FILTERS & filters.keys() - {"actor"}:
        filters[key] = resolve(corpus, filters[key])
    if "type" in filters:
        filters["type"] = resolve_type(corpus, filters["type"])
    if "speaker" in filters:
        filters["speaker"] = resolve_speaker(corpus, filters["speaker"])


def _between(corpus: Any, query: str, ids: list[str], filters: dict[str, Any], limit: int, offset: int) -> list[dict]:
    """The page of ``query``'s rows whose two ends (PAIR_ENDS) are two different actors of ``ids``, in the listing's
    order (newest documents first, then record id): the store's ``actors`` filter, in SQL."""
    if query not in PAIR_ENDS:
        flag = "--actor " + " --actor ".join(ids)
        fail(f"{flag}: query {query} takes one --actor (several name the records between actors only in query "
             "relations and query memberships)", 2)  # fmt: skip
    return getattr(corpus, query)(actors=ids, limit=limit or None, offset=offset, **filters)


def _experts(corpus: Any, limit: int, offset: int) -> list[dict[str, Any]]:
    from multivector.analysis import totals

    rows = [dict(row) for row in totals.experts(corpus.connection)]
    return rows[offset : offset + limit] if limit else rows[offset:]


def _print_json(rows: list[dict[str, Any]]) -> None:
    import json

    sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")


def _print_csv(rows: list[dict[str, Any]], fallback_columns: tuple[str, ...]) -> None:
    """CSV as the exports write it (console.csv_cell): lists (authors, speakers) as "a; b"."""
    import csv

    columns = list(rows[0]) if rows else list(fallback_columns)
    writer = csv.DictWriter(sys.stdout, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: csv_cell(value) for key, value in row.items()})


def _print_table(query: str, rows: list[dict[str, Any]]) -> None:
    from rich.console import Console
    from rich.table import Table

    from multivector.store import MARKS

    if not rows:
        stderr().print("no results")
        return
    table = Table(show_lines=False, header_style="bold")
    columns = TABLE_COLUMNS[query]
    for column in columns:
        wide = column in ("evidence", "snippet", "title", "what")
        short = column in ("id", "document_id", "a", "b", "published", "date", "polarity", "member", "org", "target")
        short = short or column in ("direction", "modality", "confidence")
        table.add_column(column, overflow="fold", ratio=3 if wide else None, no_wrap=short)
    for row in rows:
        table.add_row(*(_cell(_shown(row, column), MARKS) for column in columns))
    console = Console()
    if not console.is_terminal:  # piped to less or a file: room for whole ids and dates
        console = Console(width=160)
    console.print(table)


def _shown(row: dict[str, Any], column: str) -> Any:
    """A table cell's value: the row's column, or one made for the table (direction; confidence to 2 places)."""
    if column == "direction":  # source -> target of a directed relation, empty for a symmetric one
        source, target = row.get("source"), row.get("target")
        return f"{source or '?'} \u2192 {target or '?'}" if source or target else None
    if column == "confidence" and isinstance(row.get(column), float):
        return f"{row[column]:.2f}"
    return row.get(column)


def _cell(value: Any, marks: tuple[str, str]) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return safe(", ".join(map(str, value)))
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = safe(value)
    return text.replace(marks[0], "[bold yellow]").replace(marks[1], "[/bold yellow]")
