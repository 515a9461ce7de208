"""multivector claims: both planted conflicting trade figures are flagged, the figures that agree within rounding
are not, and the membership the catalogue contradicts is listed, from articles analysed by the real pipeline."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from multivector.analysis.claims import agree, claims, precision
from multivector.interfaces.cli import app
from multivector.store import Corpus
from synthetic_truth import FIGURES, TRUTH, corpus_path


@pytest.fixture(scope="module")
def db():
    return corpus_path()


@pytest.fixture(scope="module")
def found(db):
    with Corpus(db, readonly=True) as corpus:
        return claims(corpus)


def test_both_conflicting_figures_and_no_others(found):
    assert len(found.conflicts) == 1
    conflict = found.conflicts[0]
    assert {f.evidence for f in conflict.figures} == TRUTH["conflicting_figures"]
    assert conflict.quantity.measure == "trade" and conflict.quantity.actors == ("CHN", "UZB")
    assert conflict.quantity.year == "2023" and conflict.quantity.unit == "USD"
    assert conflict.values == [25.2e9, 31.5e9] and len(conflict.disagreeing) == 1
    assert found.compared == len(FIGURES)


def test_forecasts_are_their_own_quantity(db):
    from multivector.analysis.claims import quantity
    from multivector.data.catalogue import Catalogue
    from multivector.store import analytics

    with Corpus(db, readonly=True) as corpus:
        keys = {quantity(f, Catalogue.default()) for f in analytics.figure_records(corpus)}
    kinds = {(k.measure, k.actors, k.year, k.kind) for k in keys}
    assert ("trade", ("CHN", "UZB"), "2025", "forecast") in kinds
    assert ("freight", ("MIDDLE_CORRIDOR",), "2023", "reported") in kinds


def test_contradicted_membership(found):
    assert [(m.member, m.org) for m in found.memberships] == [TRUTH["contradicted_membership"]]
    assert found.memberships[0].claims[0].evidence == "Turkmenistan is a member of the CSTO."


def test_rounding():
    assert precision(31.5e9) == pytest.approx(1e8)
    assert precision(26e9) == pytest.approx(1e9)
    assert precision(2.76e6) == pytest.approx(1e4)
    assert precision(0.25) == pytest.approx(0.01)
    assert agree(26.4e9, 26e9) and agree(2.8e6, 2.76e6) and agree(40e9, 40e9)
    assert not agree(31.5e9, 25.2e9) and not agree(2.8e6, 2.7e6)


def test_filters_and_cli(db):
    with Corpus(db, readonly=True) as corpus:
        assert claims(corpus, unit="tonnes").conflicts == []
        assert claims(corpus, actor="RUS").conflicts == []
        assert len(claims(corpus, actor="CHN").conflicts) == 1
    runner = CliRunner()
    result = runner.invoke(app, ["claims", "--db", str(db), "--actor", "Uzbekistan", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {f["evidence"] for f in data["conflicts"][0]["figures"]} == TRUTH["conflicting_figures"]
    text = runner.invoke(app, ["claims", "--db", str(db)])
    assert text.exit_code == 0 and "TKM in CSTO" in text.stdout and "31,500,000,000" in text.stdout
    assert runner.invoke(app, ["claims", "--db", str(db), "--since", "soon"]).exit_code == 2
