"""Datasette offers ``_search`` on the documents table of a corpus file without a metadata file: schema 5 declares
documents_fts with ``content="documents"``, which Datasette's detect_fts recognises; a schema-4 corpus (declared
``content = 'documents'``, which it does not) is rebuilt so by the migration, with the same prefix indexes, the same
search results, and triggers that keep it current."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from multivector.store import Corpus
from multivector.store.schema import DOCUMENTS_FTS_DDL, PREFIX_LENGTHS, ROLLUP_TABLES, SCHEMA_VERSION
from multivector.store.synthetic import synthetic_analysis
from test_export import datasette_search, detect_fts_sql, escape_fts
from test_store_schema4 import directed_article

#: schema 4's declaration, as released (Datasette's detect_fts does not match it)
SCHEMA4_DOCUMENTS_FTS = DOCUMENTS_FTS_DDL.replace(
    "content=\"documents\", content_rowid='number'", "content = 'documents', content_rowid = 'number'"
)
QUERIES = ["pressure", "cooperate", "Kazakh*", '"grain exports"', "transit OR pipeline", "Russia NOT China"]
NO_METADATA = {"databases": {"corpus": {"tables": {}}}}


def _build(path: Path) -> Path:
    with Corpus(path) as corpus:
        corpus.add(directed_article())
        corpus.add_many(synthetic_analysis(n) for n in range(40))
    return path


def _searches(path: Path) -> dict[str, list]:
    with Corpus(path, readonly=True) as corpus:
        return {query: [tuple(hit.values()) for hit in corpus.search(query, limit=None)] for query in QUERIES}


def _detected(conn: sqlite3.Connection) -> list[str]:
    return [row[0] for row in conn.execute(detect_fts_sql("documents")).fetchall()]


def _datasette(path: Path, search: str) -> list[str]:
    """The ids of the documents Datasette's ``/corpus/documents?_search=`` lists, with no metadata."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    conn.create_function("escape_fts", 1, escape_fts)
    try:
        columns = [c[1] for c in conn.execute("PRAGMA table_info(documents)")]
        return sorted(dict(zip(columns, row, strict=True))["id"] for row in datasette_search(
            conn, NO_METADATA, "corpus", "documents", search))  # fmt: skip
    finally:
        conn.close()


def _downgrade_to_schema_4(path: Path) -> None:
    conn = sqlite3.connect(path)
    for table in ROLLUP_TABLES:
        conn.execute(f"DROP TABLE {table}")
    conn.execute("DROP TABLE documents_fts")
    conn.execute(SCHEMA4_DOCUMENTS_FTS)
    conn.execute("INSERT INTO documents_fts (documents_fts) VALUES ('rebuild')")
    conn.execute("UPDATE meta SET value = '4' WHERE key = 'schema_version'")
    conn.execute("PRAGMA user_version = 4")
    conn.commit()
    conn.close()


def _declaration(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT sql FROM sqlite_master WHERE name = 'documents_fts'").fetchone()[0]
    finally:
        conn.close()


def test_a_new_corpus_is_searchable_in_datasette_without_metadata(tmp_path: Path):
    path = _build(tmp_path / "corpus.db")
    conn = sqlite3.connect(path)
    assert _detected(conn) == ["documents_fts"]
    conn.close()
    with Corpus(path, readonly=True) as corpus:
        for word in ("pressure", "competes", "rail"):
            expected = sorted({hit.document_id for hit in corpus.search(word, limit=None) if hit.kind == "documents"})
            assert expected, f"no document says {word!r}: the comparison would prove nothing"
            assert _datasette(path, word) == expected
    assert _datasette(path, "zzzunknownword") == []


def test_a_schema_4_corpus_migrates_to_a_detected_index_with_the_same_results(tmp_path: Path):
    path = _build(tmp_path / "corpus.db")
    before = _searches(path)
    assert all(before.values()), "a query finds nothing: the comparison would prove nothing"
    _downgrade_to_schema_4(path)
    conn = sqlite3.connect(path)
    assert _detected(conn) == []  # schema 4's spelling: Datasette finds no full-text table for documents
    conn.close()
    with Corpus(path) as corpus:  # migrates
        assert corpus.connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 5
        corpus.db.execute("INSERT INTO documents_fts (documents_fts) VALUES ('integrity-check')")
    declaration = _declaration(path)
    assert 'content="documents"' in declaration and "content_rowid='number'" in declaration
    assert f"prefix = '{' '.join(map(str, PREFIX_LENGTHS))}'" in declaration
    assert declaration == _declaration(_build(tmp_path / "new.db"))  # as a new corpus declares it
    conn = sqlite3.connect(path)
    assert _detected(conn) == ["documents_fts"]
    conn.close()
    assert _searches(path) == before
    with Corpus(path) as corpus:  # the triggers on documents still feed the rebuilt index
        assert corpus.add(synthetic_analysis(900))
        added = synthetic_analysis(900).id
        word = next(w for w in synthetic_analysis(900).body.split() if len(w) > 6 and w.isalpha())
        assert added in {hit.document_id for hit in corpus.search(word, limit=None)}
        corpus.db.execute("INSERT INTO documents_fts (documents_fts) VALUES ('integrity-check')")
    assert added in _datasette(path, word)


@pytest.mark.parametrize("query", ["Kazakh*", '"grain exports"'])
def test_prefix_and_phrase_queries_still_work_after_the_migration(tmp_path: Path, query: str):
    path = _build(tmp_path / "corpus.db")
    _downgrade_to_schema_4(path)
    with Corpus(path) as corpus:
        assert corpus.search(query, limit=5)
