"""The actor network: relation mentions folded into a networkx graph, and its JSON form.

Contract:
- :func:`build_actor_graph` takes actor rows (``Corpus.actors``) and relation mention rows
  (:func:`multivector.analysis.mentions.relation_mentions`) and returns an undirected :class:`networkx.Graph`.
  One node per actor that takes part in a relation (attributes: name, kind, mentions, documents). One edge per
  actor pair, whatever the mention's a/b order, with: ``weight`` (number of supporting sentences), ``positive`` /
  ``negative`` / ``neutral`` counts, ``polarity`` (the majority sign, "0" on a tie), ``type`` (the most frequent
  relation type) and ``types`` ("type:count;..."), ``score`` (mean score), ``documents`` (distinct documents),
  ``speakers`` ("; "-joined) and ``start`` / ``end`` (first and last publication date of its evidence, absent when
  no evidence is dated). Attribute values are never None, so the graph writes straight to GraphML and GEXF.
- :func:`graph_from_totals` builds the same graph from per-pair totals (:mod:`multivector.analysis.totals`), the
  way the web app does on a corpus of any size; there ``speakers`` lists only the most frequent speakers of an edge
  (most frequent first) and ``speaker_count`` is absent.
- :func:`graph_data` turns such a graph into JSON-ready ``{"nodes": [...], "edges": [...]}`` for the web app and
  the report; :func:`top_relations` ranks (pair, type, polarity) claims by their evidence.
Pure functions: nothing here reads the database.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

import networkx as nx

POLARITIES = ("+", "-", "0")
_POLARITY_FIELD = {"+": "positive", "-": "negative", "0": "neutral"}


def pair_key(a: str, b: str) -> tuple[str, str]:
    """The undirected key of an actor pair."""
    return (a, b) if a <= b else (b, a)


def build_actor_graph(actors: Iterable[dict[str, Any]], mentions: Iterable[dict[str, Any]]) -> nx.Graph:
    """An undirected actor graph whose edges aggregate the given relation mentions."""
    known = {row["id"]: row for row in actors}
    grouped: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for mention in mentions:
        if mention["a"] != mention["b"]:  # a self-loop says nothing about the system of actors
            grouped[pair_key(mention["a"], mention["b"])].append(mention)
    graph = nx.Graph()
    for (a, b), rows in grouped.items():
        for actor_id in (a, b):
            if actor_id not in graph:
                graph.add_node(actor_id, **_node_attributes(actor_id, known.get(actor_id)))
        graph.add_edge(a, b, **_edge_attributes(rows))
    return graph


def _node_attributes(actor_id: str, row: dict[str, Any] | None) -> dict[str, Any]:
    row = row or {}
    return {
        "name": row.get("name") or actor_id,
        "kind": row.get("kind") or "entity",
        "mentions": int(row.get("mentions") or 0),
        "documents": int(row.get("documents") or 0),
    }


def _edge_attributes(rows: list[dict[str, Any]]) -> dict[str, Any]:
    polarity_counts = Counter(row.get("polarity", "0") for row in rows)
    type_counts = Counter(row.get("type", "") for row in rows)
    dates = sorted(row["published"] for row in rows if row.get("published"))
    speakers = sorted({row["speaker"] for row in rows if row.get("speaker")})
    attributes: dict[str, Any] = {
        "weight": len(rows),
        "polarity": majority_polarity(polarity_counts),
        "type": type_counts.most_common(1)[0][0],
        "types": ";".join(f"{name}:{count}" for name, count in type_counts.most_common()),
        "score": round(sum(float(row.get("score") or 0) for row in rows) / len(rows), 3),
        "documents": len({row["document_id"] for row in rows}),
        "speakers": "; ".join(speakers),
    }
    for sign, name in _POLARITY_FIELD.items():
        attributes[name] = polarity_counts.get(sign, 0)
    if dates:
        attributes["start"], attributes["end"] = dates[0], dates[-1]
    return attributes


def graph_from_totals(
    actors: Iterable[dict[str, Any]],
    pairs: dict[tuple[str, str], dict[str, Any]],
    speakers: dict[tuple[str, str], list[str]] | None = None,
) -> nx.Graph:
    """The actor graph from per-pair totals ``{(x, y): {"kinds": [...], "documents": n}}`` (see totals.pair_totals)."""
    known = {row["id"]: row for row in actors}
    graph = nx.Graph()
    for (a, b), totals in sorted(pairs.items()):
        for actor_id in (a, b):
            if actor_id not in graph:
                graph.add_node(actor_id, **_node_attributes(actor_id, known.get(actor_id)))
        graph.add_edge(a, b, **edge_from_totals(totals["kinds"], totals["documents"], (speakers or {}).get((a, b), [])))
    return graph


def edge_from_totals(kinds: list[dict[str, Any]], documents: int, speakers: list[str]) -> dict[str, Any]:
    """Edge attributes (as :func:`build_actor_graph` makes them) from (type, polarity) totals of one pair."""
    polarity_counts: Counter[str] = Counter()
    type_counts: Counter[str] = Counter()
    for kind in kinds:
        polarity_counts[kind["polarity"]] += kind["mentions"]
        type_counts[kind["type"]] += kind["mentions"]
    weight = sum(type_counts.values())
    ranked_types = sorted(type_counts.items(), key=lambda item: (-item[1], item[0]))
    firsts = [kind["first"] for kind in kinds if kind.get("first")]
    lasts = [kind["last"] for kind in kinds if kind.get("last")]
    attributes: dict[str, Any] = {
        "weight": weight,
        "polarity": majority_polarity(polarity_counts),
        "type": ranked_types[0][0],
        "types": ";".join(f"{name}:{count}" for name, count in ranked_types),
        "score": round(sum(float(kind["score_sum"] or 0) for kind in kinds) / weight, 3),
        "documents": documents,
        "speakers": "; ".join(speakers),
    }
    for sign, name in _POLARITY_FIELD.items():
        attributes[name] = polarity_counts.get(sign, 0)
    if firsts:
        attributes["start"], attributes["end"] = min(firsts), max(lasts)
    return attributes


def majority_polarity(counts: Counter[str] | dict[str, int]) -> str:
    """'+' or '-' when one sign has more evidence than the other, otherwise '0'."""
    positive, negative = counts.get("+", 0), counts.get("-", 0)
    if positive > negative:
        return "+"
    if negative > positive:
        return "-"
    return "0"


def graph_data(graph: nx.Graph, *, max_nodes: int | None = None) -> dict[str, list[dict[str, Any]]]:
    """JSON-ready nodes and edges; with ``max_nodes``, only the most connected actors (by evidence) are kept."""
    strength = dict(graph.degree(weight="weight"))
    ids = sorted(graph.nodes, key=lambda node: (-strength.get(node, 0), node))
    if max_nodes is not None:
        ids = ids[:max_nodes]
    kept = set(ids)
    nodes = [{"id": node, **graph.nodes[node], "strength": strength.get(node, 0)} for node in ids]
    edges = [
        {"source": a, "target": b, **attributes}
        for a, b, attributes in sorted(graph.edges(data=True), key=lambda edge: (-edge[2]["weight"], edge[0], edge[1]))
        if a in kept and b in kept
    ]
    for edge in edges:  # the stored orientation of an undirected edge is arbitrary: make it stable
        edge["source"], edge["target"] = pair_key(edge["source"], edge["target"])
    return {"nodes": nodes, "edges": edges}


def top_relations(mentions: Iterable[dict[str, Any]], limit: int = 20) -> list[dict[str, Any]]:
    """The most evidenced claims: one row per (pair, type, polarity) with its count, documents and first evidence."""
    grouped: dict[tuple[str, str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for mention in mentions:
        a, b = pair_key(mention["a"], mention["b"])
        grouped[(a, b, mention.get("type", ""), mention.get("polarity", "0"))].append(mention)
    ranked = sorted(grouped.items(), key=lambda item: (-len(item[1]), item[0]))
    return [
        {
            "a": a,
            "b": b,
            "type": type_,
            "polarity": polarity,
            "count": len(rows),
            "documents": len({row["document_id"] for row in rows}),
            "evidence": [_evidence(row) for row in rows[:3]],
        }
        for (a, b, type_, polarity), rows in ranked[:limit]
    ]


def _evidence(row: dict[str, Any]) -> dict[str, Any]:
    return {
        key: row.get(key)
        for key in ("evidence", "document_id", "title", "published", "span_start", "span_end", "speaker", "type")
    } | {"polarity": row.get("polarity")}
