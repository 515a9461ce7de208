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

import networkx as nx

from multivector.analysis import graph as graphs
from multivector.analysis import highlight, mentions, overview, stances, timeline, totals
from multivector.store import Corpus, queries, reads

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
    top_relations = totals.top_claims(corpus.connection, limit=top)
    return {
        **summary,
        "names": names_of(corpus, {x for r in top_relations for x in (r["a"], r["b"])}),
        "top_actors": corpus.actors(limit=top),
        "top_relations": top_relations,
        "recent": corpus.docs(limit=top),
    }


MODALITIES = ("asserted", "negated", "hypothetical", "future")


def record_filters(modality: str | None, min_confidence: str | float | None) -> dict[str, Any]:
    """Validated modality / min_confidence filters (ValueError for anything else)."""
    if modality is not None and modality not in MODALITIES:
        raise ValueError(f"bad modality {modality!r}: use one of {', '.join(MODALITIES)}")
    if min_confidence is not None:
        try:
            min_confidence = float(min_confidence)
        except (TypeError, ValueError):
            min_confidence = float("nan")
        if not 0.0 <= min_confidence <= 1.0:  # NaN too
            raise ValueError("bad min_confidence: use a number from 0 to 1")
    return {"modality": modality, "min_confidence": min_confidence}


def graph_view(
    corpus: Corpus,
    *,
    since: str | None = None,
    until: str | None = None,
    speaker: str | None = None,
    type: str | None = None,
    modality: str | None = None,
    min_confidence: float | None = None,
    max_nodes: int = 80,
) -> dict[str, Any]:
    """The actor network: nodes (with name, kind, mentions, strength and ``community``, a Louvain community of the
    graph shown, 0 the largest) and edges (actor pairs: weight, polarity counts, types, dates, speakers, and
    ``forward`` / ``backward``: directed claims source -> target and target -> source)."""
    check_dates(since, until)
    extra = record_filters(modality, min_confidence)
    key = (since, until, speaker, type, extra["modality"], extra["min_confidence"], max_nodes)
    filters = {"since": since, "until": until, "speaker": speaker, "type": type, **extra}
    return cached(corpus, "graph", lambda: _graph(corpus, filters, max_nodes), *key)


def _graph(corpus: Corpus, filters: dict[str, Any], max_nodes: int) -> dict[str, Any]:
    mention_filters = {key: filters[key] for key in ("since", "until", "speaker", "type")}
    narrowed = filters["modality"] is not None or filters["min_confidence"] is not None
    speakers: dict[tuple[str, str], list[str]] = {}
    if narrowed:
        # The running totals count every mention whatever its modality or confidence: the store sums the claims
        # that pass instead (Corpus.pair_totals, in SQL), with each pair's most frequent speakers.
        found = corpus.pair_totals(speakers=PAIR_SPEAKERS, **pair_filters(filters))
        pairs = {(pair.x, pair.y): pair.as_totals() for pair in found}
        speakers = {(pair.x, pair.y): list(pair.speakers) for pair in found}
    else:
        pairs = totals.pair_totals(corpus.connection, **mention_filters)
    graph = graphs.graph_from_totals(_actor_rows(corpus, {x for pair in pairs for x in pair}), pairs)
    data = graphs.graph_data(graph, max_nodes=max_nodes)
    shown = [(edge["source"], edge["target"]) for edge in data["edges"]]
    if not narrowed:
        speakers = totals.pair_speakers(corpus.connection, shown, **mention_filters)  # only for the edges shown
    for edge in data["edges"]:
        edge["speakers"] = "; ".join(speakers.get(graphs.pair_key(edge["source"], edge["target"]), []))
    add_directions(corpus, data, filters, exact=narrowed)
    add_communities(data)
    data["filters"] = dict(filters)
    return data


#: Speakers listed per edge (the store's running totals keep as many).
PAIR_SPEAKERS = 10


def _claim_filters(filters: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in filters.items() if value is not None}


def pair_filters(filters: dict[str, Any]) -> dict[str, Any]:
    """The network's filters (since, until, speaker, type, modality, min_confidence) as Corpus.pair_totals /
    pair_directions take them."""
    extra = {key: filters[key] for key in ("since", "until", "speaker", "type") if filters.get(key) is not None}
    if filters.get("modality") is not None:
        extra["modalities"] = [filters["modality"]]
    return {"min_confidence": filters.get("min_confidence") or 0, **extra}


#: Directed claims read per actor for the network's arrows (newest first) when no modality or confidence filter is
#: set: counting every pair's directions reads every claim (Corpus.pair_directions), too slow for a large corpus'
#: whole network, so the arrows of a hub's edges come from its newest claims; with those filters, and in the edge
#: panel (edge_view), a pair's directions are counted exactly by the store.
DIRECTION_SAMPLE = 500
#: ... and at most about this many in all (fewer per actor when many are shown).
DIRECTION_BUDGET = 15_000


def add_directions(
    corpus: Corpus, data: dict[str, Any], filters: dict[str, Any], claims: list | None = None, *, exact: bool = False
) -> None:
    """``forward`` / ``backward`` on each edge: its directed claims' sentences (source -> target / target -> source).
    ``exact``: counted by the store over every claim of the edges shown that passes ``filters``
    (Corpus.pair_directions); ``claims``: among these claim rows; otherwise among the newest directed claims of each
    actor shown (DIRECTION_SAMPLE each, fewer when many actors are shown so that about DIRECTION_BUDGET are read)."""
    directed: Counter[tuple[str, str]] = Counter()
    if claims is not None:
        for row in claims:
            if row.get("source") and row.get("target") and row["source"] != row["target"]:
                directed[(row["source"], row["target"])] += int(row.get("count") or 1)
    elif exact:
        shown = [(edge["source"], edge["target"]) for edge in data["edges"]]
        for pair in corpus.pair_directions(pairs=shown, **pair_filters(filters)) if shown else []:
            directed[(pair.x, pair.y)] += pair.forward_mentions
            directed[(pair.y, pair.x)] += pair.backward_mentions
    else:  # the newest directed claims of each actor shown, through the store's source index
        sample = min(DIRECTION_SAMPLE, max(50, DIRECTION_BUDGET // max(1, len(data["nodes"]))))
        for node in data["nodes"]:
            for row in corpus.relations(source=node["id"], limit=sample, **_claim_filters(filters)):
                if row.get("source") and row.get("target") and row["source"] != row["target"]:
                    directed[(row["source"], row["target"])] += int(row.get("count") or 1)
    for edge in data["edges"]:
        edge["forward"] = directed.get((edge["source"], edge["target"]), 0)
        edge["backward"] = directed.get((edge["target"], edge["source"]), 0)


def add_communities(data: dict[str, Any], seed: int = 7) -> None:
    """Louvain communities of the graph shown (fixed seed: the same graph gets the same communities), numbered by
    size, largest first; ``community`` on every node."""
    graph = nx.Graph()
    graph.add_nodes_from(node["id"] for node in data["nodes"])
    graph.add_weighted_edges_from((e["source"], e["target"], e["weight"]) for e in data["edges"])
    found = nx.community.louvain_communities(graph, weight="weight", seed=seed) if graph.number_of_edges() else []
    ranked = sorted((sorted(c) for c in found), key=lambda c: (-len(c), c))
    number = {actor: index for index, members in enumerate(ranked) for actor in members}
    for node in data["nodes"]:
        node["community"] = number.get(node["id"], len(ranked))


def edge_view(
    corpus: Corpus,
    a: str,
    b: str,
    *,
    since: str | None = None,
    until: str | None = None,
    speaker: str | None = None,
    type: str | None = None,
    modality: str | None = None,
    min_confidence: float | None = None,
    limit: int = 50,
) -> dict[str, Any]:
    """The sentences behind the a-b edge, newest first, each with its claim's direction and confidence; with
    ``modality`` or ``min_confidence`` only the sentences of claims that pass."""
    extra = record_filters(modality, min_confidence)
    filters = {"pair": (a, b), "since": since, "until": until, "speaker": speaker, "type": type}
    narrowed = extra["modality"] is not None or extra["min_confidence"] is not None
    rows = mentions.relation_mentions(corpus.connection, **filters, limit=None if narrowed else limit)
    claims = _claims_of(corpus, rows)
    evidence = []
    for row in rows:
        claim = claims.get((row["document_id"], graphs.pair_key(row["a"], row["b"]), row["type"]), {})
        item = _evidence_row(row) | {
            "source": claim.get("source"), "target": claim.get("target"), "confidence": claim.get("confidence"),
        }  # fmt: skip
        if extra["modality"] is not None and item["modality"] != extra["modality"]:
            continue
        if extra["min_confidence"] is not None and (item["confidence"] or -1) < extra["min_confidence"]:
            continue
        evidence.append(item)
    total = len(evidence) if narrowed else mentions.count_relation_mentions(corpus.connection, **filters)
    counts = _edge_counts(evidence, total)
    counts["direction"], counts["undirected"] = pair_direction_counts(corpus, a, b, {**filters, **extra})
    return {"a": a, "b": b, "total": total, "evidence": evidence[:limit], "counts": counts}


def pair_direction_counts(corpus: Corpus, a: str, b: str, filters: dict[str, Any]) -> tuple[dict[str, int], int]:
    """Every claim of the pair a-b passing ``filters``, not only the sentences listed, counted by the store
    (Corpus.pair_directions): ``({"A→B": sentences, "B→A": sentences}, undirected sentences)``, a direction with no
    claim left out."""
    if a == b:
        return {}, 0
    found = corpus.pair_directions(pairs=[(a, b)], **pair_filters(filters))
    if not found:
        return {}, 0
    pair = found[0]
    by_arrow = {(pair.x, pair.y): pair.forward_mentions, (pair.y, pair.x): pair.backward_mentions}
    arrows = {f"{x}\u2192{y}": by_arrow[(x, y)] for x, y in ((a, b), (b, a)) if by_arrow[(x, y)]}
    return arrows, pair.undirected_mentions


def _claims_of(corpus: Corpus, rows: list[dict[str, Any]]) -> dict[tuple, dict[str, Any]]:
    """The stored claims of the documents of these mention rows, by (document, pair, type)."""
    claims: dict[tuple, dict[str, Any]] = {}
    for document in dict.fromkeys(row["document_id"] for row in rows):
        for claim in corpus.relations(document=document, limit=None):
            claims.setdefault((document, graphs.pair_key(claim["a"], claim["b"]), claim["type"]), claim)
    return claims


def _edge_counts(evidence: list[dict[str, Any]], total: int) -> dict[str, Any]:
    """Counts for the edge panel (over the rows listed when they are all of them)."""
    polarity = Counter(row.get("polarity") or "0" for row in evidence)
    modality = Counter(row.get("modality") or "asserted" for row in evidence)
    direction = Counter(f"{row['source']}\u2192{row['target']}" for row in evidence if row.get("source"))
    return {
        "listed": len(evidence), "total": total,
        "polarity": {"+": polarity["+"], "-": polarity["-"], "0": polarity["0"]},
        "modality": dict(modality), "direction": dict(direction),
    }  # fmt: skip


def _evidence_row(row: dict[str, Any]) -> dict[str, Any]:
    keys = ("a", "b", "type", "polarity", "modality", "speaker", "evidence", "span_start", "span_end", "document_id")
    return {key: row.get(key) for key in keys} | {"published": row.get("published"), "title": doc_title(row)}


def doc_title(row: dict[str, Any]) -> str:
    """The one name of a document everywhere: its title, else "Untitled document" and the start of its id."""
    title = (row.get("title") or "").strip()
    if title:
        return title
    doc_id = row.get("document_id") or row.get("id") or ""
    return f"Untitled document {doc_id[:10]}".strip()


def relation_types(corpus: Corpus) -> list[str]:
    return cached(corpus, "relation_types", lambda: _relation_types(corpus))


def _relation_types(corpus: Corpus) -> list[str]:
    pairs = totals.pair_totals(corpus.connection)
    return sorted({kind["type"] for pair in pairs.values() for kind in pair["kinds"]})


def names_of(corpus: Corpus, ids: set[str]) -> dict[str, str]:
    """{id: name} of these actors (an id the corpus does not know stands for itself)."""
    return {actor_id: actor_id for actor_id in ids} | {row["id"]: row["name"] for row in _actor_rows(corpus, ids)}


def _actor_rows(corpus: Corpus, ids: set[str]) -> list[dict[str, Any]]:
    """Actor rows (as Corpus.actors) of these ids only."""
    if not ids:
        return []
    every = cached(corpus, "actor_rows", lambda: {row["id"]: row for row in corpus.actors(limit=None)})
    return [every[actor_id] for actor_id in sorted(ids) if actor_id in every]


ACTOR_DIRECTIONS = 2000


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
    # Directed claims (newest ACTOR_DIRECTIONS each way: a hub has tens of thousands on a large corpus).
    outgoing = Counter(row["target"] for row in corpus.relations(source=actor_id, limit=ACTOR_DIRECTIONS))
    incoming = Counter(row["source"] for row in corpus.relations(target=actor_id, limit=ACTOR_DIRECTIONS))
    for partner in partners:
        partner["speakers"] = "; ".join(speakers.get(graphs.pair_key(actor_id, partner["id"]), []))
        partner["acts_on"], partner["acted_on_by"] = outgoing[partner["id"]], incoming[partner["id"]]
    experts = totals.stance_totals_by_speaker(conn, actor_id, limit=limit)
    for expert in experts:
        rows = totals.stance_quotes(conn, actor_id, expert["speaker"], limit=quotes)
        expert["quotes"] = [_stance_quote(row) for row in rows]
        del expert["total"]
    memberships = corpus.memberships(actor=actor_id, limit=limit)
    return {
        "names": names_of(corpus, {x for m in memberships for x in (m["member"], m["org"])}),
        "actor": found[0],
        "partners": partners,
        "over_time": _years_over_time(totals.actor_years(conn, actor_id)),
        "memberships": memberships,
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
    if not documents:  # quoted only second-hand: the documents their stances come from (as the experts list counts)
        documents = reads.stance_documents(corpus.connection, name)
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
    relations = graphs.top_relations(relation_rows, limit=limit)
    quotes = [_stance_quote(r) for r in stance_rows[:limit]]
    return {
        "names": names_of(corpus, {x for r in relations for x in (r["a"], r["b"])} | {q["target"] for q in quotes}),
        "name": name,
        "documents": documents,
        "stances": cells,
        "quotes": quotes,
        "relations": relations,
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
    docs = corpus.docs(limit=limit)
    items = timeline.timeline_items(corpus.events(limit=limit), docs)
    for item in items:
        if item["kind"] == "publication":
            item["label"] = doc_title({"title": item["title"], "document_id": item["document_id"]})
    return label_lanes(timeline.layout(items, width=width))


LABEL_CHARS = 34
LABEL_PX_PER_CHAR = 6.2
LANE_PX = 17
MAX_LABEL_LANES = 30


def label_lanes(data: dict[str, Any]) -> dict[str, Any]:
    """Give every timeline dot a label beside it: dots are re-stacked in lanes wide enough for their label
    (``short``: the label cut to LABEL_CHARS characters), events above the axis and publications below. Beyond
    MAX_LABEL_LANES lanes a dot goes unlabelled into the lane that frees first (its full label stays on hover)."""
    items = data.get("items") or []
    if not items:
        return data
    depth = {"event": 0, "publication": 0}
    for kind in depth:
        lanes: list[float] = []
        for item in sorted((i for i in items if i["kind"] == kind), key=lambda i: i["x"]):
            label = item["label"] or ""
            item["short"] = label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1].rstrip() + "…"
            end = item["x"] + 9 + LABEL_PX_PER_CHAR * len(item["short"])
            lane = next((n for n, last in enumerate(lanes) if last < item["x"] - 6), None)
            if lane is None and len(lanes) < MAX_LABEL_LANES:
                lanes.append(0.0)
                lane = len(lanes) - 1
            if lane is None:
                lane = min(range(len(lanes)), key=lanes.__getitem__)
                item["short"], end = "", item["x"] + 6
            lanes[lane] = end
            item["lane"] = lane
        depth[kind] = len(lanes)
    axis_y = 30 + depth["event"] * LANE_PX
    for item in items:
        step = (item["lane"] + 1) * LANE_PX
        item["y"] = axis_y - step if item["kind"] == "event" else axis_y + step
        item["label_x"] = round(item["x"] + 8, 1)
    shift = axis_y - data["axis_y"]
    return {**data, "axis_y": axis_y, "height": axis_y + depth["publication"] * LANE_PX + 40, "items": items,
            "ticks": data["ticks"], "shift": shift}  # fmt: skip


def document_view(corpus: Corpus, doc_id: str) -> dict[str, Any]:
    analysis = corpus.get(doc_id)  # KeyError when absent
    marks = highlight.marks_for(analysis, aliases=_catalogue_aliases(tuple(a.id for a in analysis.actors)))
    return {
        "analysis": analysis,
        "segments": highlight.segments(analysis.body, marks),
        "names": {actor.id: actor.name for actor in analysis.actors},
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


#: Record tables whose hits can point at their evidence span (the Corpus method that lists each).
_RECORD_KINDS = ("relations", "memberships", "stances", "figures", "events")


def search_view(corpus: Corpus, text: str, *, limit: int = 50) -> list[dict[str, Any]]:
    """Search hits grouped by document, best document first: one row per document with its best snippet
    (``snippet``, ``kind``, ``span_start`` to link to the sentence when it is a record's evidence), ``hits`` (how
    many texts of the document match, near-identical evidence included) and ``kinds``."""
    hits = corpus.search(text, limit=limit * 4)
    grouped: dict[str, dict[str, Any]] = {}
    for hit in hits:
        row = grouped.get(hit["document_id"])
        if row is None:
            if len(grouped) >= limit:
                continue
            row = grouped[hit["document_id"]] = {**hit, "title": doc_title(hit), "hits": 0, "kinds": []}
        row["hits"] += 1
        kind = "article" if hit["kind"] == "documents" else hit["kind"]
        if kind not in row["kinds"]:
            row["kinds"].append(kind)
    for row in grouped.values():
        row["span_start"] = _span_start(corpus, row)
    return list(grouped.values())


def _span_start(corpus: Corpus, hit: dict[str, Any]) -> int | None:
    if hit["kind"] not in _RECORD_KINDS or hit.get("record_id") is None:
        return None
    for record in getattr(corpus, hit["kind"])(document=hit["document_id"], limit=None):
        if record["id"] == hit["record_id"]:
            return record["span_start"]
    return None
