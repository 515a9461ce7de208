"""Exports parse back with the readers other tools use: networkx's GraphML/GEXF readers, csv, json."""

from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from multivector.interfaces import export as ex
from multivector.store import Corpus
from test_store import pipeline_article
from test_store_schema4 import directed_article

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
MODALITIES = {"asserted", "negated", "hypothetical", "future"}


@pytest.fixture(scope="module")
def corpus_path(tmp_path_factory) -> Path:
    from multivector.pipeline import analyze

    path = tmp_path_factory.mktemp("export") / "corpus.db"
    with Corpus(path) as corpus:
        for source in sorted(EXAMPLES.iterdir()):
            corpus.add(analyze(source))
    return path


@pytest.fixture(scope="module")
def analyses(corpus_path):
    with Corpus(corpus_path, readonly=True) as corpus:
        return list(ex.iter_analyses(corpus))


def _mention_count(analyses) -> int:
    return sum(len(a.relation_mentions or a.relations) for a in analyses)


def _run(corpus_path: Path, *args: str):
    from multivector.interfaces.cli import app

    return CliRunner().invoke(app, ["export", "--db", str(corpus_path), *args])


def _expected_edges(analyses) -> Counter:
    """The export's edges from the mentions, each with its sentence count: (smaller id, larger id, False) for the
    mentions without a direction, (source, target, True) for those with one."""
    edges: Counter = Counter()
    for analysis in analyses:
        for r in analysis.relation_mentions or analysis.relations:
            if r.a == r.b:
                continue
            if r.source and r.target and r.source != r.target:
                edges[(r.source, r.target, True)] += 1
            else:
                edges[(min(r.a, r.b), max(r.a, r.b), False)] += 1
    return edges


def _check_edge_attributes(data: dict) -> None:
    assert data["polarity"] in {"+", "-", "0"} and data["relation_type"]
    assert len(data["start"]) == len(data["end"]) == 10 and data["start"] <= data["end"]
    assert data["modality"] in MODALITIES and data["modality"] in data["modalities"]
    assert 0 <= float(data["confidence"]) <= 1


def test_graphml_reads_back_as_a_directed_multigraph_with_attributes(corpus_path, analyses, tmp_path):
    out = tmp_path / "g.graphml"
    result = _run(corpus_path, "--format", "graphml", "--out", str(out))
    assert result.exit_code == 0, result.output
    graph = nx.read_graphml(out)
    assert graph.is_directed()
    expected = _expected_edges(analyses)
    found = Counter()
    for u, v, data in graph.edges(data=True):
        found[(u, v, data["directed"])] += int(data["weight"])
        _check_edge_attributes(data)
        assert isinstance(data["directed"], bool)
    assert found == expected and sum(found.values()) == _mention_count(analyses) > 0
    kinds = {data["kind"] for _, data in graph.nodes(data=True)}
    assert "state" in kinds
    assert all(data["label"] for _, data in graph.nodes(data=True))


def _gexf(path: Path) -> tuple[ET.Element, list[dict]]:
    """The <graph> element and every edge as a dict: its XML attributes plus its attribute values by title."""
    ns = {"g": "http://www.gexf.net/1.2draft"}
    graph = ET.parse(path).getroot().find("g:graph", ns)
    titles = {a.get("id"): a.get("title") for a in graph.findall("g:attributes[@class='edge']/g:attribute", ns)}
    edges = []
    for edge in graph.findall("g:edges/g:edge", ns):
        values = {titles[v.get("for")]: v.get("value") for v in edge.findall("g:attvalues/g:attvalue", ns)}
        edges.append({**values, **edge.attrib})
    return graph, edges


def test_gexf_is_a_mixed_graph_gephi_reads(corpus_path, analyses, tmp_path):
    out = tmp_path / "g.gexf"
    assert _run(corpus_path, "--format", "gexf", "--out", str(out)).exit_code == 0
    graph, edges = _gexf(out)
    assert graph.get("defaultedgetype") == "undirected"  # directed edges say so one by one
    found = Counter()
    for edge in edges:
        directed = edge.get("type") == "directed"
        assert edge["directed"] == str(directed).lower() and edge.get("type") in (None, "directed")
        found[(edge["source"], edge["target"], directed)] += int(float(edge["weight"]))
        _check_edge_attributes(edge)
    assert found == _expected_edges(analyses)
    ids = [edge["id"] for edge in edges]
    assert len(ids) == len(set(ids))


def test_gexf_is_dynamic_with_dates(corpus_path, tmp_path):
    out = tmp_path / "g.gexf"
    assert _run(corpus_path, "--format", "gexf", "--out", str(out)).exit_code == 0
    head = out.read_text(encoding="utf-8")[:800]
    assert 'mode="dynamic"' in head and 'timeformat="date"' in head


def test_period_bounds_cover_partial_dates():
    assert ex.period_start("2024") == "2024-01-01" and ex.period_end("2024") == "2024-12-31"
    assert ex.period_start("2024-02") == "2024-02-01" and ex.period_end("2024-02") == "2024-02-29"
    assert ex.period_end("2023-02-10") == "2023-02-10"


def test_csv_has_one_table_per_record_kind(corpus_path, analyses, tmp_path):
    out = tmp_path / "csv"
    assert _run(corpus_path, "--format", "csv", "--out", str(out)).exit_code == 0
    assert sorted(p.stem for p in out.glob("*.csv")) == sorted(ex.TABLES)
    tables = {p.stem: list(csv.DictReader(p.open(encoding="utf-8", newline=""))) for p in out.glob("*.csv")}
    assert len(tables["documents"]) == len(analyses)
    assert len(tables["relation_mentions"]) == sum(len(a.relation_mentions) for a in analyses)
    bodies = {a.id: a.body for a in analyses}
    for table in ("relation_mentions", "stances", "figures", "events"):
        for row in tables[table]:  # evidence survives the round trip verbatim, commas and quotes included
            assert bodies[row["document_id"]][int(row["span_start"]) : int(row["span_end"])] == row["evidence"]


def test_jsonl_round_trips_every_record(corpus_path, analyses, tmp_path):
    out = tmp_path / "jsonl"
    assert _run(corpus_path, "--format", "jsonl", "--out", str(out)).exit_code == 0
    rows = [json.loads(line) for line in (out / "figures.jsonl").read_text(encoding="utf-8").splitlines()]
    expected = [(a.id, f.value, f.unit) for a in analyses for f in a.figures]
    assert [(r["document_id"], r["value"], r["unit"]) for r in rows] == expected
    assert len((out / "actors.jsonl").read_text(encoding="utf-8").splitlines()) == sum(len(a.actors) for a in analyses)


def test_events_tsv_has_one_line_per_relation_mention(corpus_path, analyses, tmp_path):
    out = tmp_path / "events.tsv"
    assert _run(corpus_path, "--format", "events-tsv", "--out", str(out)).exit_code == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].split("\t") == list(ex.EVENT_COLUMNS)
    assert len(lines) - 1 == _mention_count(analyses)
    rows = list(csv.DictReader(lines, delimiter="\t"))  # the csv module's defaults, as pandas reads it
    assert all(len(row) == len(ex.EVENT_COLUMNS) and None not in row for row in rows)
    assert {row["quad_class"] for row in rows} <= {"1", "2", "3", "4"}
    assert all(row["date"] and row["actor1"] and row["evidence"] for row in rows)


def test_event_rows_flatten_whitespace():
    row = ex.event_row({"a": "RUS", "b": "KAZ", "document_id": "d", "evidence": "one\ttwo\nthree", "title": None})
    assert row["evidence"] == "one two three" and row["title"] == ""


def test_bad_format_and_bad_corpus_fail_cleanly(corpus_path, tmp_path):
    assert _run(corpus_path, "--format", "xlsx").exit_code == 2
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"not a database")
    from multivector.interfaces.cli import app

    result = CliRunner().invoke(app, ["export", "--db", str(bad), "--format", "csv", "--out", str(tmp_path / "o")])
    assert result.exit_code == 1 and bad.read_bytes() == b"not a database"


# -- direction, modality and confidence (schema 4), on a corpus written for these tests ----------------------------


@pytest.fixture(scope="module")
def directed_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("directed") / "corpus.db"
    with Corpus(path) as corpus:
        corpus.add(directed_article())
        corpus.add(pipeline_article())
    return path


def test_a_directed_relation_is_a_directed_edge_in_graphml_and_gexf(directed_path, tmp_path):
    graphml, gexf = tmp_path / "g.graphml", tmp_path / "g.gexf"
    assert _run(directed_path, "--format", "graphml", "--out", str(graphml)).exit_code == 0
    assert _run(directed_path, "--format", "gexf", "--out", str(gexf)).exit_code == 0
    graph = nx.read_graphml(graphml)
    edges = {(u, v): data for u, v, data in graph.edges(data=True)}
    # RUS puts pressure on KAZ (directed); the two cooperate (no direction); CHN may lose patience with KAZ
    assert set(edges) == {("RUS", "KAZ"), ("KAZ", "RUS"), ("CHN", "KAZ"), ("KGZ", "UZB"), ("KGZ", "RUS")}
    pressure, cooperation, rivalry = edges["RUS", "KAZ"], edges["KAZ", "RUS"], edges["CHN", "KAZ"]
    assert (pressure["directed"], pressure["relation_type"], pressure["confidence"]) == (True, "pressure", 0.8)
    assert pressure["label"] == "RUS -> KAZ: pressure"
    assert (cooperation["directed"], cooperation["relation_type"], cooperation["confidence"]) == (
        False, "cooperation", 0.55,
    )  # fmt: skip
    assert (rivalry["directed"], rivalry["modality"], rivalry["modalities"]) == (True, "hypothetical", "hypothetical:1")
    assert edges["KGZ", "RUS"]["directed"] is False  # pipeline_article's pressure has no direction
    assert edges["KGZ", "RUS"]["confidence"] == 0.5
    _, xml_edges = _gexf(gexf)
    by_ends = {(e["source"], e["target"]): e for e in xml_edges}
    assert by_ends["RUS", "KAZ"]["type"] == "directed" and by_ends["CHN", "KAZ"]["type"] == "directed"
    assert "type" not in by_ends["KAZ", "RUS"] and by_ends["KAZ", "RUS"]["directed"] == "false"
    assert by_ends["RUS", "KAZ"]["modality"] == "asserted" and float(by_ends["RUS", "KAZ"]["confidence"]) == 0.8


def test_a_graph_without_directions_still_reads_with_networkx_gexf(tmp_path):
    path = tmp_path / "plain.db"
    with Corpus(path) as corpus:
        corpus.add(pipeline_article())
    out = tmp_path / "g.gexf"
    assert _run(path, "--format", "gexf", "--out", str(out)).exit_code == 0
    graph = nx.read_gexf(out)
    assert {frozenset(e[:2]) for e in graph.edges} == {frozenset(("UZB", "KGZ")), frozenset(("RUS", "KGZ"))}


def test_tables_and_events_carry_direction_modality_and_confidence(directed_path, tmp_path):
    out = tmp_path / "csv"
    assert _run(directed_path, "--format", "csv", "--out", str(out)).exit_code == 0
    relations = list(csv.DictReader((out / "relations.csv").open(encoding="utf-8", newline="")))
    pressure = next(r for r in relations if r["type"] == "pressure" and r["a"] == "RUS" and r["b"] == "KAZ")
    assert (pressure["source"], pressure["target"], pressure["confidence"]) == ("RUS", "KAZ", "0.8")
    cooperation = next(r for r in relations if r["type"] == "cooperation" and r["b"] == "RUS")
    assert (cooperation["source"], cooperation["resolved_from"], cooperation["count"]) == ("", "The two countries", "2")
    memberships = list(csv.DictReader((out / "memberships.csv").open(encoding="utf-8", newline="")))
    assert {(m["member"], m["modality"], m["confidence"]) for m in memberships} >= {("GEO", "negated", "0.9")}
    out = tmp_path / "jsonl"
    assert _run(directed_path, "--format", "jsonl", "--out", str(out)).exit_code == 0
    stances = [json.loads(line) for line in (out / "stances.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {"target": "KAZ", "confidence": 0.4, "resolved_from": "it", "modality": "hypothetical"}.items() <= next(
        s for s in stances if s["target"] == "KAZ"
    ).items()
    mentions = [json.loads(line) for line in (out / "relation_mentions.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {(m["source"], m["target"]) for m in mentions} >= {("RUS", "KAZ"), ("CHN", "KAZ"), (None, None)}
    out = tmp_path / "events.tsv"
    assert _run(directed_path, "--format", "events-tsv", "--out", str(out)).exit_code == 0
    rows = list(csv.DictReader(out.read_text(encoding="utf-8").splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE))
    events = {row["type"] + row["actor1"]: row for row in rows}
    assert (events["rivalryCHN"]["actor2"], events["rivalryCHN"]["directed"]) == ("KAZ", "1")
    assert events["rivalryCHN"]["confidence"] == "0.35" and events["rivalryCHN"]["resolved_from"] == "it"
    assert (events["cooperationKAZ"]["actor2"], events["cooperationKAZ"]["directed"]) == ("RUS", "0")


# -- one CSV convention, a TSV pandas reads, the body in the documents export, Datasette's _search ------------------

HOSTILE_BODY = (
    '"We will not\tjoin," the minister said of the Russian-led union.\n'
    'Kazakhstan and Russia signed a "strategic" grain deal; China and Kazakhstan, a rail one.\n'
    "Russia and China talked."
)


def hostile_article():
    """Evidence that starts with a quote, holds a tab, a newline, quotes and semicolons; two authors."""
    from multivector.records import Actor, Analysis, Relation, Speaker

    def piece(text: str) -> tuple[str, list[int]]:
        start = HOSTILE_BODY.index(text)
        return text, [start, start + len(text)]

    return Analysis(
        id="5e5e5e5e5e5e5e5e", source="tests/quotes.txt", language="en", title='The "grain" deal\tand rails',
        published="2024-02-03", outlet="Test Outlet", authors=["Ann Lee", "Bo Chen"],
        speakers=[Speaker("Aigerim Sadykova", "economist")], body=HOSTILE_BODY,
        actors=[Actor("KAZ", "Kazakhstan", "state", 3), Actor("RUS", "Russia", "state", 3),
                Actor("CHN", "China", "state", 2)],
        relations=[
            Relation("KAZ", "RUS", "trade", "+", 0.5, "asserted",
                     *piece('"We will not\tjoin," the minister said of the Russian-led union.\nKazakhstan and Russia'
                            ' signed a "strategic" grain deal'), speaker="Aigerim Sadykova"),
            Relation("CHN", "KAZ", "partnership", "+", 0.6, "asserted", *piece("China and Kazakhstan, a rail one")),
            Relation("RUS", "CHN", "cooperation", "+", 0.4, "asserted", *piece("Russia and China talked")),
        ],
    )  # fmt: skip


@pytest.fixture
def hostile_path(tmp_path) -> Path:
    path = tmp_path / "hostile.db"
    with Corpus(path) as corpus:
        corpus.add(hostile_article())
        corpus.add(pipeline_article())
    return path


def read_tsv_with_defaults(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """The TSV as ``pd.read_csv(path, sep="\\t")`` reads it when pandas is installed, else as the csv module's
    defaults read it (the same dialect: double quotes, doubled inside a quoted field)."""
    try:
        import pandas as pd
    except ModuleNotFoundError:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.reader(handle, delimiter="\t")
            header = next(reader)
            return header, [dict(zip(header, row, strict=True)) for row in reader]
    frame = pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False)
    return list(frame.columns), frame.to_dict("records")


def test_events_tsv_reads_with_default_options_whatever_the_evidence_holds(hostile_path, tmp_path):
    out = tmp_path / "events.tsv"
    assert _run(hostile_path, "--format", "events-tsv", "--out", str(out)).exit_code == 0
    header, rows = read_tsv_with_defaults(out)
    assert header == list(ex.EVENT_COLUMNS)
    assert len(rows) == 5 and len(out.read_text(encoding="utf-8").splitlines()) == 6  # one line per row
    first = next(row for row in rows if row["type"] == "trade")
    assert first["evidence"] == (
        '"We will not join," the minister said of the Russian-led union. Kazakhstan and Russia signed a "strategic"'
        " grain deal"
    )
    assert first["title"] == 'The "grain" deal and rails'
    assert {(row["actor1"], row["actor2"]) for row in rows} >= {("KAZ", "RUS"), ("CHN", "KAZ"), ("RUS", "CHN")}


def test_query_csv_and_export_csv_write_lists_the_same_way(hostile_path, tmp_path):
    from multivector.interfaces.cli import app

    result = CliRunner().invoke(app, ["query", "docs", "--db", str(hostile_path), "--csv"])
    queried = {row["id"]: row for row in csv.DictReader(result.stdout.splitlines(keepends=True))}
    out = tmp_path / "csv"
    assert _run(hostile_path, "--format", "csv", "--out", str(out)).exit_code == 0
    with (out / "documents.csv").open(encoding="utf-8", newline="") as handle:
        exported = {row["id"]: row for row in csv.DictReader(handle)}
    doc = "5e5e5e5e5e5e5e5e"
    assert queried[doc]["authors"] == exported[doc]["authors"] == "Ann Lee; Bo Chen"
    assert queried[doc]["speakers"] == exported[doc]["speakers"] == "Aigerim Sadykova"
    # JSON Lines and --json keep lists as lists
    jsonl = tmp_path / "jsonl"
    assert _run(hostile_path, "--format", "jsonl", "--out", str(jsonl)).exit_code == 0
    documents = [json.loads(line) for line in (jsonl / "documents.jsonl").read_text(encoding="utf-8").splitlines()]
    result = CliRunner().invoke(app, ["query", "docs", "--db", str(hostile_path), "--json"])
    as_json = {row["id"]: row for row in json.loads(result.stdout)}
    assert next(d for d in documents if d["id"] == doc)["authors"] == as_json[doc]["authors"] == ["Ann Lee", "Bo Chen"]


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_the_documents_export_carries_the_body_so_every_span_checks(corpus_path, analyses, tmp_path, fmt):
    out = tmp_path / fmt
    assert _run(corpus_path, "--format", fmt, "--out", str(out)).exit_code == 0

    def table(name: str) -> list[dict]:
        path = out / f"{name}.{fmt}"
        if fmt == "csv":
            with path.open(encoding="utf-8", newline="") as handle:
                return list(csv.DictReader(handle))
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]

    bodies = {row["id"]: row["body"] for row in table("documents")}
    assert bodies == {a.id: a.body for a in analyses}  # the exact text, line breaks and quotes included
    checked = 0
    for name in ex.TABLES:
        for row in table(name):
            if "span_start" in row and row.get("evidence"):
                start, end = int(row["span_start"]), int(row["span_end"])
                assert bodies[row["document_id"]][start:end] == row["evidence"], (name, row)
                checked += 1
    assert checked >= 20


def test_export_narrowed_to_actors(hostile_path, tmp_path):
    out = tmp_path / "pair.tsv"
    result = _run(hostile_path, "-f", "events-tsv", "--actor", "Kazakhstan", "--actor", "rus", "-o", str(out))
    assert result.exit_code == 0, result.output
    _, rows = read_tsv_with_defaults(out)
    assert [(row["actor1"], row["actor2"], row["type"]) for row in rows] == [("KAZ", "RUS", "trade")]
    graph_path = tmp_path / "kaz.graphml"
    assert _run(hostile_path, "-f", "graphml", "--actor", "KAZ", "-o", str(graph_path)).exit_code == 0
    graph = nx.read_graphml(graph_path)
    assert all("KAZ" in (u, v) for u, v in graph.edges()) and set(graph.nodes) == {"KAZ", "RUS", "CHN"}
    result = _run(hostile_path, "-f", "csv", "--actor", "Kazahstan", "-o", str(tmp_path / "x"))
    assert result.exit_code == 2 and "did you mean KAZ (Kazakhstan)?" in result.stderr


# Datasette's own logic, copied from datasette/utils/__init__.py (detect_fts_sql, escape_fts) and
# datasette/filters.py (the ?_search= clause), Datasette 1.0a37; Datasette is not a dependency of the project.
def detect_fts_sql(table: str) -> str:
    return r"""
        select name from sqlite_master
            where rootpage = 0
            and (
                sql like '%VIRTUAL TABLE%USING FTS%content="{table}"%'
                or sql like '%VIRTUAL TABLE%USING FTS%content=[{table}]%'
                or (
                    tbl_name = "{table}"
                    and sql like '%VIRTUAL TABLE%USING FTS%'
                )
            )
    """.format(table=table.replace("'", "''"))


def escape_fts(query: str) -> str:
    import re

    if query.count('"') % 2:
        query += '"'
    bits = [b for b in re.compile(r'\s+|(".*?")').split(query) if b and b != '""']
    return " ".join(f'"{bit}"' if not bit.startswith('"') else bit for bit in bits)


def datasette_search(conn, metadata: dict, database: str, table: str, search: str) -> list[tuple]:
    """The rows of ``table`` that Datasette's ``?_search=`` returns (filters.search_filters)."""
    config = metadata["databases"][database]["tables"].get(table, {})
    fts_table = config.get("fts_table")
    if not fts_table:
        found = conn.execute(detect_fts_sql(table)).fetchall()
        fts_table = found[0][0] if found else None
    assert fts_table, f"Datasette finds no full-text table for {table}: no search box, ?_search= ignored"
    fts_pk = config.get("fts_pk", "rowid")
    match = f"select rowid from [{fts_table}] where [{fts_table}] match escape_fts(:search)"
    sql = f"select * from [{table}] where [{fts_pk}] in ({match})"
    return conn.execute(sql, {"search": search}).fetchall()


def test_datasette_search_finds_documents_and_evidence_in_the_corpus_file(hostile_path, tmp_path):
    import sqlite3

    out = tmp_path / "metadata.json"
    result = _run(hostile_path, "--format", "datasette", "--out", str(out))
    assert result.exit_code == 0 and f"datasette {hostile_path} --metadata {out}" in result.stderr
    metadata = json.loads(out.read_text(encoding="utf-8"))
    database = hostile_path.stem  # Datasette names a database after its file
    conn = sqlite3.connect(f"file:{hostile_path}?mode=ro", uri=True)
    conn.create_function("escape_fts", 1, escape_fts)
    columns = [c[1] for c in conn.execute("PRAGMA table_info(documents)")]
    hits = datasette_search(conn, metadata, database, "documents", "grain deal")
    assert [dict(zip(columns, row, strict=True))["id"] for row in hits] == ["5e5e5e5e5e5e5e5e"]
    assert datasette_search(conn, metadata, database, "documents", "water-sharing")  # the other article
    assert datasette_search(conn, metadata, database, "documents", "zzzunknownword") == []
    evidence = datasette_search(conn, metadata, database, "evidence_fts", '"strategic" grain')
    assert evidence and all("grain" in row[0] for row in evidence)
    assert {row[1] for row in evidence} >= {"relations"}
    for name, query in metadata["databases"][database]["queries"].items():  # the canned searches run as written
        assert conn.execute(query["sql"], {"q": "grain"}).fetchall(), name


@pytest.mark.parametrize("actors", [None, ["KAZ"], ["KAZ", "RUS"], ["KAZ", "RUS", "CHN"]])
def test_export_progress_counts_every_document_it_reads(hostile_path, tmp_path, actors):
    ticks: list[int] = []
    with Corpus(hostile_path, readonly=True) as corpus:
        total = ex.documents_to_export(corpus, actors)
        ex.export(corpus, "events-tsv", tmp_path / "e.tsv", actors=actors, advance=lambda: ticks.append(1))
    # several actors: only the documents with a relation between two of them (the store's actors filter)
    assert len(ticks) == total == (1 if actors else 2)
