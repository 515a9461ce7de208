"""multivector balance: the planted shares, leanings and modalities of the synthetic corpus are recovered through
the whole chain (templated articles -> pipeline.analyze -> Corpus -> store.analytics -> analysis.balance -> CLI)."""

from __future__ import annotations

import json
import math

import pytest
from typer.testing import CliRunner

from multivector.analysis.balance import balance, entropy_index, load_centres
from multivector.interfaces.cli import app
from multivector.store import Corpus
from synthetic_truth import TRUTH, corpus_path


@pytest.fixture(scope="module")
def db():
    return corpus_path()


@pytest.fixture(scope="module")
def report(db):
    with Corpus(db, readonly=True) as corpus:
        return balance(corpus, "KAZ", by="quarter")


def test_shares_recover_the_planted_ones(report):
    shares = {part.centre: part.share for part in report.overall.centres}
    assert set(shares) == set(TRUTH["shares"])
    for centre, planted in TRUTH["shares"].items():
        assert shares[centre] == pytest.approx(planted, abs=0.05), centre


def test_index_is_the_normalised_entropy_of_the_shares(report):
    shares = [part.share for part in report.overall.centres]
    expected = -sum(p * math.log(p) for p in shares if p) / math.log(len(shares))
    assert report.overall.index == pytest.approx(expected)
    assert 0 < report.overall.index < 1


def test_leaning_per_quarter_follows_the_planted_move(report):
    leaning = {period.period: period.leaning for period in report.periods}
    assert leaning == TRUTH["leaning_by_quarter"]


def test_hostile_weight_lowers_the_net_and_hypothetical_and_negated_count_apart(report):
    parts = {part.centre: part for part in report.overall.centres}
    russia = parts["RUS"]
    assert russia.hostile > 0 and russia.net == pytest.approx(russia.cooperative - russia.hostile)
    assert report.overall.leaning == "CHN"  # same cooperative weight as Russia, no pressure
    iran = parts["IRN"]
    assert iran.cooperative == iran.hostile == iran.neutral == 0 and iran.records == 0
    assert iran.modalities["hypothetical"]["+"]["records"] == 4
    assert sum(slot["records"] for slot in iran.modalities["negated"].values()) == 4  # polarity: the reader's call
    assert "asserted" not in iran.modalities


def test_every_number_links_to_verbatim_evidence(db, report):
    with Corpus(db, readonly=True) as corpus:
        for part in report.overall.centres:
            assert part.relations, part.centre
            for record in part.relations:
                body = corpus.get(record.document_id).body
                assert body[record.span_start : record.span_end] == record.evidence
                assert "Kazakhstan" in record.evidence
            for record in part.stance_evidence:
                assert corpus.get(record.document_id).body[record.span_start : record.span_end] == record.evidence


def test_expert_stances_towards_each_centre(report):
    parts = {part.centre: part for part in report.overall.centres}
    assert parts["TUR"].stances["+"]["records"] > 0 and "-" not in parts["TUR"].stances
    assert parts["CHN"].stances["+"]["records"] == parts["CHN"].stances["-"]["records"]


def test_speaker_filter_keeps_that_expert_only(db):
    with Corpus(db, readonly=True) as corpus:
        mine = balance(corpus, "KAZ", speaker="bekova")
    parts = {part.centre: part for part in mine.overall.centres}
    assert all(part.records == 0 for part in parts.values())  # the journalist narrates every relation
    assert parts["RUS"].stances["+"]["records"] == 4 and parts["RUS"].stances["-"]["records"] == 4
    assert all(r.speaker == "Aigerim Bekova" for part in parts.values() for r in part.stance_evidence)


def test_entropy_index_bounds():
    assert entropy_index([1.0, 1.0, 1.0, 1.0]) == pytest.approx(1.0)
    assert entropy_index([3.0, 0.0, 0.0]) == pytest.approx(0.0)
    assert entropy_index([0.0, 0.0]) is None


def test_power_centres_are_data_and_checked(tmp_path):
    centres = load_centres()
    assert [c.id for c in centres] == ["RUS", "CHN", "WEST", "TUR", "IRN"]
    west = next(c for c in centres if c.id == "WEST")
    assert {"USA", "EU", "NATO", "GBR"} <= set(west.members)
    bad = tmp_path / "centres.json"
    bad.write_text('[{"id": "A", "members": ["RUS"]}, {"id": "B", "members": ["RUS"]}]', encoding="utf-8")
    with pytest.raises(ValueError, match="RUS stands for both"):
        load_centres(bad)


def test_custom_centres_file(db, tmp_path):
    path = tmp_path / "two.json"
    path.write_text('[{"id": "EAST", "members": ["RUS", "CHN"]}, {"id": "OTHER", "members": ["TUR", "USA", "EU"]}]')
    with Corpus(db, readonly=True) as corpus:
        two = balance(corpus, "KAZ", centres=load_centres(path), evidence=0)
    shares = {part.centre: part.share for part in two.overall.centres}
    assert shares["EAST"] == pytest.approx(0.75, abs=0.05) and two.overall.centres[0].relations == []


def test_cli_json_by_name_and_errors(db):
    runner = CliRunner()
    result = runner.invoke(app, ["balance", "Kazakhstan", "--db", str(db), "--by", "quarter", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["actor"] == "KAZ"
    shares = {part["centre"]: part["share"] for part in data["overall"]["centres"]}
    assert shares["CHN"] == pytest.approx(TRUTH["shares"]["CHN"], abs=0.05)
    assert [p["leaning"] for p in data["periods"]] == list(TRUTH["leaning_by_quarter"].values())
    assert data["overall"]["centres"][0]["relations"][0]["evidence"]
    table = runner.invoke(app, ["balance", "KAZ", "--db", str(db)])
    assert table.exit_code == 0 and "balance index 0.78, leaning CHN" in table.stdout
    for args in (["balance", "Atlantis", "--db", str(db)], ["balance", "KAZ", "--by", "week", "--db", str(db)]):
        bad = runner.invoke(app, args)
        assert bad.exit_code == 2 and len(bad.stderr.strip().splitlines()) == 1, bad.output


def test_help_ends_with_examples():
    for command in ("balance", "discourse", "changes", "claims"):
        text = CliRunner().invoke(app, [command, "--help"], terminal_width=200).stdout.rstrip()
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        assert lines[-3].startswith(f"multivector {command}") and lines[-1].startswith(f"multivector {command}")


def test_every_period_links_to_the_claims_behind_it(db):
    with Corpus(db, readonly=True) as corpus:
        report = balance(corpus, "KAZ", by="quarter", since="2023-05", evidence=0)
        assert report.periods[0].period == "2023-Q2"
        assert report.periods[0].query == {"actor": "KAZ", "since": "2023-05", "until": "2023-06"}
        assert report.periods[-1].query == {"actor": "KAZ", "since": "2024-10", "until": "2024-12"}
        for period in report.periods:
            listed = corpus.relations(**period.query, limit=None)
            firm = [r for r in listed if r["modality"] in ("asserted", "future") and r["polarity"] == "+"]
            assert len(firm) == sum(part.cooperative > 0 and part.modalities["asserted"]["+"]["records"] or 0
                                    for part in period.centres)  # fmt: skip
