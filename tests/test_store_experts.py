"""One rule for who counts as an expert, and their documents: someone quoted only second-hand (a stance held in
an article where they do not speak) counts the documents their stances come from, in the experts list, the
overview and their own page; on SQLite and on PostgreSQL."""

from __future__ import annotations

import pytest

import test_postgres
from multivector.records import Actor, Analysis, Person, Speaker, Stance, document_id
from multivector.store import Corpus, reads

pg_server, store_target = test_postgres.pg_server, test_postgres.store_target  # both backends

QUOTED = "Rustam Quotedov"
SPEAKER = "Dana Speakerova"


def _article(n: int, *, speaks: bool) -> Analysis:
    """An interview with SPEAKER in which QUOTED's view of Russia is reported (``speaks``: QUOTED speaks too)."""
    body = (
        f"Interview number {n} on transit. According to {QUOTED}, Russia is a difficult partner for the region. "
        "Moscow keeps its leverage, the interviewee adds."
    )
    first = body.index("According")
    end = body.index("region.") + len("region.")
    speakers = [Speaker(SPEAKER, "economist")] + ([Speaker(QUOTED, "analyst")] if speaks else [])
    return Analysis(
        id=document_id(body), source=f"article-{n}.txt", language="en", title=f"Transit interview {n}",
        published=f"2024-0{n}-01", outlet="Desk Weekly", authors=[], speakers=speakers, body=body,
        actors=[Actor("RUS", "Russia", "state", 1)], people=[Person(QUOTED, None, 1)],
        stances=[Stance(QUOTED, "RUS", "-", body[first:end], [first, end])],
    )  # fmt: skip


@pytest.fixture
def corpus(store_target):
    with Corpus(store_target) as corpus:
        for n in (1, 2, 3):
            assert corpus.add(_article(n, speaks=False))
        yield corpus


def test_someone_quoted_second_hand_counts_the_documents_of_their_stances(corpus: Corpus):
    rows = {row["name"]: row for row in reads.experts(corpus)}
    assert rows[QUOTED]["documents"] == 3 and rows[QUOTED]["stances"] == 3
    assert rows[SPEAKER]["documents"] == 3
    names = {row["name"]: row["documents"] for row in reads.expert_names(corpus)}
    assert names[QUOTED] == 3
    assert [row["id"] for row in reads.stance_documents(corpus, QUOTED)] == [
        _article(n, speaks=False).id for n in (3, 2, 1)
    ]
    assert reads.speaker_documents(corpus, QUOTED) == []


def test_a_speaker_keeps_the_documents_they_speak_in(corpus: Corpus):
    corpus.add(_article(4, speaks=True))
    rows = {row["name"]: row for row in reads.experts(corpus)}
    assert rows[QUOTED]["documents"] == 1  # speaks in one: those, as before
    assert rows[SPEAKER]["documents"] == 4
    order = [row["name"] for row in reads.experts(corpus)]
    assert order.index(SPEAKER) < order.index(QUOTED)


def test_the_expert_page_lists_the_documents_of_their_stances(tmp_path):
    from fastapi.testclient import TestClient

    from multivector.interfaces.web import create_app

    path = tmp_path / "corpus.db"
    with Corpus(path) as corpus:
        for n in (1, 2):
            corpus.add(_article(n, speaks=False))
    client = TestClient(create_app(path))
    experts = {row["name"]: row for row in client.get("/api/experts").json()}
    assert experts[QUOTED]["documents"] == 2
    page = client.get(f"/api/experts/{QUOTED}").json()
    assert [d["title"] for d in page["documents"]] == ["Transit interview 2", "Transit interview 1"]
    assert "Transit interview 1" in client.get(f"/expert/{QUOTED}").text
