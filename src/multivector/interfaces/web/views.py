"""What each page and API endpoint shows, computed from an open corpus: shared by the HTML pages, the JSON API
and the self-contained report.

Contract: every function takes an open :class:`~multivector.store.Corpus` plus already-validated filter values
and returns JSON-ready dicts/lists (no markup: templates and scripts escape everything they display). Unknown ids
raise :class:`KeyError`; bad filter values (a malformed date) raise :class:`ValueError`. Result sizes are bounded
by the ``limit`` arguments, which callers cap.

Cost: no view loops over the corpus in Python. Counts come from the store's aggregate tables
(:mod:`multivector.analysis.totals`) or from SQL over indexed mention rows, lists are LIMITed, and the corpus-wide
views (overview, graph, experts, matrix, timeline) are cached per corpus ``generation()`` (one indexed read).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from functools import cache
from typing import Any

from multivector.analysis import graph as graphs
from multivector.analysis import highlight, mentions, overview, stances, timeline, totals
from multivector.store import Corpus, queries

CACHE_SIZE = 64
_cache: dict[tuple, Any] = {}


def cached(corpus: Corpus, name: str, compute, *key: Any) -> Any:
    """Corpus-wide views (graph, matrix, overview) are kept until the corpus changes: the key includes the corpus'
    generation, which every stored document moves (reading it is one indexed row, not a scan)."""
    full_key = (str(corpus.path.resolve()), corpus.generation(), name, *key)
    if full_key not in _cache:
        if len(_cache) >= CACHE_SIZE:
            _cache.pop(next(iter(_cache)))  # drop the oldest entry
        _cache[full_key] = compute()
    return _cache[full_key]


KIND_ORDER = ("state", "organisation", "bloc", "project", "group", "company", "place", "entity")


def check_dates(since: str | None, until: str | None) -> None:
    """ValueError unless both are ISO date prefixes (YYYY, YYYY-MM, YYYY-MM-DD) or None."""
    queries._date_bounds(since, until)


def overview_view(corpus: Corpus, *, top: int = 12) -> dict[str, Any]:
    return cached(corpus, "overview", lambda: _overview(corpus, top), top)


def _overview(corpus: Corpus, top: int) -> dict[str, Any]:
    summary = overview.corpus_summary(corpus.connection, top=top)
    return {
        **summary,
        "top_actors": corpus.actors(limit=top),
        "top_relations": totals.top_claims(corpus.connection, limit=top),
        "recent": corpus.docs(limit=top),
    }


def graph_view(
    corpus: Corpus,
    *,
    since: str | None = None,
    until: str | None = None,
    speaker: str | None = None,
    type: str | None = None,
    max_nodes: int = 80,
) -> dict[str, Any]:
    check_dates(since, until)
    key = (since, until, speaker, type, max_nodes)
    return cached(corpus, "graph", lambda: _graph(corpus, since, until, speaker, type, max_nodes), *key)


def _graph(
    corpus: Corpus, since: str | None, until: str | None, speaker: str | None, type: str | None, max_nodes: int
) -> dict[str, Any]:
    filters = {"since": since, "until": until, "speaker": speaker, "type": type}
    pairs = totals.pair_totals(corpus.connection, **filters)
    graph = graphs.graph_from_totals(_actor_rows(corpus, {x for pair in pairs for x in pair}), pairs)
    data = graphs.graph_data(graph, max_nodes=max_nodes)
    shown = [(edge["source"], edge["target"]) for edge in data["edges"]]
    speakers = totals.pair_speakers(corpus.connection, shown, **filters)  # only for the edges shown
    for edge in data["edges"]:
        edge["speakers"] = "; ".join(speakers.get((edge["source"], edge["target"]), []))
    data["filters"] = {"since": since, "until": until, "speaker": speaker, "type": type}
    return data


def edge_view(
    corpus: Corpus,
    a: str,
    b: str,
    *,
    since: str | None = None,
    until: str | None = None,
    speaker: str | None = None,
    type: str | None = None,
    limit: int = 50,
) -> dict[str, Any]:
    filters = {"pair": (a, b), "since": since, "until": until, "speaker": speaker, "type": type}
    rows = mentions.relation_mentions(corpus.connection, **filters, limit=limit)  # only the page shown
    total = mentions.count_relation_mentions(corpus.connection, **filters)
    return {"a": a, "b": b, "total": total, "evidence": [_evidence_row(row) for row in rows]}


def _evidence_row(row: dict[str, Any]) -> dict[str, Any]:
    keys = ("a", "b", "type", "polarity", "modality", "speaker", "evidence", "span_start", "span_end", "document_id")
    return {key: row.get(key) for key in keys} | {"published": row.get("published"), "title": row.get("title")}


def relation_types(corpus: Corpus) -> list[str]:
    return cached(corpus, "relation_types", lambda: _relation_types(corpus))


def _relation_types(corpus: Corpus) -> list[str]:
    rows = corpus.connection.execute("SELECT DISTINCT type FROM relations ORDER BY type").fetchall()
    return [row[0] for row in rows]


def _actor_rows(corpus: Corpus, ids: set[str]) -> list[dict[str, Any]]:
    """Actor rows (as Corpus.actors) of these ids only."""
    if not ids:
        return []
    sql = f"SELECT id, name, kind, documents, mentions FROM actors WHERE id IN ({', '.join('?' * len(ids))})"
    return [dict(row) for row in corpus.connection.execute(sql, sorted(ids))]


def actor_view(corpus: Corpus, actor_id: str, *, limit: int = 100, quotes: int = 5) -> dict[str, Any]:
    """One actor: partners (edges around it), relation mentions per year, memberships, the experts who take a stance
    on it (at most ``limit``, each with ``quotes`` newest quotes), documents and events."""
    found = corpus.actors(actor=actor_id, limit=1)
    if not found:
        raise KeyError(actor_id)
    conn = corpus.connection
    pairs = totals.pair_totals(conn, actor=actor_id)
    graph = graphs.graph_from_totals(_actor_rows(corpus, {x for pair in pairs for x in pair}), pairs)
    partners = []
    if actor_id in graph:
        for other in graph.neighbors(actor_id):
            partners.append({"id": other, "name": graph.nodes[other]["name"], **graph.edges[actor_id, other]})
    partners.sort(key=lambda p: (-p["weight"], p["id"]))
    partners = partners[:limit]
    speakers = totals.pair_speakers(conn, [graphs.pair_key(actor_id, p["id"]) for p in partners])
    for partner in partners:
        partner["speakers"] = "; ".join(speakers.get(graphs.pair_key(actor_id, partner["id"]), []))
    experts = totals.stance_totals_by_speaker(conn, actor_id, limit=limit)
    for expert in experts:
        rows = totals.stance_quotes(conn, actor_id, expert["speaker"], limit=quotes)
        expert["quotes"] = [_stance_quote(row) for row in rows]
        del expert["total"]
    return {
        "actor": found[0],
        "partners": partners,
        "over_time": _years_over_time(totals.actor_years(conn, actor_id)),
        "memberships": corpus.memberships(actor=actor_id, limit=limit),
        "experts": experts,
        "documents": corpus.docs(actor=actor_id, limit=limit),
        "events": corpus.events(actor=actor_id, limit=limit),
    }


def relations_over_time(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Relation mentions per publication year and polarity, oldest first (undated documents left out)."""
    per_year: dict[str, Counter[str]] = defaultdict(Counter)
    for row in rows:
        if row.get("published"):
            per_year[row["published"][:4]][row.get("polarity") or "0"] += 1
    return _years_over_time(per_year)


def _years_over_time(per_year: dict[str, dict[str, int]]) -> list[dict[str, Any]]:
    counts = {year: Counter(by_polarity) for year, by_polarity in per_year.items()}
    peak = max((sum(c.values()) for c in counts.values()), default=1)
    return [
        {"year": year, "+": c["+"], "-": c["-"], "0": c["0"], "total": sum(c.values()), "share": sum(c.values()) / peak}
        for year, c in sorted(counts.items())
    ]


def _stance_quote(row: dict[str, Any]) -> dict[str, Any]:
    keys = ("speaker", "target", "polarity", "modality", "evidence", "span_start", "span_end", "document_id")
    return {key: row.get(key) for key in keys} | {"published": row.get("published"), "title": row.get("title")}


def experts_view(corpus: Corpus) -> list[dict[str, Any]]:
    return cached(corpus, "experts", lambda: _experts(corpus))


def _experts(corpus: Corpus) -> list[dict[str, Any]]:
    return totals.experts(corpus.connection)


def expert_view(corpus: Corpus, name: str, *, limit: int = 100) -> dict[str, Any]:
    documents = overview.speaker_documents(corpus.connection, name)
    if not documents and not overview.speaker_exists(corpus.connection, name):
        raise KeyError(name)
    stance_rows = mentions.stance_mentions(corpus.connection, exact_speaker=name)
    matrix = stances.stance_matrix(stance_rows, max_actors=None)
    row = matrix.cells.get(name, {})
    names = {row["id"]: row["name"] for row in _actor_rows(corpus, set(row))}
    cells = [
        {"actor": actor, "name": names.get(actor, actor), **row[actor]}
        for actor in sorted(row, key=lambda a: (-row[a]["total"], a))
    ]
    relation_rows = mentions.relation_mentions(corpus.connection, exact_speaker=name)
    document_ids = [d["id"] for d in documents]
    figures = [f for doc_id in document_ids for f in corpus.figures(document=doc_id, limit=limit)][:limit]
    return {
        "name": name,
        "documents": documents,
        "stances": cells,
        "quotes": [_stance_quote(r) for r in stance_rows[:limit]],
        "relations": graphs.top_relations(relation_rows, limit=limit),
        "figures": figures,
    }


def matrix_view(corpus: Corpus, *, max_actors: int = 30) -> dict[str, Any]:
    return cached(corpus, "matrix", lambda: _matrix(corpus, max_actors), max_actors)


def _matrix(corpus: Corpus, max_actors: int) -> dict[str, Any]:
    rows, actor_totals = totals.matrix_rows(corpus.connection, experts=stances.MAX_EXPERTS)
    matrix = stances.stance_matrix(rows, max_actors=max_actors, actor_totals=actor_totals)
    names = {row["id"]: row["name"] for row in _actor_rows(corpus, set(matrix.actors))}
    data = matrix.to_dict()
    data["actor_names"] = {actor: names.get(actor, actor) for actor in matrix.actors}
    return data


def timeline_view(corpus: Corpus, *, limit: int = 1000, width: int = 1100) -> dict[str, Any]:
    return cached(corpus, "timeline", lambda: _timeline(corpus, limit, width), limit, width)


def _timeline(corpus: Corpus, limit: int, width: int) -> dict[str, Any]:
    items = timeline.timeline_items(corpus.events(limit=limit), corpus.docs(limit=limit))
    return timeline.layout(items, width=width)


def document_view(corpus: Corpus, doc_id: str) -> dict[str, Any]:
    analysis = corpus.get(doc_id)  # KeyError when absent
    marks = highlight.marks_for(analysis, aliases=_catalogue_aliases(tuple(a.id for a in analysis.actors)))
    return {
        "analysis": analysis,
        "segments": highlight.segments(analysis.body, marks),
        "relations": analysis.relation_mentions or analysis.relations,
        "stances": analysis.stance_mentions or analysis.stances,
    }


def _catalogue_aliases(actor_ids: tuple[str, ...]) -> dict[str, list[str]]:
    catalogue = _catalogue()
    if catalogue is None:
        return {}
    result = {}
    for actor_id in actor_ids:
        entry = catalogue.get(actor_id)
        if entry is not None:
            result[actor_id] = list(entry.aliases)
    return result


@cache
def _catalogue() -> Any:
    """The shipped actor catalogue, for alias highlighting; None if it cannot be loaded (the page still works)."""
    try:
        from multivector.data.catalogue import Catalogue

        return Catalogue.default()
    except Exception:  # noqa: BLE001 - highlighting aliases is a nicety, never a reason for a 500
        return None


#: Record tables whose hits can point at their evidence span (a fixed whitelist: the name goes into SQL text).
_SPAN_TABLES = {name: f"SELECT span_start FROM {name} WHERE id = ?" for name in
                ("relations", "memberships", "stances", "figures", "events")}  # fmt: skip


def search_view(corpus: Corpus, text: str, *, limit: int = 50) -> list[dict[str, Any]]:
    """Search hits; a hit in a record's evidence also gets ``span_start`` so the page can link to the sentence."""
    hits = corpus.search(text, limit=limit)
    for hit in hits:
        sql = _SPAN_TABLES.get(hit["kind"])
        row = corpus.connection.execute(sql, (hit["record_id"],)).fetchone() if sql else None
        hit["span_start"] = row[0] if row else None
    return hits
