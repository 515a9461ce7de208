"""Corpus.pair_totals and Corpus.pair_directions (the network's edges under modality and confidence filters, and
which way their claims point), computed in SQL, equal the same sums made in Python over every claim listed by
Corpus.relations; on SQLite and on PostgreSQL."""

from __future__ import annotations

from collections import Counter, defaultdict

import pytest

import test_postgres
from multivector.store import Corpus
from multivector.store.reads import PairDirection, PairTotal
from multivector.store.synthetic import synthetic_analysis
from test_store_schema4 import directed_article

pg_server, store_target = test_postgres.pg_server, test_postgres.store_target  # both backends

FILTERS = [
    {}, {"min_confidence": 0.7}, {"modalities": ["asserted"]}, {"modalities": ["hypothetical", "negated"]},
    {"min_confidence": 0.5, "modalities": ("asserted", "future"), "since": "2020"}, {"actor": "RUS"},
    {"pairs": [("RUS", "KAZ"), ("CHN", "KAZ")]}, {"type": "pressure"}, {"speaker": "an", "until": "2022-06"},
]  # fmt: skip


@pytest.fixture
def corpus(store_target):
    with Corpus(store_target) as corpus:
        corpus.add(directed_article())
        corpus.add_many(synthetic_analysis(n) for n in range(60))
        yield corpus


def _claims(corpus: Corpus, filters: dict) -> list:
    """Every claim the filters keep, chosen in Python from the listing of all claims."""
    minimum = filters.get("min_confidence", 0)
    modalities = filters.get("modalities")
    pairs = {tuple(sorted(p)) for p in filters["pairs"]} if "pairs" in filters else None
    kept = []
    for row in corpus.relations(limit=None):
        if row.a == row.b or minimum > 0 and (row.confidence is None or row.confidence < minimum):
            continue
        if modalities is not None and (row.modality or "asserted") not in modalities:
            continue
        if "actor" in filters and filters["actor"] not in (row.a, row.b):
            continue
        if pairs is not None and tuple(sorted((row.a, row.b))) not in pairs:
            continue
        if "type" in filters and row.type != filters["type"]:
            continue
        if "speaker" in filters and filters["speaker"] not in (row.speaker or "").casefold():
            continue
        if "since" in filters and not (row.published or "") >= filters["since"]:
            continue
        if "until" in filters and not (row.published and row.published <= filters["until"] + "~"):
            continue
        kept.append(row)
    return kept


@pytest.mark.parametrize("filters", FILTERS, ids=[str(i) for i in range(len(FILTERS))])
def test_pair_totals_and_directions_equal_the_claims_summed_in_python(corpus: Corpus, filters: dict):
    claims = _claims(corpus, filters)
    assert claims, f"{filters} keeps no claim: the comparison would prove nothing"
    kinds: dict = defaultdict(lambda: defaultdict(list))
    for row in claims:
        kinds[tuple(sorted((row.a, row.b)))][(row.type, row.polarity)].append(row)
    totals = corpus.pair_totals(**filters)
    assert all(isinstance(pair, PairTotal) for pair in totals)
    assert {(p.x, p.y) for p in totals} == set(kinds)
    assert [p.mentions for p in totals] == sorted((p.mentions for p in totals), reverse=True)
    for pair in totals:
        expected = kinds[(pair.x, pair.y)]
        assert [(k.type, k.polarity) for k in pair.kinds] == sorted(expected)
        for kind in pair.kinds:
            rows = expected[(kind.type, kind.polarity)]
            assert kind.claims == len(rows) and kind.mentions == sum(r.count for r in rows)
            assert kind.documents == len({r.document_id for r in rows})
            assert kind.score_sum == pytest.approx(sum(r.score * r.count for r in rows))
            assert kind.weight == pytest.approx(sum(0.5 if r.confidence is None else r.confidence for r in rows))
            dates = [r.published for r in rows if r.published]
            assert (kind.first, kind.last) == ((min(dates), max(dates)) if dates else (None, None))
        assert pair.documents == len({r.document_id for rows in expected.values() for r in rows})
        assert pair.claims == sum(len(rows) for rows in expected.values())
    directions = corpus.pair_directions(**filters)
    assert all(isinstance(d, PairDirection) for d in directions)
    counted: dict = defaultdict(Counter)
    for row in claims:
        x, y = sorted((row.a, row.b))
        way = ("forward" if (row.source, row.target) == (x, y) else "backward" if (row.source, row.target) == (y, x)
               else "undirected")  # fmt: skip
        counted[(x, y)][way] += 1
        counted[(x, y)][f"{way}_mentions"] += row.count
    assert {(d.x, d.y) for d in directions} == set(counted)
    for d in directions:
        c = counted[(d.x, d.y)]
        assert (d.forward, d.backward, d.undirected) == (c["forward"], c["backward"], c["undirected"])
        assert (d.forward_mentions, d.backward_mentions, d.undirected_mentions) == (
            c["forward_mentions"], c["backward_mentions"], c["undirected_mentions"],
        )  # fmt: skip
        assert d.claims == sum(len(rows) for rows in kinds[(d.x, d.y)].values())


def test_the_directed_article_reads_as_written(tmp_path):
    with Corpus(tmp_path / "one.db") as corpus:
        corpus.add(directed_article())
        (pair,) = corpus.pair_directions(pairs=[("RUS", "KAZ")])  # Russia pressures Kazakhstan; they cooperate
        assert (pair.x, pair.y, pair.forward, pair.backward, pair.undirected) == ("KAZ", "RUS", 0, 1, 1)
        assert pair.undirected_mentions == 2  # the cooperation claim rests on two sentences
        (strong,) = corpus.pair_directions(pairs=[("RUS", "KAZ")], min_confidence=0.8)
        assert (strong.backward, strong.undirected) == (1, 0)
        (total,) = corpus.pair_totals(0.5, ["asserted"], pairs=[("KAZ", "RUS")], speakers=3)
        assert total.speakers == ("Aigerim Sadykova",) and total.as_totals()["documents"] == total.documents == 1
        kinds = [(k.type, k.polarity, k.mentions) for k in total.kinds]
        assert kinds == [("cooperation", "+", 2), ("pressure", "-", 1)]
        assert total.weight == pytest.approx(0.55 + 0.8)


def test_speakers_are_the_most_frequent_of_each_pair(corpus: Corpus):
    totals = corpus.pair_totals(actor="RUS", speakers=2)
    for pair in totals:
        counts = Counter(r.speaker for r in _claims(corpus, {"pairs": [(pair.x, pair.y)]}) if r.speaker)
        best = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:2]
        assert list(pair.speakers) == [name for name, _ in best]


def test_bad_filters_are_value_errors(corpus: Corpus):
    for bad in (-0.1, 1.5, "high"):
        with pytest.raises(ValueError):
            corpus.pair_totals(min_confidence=bad)
    with pytest.raises(ValueError):
        corpus.pair_directions(since="last year")
    assert corpus.pair_totals(modalities=[]) == [] and corpus.pair_directions(pairs=[]) == []
