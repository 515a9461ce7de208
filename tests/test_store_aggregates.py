"""The schema-2 mention and aggregate tables: they agree with the mentions they sum, survive the migration from
schema 1, and the web views read them; plus the read-only pool, the corpus generation and the bounded searches."""

from __future__ import annotations

import dataclasses
import sqlite3
import threading
from collections import Counter
from pathlib import Path

import pytest

from multivector.analysis import graph as graphs
from multivector.analysis import mentions, stances, timeline, totals
from multivector.errors import CorpusError
from multivector.interfaces.web import views
from multivector.records import Analysis
from multivector.store import SCHEMA_VERSION, Corpus, CorpusPool, queries
from multivector.store.schema import AGGREGATE_DDL
from multivector.store.synthetic import synthetic_analysis
from test_store_schema4 import downgrade_to_schema_3

AGGREGATE_TABLES = ("relation_pairs", "relation_edges", "pair_speakers", "actor_years", "stance_counts")
AGGREGATE_TABLES += ("speaker_totals", "relation_mentions", "stance_mentions")


def with_mentions(analysis: Analysis) -> Analysis:
    """The analysis with sentence-level mentions: each claim twice, the second time from another speaker and with
    the opposite sign, so mention counts differ from claim counts."""
    flip = {"+": "-", "-": "+", "0": "0"}
    relation_mentions = [
        m
        for r in analysis.relations
        for m in (r, dataclasses.replace(r, speaker="Second Voice", polarity=flip[r.polarity]))
    ]
    stance_mentions = [m for s in analysis.stances for m in (s, dataclasses.replace(s, polarity=flip[s.polarity]))]
    return dataclasses.replace(analysis, relation_mentions=relation_mentions, stance_mentions=stance_mentions)


@pytest.fixture(scope="module")
def corpus_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("aggregates") / "corpus.db"
    with Corpus(path) as corpus:
        for n in range(60):
            corpus.add(synthetic_analysis(n))  # claims only: they stand in for mentions
        for n in range(60, 90):
            corpus.add(with_mentions(synthetic_analysis(n)))
    return path


@pytest.fixture()
def corpus(corpus_path: Path):
    with Corpus(corpus_path, readonly=True) as opened:
        yield opened


def _pure_graph(corpus: Corpus, **filters) -> dict:
    rows = mentions.relation_mentions(corpus.connection, **filters)
    return graphs.build_actor_graph(corpus.actors(limit=None), rows)


def _comparable(attributes: dict) -> dict:
    keys = ("weight", "positive", "negative", "neutral", "polarity", "documents", "score", "start", "end")
    return {key: attributes.get(key) for key in keys} | {"types": sorted(attributes["types"].split(";"))}


@pytest.mark.parametrize("filters", [{}, {"since": "2019", "until": "2023-06"}, {"type": "trade"}, {"speaker": "ka"}])
def test_graph_from_totals_equals_the_graph_of_every_mention(corpus: Corpus, filters: dict):
    expected = _pure_graph(corpus, **filters)
    pairs = totals.pair_totals(corpus.connection, **filters)
    got = graphs.graph_from_totals(corpus.actors(limit=None), pairs)
    assert expected.number_of_edges() > 0
    assert set(map(frozenset, got.edges)) == set(map(frozenset, expected.edges))
    for a, b in expected.edges:
        assert _comparable(got.edges[a, b]) == _comparable(expected.edges[a, b]), (a, b)
    speakers = totals.pair_speakers(corpus.connection, list(pairs), **filters)
    for (a, b), names in speakers.items():
        every = expected.edges[a, b]["speakers"].split("; ")
        assert set(names) <= set(every) and len(names) == min(len(every), totals.PAIR_SPEAKERS)


def test_mention_tables_count_mentions_where_there_are_any(corpus: Corpus):
    with_lists = synthetic_analysis(70)
    rows = mentions.relation_mentions(corpus.connection, document=with_lists.id)
    assert len(rows) == 2 * len(with_lists.relations)
    assert sum(row["speaker"] == "Second Voice" for row in rows) == len(with_lists.relations)
    claims_only = synthetic_analysis(3)
    assert len(mentions.relation_mentions(corpus.connection, document=claims_only.id)) == len(claims_only.relations)
    # body order inside a document, newest document first across them
    assert [row["span_start"] for row in rows[::2]] == sorted(row["span_start"] for row in rows[::2])
    dates = [row["published"] for row in mentions.relation_mentions(corpus.connection)]
    assert dates == sorted(dates, reverse=True)


def test_top_claims_equal_top_relations_of_every_mention(corpus: Corpus):
    expected = graphs.top_relations(mentions.relation_mentions(corpus.connection), limit=8)
    got = totals.top_claims(corpus.connection, limit=8)
    assert [(r["a"], r["b"], r["type"], r["polarity"], r["count"], r["documents"]) for r in got] == [
        (r["a"], r["b"], r["type"], r["polarity"], r["count"], r["documents"]) for r in expected
    ]
    assert [[e["evidence"] for e in r["evidence"]] for r in got] == [
        [e["evidence"] for e in r["evidence"]] for r in expected
    ]


def test_actor_view_counts_equal_the_mentions_of_the_actor(corpus: Corpus):
    rows = mentions.relation_mentions(corpus.connection, actor="RUS")
    view = views.actor_view(corpus, "RUS")
    assert view["over_time"] == views.relations_over_time(rows)
    stance_rows = mentions.stance_mentions(corpus.connection, actor="RUS")
    per_speaker = Counter(row["speaker"] for row in stance_rows)
    assert {e["speaker"]: e["+"] + e["-"] + e["0"] for e in view["experts"]} == dict(per_speaker)
    assert all(0 < len(e["quotes"]) <= 5 and {q["target"] for q in e["quotes"]} == {"RUS"} for e in view["experts"])
    partner_weights = {p["id"]: p["weight"] for p in view["partners"]}
    pure = _pure_graph(corpus, actor="RUS")
    assert partner_weights == {other: pure.edges["RUS", other]["weight"] for other in pure.neighbors("RUS")}


def test_experts_and_matrix_equal_the_stance_mentions(corpus: Corpus):
    stance_rows = mentions.stance_mentions(corpus.connection)
    counts = Counter(row["speaker"] for row in stance_rows)
    experts = views.experts_view(corpus)
    assert experts and all(e["stances"] == counts.get(e["name"], 0) for e in experts)
    assert [e["documents"] for e in experts] == sorted((e["documents"] for e in experts), reverse=True)
    expected = stances.stance_matrix(stance_rows, max_actors=10).to_dict()
    got = views.matrix_view(corpus, max_actors=10)
    assert got["actors"] == expected["actors"] and got["cells"] == expected["cells"]
    assert got["experts"] == expected["experts"]


def test_generation_moves_with_every_stored_document_and_refreshes_cached_views(tmp_path: Path):
    with Corpus(tmp_path / "c.db") as corpus:
        assert corpus.generation() == 0
        corpus.add(synthetic_analysis(1))
        first = views.overview_view(corpus)
        assert corpus.generation() == 1 and first["documents"] == 1
        assert not corpus.add(synthetic_analysis(1))  # already stored: nothing changes
        assert corpus.generation() == 1
        corpus.add(synthetic_analysis(2))
        assert corpus.generation() == 2 and views.overview_view(corpus)["documents"] == 2


def _downgrade_to_schema_1(path: Path) -> None:
    """What a corpus written by schema 1 looks like: the same file without the schema-2 tables (nor schema 4's
    columns)."""
    downgrade_to_schema_3(path)
    conn = sqlite3.connect(path)
    for line in AGGREGATE_DDL.splitlines():
        if line.startswith("CREATE TABLE "):
            conn.execute(f"DROP TABLE {line.split()[2]}")
    conn.execute("DELETE FROM meta WHERE key = 'generation'")
    conn.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()


def _table_rows(path: Path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(path)
    try:
        return {table: sorted(conn.execute(f"SELECT * FROM {table}").fetchall()) for table in AGGREGATE_TABLES}
    finally:
        conn.close()


def test_schema_1_corpus_is_refused_read_only_and_migrated_when_opened_writable(tmp_path: Path):
    path = tmp_path / "old.db"
    with Corpus(path) as corpus:
        for n in range(12):
            corpus.add(synthetic_analysis(n) if n % 2 else with_mentions(synthetic_analysis(n)))
    before = _table_rows(path)
    assert before["relation_pairs"] and before["stance_mentions"]
    _downgrade_to_schema_1(path)
    with pytest.raises(CorpusError, match=f"needs an upgrade to schema {SCHEMA_VERSION}"):
        Corpus(path, readonly=True)
    with Corpus(path) as corpus:  # migrates
        assert corpus.connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert corpus.generation() == 0
    after = _table_rows(path)
    for table in AGGREGATE_TABLES:
        if table.endswith("_mentions"):  # ids are renumbered: compare everything else
            assert sorted(row[1:] for row in after[table]) == sorted(row[1:] for row in before[table]), table
        else:
            assert after[table] == before[table], table
    with Corpus(path, readonly=True) as corpus:
        assert corpus.count() == 12 and views.graph_view(corpus)["edges"]


def _downgrade_to_schema_2(path: Path) -> None:
    """What a corpus written by schema 2 looks like: full-text tables without prefix indexes (nor schema 4's
    columns)."""
    downgrade_to_schema_3(path)
    conn = sqlite3.connect(path)
    conn.executescript(
        "DROP TABLE documents_fts; DROP TABLE evidence_fts;"
        "CREATE VIRTUAL TABLE documents_fts USING fts5 (title, body, content = 'documents', content_rowid = 'number',"
        " tokenize = 'porter unicode61 remove_diacritics 2');"
        "INSERT INTO documents_fts (documents_fts) VALUES ('rebuild');"
        "CREATE VIRTUAL TABLE evidence_fts USING fts5 (evidence, kind UNINDEXED, record_id UNINDEXED,"
        " document_id UNINDEXED, tokenize = 'porter unicode61 remove_diacritics 2');"
        "INSERT INTO evidence_fts (rowid, evidence, kind, record_id, document_id)"
        " SELECT id * 8 + 2, evidence, 'stances', id, document_id FROM stances;"
        "UPDATE meta SET value = '2' WHERE key = 'schema_version'; PRAGMA user_version = 2;"
    )
    conn.close()


def test_schema_2_corpus_gets_prefix_indexes_and_keeps_its_search_results(tmp_path: Path):
    path = tmp_path / "v2.db"
    with Corpus(path) as corpus:
        for n in range(12):
            corpus.add(synthetic_analysis(n))
        before = [corpus.search(text=q, limit=None) for q in ("pressure", "pre*", "summit OR transit")]
        relations_before = corpus.relations(search="pre*", limit=None)
    _downgrade_to_schema_2(path)
    with pytest.raises(CorpusError, match=f"needs an upgrade to schema {SCHEMA_VERSION}"):
        Corpus(path, readonly=True)
    with Corpus(path) as corpus:  # migrates: both full-text tables rebuilt, every evidence table indexed again
        ddl = " ".join(
            row[0] for row in corpus.connection.execute("SELECT sql FROM sqlite_master WHERE name LIKE '%_fts'")
        )
        assert ddl.count("prefix = '2 3 4 5 6'") == 2
        after = [corpus.search(text=q, limit=None) for q in ("pressure", "pre*", "summit OR transit")]
        assert after == before and all(after)
        assert corpus.relations(search="pre*", limit=None) == relations_before != []
        corpus.add(synthetic_analysis(99))  # the triggers still feed the rebuilt tables
        assert len(corpus.search(text="pressure", limit=None)) > len(before[0])


def test_a_one_letter_prefix_is_refused_with_a_reason(corpus: Corpus):
    with pytest.raises(ValueError, match="too short"):
        corpus.search(text="t*")
    assert corpus.search(text="pr*")


def test_actor_search_counts_the_newest_matches_only_beyond_the_window(corpus: Corpus, monkeypatch):
    exact = {row["id"]: row["documents"] for row in corpus.actors(search="pressure", limit=None)}
    matching = corpus.docs(search="pressure", limit=None)
    assert exact["RUS"] == sum(1 for doc in corpus.docs(actor="RUS", limit=None) if doc in matching)
    monkeypatch.setattr(queries, "ACTOR_SEARCH_WINDOW", 10)
    windowed = corpus.actors(search="pressure", limit=None)
    assert sum(row["documents"] for row in windowed) < sum(exact.values())
    match = "SELECT rowid FROM documents_fts WHERE documents_fts MATCH 'pressure' ORDER BY rowid DESC LIMIT 10"
    newest = [row[0] for row in corpus.connection.execute(match)]
    kept = corpus.connection.execute(
        f"SELECT count(DISTINCT actor_id) FROM document_actors da JOIN documents d ON d.id = da.document_id"
        f" WHERE d.number IN ({', '.join(map(str, newest))})"
    ).fetchone()[0]
    assert len(windowed) == kept


def test_pool_lends_each_corpus_to_one_thread_at_a_time(corpus_path: Path):
    pool = CorpusPool(corpus_path, size=2)
    in_use: set[int] = set()
    clashes: list[int] = []
    lock = threading.Lock()

    def borrow() -> None:
        for _ in range(20):
            with pool.corpus() as corpus:
                with lock:
                    if id(corpus) in in_use:
                        clashes.append(id(corpus))
                    in_use.add(id(corpus))
                assert corpus.count() == 90
                with lock:
                    in_use.discard(id(corpus))

    threads = [threading.Thread(target=borrow) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not clashes
    with pool.corpus() as first:
        pass
    with pool.corpus() as again:
        assert again is first  # reused, not reopened
    pool.close()


def test_timeline_lanes_are_bounded_however_many_items_share_a_date():
    items = [{"kind": "publication", "value": 2024.5, "label": str(i)} for i in range(300)]
    laid = timeline.layout(items, width=800)
    assert max(item["lane"] for item in laid["items"]) == timeline.MAX_LANES - 1
    assert laid["height"] < 80 + (timeline.MAX_LANES + 2) * timeline.LANE_HEIGHT


def test_web_app_reuses_connections_and_sees_documents_stored_while_it_runs(tmp_path: Path):
    from fastapi.testclient import TestClient

    from multivector.interfaces.web.app import create_app

    path = tmp_path / "live.db"
    with Corpus(path) as corpus:
        corpus.add(synthetic_analysis(1))
    app = create_app(path)
    client = TestClient(app)
    assert client.get("/api/overview").json()["documents"] == 1
    edges_before = client.get("/api/graph").json()["edges"]
    with app.state.pool.corpus() as pooled:
        opened = pooled
    assert client.get("/api/experts").status_code == 200
    with app.state.pool.corpus() as pooled:
        assert pooled is opened  # the request borrowed and returned it: no new connection
    with Corpus(path) as writer:  # an ingest while the app runs
        writer.add(synthetic_analysis(2))
    assert client.get("/api/overview").json()["documents"] == 2  # cached views follow the generation
    edges_after = client.get("/api/graph").json()["edges"]
    assert sum(e["weight"] for e in edges_after) > sum(e["weight"] for e in edges_before)
    edge = edges_after[0]
    evidence = client.get("/api/edge", params={"a": edge["source"], "b": edge["target"], "limit": 1}).json()
    assert evidence["total"] == edge["weight"] and len(evidence["evidence"]) == 1
