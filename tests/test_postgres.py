"""PostgreSQL corpora: a throwaway server for the tests, the same answers as SQLite for every query, concurrent
ingests into one corpus, refusal of foreign databases.

The server: $MULTIVECTOR_TEST_PG (a URL of a database the tests may create databases from), else one started from
Debian's binaries (/usr/lib/postgresql/*/bin) by scripts/pg_test_server.sh in a temporary directory and stopped at
the end. Without either the PostgreSQL tests skip with a message, and fail under CI=true. Other store test modules
import ``pg_server`` and ``store_target`` from here to run their tests on both backends.
"""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from multivector.errors import CorpusError
from multivector.store import Corpus
from multivector.store.synthetic import synthetic_analysis

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "pg_test_server.sh"
_numbers = itertools.count()
_created: list[str] = []


def _unavailable(reason: str) -> None:
    message = f"PostgreSQL tests need a server: {reason} (apt-get install postgresql, or set MULTIVECTOR_TEST_PG)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def pg_server():
    """URL of a PostgreSQL database from which the tests create (and drop) their own databases."""
    try:
        import psycopg
    except ImportError:  # pragma: no cover - a dependency
        _unavailable("psycopg is not installed")
    url = os.environ.get("MULTIVECTOR_TEST_PG")
    directory = None
    if not url:
        if not glob.glob("/usr/lib/postgresql/*/bin/initdb"):
            _unavailable("no PostgreSQL binaries under /usr/lib/postgresql/*/bin")
        directory = tempfile.mkdtemp(prefix="mv-pg-")
        started = subprocess.run(["bash", str(SCRIPT), "start", directory], capture_output=True, text=True)
        if started.returncode != 0:
            shutil.rmtree(directory, ignore_errors=True)
            _unavailable(f"the test server did not start: {started.stderr.strip()[-300:]}")
        url = started.stdout.strip().split("=", 1)[1]
    try:
        psycopg.connect(url, connect_timeout=10).close()
    except psycopg.Error as exc:
        _unavailable(f"cannot connect to {url}: {exc}")
    yield url
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:  # a server of one's own ($MULTIVECTOR_TEST_PG) stays clean
        for name in _created:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    if directory:
        subprocess.run(["bash", str(SCRIPT), "stop", directory], capture_output=True)
        shutil.rmtree(directory, ignore_errors=True)


def new_database(server: str) -> str:
    """The URL of a new, empty database on the test server."""
    import psycopg

    name = f"mv_test_{os.getpid()}_{next(_numbers)}"
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name}")
        conn.execute(f"CREATE DATABASE {name}")
    _created.append(name)
    return server.rsplit("/", 1)[0] + "/" + name


@pytest.fixture(params=["sqlite", "postgresql"])
def store_target(request: pytest.FixtureRequest, tmp_path: Path) -> str | Path:
    """Where a new, empty corpus goes: an SQLite file, or a PostgreSQL database (the shared store test-suite runs
    each test that takes this fixture on both)."""
    if request.param == "sqlite":
        return tmp_path / "corpus.db"
    return new_database(request.getfixturevalue("pg_server"))


def target_of(corpus: Corpus) -> str | Path:
    """What opens this corpus again."""
    return corpus.url or corpus.path


# -- the same answers ------------------------------------------------------------------------------------------------

QUERIES = [
    ("docs", {}), ("docs", {"actor": "RUS", "since": "2020"}), ("docs", {"speaker": "an"}),
    ("docs", {"search": "pressure"}), ("docs", {"outlet": "Outlet Two", "until": "2019-06"}),
    ("actors", {}), ("actors", {"kind": "state"}), ("actors", {"since": "2018-03-05", "until": "2022-07"}),
    ("actors", {"speaker": "ov"}), ("actors", {"search": "trade"}),
    ("relations", {}), ("relations", {"actor": "RUS", "polarity": "-"}), ("relations", {"type": "trade"}),
    ("relations", {"actor": "RUS", "offset": 30}), ("relations", {"actor": "KAZ", "limit": None}),
    ("relations", {"min_confidence": 0.7, "since": "2020"}), ("relations", {"speaker": "be", "limit": None}),
    ("relations", {"search": "pressure", "limit": 5, "offset": 3}),
    ("relations", {"modality": "asserted", "source": "RUS"}),
    ("memberships", {"actor": "CSTO"}), ("memberships", {"min_confidence": 0.5, "status": "confirmed"}),
    ("stances", {"actor": "CHN"}), ("stances", {"polarity": "+", "speaker": "a"}),
    ("figures", {"unit": "percent"}), ("figures", {"actor": "KAZ"}), ("events", {"since": "2020", "until": "2024"}),
    ("events", {"search": "summit"}),
]  # fmt: skip
READS = [
    ("relation_mentions", {}), ("relation_mentions", {"actor": "RUS", "since": "2021"}),
    ("stance_mentions", {"speaker": "ov"}), ("count_relation_mentions", {"type": "trade"}),
    ("summary", {}), ("relation_types", {}),
]  # fmt: skip


@pytest.fixture(scope="module")
def twin_corpora(pg_server: str, tmp_path_factory: pytest.TempPathFactory):
    """The same 120 synthetic documents in SQLite and in PostgreSQL."""
    targets = [tmp_path_factory.mktemp("twin") / "corpus.db", new_database(pg_server)]
    for target in targets:
        with Corpus(target) as corpus:
            for n in range(120):
                corpus.add(synthetic_analysis(n))
    return targets


@pytest.mark.parametrize(("query", "filters"), QUERIES, ids=[f"{q}-{i}" for i, (q, _) in enumerate(QUERIES)])
def test_every_query_answers_the_same_on_both_backends(twin_corpora, query: str, filters: dict):
    answers = []
    for target in twin_corpora:
        with Corpus(target, readonly=True) as corpus:
            rows = getattr(corpus, query)(**filters)
            answers.append([{k: v for k, v in row.items() if k != "ingested_at"} for row in rows])
    assert answers[0], f"{query} {filters} matches nothing: the comparison would prove nothing"
    assert answers[0] == answers[1]


@pytest.mark.parametrize(("read", "filters"), READS, ids=[r for r, _ in READS])
def test_every_read_model_is_the_same_on_both_backends(twin_corpora, read: str, filters: dict):
    answers = []
    for target in twin_corpora:
        with Corpus(target, readonly=True) as corpus:
            answers.append(getattr(corpus, read)(**filters))
    assert answers[0]
    assert answers[0] == answers[1]


def test_search_ranks_the_same_hits_on_both_backends(twin_corpora):
    found = []
    for target in twin_corpora:
        with Corpus(target, readonly=True) as corpus:
            hits = corpus.search("pressure", limit=None)
            found.append(sorted((hit["kind"], hit["document_id"], hit["record_id"]) for hit in hits))
            assert all("\u27e6" in hit["snippet"] for hit in hits)
            assert corpus.search('"puts pressure"', limit=3) and corpus.search("pressu*", limit=3)
            assert corpus.search("nonexistentword") == []
            with pytest.raises(ValueError):
                corpus.search("pressure OR")
    assert found[0] and found[0] == found[1]


def test_actor_search_counts_the_same_window_on_both_backends(twin_corpora, monkeypatch):
    from multivector.store import queries

    monkeypatch.setattr(queries, "ACTOR_SEARCH_WINDOW", 10)
    for text in ("pressure", "trade*", "Mongolia", "nonexistentword"):
        answers = []
        for target in twin_corpora:
            with Corpus(target, readonly=True) as corpus:
                answers.append([dict(row) for row in corpus.actors(search=text, limit=None)])
                newest = corpus.docs(search=text, limit=None)
                newest = sorted(newest, key=lambda doc: -corpus.db.scalar(
                    "SELECT number FROM documents WHERE id = ?", (doc["id"],)))[:10]  # fmt: skip
                counted = sum(len(corpus.actors(document=doc["id"], limit=None)) for doc in newest)
                assert sum(row["documents"] for row in answers[-1]) == counted, (target, text)
        assert answers[0] == answers[1], text
        assert answers[0] or text == "nonexistentword"


# -- PostgreSQL only ---------------------------------------------------------------------------------------------------

_WRITER = """
import sys
from multivector.store import Corpus
from multivector.store.synthetic import synthetic_analysis
url, start, stop = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
with Corpus(url) as corpus:
    stored, present = corpus.add_many(synthetic_analysis(n) for n in range(start, stop))
print(stored, present)
"""


def test_two_concurrent_ingests_end_with_the_union_and_no_duplicates(pg_server: str, tmp_path: Path):
    url = new_database(pg_server)  # empty: both writers also race to create the schema
    writers = [
        subprocess.Popen([sys.executable, "-c", _WRITER, url, str(start), str(stop)], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
        for start, stop in ((0, 80), (40, 120))
    ]  # fmt: skip
    outputs = [writer.communicate(timeout=600) for writer in writers]
    assert [writer.returncode for writer in writers] == [0, 0], outputs
    stored = [tuple(map(int, out.split())) for out, _ in outputs]
    assert sum(s for s, _ in stored) == 120 and sum(p for _, p in stored) == 40  # the overlap: stored exactly once
    reference = tmp_path / "sequential.db"
    with Corpus(reference) as corpus:
        corpus.add_many(synthetic_analysis(n) for n in range(120))
    with Corpus(url, readonly=True) as shared, Corpus(reference, readonly=True) as sequential:
        assert shared.count() == 120 and shared.generation() == 120
        ids = [row["id"] for row in shared.docs(limit=None)]
        assert len(ids) == len(set(ids)) == 120
        assert shared.actors(limit=None) == sequential.actors(limit=None)  # running totals: each document once
        assert shared.relations(limit=None) != [] and len(shared.relations(limit=None)) == len(
            sequential.relations(limit=None)
        )
        assert shared.summary() == sequential.summary()
        from multivector.analysis import totals

        assert totals.pair_totals(shared) == totals.pair_totals(sequential)
        assert totals.experts(shared) == totals.experts(sequential)


def test_a_database_with_other_tables_is_refused_untouched(pg_server: str):
    import psycopg

    url = new_database(pg_server)
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("CREATE TABLE customers (id int)")
    with pytest.raises(CorpusError, match="not a multivector corpus"):
        Corpus(url)
    with psycopg.connect(url, autocommit=True) as conn:
        tables = conn.execute("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")
        assert [row[0] for row in tables] == ["customers"]


def test_newer_schema_and_empty_database_are_refused(pg_server: str):
    import psycopg

    url = new_database(pg_server)
    with pytest.raises(CorpusError, match="no corpus yet"):
        Corpus(url, readonly=True)
    Corpus(url).close()
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    with pytest.raises(CorpusError, match="newer"):
        Corpus(url)


def test_unreachable_server_is_one_line_error():
    with pytest.raises(CorpusError, match="cannot connect") as error:
        Corpus("postgresql://nobody@127.0.0.1:1/none", timeout=2)
    assert "\n" not in str(error.value)


def test_password_never_appears_in_messages(pg_server: str):
    with pytest.raises(CorpusError) as error:
        Corpus("postgresql://someone:s3cret@127.0.0.1:1/none", timeout=2)
    assert "s3cret" not in str(error.value)
    url = new_database(pg_server)
    with Corpus(url) as corpus:
        with_password = url.replace("://postgres@", "://postgres:s3cret@")  # trust auth: the password is ignored
        with Corpus(with_password, readonly=True) as reader:
            assert "s3cret" not in reader.where and "s3cret" not in str(reader.path)
            with pytest.raises(CorpusError, match="read-only") as error:
                reader.add(synthetic_analysis(0))
            assert "s3cret" not in str(error.value)
        assert corpus.where == url


def test_a_url_that_went_through_pathlib_still_opens(pg_server: str):
    url = new_database(pg_server)
    Corpus(url).close()
    with Corpus(Path(url), readonly=True) as corpus:  # Path folds '//' into '/': the CLI's --db is a Path
        assert corpus.backend == "postgresql" and corpus.count() == 0


# -- the interfaces, unchanged -----------------------------------------------------------------------------------------

API_PATHS = [
    "/api/overview", "/api/graph", "/api/graph?since=2020&type=trade", "/api/edge?a=CHN&b=RUS", "/api/actors",
    "/api/actors/RUS", "/api/experts", "/api/matrix", "/api/timeline", "/api/documents", "/api/relations?actor=RUS",
    "/api/stances", "/api/events", "/api/figures",
]  # fmt: skip
PAGES = ["/", "/network", "/actors", "/actor/RUS", "/experts", "/matrix", "/timeline", "/documents", "/search?q=trade"]


def _stable(data):
    """JSON without the ingestion times (the two corpora were filled at different moments)."""
    if isinstance(data, dict):
        return {key: _stable(value) for key, value in data.items() if key != "ingested_at"}
    if isinstance(data, list):
        return [_stable(value) for value in data]
    return data


def test_web_report_export_and_query_read_a_postgresql_corpus_as_an_sqlite_one(twin_corpora, tmp_path: Path):
    from fastapi.testclient import TestClient
    from typer.testing import CliRunner

    from multivector.interfaces.cli import app
    from multivector.interfaces.web import create_app

    sqlite_path, url = twin_corpora
    clients = [TestClient(create_app(target)) for target in twin_corpora]
    for path in API_PATHS:
        answers = [client.get(path) for client in clients]
        assert [a.status_code for a in answers] == [200, 200], path
        assert _stable(answers[0].json()) == _stable(answers[1].json()), path
    for path in PAGES:
        assert clients[1].get(path).status_code == 200, path
    found = clients[1].get("/api/search?q=pressure")  # ranked by ts_rank_cd, not bm25: other order, same kind of hits
    assert found.status_code == 200 and found.json() and all("\u27e6" in hit["snippet"] for hit in found.json())
    runner = CliRunner()
    for target in (str(sqlite_path), url):
        result = runner.invoke(app, ["query", "relations", "--db", target, "--actor", "RUS", "--json"])
        assert result.exit_code == 0, result.output
    outputs = [runner.invoke(app, ["query", "stances", "--db", t, "--json", "-n", "0"]).output for t in twin_corpora]
    assert outputs[0] == outputs[1] and outputs[0].startswith("[")  # stances carry no ingestion time
    environment = runner.invoke(app, ["query", "docs", "--json", "-n", "3"], env={"MULTIVECTOR_DB": url})
    assert environment.exit_code == 0 and environment.output.startswith("["), environment.output
    for target, name in ((sqlite_path, "s"), (url, "p")):
        report = runner.invoke(app, ["report", "--db", str(target), "--out", str(tmp_path / f"{name}.html")])
        assert report.exit_code == 0, report.output
        exported = runner.invoke(app, ["export", "--db", str(target), "-f", "jsonl", "-o", str(tmp_path / name)])
        assert exported.exit_code == 0, exported.output
    for table in ("relations", "relation_mentions", "stances", "documents"):
        assert (tmp_path / "s" / f"{table}.jsonl").read_text() == (tmp_path / "p" / f"{table}.jsonl").read_text()


def test_search_windows_hold_the_newest_matches_however_they_are_found(twin_corpora, monkeypatch):
    """_newest_matches walks the primary key, walks on, or asks the GIN index: whichever it does, each table's window is
    exactly its newest matches (what ORDER BY key DESC LIMIT n says), for dense, sparse, absent words and phrases."""
    from multivector.store import queries
    from multivector.store.kinds import EVIDENCE_TABLES

    plans, walks = [], []
    real_plan, real_execute = queries._plan, queries._execute
    monkeypatch.setattr(queries, "_plan", lambda db, settings, local: plans.append(settings) or real_plan(
        db, settings, local))  # fmt: skip
    monkeypatch.setattr(queries, "_execute", lambda db, sql, params: (  # the walks past each table's first step
        walks.append(sql) if plans[-1] == queries._WALK and " < ? AND " in sql else None) or real_execute(
        db, sql, params))  # fmt: skip
    tables = [("documents", "number"), *((table, "id") for table in EVIDENCE_TABLES)]
    calls = 0
    with Corpus(twin_corpora[1], readonly=True) as corpus:
        db = corpus.db
        for text in ("pressure", "trade*", "Mongolia", '"puts pressure"', "Taliban OR Mongolia", "nonexistentword"):
            query = queries.ts_query(text)
            for window in (1, 4, 15, 400):
                for budget in (1, 2, 3, 8):
                    monkeypatch.setattr(queries, "WALK_BUDGET", {"documents": budget})
                    monkeypatch.setattr(queries, "WALK_BUDGET_EVIDENCE", budget)
                    with queries._planning(db) as plan:
                        found = queries._newest_matches(db, plan, tables, query, window, ", w.id")
                    calls += 1
                    for table, key in tables:
                        sql = f"SELECT {key}, id FROM {table} WHERE tsv @@ to_tsquery('english', ?)"
                        expected = [tuple(row) for row in db.tuples(f"{sql} ORDER BY {key} DESC LIMIT ?",
                                                                    (query, window))]  # fmt: skip
                        assert found[table] == expected, (text, window, budget, table)
        assert queries._BITMAP in plans  # the GIN index was asked...
        assert walks and calls == 96  # ...and walks went on past their first step
        assert db.scalar("SELECT current_setting('enable_seqscan')") == "on"  # the settings were put back
        with corpus.connection.transaction():  # a search inside someone else's transaction puts them back
            db.execute("SET LOCAL enable_seqscan = off")
            assert corpus.search("trade*", limit=3)
            assert db.scalar("SELECT current_setting('enable_seqscan')") == "off"
            assert db.scalar("SELECT current_setting('enable_bitmapscan')") == "on"
        assert db.scalar("SELECT current_setting('enable_seqscan')") == "on"  # nothing outlives that transaction


def test_search_ranks_the_newest_window_of_each_kind(twin_corpora, monkeypatch):
    from multivector.store import queries

    monkeypatch.setattr(queries, "POSTGRES_RANK_WINDOW", 6)
    with Corpus(twin_corpora[1], readonly=True) as corpus:
        hits = corpus.search("trade*", limit=None)
        assert [hit["rank"] for hit in hits] == sorted(hit["rank"] for hit in hits)
        relations = {hit["record_id"] for hit in hits if hit["kind"] == "relations"}
        newest = corpus.db.tuples(
            "SELECT id FROM relations WHERE tsv @@ to_tsquery('english', 'trade:*') ORDER BY id DESC LIMIT 6"
        )
        assert relations == {row[0] for row in newest}
        assert sum(hit["kind"] == "documents" for hit in hits) == 6
        assert all("\u27e6" in hit["snippet"] for hit in hits)
        assert corpus.search("trade*", limit=4, offset=2) == hits[2:6]
