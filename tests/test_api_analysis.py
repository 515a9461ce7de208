"""The answers' JSON API (/api/balance/{actor}, /api/discourse, .graphml, .gexf, /api/changes, /api/claims) on the
synthetic corpus with a planted truth (tests/synthetic_truth.py: our own sentences, analysed by the real pipeline):
the API returns the planted truth, the same object as the CLI's --json, with verbatim evidence behind each figure,
resolves actors by name (404 with suggestions), rejects bad values with 400, is cached per corpus generation and is
described in the OpenAPI schema."""

from __future__ import annotations

import io
import json
import shutil
import time

import networkx as nx
import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from multivector.interfaces.cli import app as cli
from multivector.store import Corpus
from synthetic_truth import TRUTH, adjusted_rand_index, corpus_path


@pytest.fixture(scope="module")
def db():
    return corpus_path()


@pytest.fixture(scope="module")
def client(db) -> TestClient:
    from multivector.interfaces.web import create_app

    return TestClient(create_app(db))


def _cli_json(db, *args: str) -> dict:
    result = CliRunner().invoke(cli, [*args, "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _verbatim(client, records: list[dict]) -> None:
    """Every record's evidence is the body of its document between its span offsets."""
    assert records
    bodies: dict[str, str] = {}
    for record in records:
        doc = record["document_id"]
        if doc not in bodies:
            bodies[doc] = client.get(f"/api/documents/{doc}").json()["body"]
        assert bodies[doc][record["span_start"] : record["span_end"]] == record["evidence"], record


# -- balance ---------------------------------------------------------------------------------------------------------


def test_balance_recovers_the_planted_shares_and_leanings(client):
    response = client.get("/api/balance/KAZ", params={"by": "quarter"})
    assert response.status_code == 200
    data = response.json()
    assert data["actor"] == "KAZ" and data["by"] == "quarter"
    shares = {part["centre"]: part["share"] for part in data["overall"]["centres"]}
    assert set(shares) == set(TRUTH["shares"])
    for centre, planted in TRUTH["shares"].items():
        assert shares[centre] == pytest.approx(planted, abs=0.05), centre
    assert data["overall"]["leaning"] == "CHN" and data["overall"]["index"] == pytest.approx(0.78, abs=0.01)
    assert {p["period"]: p["leaning"] for p in data["periods"]} == TRUTH["leaning_by_quarter"]
    iran = next(part for part in data["overall"]["centres"] if part["centre"] == "IRN")
    assert iran["cooperative"] == 0 and iran["modalities"]["hypothetical"]["+"]["records"] == 4


def test_balance_is_the_cli_json_with_verbatim_evidence(client, db):
    data = client.get("/api/balance/KAZ", params={"by": "quarter"}).json()
    assert data == _cli_json(db, "balance", "KAZ", "--by", "quarter")
    records = [r for part in data["overall"]["centres"] for r in part["relations"] + part["stance_evidence"]]
    _verbatim(client, records)
    russia = next(part for part in data["overall"]["centres"] if part["centre"] == "RUS")
    assert {r["polarity"] for r in russia["relations"]} == {"+", "-"}  # the pressure behind the hostile weight
    # Each period carries the filters that list its claims through /api/relations.
    first = data["periods"][0]
    assert first["query"] == {"actor": "KAZ", "since": "2023-01", "until": "2023-03"}
    listed = client.get("/api/relations", params={**first["query"], "limit": 500}).json()
    assert listed and all(row["published"].startswith("2023-0") for row in listed)


def test_balance_takes_names_and_suggests_for_unknown_ones(client):
    for name in ("Kazakhstan", "kazakhstan", "Kazakh", "kaz"):
        response = client.get(f"/api/balance/{name}")
        assert response.status_code == 200 and response.json()["actor"] == "KAZ", name
    missing = client.get("/api/balance/Kazakhstn")
    assert missing.status_code == 404
    assert missing.json()["suggestions"][0]["id"] == "KAZ" and "did you mean KAZ" in missing.json()["detail"]
    assert client.get("/api/balance/Atlantis").status_code == 404


def test_balance_parameters(client):
    two = client.get("/api/balance/KAZ", params={"centres": "RUS,CHN", "evidence": 0}).json()
    parts = two["overall"]["centres"]
    assert [p["centre"] for p in parts] == ["RUS", "CHN"] and all(p["relations"] == [] for p in parts)
    assert sum(p["share"] for p in parts) == pytest.approx(1.0)
    mine = client.get("/api/balance/KAZ", params={"speaker": "bekova"}).json()
    russia = next(p for p in mine["overall"]["centres"] if p["centre"] == "RUS")
    assert russia["stances"]["+"]["records"] == 4 and russia["stances"]["-"]["records"] == 4
    assert all(r["speaker"] == "Aigerim Bekova" for p in mine["overall"]["centres"] for r in p["stance_evidence"])
    year = client.get("/api/balance/KAZ", params={"since": "2024", "until": "2024"}).json()
    assert year["overall"]["leaning"] == "CHN"
    for params in ({"by": "week"}, {"centres": "RUS,MARS"}, {"centres": "RUS"}, {"since": "last year"}):
        bad = client.get("/api/balance/KAZ", params=params)
        assert bad.status_code == 400 and bad.json()["detail"], params


def test_balance_per_expert(client):
    rows = client.get("/api/balance/KAZ/experts").json()
    assert {row["speaker"] for row in rows} == set(TRUTH["camps"])
    bekova = next(row for row in rows if row["speaker"] == TRUTH["shift_expert"][0])
    russia = next(p for p in bekova["overall"]["centres"] if p["centre"] == "RUS")
    assert russia["stances"]["+"]["records"] == 4 and russia["stances"]["-"]["records"] == 4
    china = {row["speaker"]: next(p for p in row["overall"]["centres"] if p["centre"] == "CHN") for row in rows}
    for name, camp in TRUTH["camps"].items():  # camp A praises China, camp B fears it
        assert (camp == 0) == ("+" in china[name]["stances"]) and (camp == 1) == ("-" in china[name]["stances"])


# -- discourse -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("normalisation", ["none", "average", "jaccard", "cosine"])
def test_discourse_recovers_the_planted_camps(client, normalisation):
    data = client.get("/api/discourse", params={"normalisation": normalisation}).json()
    assert data["normalisation"] == normalisation
    found = {expert: n for n, camp in enumerate(data["camps"]) for expert in camp}
    assert adjusted_rand_index(TRUTH["camps"], found) >= 0.9
    conflict = {(t["a"], t["b"]) for t in data["conflict"]}
    assert all(t["actors"] == [TRUTH["camp_actor"]] for t in data["conflict"])
    assert all((a, b) in conflict or (b, a) in conflict for a in TRUTH["camps"] for b in TRUTH["camps"]
               if TRUTH["camps"][a] != TRUTH["camps"][b])  # fmt: skip


def test_discourse_is_the_cli_json_and_filters_by_actor_name(client, db):
    assert client.get("/api/discourse").json() == _cli_json(db, "discourse")
    china = client.get("/api/discourse", params={"actor": "China"}).json()
    assert china["actors"] == ["CHN"] and china == _cli_json(db, "discourse", "--actor", "CHN")
    assert client.get("/api/discourse", params={"actor": "Chna"}).status_code == 404
    assert client.get("/api/discourse", params={"normalisation": "max"}).status_code == 400
    assert client.get("/api/discourse", params={"min_records": 0}).status_code == 400


def test_discourse_networks_as_graphml_and_gexf(client):
    response = client.get("/api/discourse.graphml", params={"network": "camps"})
    assert response.status_code == 200 and "graphml" in response.headers["content-type"]
    assert "attachment" in response.headers["content-disposition"]
    graph = nx.read_graphml(io.BytesIO(response.content))
    camps = {node: data["camp"] for node, data in graph.nodes(data=True)}
    assert set(camps) == set(TRUTH["camps"]) and adjusted_rand_index(TRUTH["camps"], camps) >= 0.9
    gexf = client.get("/api/discourse.gexf", params={"network": "affiliation"})
    assert gexf.status_code == 200
    affiliation = nx.read_gexf(io.BytesIO(gexf.content))
    kinds = {data.get("kind") for _, data in affiliation.nodes(data=True)}
    assert kinds == {"expert", "actor"} and affiliation.number_of_edges() > 0
    assert client.get("/api/discourse.gexf", params={"network": "hairball"}).status_code == 400


# -- changes ---------------------------------------------------------------------------------------------------------


def test_changes_find_the_planted_shifts_with_evidence_before_and_after(client, db):
    data = client.get("/api/changes").json()
    assert data == _cli_json(db, "changes")
    found = [(c["kind"], c["subject"], c["other"], c["after"]["period"]) for c in data["changes"]]
    assert found[0] == ("relation", *TRUTH["shift_pair"], TRUTH["shift_quarter"])
    assert ("stance", *TRUTH["shift_expert"], TRUTH["shift_quarter"]) in found and len(found) == 2
    first = data["changes"][0]
    assert first["before"]["polarity"] == "+" and first["after"]["polarity"] == "-"
    _verbatim(client, first["evidence_before"] + first["evidence_after"])
    assert any("pressure" in r["evidence"] for r in first["evidence_after"])
    by_name = client.get("/api/changes", params={"actor": "Kazakhstan", "by": "year"}).json()
    assert by_name["actor"] == "KAZ" and by_name["changes"][0]["after"]["period"] == "2024"
    for params in ({"by": "week"}, {"threshold": 2}, {"min_support": 0}, {"actor": "Atlantis"}):
        assert client.get("/api/changes", params=params).status_code in (400, 404), params


# -- claims ----------------------------------------------------------------------------------------------------------


def test_claims_flag_exactly_the_planted_conflict_and_membership(client, db):
    data = client.get("/api/claims").json()
    assert data == _cli_json(db, "claims")
    assert len(data["conflicts"]) == 1
    conflict = data["conflicts"][0]
    assert {f["evidence"] for f in conflict["figures"]} == TRUTH["conflicting_figures"]
    assert conflict["quantity"]["actors"] == ["CHN", "UZB"] and len(conflict["disagreeing"]) == 1
    _verbatim(client, conflict["figures"])
    assert [(m["member"], m["org"]) for m in data["memberships"]] == [TRUTH["contradicted_membership"]]
    _verbatim(client, data["memberships"][0]["claims"])
    assert client.get("/api/claims", params={"actor": "Uzbekistan", "unit": "USD"}).json()["conflicts"]
    assert client.get("/api/claims", params={"unit": "tonnes"}).json()["conflicts"] == []


# -- cache and schema ------------------------------------------------------------------------------------------------


def test_answers_are_cached_until_the_corpus_changes(db, tmp_path):
    from multivector.interfaces.web import create_app
    from multivector.pipeline import analyze

    path = tmp_path / "copy.db"
    shutil.copy(db, path)
    client = TestClient(create_app(path))
    begin = time.perf_counter()
    before = client.get("/api/balance/KAZ", params={"by": "month"}).json()
    first = time.perf_counter() - begin
    begin = time.perf_counter()
    assert client.get("/api/balance/KAZ", params={"by": "month"}).json() == before
    assert time.perf_counter() - begin < max(first, 0.05)
    with Corpus(path) as corpus:
        corpus.add(analyze("Extra notes\n\n3 March 2025\n\nKazakhstan signed a new cooperation agreement with Iran.\n"))
    after = client.get("/api/balance/KAZ", params={"by": "month"}).json()
    iran = next(p for p in after["overall"]["centres"] if p["centre"] == "IRN")
    assert iran["cooperative"] > 0 and after != before


def test_openapi_describes_the_answers(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    for path in ("/api/balance/{actor}", "/api/balance/{actor}/experts", "/api/discourse", "/api/discourse.graphml",
                 "/api/discourse.gexf", "/api/changes", "/api/claims"):  # fmt: skip
        operation = paths[path]["get"]
        assert operation["description"], path
    names = {p["name"] for p in paths["/api/balance/{actor}"]["get"]["parameters"]}
    assert {"actor", "by", "speaker", "centres", "since", "until"} <= names
    assert "/api/balance/{actor}" in client.get("/api").text


def test_the_drawing_is_the_most_active_experts_and_their_strongest_ties(client):
    whole = client.get("/api/discourse").json()
    drawing = client.get("/api/discourse/drawing").json()
    assert drawing["camps"] == whole["camps"] and drawing["experts"] == whole["experts"]
    assert drawing["shown"] == {"experts": 6, "of_experts": 6, "congruence": len(whole["congruence"]),
                                "conflict": len(whole["conflict"])}  # fmt: skip
    small = client.get("/api/discourse/drawing", params={"max_experts": 3, "max_ties": 1}).json()
    assert small["shown"]["experts"] == 3 and len(small["experts"]) == 3
    assert TRUTH["shift_expert"][0] in small["experts"]  # the most active: she also speaks on Russia
    assert len(small["congruence"]) <= 1 and len(small["conflict"]) <= 1
    kept = set(small["experts"])
    assert all(t["a"] in kept and t["b"] in kept for t in small["congruence"] + small["conflict"])
    assert {edge["speaker"] for edge in small["affiliation"]} == kept
