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

Scale: the counts are matrix products (numpy, BLOCK experts at a time): with P and M the experts x actors 0/1
matrices of + and - statements, congruence = P P' + M M' and conflict = P M' + M P'; the normalisations and the
co-evaluation counts are array operations too. The ties are kept as arrays (:class:`TieList`) and a :class:`Tie`
is made when one is read, so a corpus where every expert judges the same actors (millions of ties) costs seconds,
not minutes. Louvain reads every positive tie up to LOUVAIN_TIES of them, beyond that each expert's
LOUVAIN_NEIGHBOURS strongest (a nearest-neighbour graph, as single-cell and text clustering do).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field, fields
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
    actors: Sequence[str] = field(default_factory=list)  # read as a list (decoded on demand: _Labels)

    def to_dict(self) -> dict[str, Any]:
        return {"a": self.a, "b": self.b, "weight": self.weight, "raw": self.raw, "actors": list(self.actors)}


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
    congruence: TieList  # ties made when read (a dense corpus has millions)
    conflict: TieList
    coevaluation: list[CoEvaluation]
    camps: list[list[str]]  # largest first; an expert without a positive tie is a camp of one

    def to_dict(self) -> dict[str, Any]:
        data = {f.name: getattr(self, f.name) for f in fields(self) if f.name not in ("congruence", "conflict")}
        data = asdict(self.__class__(**{**data, "congruence": [], "conflict": []}))  # type: ignore[arg-type]
        data["congruence"] = [tie.to_dict() for tie in self.congruence]
        data["conflict"] = [tie.to_dict() for tie in self.conflict]
        return data

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
    matrix = _Statements(statements)
    congruence, conflict, positive = matrix.ties(normalisation)
    coevaluation = matrix.coevaluation()
    camps = _camps(matrix.experts, positive, seed)
    actor_ids = sorted({actor for (_, actor) in weights})
    return Discourse(normalisation, matrix.experts, actor_ids, affiliation, congruence, conflict, coevaluation, camps)


#: Expert rows multiplied at a time (memory: BLOCK x experts integers per product).
BLOCK = 256
#: Louvain runs on at most about this many positive ties: beyond it each expert keeps its LOUVAIN_NEIGHBOURS
#: strongest ties (the union over experts), which keeps every expert's closest allies and drops the weakest of the
#: near-complete networks a corpus where every expert judges the same actors makes (docs/analysis.md).
LOUVAIN_TIES = 50_000
LOUVAIN_NEIGHBOURS = 20


class _Labels(Sequence[str]):
    """The statements (or actors) behind one tie, decoded from a bit mask only when read: a network of millions of
    ties does not build millions of lists. Reads, compares and serialises as the list it stands for."""

    __slots__ = ("_mask", "_names")

    def __init__(self, mask: int, names: list[str]) -> None:
        self._mask, self._names = mask, names

    def _list(self) -> list[str]:
        mask, names, found, bit = self._mask, self._names, [], 0
        while mask:
            if mask & 1:
                found.append(names[bit])
            mask >>= 1
            bit += 1
        return found

    def __getitem__(self, index: Any) -> Any:
        return self._list()[index]

    def __len__(self) -> int:
        return self._mask.bit_count()

    def __iter__(self) -> Iterator[str]:
        return iter(self._list())

    def __eq__(self, other: object) -> bool:
        return list(self) == (list(other) if isinstance(other, Sequence) and not isinstance(other, str) else other)

    def __repr__(self) -> str:
        return repr(self._list())

    def __deepcopy__(self, memo: dict) -> list[str]:  # dataclasses.asdict: a plain list
        return self._list()


class TieList(Sequence[Tie]):
    """Congruence or conflict ties held as arrays (expert indexes, raw counts, weights): a :class:`Tie` is made only
    when read, so a network of millions of ties costs its arrays until it is listed or exported."""

    def __init__(self, matrix: _Statements, i: Any, j: Any, raw: Any, weight: Any, *, opposite: bool) -> None:
        self._matrix, self._opposite = matrix, opposite
        self._i, self._j, self._raw, self._weight = i, j, raw, weight

    def __len__(self) -> int:
        return len(self._i)

    def _tie(self, k: int) -> Tie:
        m, a, b = self._matrix, int(self._i[k]), int(self._j[k])
        if self._opposite:  # the actors judged oppositely
            labels = _Labels((m.plus_masks[a] & m.minus_masks[b]) | (m.minus_masks[a] & m.plus_masks[b]), m.actors)
        else:  # the statements shared
            labels = _Labels(m.statement_masks[a] & m.statement_masks[b], m.statement_names)
        return Tie(m.experts[a], m.experts[b], float(self._weight[k]), int(self._raw[k]), labels)

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return [self._tie(k) for k in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return self._tie(index)

    def __iter__(self) -> Iterator[Tie]:
        return (self._tie(k) for k in range(len(self)))

    def top(self, count: int) -> list[Tie]:
        """The ``count`` heaviest ties, heaviest first (ties in list order)."""
        import numpy as np

        order = np.argsort(-self._weight, kind="stable")[:count]
        return [self._tie(int(k)) for k in order]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    def __repr__(self) -> str:
        return f"TieList({len(self)} ties)"


class _Statements:
    """Experts x statements as two 0/1 matrices (P: the expert holds "actor +", M: "actor -"); DNA's counts are their
    products: congruence = P P' + M M', conflict = P M' + M P' (numpy, BLOCK rows at a time)."""

    def __init__(self, statements: dict[str, set[tuple[str, str]]]) -> None:
        import numpy as np

        self.experts = sorted(statements)
        self.actors = sorted({actor for held in statements.values() for actor, _ in held})
        column = {actor: n for n, actor in enumerate(self.actors)}
        self.P = np.zeros((len(self.experts), len(self.actors)), dtype=np.int32)
        self.M = np.zeros_like(self.P)
        for row, expert in enumerate(self.experts):
            for actor, polarity in statements[expert]:
                (self.P if polarity == "+" else self.M)[row, column[actor]] = 1
        # statement bit 2k = "actor_k +", 2k + 1 = "actor_k -": sorted as (actor, polarity), the order DNA lists them
        self.statement_names = [f"{actor} {polarity}" for actor in self.actors for polarity in "+-"]
        weights = np.array([1 << bit for bit in range(2 * len(self.actors))], dtype=object)
        both = np.empty((len(self.experts), 2 * len(self.actors)), dtype=np.int64)
        both[:, 0::2], both[:, 1::2] = self.P, self.M
        self.statement_masks = [int(x) for x in (both.astype(object) @ weights)] if len(self.experts) else []
        actor_weights = np.array([1 << bit for bit in range(len(self.actors))], dtype=object)
        self.plus_masks = [int(x) for x in (self.P.astype(object) @ actor_weights)] if len(self.experts) else []
        self.minus_masks = [int(x) for x in (self.M.astype(object) @ actor_weights)] if len(self.experts) else []
        self.held = (self.P.sum(axis=1) + self.M.sum(axis=1)).astype(np.int64)

    def ties(self, method: str) -> tuple[TieList, TieList, list[tuple[str, str, float]]]:
        """The congruence and conflict ties (i < j, in the order of the experts) and the positive ties of congruence
        minus conflict that Louvain reads (all of them, or each expert's LOUVAIN_NEIGHBOURS strongest when there
        are more than LOUVAIN_TIES)."""
        import numpy as np

        n = len(self.experts)
        found: dict[str, list[list[Any]]] = {"congruence": [[], [], [], []], "conflict": [[], [], [], []]}
        net_rows: list[Any] = []
        net_cols: list[Any] = []
        net_weights: list[Any] = []
        best_rows: list[Any] = []
        best_cols: list[Any] = []
        best_weights: list[Any] = []
        positive = 0
        for start in range(0, n, BLOCK):
            stop = min(n, start + BLOCK)
            p, m = self.P[start:stop], self.M[start:stop]
            shared = p @ self.P.T + m @ self.M.T
            opposed = p @ self.M.T + m @ self.P.T
            n_i = self.held[start:stop][:, None]
            n_j = self.held[None, :]
            union = n_i + n_j - shared
            normalised = {
                "congruence": _normalise_all(shared, n_i, n_j, union, method),
                "conflict": _normalise_all(opposed, n_i, n_j, union, method),
            }
            index = np.arange(start, stop)[:, None]
            upper = np.arange(n)[None, :] > index  # each pair once, i < j
            for name, counts in (("congruence", shared), ("conflict", opposed)):
                rows, cols = np.nonzero((counts > 0) & upper)
                lists = found[name]
                lists[0].append(rows + start)
                lists[1].append(cols)
                lists[2].append(counts[rows, cols])
                lists[3].append(normalised[name][rows, cols])
            net = normalised["congruence"] - normalised["conflict"]
            net[np.arange(n)[None, :] == index] = 0.0  # no self-ties
            rows, cols = np.nonzero((net > 0) & upper)
            positive += len(rows)
            if positive <= LOUVAIN_TIES:  # kept while they may all be used
                net_rows.append(rows + start)
                net_cols.append(cols)
                net_weights.append(net[rows, cols])
            k = min(LOUVAIN_NEIGHBOURS, n - 1)
            if k > 0:  # each expert's k strongest positive ties (either side)
                top = np.argpartition(-net, k - 1, axis=1)[:, :k]
                rows = np.repeat(np.arange(stop - start), k)
                cols = top.reshape(-1)
                keep = net[rows, cols] > 0
                best_rows.append(rows[keep] + start)
                best_cols.append(cols[keep])
                best_weights.append(net[rows[keep], cols[keep]])
        lists = {
            name: [np.concatenate(part) if part else np.zeros(0) for part in value] for name, value in found.items()
        }
        congruence = TieList(self, *lists["congruence"], opposite=False)
        conflict = TieList(self, *lists["conflict"], opposite=True)
        if positive <= LOUVAIN_TIES:
            chosen = (net_rows, net_cols, net_weights)
        else:
            chosen = (best_rows, best_cols, best_weights)
        edges: dict[tuple[int, int], float] = {}
        if chosen[0]:
            for i, j, w in zip(*(np.concatenate(part).tolist() for part in chosen), strict=True):
                edges[(i, j) if i < j else (j, i)] = w
        experts = self.experts
        return congruence, conflict, [(experts[i], experts[j], w) for (i, j), w in edges.items()]

    def coevaluation(self) -> list[CoEvaluation]:
        """For every two actors (sorted), the experts who judge both the same way and those who judge them
        oppositely (an expert may do both, holding + and - on one of them)."""
        import numpy as np

        edges = []
        P, M = self.P.astype(bool), self.M.astype(bool)
        judged = P | M
        names = np.array(self.experts, dtype=object)
        for a, b in combinations(range(len(self.actors)), 2):
            both = judged[:, a] & judged[:, b]
            if not both.any():
                continue
            same = (P[:, a] & P[:, b]) | (M[:, a] & M[:, b])
            opposite = (P[:, a] & M[:, b]) | (M[:, a] & P[:, b])
            edges.append(CoEvaluation(self.actors[a], self.actors[b], int(same.sum()), int(opposite.sum()),
                                      names[same | opposite].tolist()))  # fmt: skip
        return edges


def _normalise_all(raw: Any, n_i: Any, n_j: Any, union: Any, method: str) -> Any:
    """:func:`normalise` over arrays."""
    import numpy as np

    raw = raw.astype(float)
    if method == "none":
        return raw
    with np.errstate(divide="ignore", invalid="ignore"):
        if method == "average":
            value = raw / ((n_i + n_j) / 2)
        elif method == "jaccard":
            value = raw / union
        else:  # cosine
            value = raw / np.sqrt((n_i * n_j).astype(float))
    return np.nan_to_num(value, nan=0.0, posinf=0.0)


def _camps(experts: list[str], positive: list[tuple[str, str, float]], seed: int) -> list[list[str]]:
    """Louvain communities of the positive ties of congruence minus conflict (see _Statements.ties)."""
    import networkx as nx

    if not experts:
        return []
    graph = nx.Graph()
    graph.add_nodes_from(experts)
    graph.add_weighted_edges_from(positive)
    found = nx.community.louvain_communities(graph, weight="weight", seed=seed)
    return sorted((sorted(c) for c in found), key=lambda c: (-len(c), c))
