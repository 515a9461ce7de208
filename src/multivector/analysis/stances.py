"""The stance matrix: experts x actors, with experts ordered so that similar views sit together.

Contract:
- :func:`stance_matrix` takes stance rows (``Corpus.stances`` or stance mentions; each with speaker, target,
  polarity) and returns ``StanceMatrix``: ``experts`` (ordered by :func:`similarity_order`), ``actors`` (most
  discussed first), ``cells[expert][actor] = {"+": n, "-": n, "0": n, "total": n, "score": (n+ - n-) / total}``
  and per-expert ``clusters`` (a cluster label per expert: experts joined before the cosine similarity of their
  groups fell below ``threshold``).
- :func:`similarity_order` is average-linkage agglomerative clustering on cosine similarity (scipy is not a
  dependency), returning the dendrogram's leaf order. O(n^3) in experts (a scan of O(n^2) linkages per merge),
  so callers cap the number of experts.
Pure functions: nothing here reads the database.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

MAX_EXPERTS = 150  # the clustering is cubic: beyond this, only the most outspoken experts are shown


@dataclass
class StanceMatrix:
    experts: list[str]
    actors: list[str]
    cells: dict[str, dict[str, dict[str, float]]]
    clusters: dict[str, int] = field(default_factory=dict)

    def cell(self, expert: str, actor: str) -> dict[str, float] | None:
        return self.cells.get(expert, {}).get(actor)

    def to_dict(self) -> dict[str, Any]:
        return {"experts": self.experts, "actors": self.actors, "cells": self.cells, "clusters": self.clusters}


def stance_matrix(
    rows: Iterable[dict[str, Any]],
    *,
    max_actors: int | None = 40,
    threshold: float = 0.3,
    actor_totals: dict[str, int] | None = None,
) -> StanceMatrix:
    """The matrix of ``rows``; ``actor_totals`` (target -> stance count over the whole corpus) orders the columns
    when ``rows`` hold only some experts' counts (the web app passes the most outspoken experts only)."""
    counts: dict[str, dict[str, Counter[str]]] = defaultdict(lambda: defaultdict(Counter))
    for row in rows:
        counts[row["speaker"]][row["target"]][row.get("polarity") or "0"] += int(row.get("count") or 1)
    if actor_totals is None:
        actor_totals = Counter()
        for by_actor in counts.values():
            for actor, polarities in by_actor.items():
                actor_totals[actor] += sum(polarities.values())
    actors = [actor for actor, _ in sorted(actor_totals.items(), key=lambda item: (-item[1], item[0]))]
    if max_actors is not None:
        actors = actors[:max_actors]
    expert_totals = {expert: sum(sum(p.values()) for p in by_actor.values()) for expert, by_actor in counts.items()}
    experts = sorted(expert_totals, key=lambda name: (-expert_totals[name], name))[:MAX_EXPERTS]
    cells = {expert: {actor: _cell(polarities) for actor, polarities in counts[expert].items()} for expert in experts}
    vectors = [[cells[expert].get(actor, {}).get("score", 0.0) for actor in actors] for expert in experts]
    order, labels = similarity_order(vectors, threshold=threshold)
    ordered = [experts[i] for i in order]
    return StanceMatrix(ordered, actors, cells, {experts[i]: labels[i] for i in order})


def _cell(polarities: Counter[str]) -> dict[str, float]:
    total = sum(polarities.values())
    positive, negative, neutral = polarities.get("+", 0), polarities.get("-", 0), polarities.get("0", 0)
    return {
        "+": positive,
        "-": negative,
        "0": neutral,
        "total": total,
        "score": round((positive - negative) / total, 3),
    }


def cosine(u: Sequence[float], v: Sequence[float]) -> float:
    """Cosine similarity; 0 when either vector is all zeros (no shared basis to compare)."""
    dot = sum(x * y for x, y in zip(u, v, strict=True))
    norm = math.sqrt(sum(x * x for x in u)) * math.sqrt(sum(y * y for y in v))
    return dot / norm if norm else 0.0


def similarity_order(vectors: Sequence[Sequence[float]], *, threshold: float = 0.3) -> tuple[list[int], list[int]]:
    """(leaf order, cluster label per input index) from average-linkage clustering on cosine similarity.

    The linkage of a merged cluster to every other one is updated in place (Lance-Williams: the size-weighted mean
    of its parts' linkages, which is the mean pairwise similarity), so each merge costs O(n) updates plus a scan of
    the linkage rows for the closest pair (ties: the first pair in row order, as a plain scan finds it).
    """
    n = len(vectors)
    if n == 0:
        return [], []
    link = [[cosine(vectors[i], vectors[j]) for j in range(n)] for i in range(n)]
    clusters: list[list[int]] = [[i] for i in range(n)]  # each cluster keeps its members in leaf order
    labels = list(range(n))
    while len(clusters) > 1:
        best, pair = -2.0, (0, 1)
        for i in range(len(clusters) - 1):
            tail = link[i][i + 1 :]
            closest = max(tail)
            if closest > best:
                best, pair = closest, (i, i + 1 + tail.index(closest))
        i, j = pair
        if best >= threshold:  # clusters joined while still similar share a label
            for member in clusters[j]:
                labels[member] = labels[clusters[i][0]]
        _merge_linkage(link, i, j, len(clusters[i]), len(clusters[j]))
        clusters[i] = clusters[i] + clusters[j]
        del clusters[j]
    return clusters[0], _renumber(labels, clusters[0])


def _merge_linkage(link: list[list[float]], i: int, j: int, size_i: int, size_j: int) -> None:
    """Cluster j joins cluster i: row and column i become the size-weighted mean of rows i and j; j goes."""
    total = size_i + size_j
    for k in range(len(link)):
        if k != i and k != j:
            value = (size_i * link[i][k] + size_j * link[j][k]) / total
            link[i][k] = link[k][i] = value
    del link[j]
    for row in link:
        del row[j]


def _renumber(labels: list[int], order: list[int]) -> list[int]:
    """Cluster labels 0, 1, 2... in the order clusters first appear along the leaves."""
    mapping: dict[int, int] = {}
    for index in order:
        mapping.setdefault(labels[index], len(mapping))
    return [mapping[label] for label in labels]
