"""`multivector ingest` and `multivector query` through typer's CliRunner."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from multivector.interfaces.cli import app
from multivector.store import Corpus
from test_store import pipeline_article, second_article

runner = CliRunner()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "corpus.db"
    with Corpus(path) as corpus:
        corpus.add(pipeline_article())
        corpus.add(second_article())
    return path


def query(db: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["query", *args, "--db", str(db)])
    return result.exit_code, result.stdout, result.stderr


def test_query_relations_table(db: Path):
    status, out, _ = query(db, "relations", "--actor", "KGZ")
    assert status == 0
    assert "pressure" in out and "cooperation" in out and "mediation" not in out
    assert "Karimova" in out


def test_query_json_is_a_list_with_filters_applied(db: Path):
    status, out, _ = query(db, "relations", "--polarity", "negative", "--json")
    assert status == 0
    rows = json.loads(out)
    assert [(r["a"], r["b"], r["polarity"]) for r in rows] == [("RUS", "KGZ", "-")]
    status, out, _ = query(db, "stances", "--speaker", "beridze", "--json")
    assert [r["target"] for r in json.loads(out)] == ["ARM"]
    status, out, _ = query(db, "events", "--since", "2024", "--json")
    assert [r["date"] for r in json.loads(out)] == ["2024-03"]
    status, out, _ = query(db, "docs", "--limit", "1", "--json")
    assert len(json.loads(out)) == 1
    status, out, _ = query(db, "figures", "--actor", "ARM", "--json")
    assert json.loads(out) == []


def test_query_csv_reads_back(db: Path):
    status, out, _ = query(db, "docs", "--csv")
    assert status == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [row["title"] for row in rows] == ["Water diplomacy in the valley", "Border talks"]
    assert rows[0]["speakers"] == "Dilnoza Karimova"  # lists as "a; b", as the CSV export writes them
    status, out, _ = query(db, "actors", "--kind", "state", "--csv")
    assert {row["id"] for row in csv.DictReader(io.StringIO(out))} == {"UZB", "KGZ", "RUS", "AZE", "ARM", "GEO"}


def test_query_search_shows_snippets(db: Path):
    status, out, _ = query(db, "search", "water-sharing", "--json")
    assert status == 0
    hits = json.loads(out)
    assert hits and all("water" in hit["snippet"] for hit in hits)
    status, out, _ = query(db, "search", "mediation")
    assert status == 0 and "mediation" in out


def test_query_errors_are_one_line(db: Path, tmp_path: Path):
    status, _, err = query(db, "docs", "--since", "yesterday")
    assert status == 2 and "bad date" in err and err.count("\n") == 1
    status, _, err = query(tmp_path / "missing.db", "docs")
    assert status == 1 and "no corpus" in err
    notes = tmp_path / "notes.txt"
    notes.write_text("not a database")
    status, _, err = query(notes, "relations")
    assert status == 1 and "not an SQLite database" in err
    status, _, _ = query(db, "docs", "--json", "--csv")
    assert status != 0


# -- ingest (pipeline replaced by hand-built analyses, so no NLP runs here) -----------------------------------------


@pytest.fixture
def fake_pipeline(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    import multivector.ingest
    import multivector.pipeline
    from multivector.pipeline import Outcome

    articles = {"water.txt": pipeline_article(), "border.txt": second_article()}
    analysed: list[str] = []
    for name, analysis in articles.items():
        (tmp_path / name).write_text(analysis.body)
    (tmp_path / "broken.txt").write_text("\x00\x01 binary junk")

    def iter_sources(paths):
        return [Path(p) for p in paths]

    def iter_analyses(sources, *, workers=1):
        for source in sources:
            analysed.append(Path(source).name)
            analysis = articles.get(Path(source).name)
            if analysis is None:
                yield Outcome(str(source), Path(source).stem, error="binary file")
            else:
                yield Outcome(str(source), Path(source).stem, analysis=analysis)

    monkeypatch.setattr(multivector.ingest, "iter_sources", iter_sources, raising=False)
    monkeypatch.setattr(multivector.pipeline, "iter_analyses", iter_analyses)
    return analysed


def test_ingest_stores_reports_failures_and_is_idempotent(tmp_path: Path, fake_pipeline: list[str]):
    db = tmp_path / "new.db"
    inputs = [str(tmp_path / name) for name in ("water.txt", "broken.txt", "border.txt")]
    result = runner.invoke(app, ["ingest", *inputs, "--db", str(db)])
    assert result.exit_code == 1  # one input failed
    assert "broken.txt: binary file" in result.stderr
    assert "stored 2, already present 0, failed 1" in result.stderr
    with Corpus(db, readonly=True) as corpus:
        assert corpus.count() == 2 and len(corpus.relations()) == 4

    fake_pipeline.clear()
    result = runner.invoke(app, ["ingest", *inputs[::2], "--db", str(db)])
    assert result.exit_code == 0
    assert "stored 0, already present 2, failed 0" in result.stderr
    assert fake_pipeline == []  # the same bytes again: skipped before analysis
    with Corpus(db, readonly=True) as corpus:
        assert corpus.count() == 2 and len(corpus.relations()) == 4


def test_ingest_refuses_a_foreign_db_in_one_line(tmp_path: Path, fake_pipeline: list[str]):
    notes = tmp_path / "notes.db"
    notes.write_bytes(b"plain text, not SQLite\n")
    result = runner.invoke(app, ["ingest", str(tmp_path / "water.txt"), "--db", str(notes)])
    assert result.exit_code == 1
    assert "not an SQLite database" in result.stderr and "Traceback" not in result.output
    assert notes.read_bytes() == b"plain text, not SQLite\n"


# -- end to end through the real pipeline, once it can run --------------------------------------------------------


def _pipeline_ready() -> bool:
    try:
        import multivector.ingest as ingest
        import multivector.nlp.assemble  # noqa: F401

        return hasattr(ingest, "iter_sources")
    except ImportError:
        return False


@pytest.mark.skipif(not _pipeline_ready(), reason="the analysis pipeline is not importable yet")
def test_ingest_a_seed_end_to_end(tmp_path: Path, seed_path):
    db = tmp_path / "seed.db"
    result = runner.invoke(app, ["ingest", str(seed_path("000")), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "stored 1, already present 0, failed 0" in result.stderr
    status, out, _ = query(db, "docs", "--json")
    (doc,) = json.loads(out)
    with Corpus(db, readonly=True) as corpus:
        analysis = corpus.get(doc["id"])
        assert analysis.id == doc["id"] and analysis.body
        for relation in corpus.relations(limit=None):
            assert analysis.body[relation["span_start"] : relation["span_end"]] == relation["evidence"]
    result = runner.invoke(app, ["ingest", str(seed_path("000")), "--db", str(db)])
    assert "stored 0, already present 1, failed 0" in result.stderr


# -- schema 4: modality, confidence and direction ------------------------------------------------------------------


@pytest.fixture
def directed_db(tmp_path: Path) -> Path:
    from test_store_schema4 import directed_article

    path = tmp_path / "directed.db"
    with Corpus(path) as corpus:
        corpus.add(directed_article())
        corpus.add(pipeline_article())
    return path


def test_query_relations_filters_by_direction_modality_and_confidence(directed_db: Path):
    status, out, _ = query(directed_db, "relations", "--source", "RUS", "--min-confidence", "0.7", "--json")
    assert status == 0
    assert [(r["source"], r["target"], r["type"], r["confidence"]) for r in json.loads(out)] == [
        ("RUS", "KAZ", "pressure", 0.8)
    ]
    status, out, _ = query(directed_db, "relations", "--target", "KAZ", "--modality", "hypothetical", "--json")
    assert [(r["source"], r["resolved_from"]) for r in json.loads(out)] == [("CHN", "it")]
    status, out, _ = query(directed_db, "relations", "--modality", "NEGATED", "--json")  # case does not matter
    assert status == 0 and json.loads(out) == []
    status, out, _ = query(directed_db, "memberships", "--modality", "negated", "--min-confidence", "0.9", "--csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["member"], r["modality"], r["confidence"]) for r in rows] == [("GEO", "negated", "0.9")]
    status, out, _ = query(directed_db, "stances", "--min-confidence", "0.6", "--json")
    assert [(s["target"], s["confidence"]) for s in json.loads(out)] == [("RUS", 0.7)]


def test_query_tables_show_direction_modality_and_confidence(directed_db: Path):
    status, out, _ = query(directed_db, "relations", "--actor", "KAZ")
    assert status == 0
    header = next(line for line in out.splitlines() if "direction" in line)
    assert "modality" in header and "confidence" in header
    pressure = next(line for line in out.splitlines() if "pressure" in line)
    assert "RUS \u2192 KAZ" in pressure and "0.80" in pressure and "asserted" in pressure
    cooperation = next(line for line in out.splitlines() if "cooperation" in line)
    assert "\u2192" not in cooperation and "0.55" in cooperation  # symmetric: no direction
    status, out, _ = query(directed_db, "memberships")
    line = next(line for line in out.splitlines() if "GEO" in line)
    assert "negated" in line and "0.90" in line
    status, out, _ = query(directed_db, "stances", "--modality", "hypothetical")
    line = next(line for line in out.splitlines() if "KAZ" in line)
    assert "hypothetical" in line and "0.40" in line


@pytest.mark.parametrize("command", ["relations", "stances", "memberships"])
def test_bad_modality_and_confidence_are_one_line_errors(directed_db: Path, command: str):
    status, out, err = query(directed_db, command, "--modality", "maybe")
    assert status == 2 and out == "" and err.count("\n") == 1
    assert "maybe" in err and all(m in err for m in ("asserted", "negated", "hypothetical", "future"))
    for bad in ("1.5", "-0.1", "high", "nan"):
        status, out, err = query(directed_db, command, "--min-confidence", bad)
        assert status == 2 and out == "" and err.count("\n") == 1 and "--min-confidence" in err, bad
    status, _, _ = query(directed_db, command, "--min-confidence", "0", "--modality", "future")
    assert status == 0


def test_query_help_shows_the_new_options_with_an_example():
    for command in ("relations", "stances", "memberships"):
        result = runner.invoke(app, ["query", command, "--help"])
        assert result.exit_code == 0
        assert "--modality" in result.stdout and "--min-confidence" in result.stdout
        assert f"multivector query {command} --" in result.stdout.split("Examples:")[1]
    result = runner.invoke(app, ["query", "relations", "--help"])
    assert "--source" in result.stdout and "--target" in result.stdout


def test_actors_by_name_alias_or_demonym_and_an_unknown_one_is_an_error_with_suggestions(db: Path):
    by_id = json.loads(query(db, "relations", "--actor", "KGZ", "--json")[1])
    assert by_id
    for spelling in ("Kyrgyzstan", "kyrgyzstan", "kgz", "Kyrgyz"):
        status, out, _ = query(db, "relations", "--actor", spelling, "--json")
        assert status == 0 and json.loads(out) == by_id, spelling
    status, out, err = query(db, "relations", "--actor", "Kyrgystan")
    assert status == 2 and out == ""
    assert "unknown actor 'Kyrgystan'" in err and "KGZ (Kyrgyzstan)" in err and len(err.strip().splitlines()) == 1


def test_corpus_files_and_default_exports_are_gitignored():
    import subprocess

    from multivector.interfaces.export import DEFAULT_OUT

    root = Path(__file__).resolve().parents[1]
    names = ["multivector.db", "multivector.db-wal", "multivector.db-shm", "multivector.db-journal", "corpus.db",
             "data/team.sqlite3-wal", *(value for key, value in DEFAULT_OUT.items() if key != "datasette")]  # fmt: skip
    result = subprocess.run(["git", "check-ignore", "--no-index", *names], cwd=root, capture_output=True, text=True)
    assert sorted(result.stdout.split()) == sorted(names), result.stderr
    kept = subprocess.run(["git", "check-ignore", "--no-index", "src/multivector/data/relation_types.json"], cwd=root)
    assert kept.returncode == 1  # nothing the project ships is ignored
