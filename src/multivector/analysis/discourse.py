"""Discourse networks as the Discourse Network Analyzer (DNA) draws them, computed (``multivector discourse``).

Contract: :func:`discourse` reads every expert's stance claims per actor and polarity from the store
(:func:`multivector.store.analytics.stance_positions`, GROUP BY in SQL) and returns a :class:`Discourse`:

- the **affiliation** network (expert x actor, two-mode): one edge per expert and actor, its sign the sign of the
  expert's net stance (positive minus negative weight), with the weights of each polarity;
- the **congruence** and **conflict** networks (expert x expert): congruence counts the statements two experts
  share (same actor, same polarity), conflict the pairs of opposite statements on one actor (i +, j -; i -, j +),
  as DNA's Exporter does for a binary qualifier; normalised as DNA offers (none, average activity, Jaccard,
  cosine; docs/analysis.md);
- the **co-evaluation** network (actor x actor): for two actors, the experts who judge both the same way (``same``)
  and those who judge them oppositely (``opposite``);
- **camps**: Louvain communities (networkx, fixed seed) of the expert graph congruence minus conflict, positive
  edges only (DNA's "subtract" network).

A statement is an (actor, polarity) pair, polarity + or -, an expert holds with at least ``min_records`` firm claims
(modality asserted or future); repeated statements count once (DNA's duplicates setting "exclude"). Neutral stances
appear in the affiliation network only.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

from multivector.store import analytics

NORMALISATIONS = ("none", "average", "jaccard", "cosine")
NETWORKS = ("affiliation", "congruence", "conflict", "coevaluation", "camps")
SEED = 7


@dataclass
class Affiliation:
    """An expert's stance on an actor: sign of the net weight, the weight of each polarity, and the claims."""

    speaker: str
    actor: str
    sign: int
    positive: float
    negative: float
    neutral: float
    records: int


@dataclass
class Tie:
    """An undirected edge: a, b (sorted), its normalised weight, the raw count and the actors behind it."""

    a: str
    b: str
    weight: float
    raw: int
    actors: list[str] = field(default_factory=list)


@dataclass
class CoEvaluation:
    """Two actors (sorted) judged by the same experts: how many the same way, how many oppositely, and who."""

    a: str
    b: str
    same: int
    opposite: int
    experts: list[str] = field(default_factory=list)


@dataclass
class Discourse:
    normalisation: str
    experts: list[str]
    actors: list[str]
    affiliation: list[Affiliation]
    congruence: list[Tie]
    conflict: list[Tie]
    coevaluation: list[CoEvaluation]
    camps: list[list[str]]  # largest first; an expert without a positive tie is a camp of one

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def camp_of(self) -> dict[str, int]:
        return {expert: n for n, camp in enumerate(self.camps) for expert in camp}

    def graph(self, network: str) -> Any:
        """One network as a networkx graph (nodes carry `kind`: expert or actor; edges `weight` and, where it has
        one, `sign` and `raw`). ``camps``: the expert congruence graph with each node's `camp`."""
        import networkx as nx

        graph = nx.Graph(name=network, normalisation=self.normalisation)
        if network == "affiliation":
            graph.add_nodes_from(self.experts, kind="expert")
            graph.add_nodes_from(self.actors, kind="actor")
            for edge in self.affiliation:
                weight = edge.positive - edge.negative
                graph.add_edge(edge.speaker, edge.actor, weight=weight, sign=edge.sign, records=edge.records)
        elif network in ("congruence", "conflict", "camps"):
            camp = self.camp_of()
            for expert in self.experts:
                graph.add_node(expert, kind="expert", camp=camp.get(expert, -1))
            for tie in self.congruence if network != "conflict" else self.conflict:
                graph.add_edge(tie.a, tie.b, weight=tie.weight, raw=tie.raw, actors=", ".join(tie.actors))
        elif network == "coevaluation":
            graph.add_nodes_from(self.actors, kind="actor")
            for edge in self.coevaluation:
                graph.add_edge(edge.a, edge.b, weight=edge.same - edge.opposite, same=edge.same,
                               opposite=edge.opposite)  # fmt: skip
        else:
            raise ValueError(f"bad network {network!r}: use one of {', '.join(NETWORKS)}")
        return graph

    def export(self, network: str, path: str | Path) -> None:
        """Write one network as GraphML (.graphml) or GEXF (.gexf), chosen by the file's suffix."""
        import networkx as nx

        path = Path(path)
        graph = self.graph(network)
        if path.suffix.lower() == ".graphml":
            nx.write_graphml(graph, path)
        elif path.suffix.lower() == ".gexf":
            nx.write_gexf(graph, path)
        else:
            raise ValueError(f"bad export file {path.name!r}: use a .graphml or .gexf suffix")


def normalise(raw: float, n_i: int, n_j: int, union: int, method: str) -> float:
    """DNA's normalisations of a tie between i and j (n_*: their statements, union: statements of either)."""
    if method == "none":
        return float(raw)
    if method == "average":
        return raw / ((n_i + n_j) / 2) if n_i + n_j else 0.0
    if method == "jaccard":
        return raw / union if union else 0.0
    if method == "cosine":
        return raw / math.sqrt(n_i * n_j) if n_i and n_j else 0.0
    raise ValueError(f"bad normalisation {method!r}: use one of {', '.join(NORMALISATIONS)}")


def discourse(
    corpus: Any,
    *,
    normalisation: str = "average",
    actors: list[str] | None = None,
    since: str | None = None,
    until: str | None = None,
    min_records: int = 1,
    seed: int = SEED,
) -> Discourse:
    """The discourse networks of the corpus' stance claims (``actors``: only stances on these)."""
    import networkx as nx

    normalise(0, 0, 0, 0, normalisation)  # a bad name fails before the corpus is read
    rows = analytics.stance_positions(corpus, targets=actors, since=since, until=until)
    weights: dict[tuple[str, str], dict[str, float]] = defaultdict(lambda: {"+": 0.0, "-": 0.0, "0": 0.0})
    records: dict[tuple[str, str], int] = defaultdict(int)
    statements: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for row in rows:
        weights[row.speaker, row.target][row.polarity] += row.weight
        records[row.speaker, row.target] += row.records
        if row.records >= min_records and row.polarity in ("+", "-"):
            statements[row.speaker].add((row.target, row.polarity))
    affiliation = []
    for (speaker, actor), w in sorted(weights.items()):
        net = w["+"] - w["-"]
        sign = (net > 0) - (net < 0)
        affiliation.append(Affiliation(speaker, actor, sign, w["+"], w["-"], w["0"], records[speaker, actor]))
    experts = sorted(statements)
    congruence, conflict = [], []
    flipped = {e: {(a, "-" if p == "+" else "+") for a, p in held} for e, held in statements.items()}
    for i, j in combinations(experts, 2):
        si, sj = statements[i], statements[j]
        shared = si & sj
        opposed = flipped[i] & sj  # j's side of each opposite pair: one per pair
        if not shared and not opposed:
            continue
        union = len(si) + len(sj) - len(shared)
        if shared:
            weight = normalise(len(shared), len(si), len(sj), union, normalisation)
            congruence.append(Tie(i, j, weight, len(shared), [f"{a} {p}" for a, p in sorted(shared)]))
        if opposed:
            weight = normalise(len(opposed), len(si), len(sj), union, normalisation)
            conflict.append(Tie(i, j, weight, len(opposed), sorted({a for a, _ in opposed})))
    coevaluation = _coevaluation(statements)
    graph = nx.Graph()
    graph.add_nodes_from(experts)
    net: dict[tuple[str, str], float] = defaultdict(float)
    for tie in congruence:
        net[tie.a, tie.b] += tie.weight
    for tie in conflict:
        net[tie.a, tie.b] -= tie.weight
    graph.add_weighted_edges_from((a, b, w) for (a, b), w in net.items() if w > 0)
    found = nx.community.louvain_communities(graph, weight="weight", seed=seed) if experts else []
    camps = sorted((sorted(c) for c in found), key=lambda c: (-len(c), c))
    actor_ids = sorted({actor for (_, actor) in weights})
    return Discourse(normalisation, experts, actor_ids, affiliation, congruence, conflict, coevaluation, camps)


def _coevaluation(statements: dict[str, set[tuple[str, str]]]) -> list[CoEvaluation]:
    pairs: dict[tuple[str, str], CoEvaluation] = {}
    for expert, held in sorted(statements.items()):
        signs: dict[str, set[str]] = defaultdict(set)
        for actor, polarity in held:
            if polarity in "+-":
                signs[actor].add(polarity)
        for a, b in combinations(sorted(signs), 2):
            edge = pairs.setdefault((a, b), CoEvaluation(a, b, 0, 0))
            same = bool(signs[a] & signs[b])
            opposite = any(p != q for p in signs[a] for q in signs[b])
            edge.same += same
            edge.opposite += opposite
            if same or opposite:
                edge.experts.append(expert)
    return [pairs[key] for key in sorted(pairs)]
