"""The corpus store: round trip, idempotency, filters, full-text search, refusal of bad files, concurrent reading."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

import test_postgres
from multivector.errors import CorpusError
from multivector.records import (
    Actor,
    Analysis,
    Event,
    Figure,
    Membership,
    Person,
    Relation,
    Speaker,
    Stance,
    document_id,
)
from multivector.store import MARKS, SCHEMA_VERSION, Corpus, fts_query
from multivector.store.synthetic import synthetic_analysis
from test_postgres import target_of

# Tests taking `corpus` or `store_target` are the shared store test-suite: they run on SQLite and on PostgreSQL.
pg_server, store_target = test_postgres.pg_server, test_postgres.store_target

RECORD_TABLES = ("speakers", "document_actors", "people", "relations", "relation_actors", "memberships", "stances")
RECORD_TABLES += ("figures", "events", "evidence_fts", "documents_fts", "documents")


def _piece(body: str, text: str) -> tuple[str, list[int]]:
    start = body.index(text)
    return text, [start, start + len(text)]


def pipeline_article() -> Analysis:
    """A hand-made analysis of a short text written for these tests."""
    body = (
        "Tashkent and Bishkek agreed on a water-sharing scheme in March 2024, said analyst Dilnoza Karimova. "
        "She believes Moscow keeps putting pressure on Bishkek over the Eurasian Economic Union. "
        "Trade between the two neighbours grew by 12 percent. Uzbekistan is not a member of the CSTO."
    )
    relations = [
        Relation(
            "UZB",
            "KGZ",
            "cooperation",
            "+",
            0.6,
            "asserted",
            *_piece(body, "Tashkent and Bishkek agreed on a water-sharing scheme"),
            speaker="Dilnoza Karimova",
            quad_class=2,
        ),  # fmt: skip
        Relation(
            "RUS",
            "KGZ",
            "pressure",
            "-",
            -0.6,
            "asserted",
            *_piece(body, "Moscow keeps putting pressure on Bishkek"),
            speaker="Dilnoza Karimova",
            quad_class=3,
        ),  # fmt: skip
    ]
    return Analysis(
        id=document_id(body), source="tests/water.txt", language="en", title="Water diplomacy in the valley",
        published="2024-04-02", outlet="Test Outlet", authors=["A. Writer"],
        speakers=[Speaker("Dilnoza Karimova", "analyst")], body=body,
        actors=[Actor("UZB", "Uzbekistan", "state", 2), Actor("KGZ", "Kyrgyzstan", "state", 2),
                Actor("RUS", "Russia", "state", 1), Actor("EAEU", "Eurasian Economic Union", "organisation", 1)],
        people=[Person("Dilnoza Karimova", "analyst", 1)], relations=relations,
        memberships=[Membership("UZB", "CSTO", *_piece(body, "Uzbekistan is not a member of the CSTO"),
                                status="confirmed")],
        stances=[Stance("Dilnoza Karimova", "RUS", "-", *_piece(body, "Moscow keeps putting pressure on Bishkek"))],
        figures=[Figure(12.0, "percent", "trade growth", *_piece(body, "grew by 12 percent"))],
        events=[Event("2024-03", "water-sharing agreement", *_piece(body, "agreed on a water-sharing scheme in "
                                                                          "March 2024"))],
        name="water",
    )  # fmt: skip


def second_article() -> Analysis:
    body = (
        "Baku and Yerevan resumed border talks in 2021. Commentator Levan Beridze doubts that "
        "Armenia will trust the peace process, while Georgia offers mediation."
    )
    return Analysis(
        id=document_id(body), source="tests/border.txt", language="en", title="Border talks", published="2022-11",
        outlet="Other Outlet", authors=[], speakers=[Speaker("Levan Beridze", "commentator")], body=body,
        actors=[Actor("AZE", "Azerbaijan", "state", 1), Actor("ARM", "Armenia", "state", 2),
                Actor("GEO", "Georgia", "state", 1)],
        relations=[Relation("AZE", "ARM", "mediation", "0", 0.0, "asserted",
                            *_piece(body, "Baku and Yerevan resumed border talks"), speaker=None),
                   Relation("GEO", "ARM", "mediation", "+", 0.3, "asserted",
                            *_piece(body, "Georgia offers mediation"), speaker="Levan Beridze")],
        stances=[Stance("Levan Beridze", "ARM", "-",
                        *_piece(body, "doubts that Armenia will trust the peace process"))],
        events=[Event("2021", "border talks resumed", *_piece(body, "resumed border talks in 2021"))],
        name="border",
    )  # fmt: skip


@pytest.fixture
def corpus(store_target):
    with Corpus(store_target) as opened:
        opened.add(pipeline_article())
        opened.add(second_article())
        yield opened


def table_counts(target: Path | str) -> dict[str, int]:
    """Rows per table (on PostgreSQL the full-text index is columns of these tables, not tables of its own)."""
    with Corpus(target, readonly=True) as corpus:
        tables = [t for t in RECORD_TABLES if not (corpus.url and t.endswith("_fts"))]
        return {table: corpus.connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in tables}


# -- writing -------------------------------------------------------------------------------------------------------


def test_round_trip_returns_the_analysis_exactly(corpus: Corpus):
    for analysis in (pipeline_article(), second_article()):
        assert analysis.id in corpus
        assert corpus.get(analysis.id) == analysis
    assert corpus.count() == 2
    assert "0000000000000000" not in corpus
    with pytest.raises(KeyError):
        corpus.get("0000000000000000")


def test_adding_the_same_analysis_again_changes_nothing(store_target):
    path = store_target
    with Corpus(path) as corpus:
        assert corpus.add(pipeline_article()) is True
    before = table_counts(path)
    with Corpus(path) as corpus:
        assert corpus.add(pipeline_article()) is False
        assert corpus.add_many([pipeline_article(), second_article()]) == (1, 1)
    after = table_counts(path)
    assert before["relations"] == 2 and before["documents"] == 1
    assert after["documents"] == 2
    assert after["relations"] == 4 and after["stances"] == 2 and after["figures"] == 1


def test_actor_totals_count_documents_and_mentions(corpus: Corpus):
    rows = {row["id"]: row for row in corpus.actors(limit=None)}
    assert rows["KGZ"] == {"id": "KGZ", "name": "Kyrgyzstan", "kind": "state", "documents": 1, "mentions": 2}
    assert "CSTO" not in rows  # referenced by a membership only: a placeholder with no document
    assert corpus.connection.execute("SELECT kind FROM actors WHERE id = 'CSTO'").fetchone()[0] == "entity"


def test_invalid_record_is_refused_and_nothing_is_stored(store_target):
    broken = pipeline_article()
    broken.relations[0].polarity = "++"
    with Corpus(store_target) as corpus:
        with pytest.raises(ValueError, match="cannot store"):
            corpus.add(broken)
        assert corpus.count() == 0
        assert corpus.connection.execute("SELECT count(*) FROM speakers").fetchone()[0] == 0
        assert corpus.add(second_article()) is True


def test_a_batch_is_stored_as_its_documents_one_by_one_would_be(store_target, tmp_path: Path):
    """Corpus.add_batch, the ingest's writer: one transaction, one result per item in order (True new, False
    already stored, earlier in the batch included), the same rows as add() one by one; an invalid analysis is its
    own ValueError and stores nothing, the rest of its batch is kept."""
    one_by_one = tmp_path / "one-by-one.db"
    with Corpus(one_by_one) as corpus:
        corpus.add(pipeline_article(), file_sha256="a" * 64)
        corpus.add(second_article())
    with Corpus(store_target) as corpus:
        items = [(pipeline_article(), "a" * 64), (second_article(), None), (pipeline_article(), "b" * 64)]
        assert corpus.add_batch(items) == [True, True, False]
        assert corpus.has_file("a" * 64) and corpus.has_file("b" * 64)  # a known document's file is remembered
        assert corpus.get(pipeline_article().id) == pipeline_article()
    batched, reference = table_counts(store_target), table_counts(one_by_one)
    assert batched == {table: count for table, count in reference.items() if table in batched}  # PostgreSQL: no *_fts

    broken = pipeline_article()
    broken.relations[0].polarity = "++"
    with Corpus(tmp_path / "mixed.db") as corpus:
        results = corpus.add_batch([(second_article(), None), (broken, "c" * 64), (pipeline_article(), None)])
        assert results[0] is True and results[2] is True
        assert isinstance(results[1], ValueError) and "cannot store" in str(results[1])
        assert corpus.count() == 2 and not corpus.has_file("c" * 64)
        assert corpus.add_batch([]) == []


def test_read_only_corpus_refuses_writes(corpus: Corpus):
    with Corpus(target_of(corpus), readonly=True) as reader:
        assert reader.count() == 2
        with pytest.raises(CorpusError, match="read-only"):
            reader.add(synthetic_analysis(1))


# -- queries -------------------------------------------------------------------------------------------------------


def test_docs_filters(corpus: Corpus):
    assert [d["name"] for d in corpus.docs()] == ["water", "border"]  # newest first
    assert corpus.docs()[0]["speakers"] == ["Dilnoza Karimova"] and corpus.docs()[0]["authors"] == ["A. Writer"]
    assert [d["name"] for d in corpus.docs(actor="ARM")] == ["border"]
    assert [d["name"] for d in corpus.docs(speaker="KARIMOVA")] == ["water"]
    assert [d["name"] for d in corpus.docs(since="2023")] == ["water"]
    assert [d["name"] for d in corpus.docs(until="2022")] == ["border"]
    assert [d["name"] for d in corpus.docs(until="2022-11")] == ["border"]
    assert corpus.docs(until="2022-10") == []
    assert [d["name"] for d in corpus.docs(search="water scheme")] == ["water"]
    assert [d["name"] for d in corpus.docs(outlet="Other Outlet")] == ["border"]
    assert [d["name"] for d in corpus.docs(limit=1, offset=1)] == ["border"]


def test_relations_filters(corpus: Corpus):
    assert len(corpus.relations()) == 4
    assert {(r["a"], r["b"]) for r in corpus.relations(actor="KGZ")} == {("UZB", "KGZ"), ("RUS", "KGZ")}
    assert [r["type"] for r in corpus.relations(actor="KGZ", polarity="-")] == ["pressure"]
    assert [r["b"] for r in corpus.relations(type="mediation", polarity="+")] == ["ARM"]
    assert [r["a"] for r in corpus.relations(speaker="levan")] == ["GEO"]
    assert len(corpus.relations(since="2024-04-02", until="2024-04-02")) == 2
    assert [r["a"] for r in corpus.relations(search="pressure")] == ["RUS"]
    assert len(corpus.relations(document=second_article().id)) == 2
    assert corpus.relations(actor="KGZ", since="2025") == []
    row = corpus.relations(actor="RUS")[0]
    body = pipeline_article().body
    assert body[row["span_start"] : row["span_end"]] == row["evidence"]
    assert row["title"] == "Water diplomacy in the valley" and row["quad_class"] == 3


def test_stances_figures_events_memberships_filters(corpus: Corpus):
    assert [s["speaker"] for s in corpus.stances(actor="RUS")] == ["Dilnoza Karimova"]
    assert [s["target"] for s in corpus.stances(speaker="beridze", polarity="-")] == ["ARM"]
    assert corpus.stances(polarity="+") == []
    assert [f["value"] for f in corpus.figures(unit="percent", actor="KGZ")] == [12.0]
    assert corpus.figures(actor="ARM") == []
    assert [e["date"] for e in corpus.events()] == ["2024-03", "2021"]
    assert [e["date"] for e in corpus.events(since="2021", until="2021")] == ["2021"]  # the event's own date
    assert [e["date"] for e in corpus.events(speaker="karimova")] == ["2024-03"]
    assert [m["org"] for m in corpus.memberships(actor="CSTO", status="confirmed")] == ["CSTO"]


def test_actors_filtered_by_documents(corpus: Corpus):
    assert {a["id"] for a in corpus.actors(since="2024")} == {"UZB", "KGZ", "RUS", "EAEU"}
    assert {a["id"] for a in corpus.actors(speaker="beridze")} == {"AZE", "ARM", "GEO"}
    assert [a["id"] for a in corpus.actors(kind="organisation")] == ["EAEU"]
    assert corpus.actors(actor="ARM")[0]["documents"] == 1


def test_actor_counts_over_a_date_range_follow_the_prefix_rule(store_target):
    analyses = [synthetic_analysis(n) for n in range(60)]
    dates = [None, "2019", "2019-06", "2019-06-10", "2019-06-20", "2018-02-15", "2017-05-01", "2017-05-03"]
    for analysis, date in zip(analyses, dates, strict=False):
        analysis.published = date
    ranges = [("2019", None), (None, "2019-06"), ("2016-03", "2021"), ("2019", "2019"), ("2019-06", None)]
    ranges += [("2019-06-15", None), (None, "2019-06-15"), ("2019-06-05", "2019-06-15"), ("2017-05-03", "2019")]
    ranges += [("2018-02-10", "2018-02-20"), ("2017-05-02", "2019-06-10"), ("2016", "2019-06-19")]
    with Corpus(store_target) as corpus:
        corpus.add_many(analyses)
        for since, until in ranges:
            expected: dict[str, int] = {}
            for analysis in analyses:  # the documented rule, applied by hand
                date = analysis.published
                if date and (since is None or date >= since) and (until is None or date <= until + "~"):
                    for actor in analysis.actors:
                        expected[actor.id] = expected.get(actor.id, 0) + 1
            by_month = corpus.actors(since=since, until=until, limit=None)  # actor_months + boundary months
            assert {a["id"]: a["documents"] for a in by_month} == expected, (since, until)
            by_document = corpus.actors(since=since, until=until, speaker="", limit=None)  # joins the documents
            assert by_document == by_month


def test_bad_filter_values_are_value_errors(corpus: Corpus):
    with pytest.raises(ValueError, match="bad date"):
        corpus.docs(since="last year")
    with pytest.raises(ValueError):
        corpus.search("   ")
    with pytest.raises(ValueError):
        corpus.relations(limit=-1)


def test_filter_values_are_parameters_not_sql(corpus: Corpus):
    assert corpus.relations(actor="KGZ' OR '1'='1") == []
    assert corpus.docs(speaker="%") == []
    assert corpus.search('water" OR body:') != []  # quotes and colons are plain text to the search
    assert corpus.count() == 2


def test_search_finds_bodies_and_evidence_with_highlighted_snippets(corpus: Corpus):
    hits = corpus.search("pressure")
    kinds = {hit["kind"] for hit in hits}
    assert {"documents", "relations", "stances"} <= kinds
    for hit in hits:
        assert f"{MARKS[0]}pressure{MARKS[1]}" in hit["snippet"]
        assert hit["document_id"] == pipeline_article().id
    html = corpus.search("mediation", marks=("<mark>", "</mark>"))
    assert any("<mark>mediation</mark>" in hit["snippet"] for hit in html)
    assert [h["kind"] for h in corpus.search('"border talks"', limit=1)] and corpus.search("nonexistentword") == []
    assert corpus.search("trusted")  # stemming: "trust" in the body


def test_fts_query_quotes_user_text():
    assert fts_query("gas pipeline") == '"gas" "pipeline"'
    assert (
        fts_query('C5+1 "Middle Corridor" sanction* OR tariffs') == '"C5+1" "Middle Corridor" "sanction"* OR "tariffs"'
    )


# -- refusing files that are not corpora ---------------------------------------------------------------------------


def _assert_refused_unchanged(path: Path, match: str, readonly: bool = False) -> None:
    before = path.read_bytes()
    with pytest.raises(CorpusError, match=match) as caught:
        Corpus(path, readonly=readonly)
    assert "\n" not in str(caught.value)
    assert path.read_bytes() == before
    assert not Path(f"{path}-wal").exists()


def test_non_sqlite_file_is_refused_untouched(tmp_path: Path):
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n" * 20)
    _assert_refused_unchanged(path, "not an SQLite database")
    _assert_refused_unchanged(path, "not an SQLite database", readonly=True)


def test_foreign_sqlite_file_is_refused_untouched(tmp_path: Path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE meta (name TEXT)")  # even a table named meta, with other columns
    conn.execute("INSERT INTO meta VALUES ('x')")
    conn.commit()
    conn.close()
    _assert_refused_unchanged(path, "not a multivector corpus")


def test_corrupt_corpus_is_refused_untouched(tmp_path: Path):
    path = tmp_path / "c.db"
    with Corpus(path) as corpus:
        corpus.add(pipeline_article())
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # page 1 holds the schema: overwrite it
    path.write_bytes(bytes(data))
    _assert_refused_unchanged(path, "corrupt")


def test_newer_schema_version_is_refused_untouched(tmp_path: Path):
    path = tmp_path / "c.db"
    Corpus(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    _assert_refused_unchanged(path, f"schema version {SCHEMA_VERSION + 1} is newer")


def test_new_corpus_records_its_version(tmp_path: Path):
    path = tmp_path / "sub" / "c.db"
    Corpus(path).close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert dict(conn.execute("SELECT key, value FROM meta"))["schema_version"] == str(SCHEMA_VERSION)
    conn.close()
    with pytest.raises(CorpusError, match="no corpus"):
        Corpus(tmp_path / "missing.db", readonly=True)


# -- concurrency ---------------------------------------------------------------------------------------------------

WRITER = """
import sys
from multivector.store import Corpus
from multivector.store.synthetic import synthetic_analysis
with Corpus(sys.argv[1]) as corpus:
    for n in range(int(sys.argv[2])):
        corpus.add(synthetic_analysis(n))
"""


def test_readers_keep_working_while_a_writer_ingests(tmp_path: Path):
    path = tmp_path / "c.db"
    Corpus(path).close()
    total = 300
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(path), str(total)])
    seen: list[int] = []
    try:
        deadline = time.monotonic() + 60
        while writer.poll() is None and time.monotonic() < deadline:
            with Corpus(path, readonly=True, timeout=5) as reader:
                count = reader.count()
                reader.relations(actor="RUS", limit=5)
                reader.search("summit")
                stored = reader.docs(limit=None)
                assert len(stored) >= count  # never fewer documents than counted a moment before
            seen.append(count)
    finally:
        writer.wait(timeout=60)
    assert writer.returncode == 0
    assert seen == sorted(seen)
    assert any(0 < count < total for count in seen), seen
    with Corpus(path, readonly=True) as reader:
        assert reader.count() == total
