"""The network's modality / confidence filters and its directions are summed by the store (Corpus.pair_totals,
Corpus.pair_directions): the page's JSON must be what folding the filtered claims one by one in Python gives, as the
web app did before, on a corpus the real pipeline built from the project's own articles."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import pytest

from conftest import build_examples_corpus
from multivector.analysis import graph as graphs
from multivector.interfaces.web import views
from multivector.store import Corpus


@pytest.fixture(scope="module")
def corpus_path(tmp_path_factory) -> Path:
    return build_examples_corpus(tmp_path_factory.mktemp("network") / "corpus.db")


class _Folded:
    """A corpus whose pair reads fold the claims of Corpus.relations in Python (the web app's former way)."""

    def __init__(self, corpus: Corpus) -> None:
        self._corpus = corpus

    def __getattr__(self, name: str) -> Any:
        return getattr(self._corpus, name)

    def _claims(self, min_confidence: float, modalities: Any, pairs: Any = None, **filters: Any) -> list[dict]:
        filters = {key: value for key, value in filters.items() if value is not None}
        rows = self._corpus.relations(limit=None, **filters)
        wanted = None if pairs is None else {graphs.pair_key(*pair) for pair in pairs}
        return [
            row for row in rows
            if row["a"] != row["b"]
            and (not min_confidence or (row["confidence"] is not None and row["confidence"] >= min_confidence))
            and (modalities is None or (row["modality"] or "asserted") in modalities)
            and (wanted is None or graphs.pair_key(row["a"], row["b"]) in wanted)
        ]  # fmt: skip

    def pair_totals(self, min_confidence: float = 0, modalities: Any = None, *, speakers: int = 0, **filters: Any):
        claims = self._claims(min_confidence, modalities, **filters)
        kinds: dict[tuple, dict[tuple, dict]] = defaultdict(dict)
        documents: dict[tuple, set] = defaultdict(set)
        voices: dict[tuple, Counter] = defaultdict(Counter)
        for row in claims:
            pair = graphs.pair_key(row["a"], row["b"])
            kind = kinds[pair].setdefault((row["type"], row["polarity"]), {
                "type": row["type"], "polarity": row["polarity"], "mentions": 0, "documents": set(),
                "score_sum": 0.0, "first": None, "last": None})  # fmt: skip
            count = int(row["count"] or 1)
            kind["mentions"] += count
            kind["documents"].add(row["document_id"])
            kind["score_sum"] += float(row["score"] or 0) * count
            if row["published"]:
                kind["first"] = min(filter(None, (kind["first"], row["published"])))
                kind["last"] = max(filter(None, (kind["last"], row["published"])))
            documents[pair].add(row["document_id"])
            if row["speaker"]:
                voices[pair][row["speaker"]] += 1
        result = []
        for (x, y), by_kind in kinds.items():
            rows = [{**kind, "documents": len(kind["documents"])} for kind in by_kind.values()]
            ranked = sorted(voices[(x, y)].items(), key=lambda item: (-item[1], item[0]))[:speakers]
            result.append(_Pair(x, y, {"kinds": rows, "documents": len(documents[(x, y)])},
                                tuple(name for name, _ in ranked)))  # fmt: skip
        return result

    def pair_directions(self, min_confidence: float = 0, modalities: Any = None, **filters: Any):
        directed: Counter[tuple[str, str]] = Counter()
        for row in self._claims(min_confidence, modalities, **filters):
            if row["source"] and row["target"] and row["source"] != row["target"]:
                directed[(row["source"], row["target"])] += int(row["count"] or 1)
        pairs = {graphs.pair_key(*pair) for pair in directed}
        return [_Direction(x, y, directed[(x, y)], directed[(y, x)]) for x, y in sorted(pairs)]


class _Pair:
    def __init__(self, x: str, y: str, totals: dict, speakers: tuple) -> None:
        self.x, self.y, self.totals, self.speakers = x, y, totals, speakers

    def as_totals(self) -> dict:
        return self.totals


class _Direction:
    def __init__(self, x: str, y: str, forward: int, backward: int) -> None:
        self.x, self.y, self.forward_mentions, self.backward_mentions = x, y, forward, backward
        self.undirected_mentions = 0


SETTINGS = [
    {"modality": "asserted"},
    {"modality": "hypothetical"},
    {"modality": "future"},
    {"min_confidence": 0.5},
    {"min_confidence": 0.8},
    {"modality": "asserted", "min_confidence": 0.7},
    {"modality": "asserted", "since": "2024"},
    {"min_confidence": 0.6, "type": "cooperation"},
    {"min_confidence": 0.3, "speaker": "a"},
]


@pytest.mark.parametrize("setting", SETTINGS, ids=lambda s: json.dumps(s, sort_keys=True))
def test_filtered_network_is_the_claims_folded(corpus_path, setting):
    filters = {"since": None, "until": None, "speaker": None, "type": None, "modality": None, "min_confidence": None}
    filters |= setting
    with Corpus(corpus_path, readonly=True) as corpus:
        got = views._graph(corpus, filters, 80)
        expected = views._graph(_Folded(corpus), filters, 80)
    assert got["edges"], "the setting keeps no edge: the comparison would prove nothing"
    assert json.dumps(got, sort_keys=True) == json.dumps(expected, sort_keys=True)
    if setting.get("min_confidence"):
        assert all(edge["weight"] for edge in got["edges"])


def test_edge_panel_counts_directions_in_the_store(corpus_path):
    with Corpus(corpus_path, readonly=True) as corpus:
        directed = [row for row in corpus.relations(limit=None) if row["source"] and row["source"] != row["target"]]
        assert directed, "the examples hold no directed claim"
        checked = 0
        for row in directed[:8]:
            a, b = row["a"], row["b"]
            panel = views.edge_view(corpus, a, b)
            expected = Counter()
            undirected = 0
            for claim in corpus.relations(limit=None):
                if graphs.pair_key(claim["a"], claim["b"]) != graphs.pair_key(a, b):
                    continue
                if claim["source"] and claim["target"] and claim["source"] != claim["target"]:
                    expected[f"{claim['source']}\u2192{claim['target']}"] += claim["count"]
                else:
                    undirected += claim["count"]
            assert panel["counts"]["direction"] == dict(expected)
            assert panel["counts"]["undirected"] == undirected
            checked += 1
        assert checked
