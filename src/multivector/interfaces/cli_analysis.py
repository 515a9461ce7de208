"""`multivector balance`, `discourse`, `changes` and `claims`: answers computed over a corpus (docs/analysis.md).

Contract:
- ``balance ACTOR [--by year|quarter|month] [--speaker NAME] [--centres FILE]``: the actor's multi-vector balance
  over the power centres (multivector.analysis.balance).
- ``discourse [--normalisation none|average|jaccard|cosine] [--export FILE.graphml|.gexf --network NAME]``: the
  expert x actor, congruence, conflict and co-evaluation networks and the camps (multivector.analysis.discourse).
- ``changes [--by ...] [--actor A] [--speaker NAME]``: relation and stance shifts between periods
  (multivector.analysis.changes).
- ``claims [--unit U] [--actor A]``: figures of one quantity that disagree beyond rounding, and memberships the
  catalogue contradicts (multivector.analysis.claims).

Every command prints tables, or a JSON object with ``--json`` (numbers and the evidence behind them). Actors are
given by id (KAZ) or by name (Kazakhstan), resolved with the catalogue. A bad value is one error line and exit status
2; a corpus that cannot be used, one line and exit status 1. Heavy imports happen inside the commands.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from multivector.interfaces import analysis_json
from multivector.interfaces.cli_corpus import DEFAULT_DB, Db, SinceOpt, UntilOpt
from multivector.interfaces.console import fail, safe

JsonOpt = Annotated[bool, typer.Option("--json", help="Print one JSON object (numbers with their evidence).")]
ByOpt = Annotated[str | None, typer.Option("--by", help="Per period: year, quarter or month.")]
EvidenceOpt = Annotated[int, typer.Option("--evidence", "-e", min=0, help="Claims shown behind each number (0: none).")]

#: Runnable examples printed at the end of each command's --help.
EXAMPLES = {
    "balance": (
        "multivector balance KAZ --db corpus.db",
        "multivector balance Uzbekistan --by quarter --json",
        "multivector balance AZE --speaker karimova --since 2023",
    ),
    "discourse": (
        "multivector discourse --db corpus.db",
        "multivector discourse --actor CHN --actor RUS --json",
        "multivector discourse -n jaccard --export camps.gexf --network camps",
    ),
    "changes": (
        "multivector changes --db corpus.db",
        "multivector changes --actor KAZ --by year --json",
        "multivector changes --speaker bekova --min-support 2",
    ),
    "claims": (
        "multivector claims --db corpus.db",
        "multivector claims --unit USD --json",
        "multivector claims --actor Uzbekistan",
    ),
}


def register(app: typer.Typer) -> None:
    """Add the analysis commands to the main app."""
    for function in (balance, discourse, changes, claims):
        examples = "\n\n".join(EXAMPLES[function.__name__])
        app.command(function.__name__, epilog=f"Examples:\n\n{examples}")(function)


# -- helpers ---------------------------------------------------------------------------------------------------------


def resolve_actor(text: str) -> str:
    """An actor id from an id (KAZ, kaz) or a name as texts write it (Kazakhstan); ValueError when unknown."""
    from multivector.data.catalogue import Catalogue

    catalogue = Catalogue.default()
    candidate = text.strip()
    if catalogue.get(candidate.upper()) is not None and catalogue.get(candidate.upper()).kind != "place":
        return candidate.upper()
    found = catalogue.lookup(candidate)
    if found is None or catalogue.get(found[0]).kind == "place":
        raise ValueError(f"unknown actor {text!r}: give an id (KAZ, SCO) or a name (Kazakhstan)")
    return found[0]


def _open(db: Path) -> Any:
    from multivector.errors import CorpusError
    from multivector.store import Corpus

    try:
        return Corpus(db, readonly=True)
    except CorpusError as exc:
        fail(str(exc), 1)


def _run(db: Path, work: Any) -> Any:
    """work(corpus) on the corpus opened read-only; ValueError: exit 2, CorpusError: exit 1."""
    from multivector.errors import CorpusError

    try:
        with _open(db) as corpus:
            return work(corpus)
    except CorpusError as exc:
        fail(str(exc), 1)
    except ValueError as exc:
        fail(str(exc), 2)


def _print_json(data: Any) -> None:
    import json

    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _console() -> Any:
    from rich.console import Console

    console = Console()
    return console if console.is_terminal else Console(width=160)


def _n(value: float | None, digits: int = 2) -> str:
    return "" if value is None else f"{value:.{digits}f}"


def _quote(record: Any) -> str:
    """One claim's evidence on one line, escaped (console.safe: no markup, no terminal controls from the text)."""
    published, evidence = safe(record.published or "", one_line=True), safe(record.evidence, one_line=True)
    return f"  [dim]{published}[/dim] {evidence} [dim]({safe(record.document_id, one_line=True)})[/dim]"


# -- balance ---------------------------------------------------------------------------------------------------------


def balance(
    actor: Annotated[str, typer.Argument(help="The actor: an id (KAZ) or a name (Kazakhstan).")],
    by: ByOpt = None,
    speaker: Annotated[str | None, typer.Option("--speaker", "-s", help="Only this expert's claims.")] = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    centres: Annotated[
        Path | None, typer.Option("--centres", help="Power centres JSON (default: data/power_centres.json).")
    ] = None,
    evidence: EvidenceOpt = 3,
    db: Db = DEFAULT_DB,
    as_json: JsonOpt = False,
) -> None:
    """An actor's multi-vector balance over the power centres (RUS, CHN, WEST, TUR, IRN).

    Weights of cooperative, hostile and neutral claims, expert stances, the balance index (1 even, 0 one centre) and
    the leaning, overall and per period, with the claims behind them.

    Hypothetical and negated claims are shown apart and do not count in the index.

    """
    from multivector.analysis.balance import balance as compute
    from multivector.analysis.balance import load_centres

    try:
        actor_id = resolve_actor(actor)
        chosen = load_centres(centres) if centres is not None else None
    except (ValueError, OSError) as exc:
        fail(str(exc))
    report = _run(db, lambda corpus: compute(corpus, actor_id, by=by, speaker=speaker, since=since, until=until,
                                             centres=chosen, evidence=evidence))  # fmt: skip
    if as_json:
        _print_json(analysis_json.as_json(report))
        return
    from rich.table import Table

    console = _console()
    overall = report.overall
    table = Table(title=f"balance of {actor_id}", header_style="bold")
    for column in ("centre", "cooperative", "hostile", "neutral", "share", "net", "stances +/-", "hypothetical",
                   "negated"):  # fmt: skip
        table.add_column(column, justify="left" if column == "centre" else "right")
    for part in overall.centres:
        apart = {m: sum(v["weight"] for v in part.modalities.get(m, {}).values()) for m in ("hypothetical", "negated")}
        stance = f"{_n(part.stances.get('+', {}).get('weight', 0))}/{_n(part.stances.get('-', {}).get('weight', 0))}"
        table.add_row(part.centre, _n(part.cooperative), _n(part.hostile), _n(part.neutral), _n(part.share),
                      _n(part.net), stance, _n(apart["hypothetical"]), _n(apart["negated"]))  # fmt: skip
    console.print(table)
    console.print(f"balance index {_n(overall.index)}, leaning {overall.leaning or '-'}")
    if report.periods:
        periods = Table(title=f"by {by}", header_style="bold")
        for column in ("period", "index", "leaning", *(p.centre for p in overall.centres)):
            periods.add_column(column, justify="left" if column in ("period", "leaning") else "right")
        for period in report.periods:
            periods.add_row(period.period, _n(period.index), period.leaning or "-",
                            *(_n(p.share) for p in period.centres))  # fmt: skip
        console.print(periods)
    for part in overall.centres:
        if part.relations or part.stance_evidence:
            console.print(f"[bold]{part.centre}[/bold]")
            for record in part.relations + part.stance_evidence:
                console.print(_quote(record), highlight=False)


# -- discourse -------------------------------------------------------------------------------------------------------


def discourse(
    normalisation: Annotated[
        str, typer.Option("--normalisation", "-n", help="none, average, jaccard or cosine (DNA's options).")
    ] = "average",
    actor: Annotated[
        list[str] | None, typer.Option("--actor", "-a", help="Only stances on this actor (repeat for more).")
    ] = None,
    min_records: Annotated[int, typer.Option("--min-records", min=1, help="Claims a statement needs.")] = 1,
    since: SinceOpt = None,
    until: UntilOpt = None,
    export: Annotated[Path | None, typer.Option("--export", help="Write a network: FILE.graphml or FILE.gexf.")] = None,
    network: Annotated[
        str, typer.Option("--network", help="With --export: affiliation, congruence, conflict, coevaluation, camps.")
    ] = "congruence",
    db: Db = DEFAULT_DB,
    as_json: JsonOpt = False,
) -> None:
    """Discourse networks of the experts' stances, and their camps.

    As DNA draws them: expert x actor, expert congruence and conflict, actor co-evaluation, and the camps of experts
    (Louvain communities).

    """
    from multivector.analysis.discourse import NETWORKS
    from multivector.analysis.discourse import discourse as compute

    if network not in NETWORKS:
        fail(f"bad --network {network!r}: use one of {', '.join(NETWORKS)}")
    if export is not None and export.suffix.lower() not in (".graphml", ".gexf"):
        fail(f"bad --export {export.name!r}: use a .graphml or .gexf file")
    try:
        actors = [resolve_actor(a) for a in actor] if actor else None
    except ValueError as exc:
        fail(str(exc))
    result = _run(db, lambda corpus: compute(corpus, normalisation=normalisation, actors=actors, since=since,
                                             until=until, min_records=min_records))  # fmt: skip
    if export is not None:
        try:
            result.export(network, export)
        except OSError as exc:
            fail(f"cannot write {export}: {exc}", 1)
    if as_json:
        _print_json(analysis_json.as_json(result))
        return
    from rich.table import Table

    console = _console()
    camps = Table(title="camps", header_style="bold")
    camps.add_column("camp", justify="right")
    camps.add_column("experts")
    for n, camp in enumerate(result.camps):
        camps.add_row(str(n), safe(", ".join(camp), one_line=True))
    console.print(camps)
    for name, ties in (("congruence", result.congruence), ("conflict", result.conflict)):
        table = Table(title=f"{name} ({result.normalisation})", header_style="bold")
        for column in ("expert", "expert", "weight", "actors"):
            table.add_column(column)
        for tie in ties.top(20):  # the heaviest, without making every tie of a dense network
            table.add_row(safe(tie.a, one_line=True), safe(tie.b, one_line=True), _n(tie.weight),
                          safe(", ".join(tie.actors), one_line=True))  # fmt: skip
        console.print(table)
    if export is not None:
        console.print(f"wrote {network} to {safe(export, one_line=True)}")


# -- changes ---------------------------------------------------------------------------------------------------------


def changes(
    by: Annotated[str, typer.Option("--by", help="Periods compared: year, quarter or month.")] = "quarter",
    actor: Annotated[str | None, typer.Option("--actor", "-a", help="Pairs with this actor, stances on it.")] = None,
    speaker: Annotated[str | None, typer.Option("--speaker", "-s", help="Only this expert's stances.")] = None,
    min_support: Annotated[int, typer.Option("--min-support", min=1, help="Claims each side needs.")] = 1,
    threshold: Annotated[float, typer.Option("--threshold", help="|net| that makes a period + or -.")] = 0.2,
    since: SinceOpt = None,
    until: UntilOpt = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=0, help="Changes shown (0: all).")] = 20,
    evidence: EvidenceOpt = 3,
    db: Db = DEFAULT_DB,
    as_json: JsonOpt = False,
) -> None:
    """Relations and expert stances whose polarity changes between periods.

    Largest and best supported first, with the evidence before and after.

    """
    from multivector.analysis.changes import changes as compute

    try:
        actor_id = resolve_actor(actor) if actor else None
    except ValueError as exc:
        fail(str(exc))
    result = _run(db, lambda corpus: compute(corpus, by=by, actor=actor_id, speaker=speaker, threshold=threshold,
                                             min_support=min_support, since=since, until=until, limit=limit or None,
                                             evidence=evidence))  # fmt: skip
    if as_json:
        _print_json(analysis_json.as_json(result))
        return
    console = _console()
    if not result.changes:
        console.print("no changes")
    for change in result.changes:
        b, a = change.before, change.after
        subject = safe(f"{change.kind} {change.subject} / {change.other}", one_line=True)
        console.print(
            f"[bold]{subject}[/bold]: {b.period} {b.polarity} ({_n(b.net)},"
            f" {b.records} claims) -> {a.period} {a.polarity} ({_n(a.net)}, {a.records} claims);"
            f" size {_n(change.size)}, support {change.support}",
            highlight=False,
        )
        for record in change.evidence_before + change.evidence_after:
            console.print(_quote(record), highlight=False)


# -- claims ----------------------------------------------------------------------------------------------------------


def claims(
    unit: Annotated[str | None, typer.Option("--unit", help="Only figures in this unit (USD, tonnes, ...).")] = None,
    actor: Annotated[str | None, typer.Option("--actor", "-a", help="Quantities that name this actor.")] = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    db: Db = DEFAULT_DB,
    as_json: JsonOpt = False,
) -> None:
    """Conflicting figures and memberships the catalogue contradicts.

    The same quantity (trade of a pair, freight on a route, a forecast for a year) cited with values that disagree
    beyond rounding, and membership claims the catalogue contradicts.

    """
    from multivector.analysis.claims import claims as compute

    try:
        actor_id = resolve_actor(actor) if actor else None
    except ValueError as exc:
        fail(str(exc))
    result = _run(db, lambda corpus: compute(corpus, unit=unit, actor=actor_id, since=since, until=until))
    if as_json:
        _print_json(analysis_json.as_json(result))
        return
    console = _console()
    if not result.conflicts and not result.memberships:
        console.print(f"no conflicting claims ({result.compared} figures compared)")
    for conflict in result.conflicts:
        q = conflict.quantity
        values = ", ".join(f"{v:,.15g}" for v in conflict.values)
        heading = safe(f"{q.measure} {'/'.join(q.actors)} {q.year} ({q.kind}, {q.unit})", one_line=True)
        console.print(f"[bold]{heading}[/bold]: {values}", highlight=False)
        for figure in conflict.figures:
            console.print(_quote(figure), highlight=False)
    for entry in result.memberships:
        pair = safe(f"{entry.member} in {entry.org}", one_line=True)
        console.print(f"[bold]{pair}[/bold]: contradicts the catalogue", highlight=False)
        for record in entry.claims:
            console.print(_quote(record), highlight=False)
