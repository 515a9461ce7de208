"""Schema 4: direction, confidence, resolved_from, membership modality and claim counts in the corpus; their filters;
the migration of a schema-3 corpus (fields read from the stored analysis JSON, NULL confidence where it has none)."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from pathlib import Path

import pytest

from multivector.errors import CorpusError
from multivector.records import Actor, Analysis, Membership, Relation, Speaker, Stance, document_id
from multivector.store import SCHEMA_VERSION, Corpus, queries
from multivector.store.schema import ROLLUP_TABLES, SCHEMA4_COLUMNS, SCHEMA4_INDEXES
from multivector.store.synthetic import synthetic_analysis

#: The mention tables' schema-4 columns (the claim tables' are schema.SCHEMA4_COLUMNS).
MENTION_COLUMNS = {
    "relation_mentions": ("source", "target", "confidence", "resolved_from"),
    "stance_mentions": ("confidence", "resolved_from"),
}
#: Record keys an analysis made before schema 4 did not have.
NEW_KEYS = {
    "relations": ("source", "target", "confidence", "resolved_from"),
    "relation_mentions": ("source", "target", "confidence", "resolved_from"),
    "stances": ("confidence", "resolved_from"),
    "stance_mentions": ("confidence", "resolved_from"),
    "memberships": ("modality", "confidence"),
}


def _piece(body: str, text: str) -> tuple[str, list[int]]:
    start = body.index(text)
    return text, [start, start + len(text)]


def directed_article() -> Analysis:
    """A short text written for these tests: a directed relation, two claims on one pair with opposite signs, a
    party resolved from "the two countries", a hypothetical claim, a negated membership."""
    body = (
        "Moscow keeps putting pressure on Astana over grain exports, said analyst Aigerim Sadykova. "
        "The two countries still cooperate closely on rail transit. "
        "Georgia is not a member of the CSTO. "
        "Sadykova believes that Beijing could soon lose patience with it."
    )
    pressure = Relation(
        "RUS",
        "KAZ",
        "pressure",
        "-",
        -0.6,
        "asserted",
        *_piece(body, "Moscow keeps putting pressure on Astana"),
        speaker="Aigerim Sadykova",
        quad_class=3,
        source="RUS",
        target="KAZ",
        confidence=0.8,
    )
    cooperation = Relation(
        "KAZ",
        "RUS",
        "cooperation",
        "+",
        0.6,
        "asserted",
        *_piece(body, "The two countries still cooperate closely on rail transit"),
        quad_class=2,
        confidence=0.55,
        resolved_from="The two countries",
        count=2,
    )
    rivalry = Relation(
        "CHN",
        "KAZ",
        "rivalry",
        "-",
        -0.4,
        "hypothetical",
        *_piece(body, "Beijing could soon lose patience with it"),
        speaker="Aigerim Sadykova",
        quad_class=3,
        source="CHN",
        target="KAZ",
        confidence=0.35,
        resolved_from="it",
    )
    return Analysis(
        id=document_id(body), source="tests/grain.txt", language="en", title="Grain and rails",
        published="2025-03-10", outlet="Test Outlet", authors=[], speakers=[Speaker("Aigerim Sadykova", "analyst")],
        body=body,
        actors=[Actor("RUS", "Russia", "state", 1), Actor("KAZ", "Kazakhstan", "state", 2),
                Actor("GEO", "Georgia", "state", 1), Actor("CHN", "China", "state", 1)],
        relations=[pressure, cooperation, rivalry],
        relation_mentions=[pressure, dataclasses.replace(cooperation, count=1), rivalry],
        memberships=[Membership("GEO", "CSTO", *_piece(body, "Georgia is not a member of the CSTO"),
                                status="confirmed", modality="negated", confidence=0.9)],
        stances=[Stance("Aigerim Sadykova", "RUS", "-", *_piece(body, "Moscow keeps putting pressure on Astana"),
                        confidence=0.7),
                 Stance("Aigerim Sadykova", "KAZ", "0", *_piece(body, "lose patience with it"),
                        modality="hypothetical", confidence=0.4, resolved_from="it")],
        name="grain",
    )  # fmt: skip


@pytest.fixture
def corpus(tmp_path: Path):
    with Corpus(tmp_path / "corpus.db") as opened:
        opened.add(directed_article())
        yield opened


# -- writing and reading the new fields ----------------------------------------------------------------------------


def test_new_fields_round_trip_through_add_get_and_the_queries(corpus: Corpus):
    article = directed_article()
    assert corpus.get(article.id) == article
    rows = {row["type"]: row for row in corpus.relations()}
    assert {k: rows["pressure"][k] for k in ("source", "target", "confidence", "resolved_from", "count")} == {
        "source": "RUS", "target": "KAZ", "confidence": 0.8, "resolved_from": None, "count": 1,
    }  # fmt: skip
    assert (rows["cooperation"]["source"], rows["cooperation"]["target"]) == (None, None)
    assert rows["cooperation"]["resolved_from"] == "The two countries" and rows["cooperation"]["count"] == 2
    assert rows["rivalry"]["modality"] == "hypothetical" and rows["rivalry"]["resolved_from"] == "it"
    (membership,) = corpus.memberships()
    assert (membership["modality"], membership["confidence"], membership["status"]) == ("negated", 0.9, "confirmed")
    stances = {row["target"]: row for row in corpus.stances()}
    assert stances["RUS"]["confidence"] == 0.7 and stances["RUS"]["resolved_from"] is None
    assert (stances["KAZ"]["modality"], stances["KAZ"]["resolved_from"]) == ("hypothetical", "it")
    mentions = corpus.connection.execute(
        "SELECT type, source, target, confidence, resolved_from FROM relation_mentions ORDER BY position"
    ).fetchall()
    assert [tuple(m) for m in mentions] == [
        ("pressure", "RUS", "KAZ", 0.8, None), ("cooperation", None, None, 0.55, "The two countries"),
        ("rivalry", "CHN", "KAZ", 0.35, "it"),
    ]  # fmt: skip
    stance_mentions = corpus.connection.execute("SELECT confidence, resolved_from FROM stance_mentions").fetchall()
    assert sorted(map(tuple, stance_mentions), key=str) == sorted([(0.7, None), (0.4, "it")], key=str)


def test_a_pair_keeps_one_claim_per_polarity(corpus: Corpus):
    pair = [(r["type"], r["polarity"]) for r in corpus.relations(actor="RUS")]
    assert sorted(pair) == [("cooperation", "+"), ("pressure", "-")]
    totals = corpus.connection.execute(
        "SELECT type, polarity, mentions, documents FROM relation_pairs WHERE x = 'KAZ' AND y = 'RUS' ORDER BY type"
    ).fetchall()
    assert [tuple(t) for t in totals] == [("cooperation", "+", 1, 1), ("pressure", "-", 1, 1)]
    edge = corpus.connection.execute("SELECT mentions, documents FROM relation_edges WHERE x = 'KAZ' AND y = 'RUS'")
    assert tuple(edge.fetchone()) == (2, 1)


def test_a_confidence_outside_0_1_is_refused_and_nothing_is_stored(tmp_path: Path):
    for bad in (1.5, -0.1, float("nan"), "high"):
        broken = directed_article()
        broken.relations[0].confidence = bad
        with Corpus(tmp_path / "c.db") as corpus:
            with pytest.raises(ValueError, match="confidence"):
                corpus.add(broken)
            assert corpus.count() == 0
    broken = directed_article()
    broken.memberships[0].confidence = 2
    with Corpus(tmp_path / "c.db") as corpus, pytest.raises(ValueError, match="confidence"):
        corpus.add(broken)


# -- filters -------------------------------------------------------------------------------------------------------


def test_direction_modality_and_confidence_filters(corpus: Corpus):
    def types(**filters) -> list[str]:
        return sorted(r["type"] for r in corpus.relations(**filters))

    assert types(source="RUS") == ["pressure"]
    assert types(target="KAZ") == ["pressure", "rivalry"]  # the symmetric cooperation has no target
    assert types(source="KAZ") == [] and types(target="RUS") == []
    assert types(actor="KAZ", source="CHN") == ["rivalry"]
    assert types(source="RUS", target="KAZ", polarity="-") == ["pressure"]
    assert types(min_confidence=0.5) == ["cooperation", "pressure"]
    assert types(min_confidence=0.8) == ["pressure"]  # inclusive
    assert types(min_confidence=0) == ["cooperation", "pressure", "rivalry"]
    assert types(modality="hypothetical") == ["rivalry"] and types(modality="negated") == []
    assert types(actor="RUS", modality="asserted", min_confidence=0.6) == ["pressure"]
    assert [m["member"] for m in corpus.memberships(modality="negated")] == ["GEO"]
    assert corpus.memberships(modality="asserted") == [] and corpus.memberships(min_confidence=0.95) == []
    assert [s["target"] for s in corpus.stances(min_confidence=0.5)] == ["RUS"]
    assert [s["target"] for s in corpus.stances(modality="hypothetical", min_confidence=0.4)] == ["KAZ"]


@pytest.mark.parametrize("bad", [1.5, -0.2, "high", float("nan")])
def test_a_bad_min_confidence_is_a_value_error(corpus: Corpus, bad):
    for query in (corpus.relations, corpus.stances, corpus.memberships):
        with pytest.raises(ValueError, match="bad confidence"):
            query(min_confidence=bad)
    assert len(corpus.relations(min_confidence=0)) == 3 and len(corpus.relations(min_confidence="0.5")) == 2


def test_min_confidence_gives_the_same_rows_whether_few_or_many_records_reach_it(tmp_path: Path, monkeypatch):
    with Corpus(tmp_path / "c.db") as corpus:
        corpus.add_many(synthetic_analysis(n) for n in range(40))
        everything = corpus.relations(limit=None)
        for threshold in (0.3, 0.9, 0.95, 0.99):
            expected = [r["id"] for r in everything if r["confidence"] >= threshold]
            monkeypatch.setattr(queries, "COMMON_ROWS", 5)  # "common": checked row by row along the listing
            common = [r["id"] for r in corpus.relations(min_confidence=threshold, limit=None)]
            paged = [r["id"] for r in corpus.relations(min_confidence=threshold, limit=7, offset=3)]
            monkeypatch.setattr(queries, "COMMON_ROWS", 10**9)  # "rare": driven from the confidence index
            rare = [r["id"] for r in corpus.relations(min_confidence=threshold, limit=None)]
            monkeypatch.undo()
            assert common == rare == expected and paged == expected[3:10], threshold
        assert len(corpus.relations(min_confidence=0.9, limit=None)) < len(everything)


def test_new_filters_read_an_index_not_the_whole_table(corpus: Corpus):
    conn = corpus.connection
    for sql in (
        "SELECT id FROM relations r WHERE r.source = ? ORDER BY r.published DESC, r.id LIMIT 50",
        "SELECT id FROM relations r WHERE r.target = ? ORDER BY r.published DESC, r.id LIMIT 50",
        "SELECT id FROM relations r WHERE r.modality = ? ORDER BY r.published DESC, r.id LIMIT 50",
        "SELECT id FROM stances r WHERE r.modality = ? ORDER BY r.published DESC, r.id LIMIT 50",
        "SELECT id FROM memberships r WHERE r.modality = ? ORDER BY r.published DESC, r.id LIMIT 50",
        "SELECT count(*) FROM (SELECT id FROM relations WHERE confidence >= ? LIMIT 1000)",
    ):
        plan = " ".join(row[3] for row in conn.execute("EXPLAIN QUERY PLAN " + sql, ("x",)))
        assert "USING" in plan and "INDEX" in plan, (sql, plan)
        assert "TEMP B-TREE" not in plan, (sql, plan)  # in listing order: no sort of every match


# -- migration from schema 3 ---------------------------------------------------------------------------------------


def downgrade_to_schema_3(path: Path, *, old_json: bool = False) -> None:
    """What a corpus written by schema 3 looks like: the same file without schema 4's columns and indexes. With
    ``old_json``, its analyses are also those of records without schema 4's fields (made before they existed)."""
    conn = sqlite3.connect(path)
    for table in ROLLUP_TABLES:  # schema 5's
        conn.execute(f"DROP TABLE {table}")
    for line in SCHEMA4_INDEXES.splitlines():
        if line.startswith("CREATE INDEX "):
            conn.execute(f"DROP INDEX {line.split()[2]}")
    dropped = {table: [c.split()[0] for c in columns] for table, columns in SCHEMA4_COLUMNS.items()}
    for table, columns in {**dropped, **MENTION_COLUMNS}.items():
        for column in columns:
            conn.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    if old_json:
        for number, analysis in conn.execute("SELECT number, analysis FROM documents").fetchall():
            data = json.loads(analysis)
            for key, fields in NEW_KEYS.items():
                for record in data[key]:
                    for field in fields:
                        record.pop(field, None)
            conn.execute("UPDATE documents SET analysis = ? WHERE number = ?", (json.dumps(data), number))
    conn.execute("UPDATE meta SET value = '3' WHERE key = 'schema_version'")
    conn.execute("PRAGMA user_version = 3")
    conn.commit()
    conn.close()


def _layout(path: Path) -> dict[str, list]:
    conn = sqlite3.connect(path)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        layout = {t: [tuple(c)[1:] for c in conn.execute(f"PRAGMA table_info('{t}')")] for t in tables}
        layout["indexes"] = sorted(conn.execute("SELECT name, tbl_name FROM sqlite_master WHERE type = 'index'"))
        return layout
    finally:
        conn.close()


def _contents(path: Path) -> dict[str, list]:
    conn = sqlite3.connect(path)
    try:
        contents = {}
        for table in ("relations", "stances", "memberships", "relation_mentions", "stance_mentions", "relation_pairs"):
            columns = [c[1] for c in conn.execute(f"PRAGMA table_info({table})") if c[1] != "id"]
            contents[table] = sorted(map(repr, conn.execute(f"SELECT {', '.join(columns)} FROM {table}")))
        return contents
    finally:
        conn.close()


@pytest.fixture
def schema4_path(tmp_path: Path) -> Path:
    path = tmp_path / "old.db"
    with Corpus(path) as corpus:
        corpus.add(directed_article())
        corpus.add_many(synthetic_analysis(n) for n in range(15))
    return path


def test_schema_3_corpus_is_refused_read_only_and_migrated_with_its_fields(schema4_path: Path):
    fresh_layout, fresh = _layout(schema4_path), _contents(schema4_path)
    downgrade_to_schema_3(schema4_path)
    assert "confidence" not in [c[0] for c in _layout(schema4_path)["relations"]]
    with pytest.raises(CorpusError, match=f"schema 3\\) needs an upgrade to schema {SCHEMA_VERSION}") as refused:
        Corpus(schema4_path, readonly=True)
    assert "\n" not in str(refused.value)
    with Corpus(schema4_path) as corpus:  # migrates
        assert corpus.connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 5
    assert _layout(schema4_path) == fresh_layout  # same columns in the same order, same indexes
    assert _contents(schema4_path) == fresh  # every field read back from the analysis JSON
    with Corpus(schema4_path, readonly=True) as corpus:
        grain = directed_article().id
        assert [r["type"] for r in corpus.relations(source="RUS", min_confidence=0.5, document=grain)] == ["pressure"]
        assert len(corpus.relations(source="RUS", limit=None)) > 1  # synthetic influence and pressure too
        assert [m["member"] for m in corpus.memberships(modality="negated")] == ["GEO"]
        assert corpus.get(directed_article().id) == directed_article()
    with Corpus(schema4_path) as corpus:  # and the migrated corpus takes new documents
        assert corpus.add(synthetic_analysis(99))


def test_analyses_made_before_schema_4_migrate_with_unknown_confidence(schema4_path: Path):
    downgrade_to_schema_3(schema4_path, old_json=True)
    with Corpus(schema4_path) as corpus:
        conn = corpus.connection
        for table in ("relations", "stances", "memberships", "relation_mentions", "stance_mentions"):
            assert conn.execute(f"SELECT count(*) FROM {table} WHERE confidence IS NOT NULL").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM relations WHERE source IS NOT NULL").fetchone()[0] == 0
        assert {row[0] for row in conn.execute("SELECT modality FROM memberships")} == {"asserted"}
        counts = conn.execute("SELECT count FROM relations WHERE document_id = ?", (directed_article().id,))
        assert [row[0] for row in counts] == [1, 2, 1]  # `count` was in the records before schema 4
        assert corpus.relations(min_confidence=0) == [] and corpus.stances(min_confidence=0) == []
        assert len(corpus.relations(limit=None)) == conn.execute("SELECT count(*) FROM relations").fetchone()[0] > 0
        assert corpus.add(directed_article()) is False
        corpus.add(synthetic_analysis(99))  # a new document has its confidences
        assert {r["document_id"] for r in corpus.relations(min_confidence=0)} == {synthetic_analysis(99).id}
