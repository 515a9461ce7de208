"""Exports parse back with the readers other tools use: networkx's GraphML/GEXF readers, csv, json."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from multivector.interfaces import export as ex
from multivector.store import Corpus

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


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


@pytest.mark.parametrize(("fmt", "reader"), [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_graph_exports_read_back_with_attributes(corpus_path, analyses, tmp_path, fmt, reader):
    out = tmp_path / f"g.{fmt}"
    result = _run(corpus_path, "--format", fmt, "--out", str(out))
    assert result.exit_code == 0, result.output
    graph = reader(out)
    pairs = {frozenset((r.a, r.b)) for a in analyses for r in (a.relation_mentions or a.relations) if r.a != r.b}
    assert graph.number_of_edges() == len(pairs) > 0
    assert sum(float(d["weight"]) for _, _, d in graph.edges(data=True)) == _mention_count(analyses)
    for _, _, data in graph.edges(data=True):
        assert data["polarity"] in {"+", "-", "0"} and data["relation_type"]
        assert len(data["start"]) == len(data["end"]) == 10 and data["start"] <= data["end"]
    kinds = {data["kind"] for _, data in graph.nodes(data=True)}
    assert "state" in kinds
    assert all(data["label"] for _, data in graph.nodes(data=True))


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
    rows = list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert all(len(line.split("\t")) == len(ex.EVENT_COLUMNS) for line in lines)
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
