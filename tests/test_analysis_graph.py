"""The analysis stage: actor graph, stance matrix and its clustering, timeline layout, highlighting, and the
mention queries over a real corpus file."""

from __future__ import annotations

import pytest

from multivector.analysis import graph as graphs
from multivector.analysis import highlight, mentions, stances, timeline
from multivector.records import Actor, Analysis, Event, Figure, Person, Relation, Stance, document_id
from multivector.store import Corpus


def mention(a, b, polarity="+", type_="cooperation", doc="d1", published="2024-05-01", speaker=None):
    return {"a": a, "b": b, "polarity": polarity, "type": type_, "score": 0.5 if polarity == "+" else -0.5,
            "document_id": doc, "published": published, "speaker": speaker, "evidence": f"{a} and {b}"}  # fmt: skip


ACTORS = [
    {"id": "KAZ", "name": "Kazakhstan", "kind": "state", "mentions": 9, "documents": 3},
    {"id": "RUS", "name": "Russia", "kind": "state", "mentions": 7, "documents": 2},
    {"id": "SCO", "name": "Shanghai Cooperation Organisation", "kind": "organisation", "mentions": 2, "documents": 1},
]


def test_edges_are_undirected_and_aggregate_polarity_types_and_dates():
    rows = [
        mention("KAZ", "RUS", "+", "trade", published="2023-02"),
        mention("RUS", "KAZ", "-", "pressure", doc="d2", published="2024-11-03", speaker="A. Expert"),
        mention("KAZ", "RUS", "-", "pressure", doc="d2", published="2024-11-03"),
        mention("KAZ", "SCO", "+", doc="d3", published=None),
    ]
    graph = graphs.build_actor_graph(ACTORS, rows)
    assert graph.number_of_edges() == 2
    edge = graph.edges["RUS", "KAZ"]
    assert (edge["weight"], edge["positive"], edge["negative"]) == (3, 1, 2)
    assert edge["polarity"] == "-" and edge["type"] == "pressure" and edge["types"] == "pressure:2;trade:1"
    assert (edge["start"], edge["end"], edge["documents"]) == ("2023-02", "2024-11-03", 2)
    assert edge["speakers"] == "A. Expert"
    assert "start" not in graph.edges["KAZ", "SCO"]  # undated evidence gives no interval
    assert graph.nodes["SCO"]["kind"] == "organisation" and graph.nodes["KAZ"]["mentions"] == 9
    assert all(value is not None for _, _, data in graph.edges(data=True) for value in data.values())


def test_unknown_actor_gets_a_placeholder_node_and_self_loops_are_dropped():
    graph = graphs.build_actor_graph(ACTORS, [mention("KAZ", "NEW_BLOC"), mention("KAZ", "KAZ")])
    assert set(graph.nodes) == {"KAZ", "NEW_BLOC"}
    assert graph.nodes["NEW_BLOC"] == {"name": "NEW_BLOC", "kind": "entity", "mentions": 0, "documents": 0}


def test_majority_polarity_ties_are_neutral():
    assert graphs.majority_polarity({"+": 2, "-": 2, "0": 5}) == "0"
    assert graphs.majority_polarity({"+": 1}) == "+"


def test_graph_data_keeps_the_strongest_nodes_and_orients_edges():
    rows = [mention("RUS", "KAZ")] * 3 + [mention("SCO", "KAZ")]
    data = graphs.graph_data(graphs.build_actor_graph(ACTORS, rows), max_nodes=2)
    assert [n["id"] for n in data["nodes"]] == ["KAZ", "RUS"]
    assert data["edges"] == [data["edges"][0]] and (data["edges"][0]["source"], data["edges"][0]["target"]) == (
        "KAZ",
        "RUS",
    )


def test_top_relations_rank_by_evidence_and_keep_examples():
    rows = [mention("KAZ", "RUS", "-", "pressure", doc=f"d{i}") for i in range(3)] + [mention("KAZ", "SCO")]
    top = graphs.top_relations(rows, limit=1)
    assert top[0]["count"] == 3 and top[0]["documents"] == 3 and len(top[0]["evidence"]) == 3
    assert (top[0]["a"], top[0]["b"], top[0]["polarity"]) == ("KAZ", "RUS", "-")


def test_cosine_and_similarity_order_put_like_minded_experts_together():
    assert stances.cosine([1, 0], [0, 1]) == 0 and stances.cosine([0, 0], [1, 1]) == 0
    assert stances.cosine([1, -1], [2, -2]) == pytest.approx(1)
    vectors = [[1, -1, 0], [-1, 1, 0], [0.9, -1, 0.1], [-1, 0.8, 0]]
    order, labels = stances.similarity_order(vectors)
    assert sorted(order) == [0, 1, 2, 3]
    position = {index: order.index(index) for index in order}
    assert abs(position[0] - position[2]) == 1 and abs(position[1] - position[3]) == 1
    assert labels[0] == labels[2] != labels[1] == labels[3]


def test_stance_matrix_counts_and_scores():
    rows = [
        {"speaker": "Ann", "target": "RUS", "polarity": "-"},
        {"speaker": "Ann", "target": "RUS", "polarity": "-"},
        {"speaker": "Ann", "target": "CHN", "polarity": "+"},
        {"speaker": "Bo", "target": "RUS", "polarity": "+", "count": 3},
    ]
    matrix = stances.stance_matrix(rows)
    assert matrix.actors == ["RUS", "CHN"]
    assert matrix.cell("Ann", "RUS") == {"+": 0, "-": 2, "0": 0, "total": 2, "score": -1.0}
    assert matrix.cell("Bo", "RUS")["+"] == 3 and matrix.cell("Bo", "CHN") is None
    assert set(matrix.experts) == {"Ann", "Bo"} and matrix.clusters["Ann"] != matrix.clusters["Bo"]


@pytest.mark.parametrize(
    ("iso", "expected"),
    [("2024", 2024.5), ("2024-01-01", 2024 + 0.5 / 366), ("2023-07", None), ("nonsense", None), ("2023-13", None)],
)
def test_date_value(iso, expected):
    value = timeline.date_value(iso)
    if iso == "2023-07":
        assert 2023.5 < value < 2023.6
    else:
        assert value == (pytest.approx(expected) if expected else None)


def test_timeline_layout_stacks_close_events_and_drops_undated_rows():
    events = [{"date": "2024-05-01", "what": f"e{i}", "document_id": "d"} for i in range(3)]
    events.append({"date": None, "what": "undated", "document_id": "d"})
    docs = [{"id": "d", "published": "2021", "title": "T"}]
    items = timeline.timeline_items(events, docs)
    assert [i["kind"] for i in items] == ["publication", "event", "event", "event"]
    laid = timeline.layout(items, width=800)
    lanes = sorted(p["lane"] for p in laid["items"] if p["kind"] == "event")
    assert lanes == [0, 1, 2]  # same date: stacked, not overdrawn
    assert all(p["y"] < laid["axis_y"] for p in laid["items"] if p["kind"] == "event")
    assert [t["label"] for t in laid["ticks"]][:2] == ["2022", "2023"]
    assert all(40 <= p["x"] <= 760 for p in laid["items"])


def _analysis(body: str) -> Analysis:
    sentence_end = body.index(".") + 1
    return Analysis(
        id=document_id(body), source="test", language="en", title="T", published="2024-03-02", outlet=None,
        authors=[], speakers=[], body=body,
        actors=[Actor("RUS", "Russia", "state", 2), Actor("KAZ", "Kazakhstan", "state", 1)],
        people=[Person("Ann Example", None, 1)],
        relations=[Relation("RUS", "KAZ", "pressure", "-", -0.6, "asserted", body[:sentence_end], [0, sentence_end],
                            speaker="Ann Example", count=1)],
        stances=[Stance("Ann Example", "RUS", "-", body[:sentence_end], [0, sentence_end])],
        figures=[Figure(40.0, "percent", "share", "40%", [body.index("40%"), body.index("40%") + 3])],
        events=[Event("2023", "talks", body[sentence_end + 1 :], [sentence_end + 1, len(body)])],
    )  # fmt: skip


def test_highlight_segments_rebuild_the_body_and_mark_what_they_cover():
    body = "Russia pressed Kazakhstan hard. Ann Example says Russia holds 40% of trade, as in 2023."
    analysis = _analysis(body)
    segments = highlight.segments(body, highlight.marks_for(analysis, aliases={"RUS": ["Moscow"]}))
    assert "".join(s.text for s in segments) == body
    kinds: dict[str, list[str]] = {}
    for segment in segments:  # the first occurrence of each text
        kinds.setdefault(segment.text, segment.kinds)
    assert kinds["Russia"] == ["actor", "relation", "stance"]
    assert kinds["40%"] == ["event", "figure"]
    assert kinds["Ann Example"] == ["event", "person"]
    assert segments[0].anchors == [0]


def test_find_forms_respects_case_and_word_boundaries():
    body = "The US and us; USSR; Russian US."
    assert highlight.find_forms(body, {"US"}) == [(4, 6), (29, 31)]


def test_mention_queries_read_sentence_level_records_from_the_store(tmp_path):
    body = "Russia pressed Kazakhstan hard. Ann Example says Russia holds 40% of trade, as in 2023."
    analysis = _analysis(body)
    analysis.relation_mentions = [analysis.relations[0], analysis.relations[0]]
    with Corpus(tmp_path / "c.db") as corpus:
        corpus.add(analysis)
    with Corpus(tmp_path / "c.db", readonly=True) as corpus:
        rows = mentions.relation_mentions(corpus.connection, pair=("KAZ", "RUS"))
        assert len(rows) == 2 and rows[0]["span_start"] == 0 and rows[0]["title"] == "T"
        assert mentions.relation_mentions(corpus.connection, speaker="ann ex")[0]["speaker"] == "Ann Example"
        assert mentions.relation_mentions(corpus.connection, since="2025") == []
        assert mentions.relation_mentions(corpus.connection, type="trade") == []
        stance_rows = mentions.stance_mentions(corpus.connection, actor="RUS")  # falls back to the claims
        assert [(r["speaker"], r["polarity"]) for r in stance_rows] == [("Ann Example", "-")]
        with pytest.raises(ValueError):
            mentions.relation_mentions(corpus.connection, since="last week")
