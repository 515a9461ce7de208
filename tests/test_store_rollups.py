"""Schema 5's analysis rollups (relation_months, stance_months): kept current by Corpus.add, built by the migration
from schema 4, on SQLite and on PostgreSQL; balance read from them equals balance read from the claim tables.

The corpus is the planted one of the analysis tests (tests/synthetic_truth.py: our own articles through
pipeline.analyze and Corpus.add), plus store-synthetic documents added afterwards."""

from __future__ import annotations

import dataclasses
import shutil
import sqlite3
from pathlib import Path

import pytest

from multivector.analysis.balance import balance, load_centres
from multivector.store import SCHEMA_VERSION, Corpus, analytics
from multivector.store.schema import (
    AGGREGATE_DDL,
    POSTGRES_DDL,
    POSTGRES_FTS,
    POSTGRES_FUNCTIONS,
    ROLLUP_TABLES,
    TABLES_DDL,
    postgres_ddl,
    rollup_statements,
)
from multivector.store.synthetic import synthetic_analysis
from synthetic_truth import corpus_path
from test_postgres import new_database, pg_server  # noqa: F401 - the fixture

ACTORS = ("KAZ", "RUS", "CHN", "UZB")
OPTIONS = (
    {}, {"by": "quarter"}, {"by": "month", "since": "2023-04", "until": "2024"}, {"by": "year", "until": "2024-06"},
    {"since": "2024"},
)  # fmt: skip


def _rounded(value):
    if isinstance(value, float):
        return round(value, 9)
    if dataclasses.is_dataclass(value):
        return _rounded(dataclasses.astuple(value))
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_rounded(v) for v in value]
    return value


def _weights(corpus: Corpus, *, rollups: bool) -> list:
    """Every actor's relation and stance weights per power centre under every option, from rollups or claims."""
    centres = load_centres()
    answers = []
    for actor in ACTORS:
        members = {m: c.id for c in centres for m in c.members if m != actor}
        for options in OPTIONS:
            for read in (analytics.relation_weights, analytics.stance_weights):
                answers.append(_rounded(read(corpus, actor=actor, members=members, rollups=rollups, **options)))
    return answers


def _balances(corpus: Corpus) -> list:
    return [
        _rounded([(b.period, b.index, b.leaning, [(p.centre, p.cooperative, p.hostile, p.neutral, p.records,
                  p.modalities, p.stances) for p in b.centres]) for b in [r.overall, *r.periods]])
        for r in (balance(corpus, actor, evidence=0, **options) for actor in ACTORS for options in OPTIONS)
    ]  # fmt: skip


def _assert_rollups_answer_as_the_claims(corpus: Corpus, monkeypatch: pytest.MonkeyPatch) -> list:
    rolled = _weights(corpus, rollups=True)
    assert sum(row[4] for rows in rolled for row in rows) > 100  # records: the comparison is not of empty lists
    assert rolled == _weights(corpus, rollups=False)
    balances = _balances(corpus)
    with monkeypatch.context() as patch:  # the whole balance, its rollup reads switched off
        patch.setattr(analytics, "_monthly", lambda since, until: False)
        assert _balances(corpus) == balances
    return rolled


def _rollup_rows(corpus: Corpus) -> dict[str, list]:
    return {table: sorted(_rounded(corpus.db.tuples(f"SELECT * FROM {table}"))) for table in ROLLUP_TABLES}


def _document_ids(path: Path) -> list[str]:
    with Corpus(path, readonly=True) as corpus:
        return [row[0] for row in corpus.db.tuples("SELECT id FROM documents ORDER BY number")]


@pytest.fixture
def planted(tmp_path: Path) -> Path:
    copy = tmp_path / "planted.db"
    shutil.copy(corpus_path(), copy)
    return copy


def test_rollups_kept_by_add_answer_as_the_claim_tables(planted: Path, monkeypatch: pytest.MonkeyPatch):
    with Corpus(planted) as corpus:
        before = _assert_rollups_answer_as_the_claims(corpus, monkeypatch)
        for n in range(40):  # later documents, added one by one: the rollups follow
            assert corpus.add(synthetic_analysis(n))
        after = _assert_rollups_answer_as_the_claims(corpus, monkeypatch)
        assert after != before
        rows = _rollup_rows(corpus)
        assert not corpus.add(synthetic_analysis(3))  # already stored: nothing counted twice
        assert _rollup_rows(corpus) == rows


def test_rollups_folded_document_by_document_equal_a_full_build(planted: Path):
    with Corpus(planted) as corpus:
        corpus.add_many(synthetic_analysis(n) for n in range(20))
        folded = _rollup_rows(corpus)
        assert all(folded.values())
        for table in ROLLUP_TABLES:
            corpus.db.execute(f"DELETE FROM {table}")
        for statement in rollup_statements(one_document=False):
            corpus.db.execute(statement)
        assert _rollup_rows(corpus) == folded


def test_balance_reads_the_rollups(planted: Path):
    """Not a fallback to the claim tables: changing a rollup changes the answer (and speaker filters do not use it)."""
    with Corpus(planted) as corpus:
        plain = balance(corpus, "KAZ", evidence=0)
        spoken = balance(corpus, "KAZ", speaker="a", evidence=0)
        corpus.db.execute("UPDATE relation_months SET records = records + 1000 WHERE actor = 'KAZ'")
        tampered = balance(corpus, "KAZ", evidence=0).overall
        assert sum(p.records for p in tampered.centres) > sum(p.records for p in plain.overall.centres) + 1000
        assert _rounded(balance(corpus, "KAZ", speaker="a", evidence=0).overall) == _rounded(spoken.overall)


def _downgrade_sqlite(path: Path) -> None:
    conn = sqlite3.connect(path)
    for table in ROLLUP_TABLES:
        conn.execute(f"DROP TABLE {table}")
    conn.execute("UPDATE meta SET value = '4' WHERE key = 'schema_version'")
    conn.execute("PRAGMA user_version = 4")
    conn.commit()
    conn.close()


def test_schema_4_sqlite_corpus_migrates_and_its_rollups_equal_the_kept_ones(
    planted: Path, monkeypatch: pytest.MonkeyPatch
):
    with Corpus(planted) as corpus:
        corpus.add_many(synthetic_analysis(n) for n in range(20))
        kept = _rollup_rows(corpus)
        answers = _weights(corpus, rollups=True)
    _downgrade_sqlite(planted)
    conn = sqlite3.connect(planted)  # a hand-built rollup from before schema 5 is replaced, not an error
    conn.execute("CREATE TABLE analysis_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    conn.commit()
    conn.close()
    with pytest.raises(Exception, match="needs an upgrade to schema 5"):
        Corpus(planted, readonly=True)
    with Corpus(planted) as corpus:  # migrates
        assert corpus.connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 5
        assert _rollup_rows(corpus) == kept
        assert _assert_rollups_answer_as_the_claims(corpus, monkeypatch) == answers
        assert corpus.add(synthetic_analysis(500))
        _assert_rollups_answer_as_the_claims(corpus, monkeypatch)
        tables = {r[0] for r in corpus.db.tuples("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert "analysis_meta" not in tables


# -- PostgreSQL ------------------------------------------------------------------------------------------------------


@pytest.fixture
def planted_postgres(pg_server: str) -> str:  # noqa: F811
    """The planted corpus copied into PostgreSQL through Corpus.add (the analyses read back from SQLite)."""
    url = new_database(pg_server)
    path = corpus_path()
    with Corpus(path, readonly=True) as source, Corpus(url) as target:
        for doc in _document_ids(path):
            assert target.add(source.get(doc))
    return url


def test_postgresql_rollups_kept_by_add_answer_as_the_claim_tables_and_as_sqlite(
    planted_postgres: str, planted: Path, monkeypatch: pytest.MonkeyPatch
):
    with Corpus(planted_postgres) as corpus, Corpus(planted) as lite:
        assert _assert_rollups_answer_as_the_claims(corpus, monkeypatch) == _weights(lite, rollups=True)
        for n in range(30):
            corpus.add(synthetic_analysis(n))
            lite.add(synthetic_analysis(n))
        assert not corpus.add(synthetic_analysis(5))
        answers = _assert_rollups_answer_as_the_claims(corpus, monkeypatch)
        assert answers == _weights(lite, rollups=True)
        assert _rollup_rows(corpus) == _rollup_rows(lite)


def _downgrade_postgres(url: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        for table in ROLLUP_TABLES:
            conn.execute(f"DROP TABLE {table}")
        conn.execute("UPDATE meta SET value = '4' WHERE key = 'schema_version'")


def test_schema_4_postgresql_corpus_migrates_with_its_data(planted_postgres: str, monkeypatch: pytest.MonkeyPatch):
    from multivector.errors import CorpusError

    with Corpus(planted_postgres) as corpus:
        kept, documents, relations = _rollup_rows(corpus), corpus.count(), corpus.relations(limit=None)
    _downgrade_postgres(planted_postgres)
    with pytest.raises(CorpusError, match="needs an upgrade to schema 5"):
        Corpus(planted_postgres, readonly=True)
    with Corpus(planted_postgres) as corpus:  # migrates
        assert corpus.db.scalar("SELECT value FROM meta WHERE key = 'schema_version'") == "5"
        assert corpus.count() == documents and corpus.relations(limit=None) == relations
        assert _rollup_rows(corpus) == kept
        _assert_rollups_answer_as_the_claims(corpus, monkeypatch)
        assert corpus.add(synthetic_analysis(700))
    with Corpus(planted_postgres, readonly=True) as corpus:
        _assert_rollups_answer_as_the_claims(corpus, monkeypatch)


def test_an_empty_corpus_made_by_the_schema_4_postgresql_ddl_migrates(pg_server: str):  # noqa: F811
    import psycopg

    url = new_database(pg_server)
    v4 = postgres_ddl(TABLES_DDL + AGGREGATE_DDL) + POSTGRES_FTS + POSTGRES_FUNCTIONS  # schema 4's DDL, as released
    assert v4 != POSTGRES_DDL and "relation_months" not in v4
    with psycopg.connect(url, autocommit=True) as conn:
        from multivector.store.dialect import POSTGRES, Db

        db = Db(conn, POSTGRES)
        for statement in (s.strip() for s in v4.split(";\n") if s.strip()):
            db.execute(statement)
        for key, value in (("application", "multivector"), ("schema_version", "4"), ("generation", "0"),
                           ("created_at", "2026-01-01T00:00:00+00:00")):  # fmt: skip
            db.execute("INSERT INTO meta (key, value) VALUES (?, ?)", (key, value))
    with Corpus(url) as corpus:
        assert corpus.db.scalar("SELECT value FROM meta WHERE key = 'schema_version'") == "5"
        assert corpus.add(synthetic_analysis(1)) and corpus.db.scalar("SELECT count(*) FROM relation_months") > 0
