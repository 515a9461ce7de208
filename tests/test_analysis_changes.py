"""multivector changes: the planted shifts (a relation turning hostile, an expert turning against Russia) are found
in the quarter they were planted, with their evidence, and nothing else is."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from multivector.analysis.changes import changes
from multivector.interfaces.cli import app
from multivector.store import Corpus
from synthetic_truth import TRUTH, corpus_path


@pytest.fixture(scope="module")
def db():
    return corpus_path()


@pytest.fixture(scope="module")
def found(db):
    with Corpus(db, readonly=True) as corpus:
        return changes(corpus, by="quarter")


def test_the_planted_shifts_and_no_others(found):
    keys = {(c.kind, c.subject, c.other) for c in found.changes}
    assert keys == {("relation", *sorted(TRUTH["shift_pair"])), ("stance", *TRUTH["shift_expert"])}
    for change in found.changes:
        assert change.after.period == TRUTH["shift_quarter"]
        assert change.before.period == "2023-Q4"
        assert change.before.polarity == "+" and change.after.polarity == "-"


def test_relation_shift_ranks_first_with_its_evidence(found):
    first = found.changes[0]
    assert (first.kind, first.subject, first.other) == ("relation", "KAZ", "RUS")
    assert first.before.net == pytest.approx(1.0) and first.after.net < 0
    assert first.size == pytest.approx(first.before.net - first.after.net)
    assert first.support == 4 and first.score == pytest.approx(first.size * 4 / 5)
    assert all(r.published.startswith("2023-1") for r in first.evidence_before)
    assert any("pressure" in r.evidence for r in first.evidence_after)
    assert all(r.published.startswith("2024-0") for r in first.evidence_after)


def test_by_year_support_and_filters(db):
    with Corpus(db, readonly=True) as corpus:
        yearly = changes(corpus, by="year")
        assert {(c.kind, c.after.period) for c in yearly.changes} == {("relation", "2024"), ("stance", "2024")}
        assert [c.kind for c in changes(corpus, by="quarter", min_support=2).changes] == ["relation"]
        mine = changes(corpus, speaker="bekova")
        assert [(c.kind, c.subject) for c in mine.changes] == [("stance", "Aigerim Bekova")]
        assert changes(corpus, actor="CHN").changes == []
        with pytest.raises(ValueError, match="bad period"):
            changes(corpus, by="week")


def test_cli(db):
    runner = CliRunner()
    result = runner.invoke(app, ["changes", "--db", str(db), "--actor", "Kazakhstan", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [(c["subject"], c["other"], c["after"]["period"]) for c in data["changes"]] == [("KAZ", "RUS", "2024-Q1")]
    assert data["changes"][0]["evidence_after"][0]["evidence"]
    text = runner.invoke(app, ["changes", "--db", str(db)])
    assert text.exit_code == 0 and "2023-Q4 + " in text.stdout and "2024-Q1 - " in text.stdout
    assert runner.invoke(app, ["changes", "--db", str(db), "--by", "week"]).exit_code == 2
