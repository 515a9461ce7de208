"""Relation types and speakers in the web app's parameters are checked as actors are (names.resolve_type,
resolve_speaker): any case for a type, part of a name for a speaker; an unknown one is a 404 with the closest
values (JSON under /api, links that retry on a page), never an empty answer."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from conftest import build_examples_corpus
from multivector.store import Corpus


@pytest.fixture(scope="module")
def corpus_path(tmp_path_factory) -> Path:
    return build_examples_corpus(tmp_path_factory.mktemp("names") / "corpus.db")


@pytest.fixture(scope="module")
def client(corpus_path) -> TestClient:
    from multivector.interfaces.web import create_app

    return TestClient(create_app(corpus_path))


@pytest.fixture(scope="module")
def known(corpus_path) -> dict:
    with Corpus(corpus_path, readonly=True) as corpus:
        relations = corpus.relations(limit=None)
        spoken = [row for row in relations if row["speaker"]]
        assert spoken, "no relation has a speaker in the examples"
        return {"type": relations[0]["type"], "speaker": spoken[0]["speaker"], "relations": relations}


def test_a_relation_type_in_any_case_filters_as_its_own_spelling(client, known):
    wanted = known["type"]
    expected = client.get("/api/relations", params={"type": wanted, "limit": 500}).json()
    assert expected and all(row["type"] == wanted for row in expected)
    assert client.get("/api/relations", params={"type": wanted.upper(), "limit": 500}).json() == expected
    graph = client.get("/api/graph", params={"type": wanted.title(), "min_confidence": "0"}).json()
    assert graph["filters"]["type"] == wanted and graph["edges"]


@pytest.mark.parametrize("path", ["/api/relations", "/api/graph", "/api/edge"])
def test_an_unknown_type_is_a_404_with_the_closest_types(client, known, path):
    typo = known["type"][:-1] + "x" if len(known["type"]) > 4 else known["type"] + "xx"
    pair = {"a": "RUS", "b": "KAZ"} if path == "/api/edge" else {}
    response = client.get(path, params={"type": typo, **pair})
    assert response.status_code == 404
    body = response.json()
    assert body["detail"].startswith(f"unknown relation type {typo!r}")
    assert known["type"] in body["suggestions"] and known["type"] in body["valid"]
    nonsense = client.get(path, params={"type": "qqqqqqqq", **pair}).json()
    assert nonsense["suggestions"] == [] and known["type"] in nonsense["valid"]
    assert "use one of" in nonsense["detail"]


def test_a_speaker_is_part_of_a_name_and_an_unknown_one_is_a_404(client, known):
    name = known["speaker"]
    part = name.split()[-1].lower()
    rows = client.get("/api/relations", params={"speaker": part, "limit": 500}).json()
    assert rows and all(part in (row["speaker"] or "").lower() for row in rows)
    assert client.get("/api/stances", params={"speaker": part}).status_code == 200
    typo = name[:-2] + "qz"
    for path in ("/api/relations", "/api/stances", "/api/graph", "/api/changes"):
        response = client.get(path, params={"speaker": typo})
        assert response.status_code == 404, path
        body = response.json()
        assert body["detail"].startswith(f"unknown speaker {typo!r}") and name in body["suggestions"], path


def test_pages_show_the_suggestions_as_links_that_retry(client, known):
    typo = known["type"][:-1] + "x"
    response = client.get("/network", params={"type": typo, "since": "2020"})
    assert response.status_code == 404
    html = response.text
    assert "unknown relation type" in html and f"type={known['type']}" in html and "since=2020" in html
    speaker = client.get("/changes", params={"speaker": "<script>alert(1)</script>"})
    assert speaker.status_code == 404
    assert "<script>alert(1)</script>" not in speaker.text and "&lt;script&gt;" in speaker.text
    assert client.get("/network", params={"type": known["type"].upper()}).status_code == 200


def test_an_unknown_actor_keeps_its_own_answer(client):
    body = client.get("/api/relations", params={"actor": "Kazakhstn"}).json()
    assert body["suggestions"][0]["id"] == "KAZ"
