"""The ``actors`` filter of Corpus.relations / Corpus.memberships: the records between two different actors of a
set, chosen in SQL with the ids as parameters, in the listing's order and pages; on SQLite and on PostgreSQL."""

from __future__ import annotations

import pytest

import test_postgres
from multivector.store import Corpus
from multivector.store.synthetic import synthetic_analysis
from test_store_schema4 import directed_article

pg_server, store_target = test_postgres.pg_server, test_postgres.store_target  # both backends

SETS = [("RUS", "KAZ"), ("KAZ", "RUS", "CHN"), ("EU", "CSTO", "KAZ", "RUS"), ("CHN", "TKM")]


@pytest.fixture
def corpus(store_target):
    with Corpus(store_target) as corpus:
        corpus.add(directed_article())
        corpus.add_many(synthetic_analysis(n) for n in range(80))
        yield corpus


@pytest.mark.parametrize("ids", SETS, ids="-".join)
def test_relations_between_a_set_are_the_listing_narrowed(corpus: Corpus, ids: tuple[str, ...]):
    every = corpus.relations(limit=None)
    expected = [row for row in every if row.a != row.b and {row.a, row.b} <= set(ids)]
    assert expected, f"no relation among {ids}: the comparison would prove nothing"
    assert len(expected) < len(every)
    assert corpus.relations(actors=set(ids), limit=None) == expected
    assert corpus.relations(actors=list(reversed(ids)), limit=3, offset=2) == expected[2:5]
    confident = corpus.relations(actors=ids, min_confidence=0.6, polarity="-", limit=None)
    assert confident == [r for r in expected if r.confidence is not None and r.confidence >= 0.6 and r.polarity == "-"]
    one = ids[0]  # with actor=: those of the set that involve it
    assert corpus.relations(actors=ids, actor=one, limit=None) == [r for r in expected if one in (r.a, r.b)]


def test_memberships_between_a_set(corpus: Corpus):
    every = corpus.memberships(limit=None)
    ids = {"KAZ", "CSTO", "EAEU"}
    expected = [row for row in every if row.member != row.org and {row.member, row.org} <= ids]
    assert expected and len(expected) < len(every)
    assert corpus.memberships(actors=ids, limit=None) == expected
    assert corpus.memberships(actors=ids, limit=1, offset=1) == expected[1:2]


def test_edge_cases_of_the_set(corpus: Corpus):
    assert corpus.relations(actors=[], limit=None) == []
    assert corpus.relations(actors={"RUS"}, limit=None) == []  # one actor: nothing is between actors
    assert corpus.relations(actors={"RUS", "NOWHERE"}, limit=None) == []
    hostile = {"RUS", "KAZ' OR '1'='1", "x); DROP TABLE relations; --"}  # ids travel as parameters
    assert corpus.relations(actors=hostile, limit=None) == []
    assert corpus.relations(limit=1)  # the table is still there
    with pytest.raises(ValueError, match="set of actor ids"):
        corpus.relations(actors="RUS", limit=None)
