"""`multivector query` filters that name things: a repeated --actor (the records between actors), --type and
--speaker checked against the corpus, and who counts as an expert (the experts list and the stance matrix agree)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from multivector.analysis import overview, stances, totals
from multivector.interfaces.cli import app
from multivector.interfaces.names import UnknownSpeaker, UnknownType, resolve_speaker, resolve_type
from multivector.records import Actor, Analysis, Membership, Relation, Speaker, Stance
from multivector.store import Corpus
from test_store import pipeline_article

runner = CliRunner()

BODY = (
    "Astana and Moscow signed a new grain deal, the economist Aigerim Sadykova told us. "
    "Beijing and Astana expanded their rail partnership. "
    "Moscow presses Astana to join the payment union. "
    "Moscow and Beijing coordinate their positions on the region. "
    "Her colleague Timur Abenov, she said, distrusts Beijing's loans. "
    "Kazakhstan remains a member of the CSTO."
)


def _piece(text: str) -> tuple[str, list[int]]:
    start = BODY.index(text)
    return text, [start, start + len(text)]


def triangle_article() -> Analysis:
    """Three actors, four relations (one per pair, and a directed one), a speaker and a person quoted second-hand."""
    relation = [
        Relation("KAZ", "RUS", "trade", "+", 0.5, "asserted", *_piece("Astana and Moscow signed a new grain deal"),
                 speaker="Aigerim Sadykova"),
        Relation("CHN", "KAZ", "partnership", "+", 0.7, "asserted",
                 *_piece("Beijing and Astana expanded their rail partnership"), speaker="Aigerim Sadykova"),
        Relation("RUS", "KAZ", "pressure", "-", -0.6, "asserted", *_piece("Moscow presses Astana"),
                 speaker="Aigerim Sadykova", source="RUS", target="KAZ"),
        Relation("RUS", "CHN", "cooperation", "+", 0.5, "asserted",
                 *_piece("Moscow and Beijing coordinate their positions"), speaker="Aigerim Sadykova"),
    ]  # fmt: skip
    return Analysis(
        id="a1b2c3d4e5f60718", source="tests/triangle.txt", language="en", title="Grain, rails and loans",
        published="2024-05-02", outlet="Test Outlet", authors=["A. Writer", "B. Editor"],
        speakers=[Speaker("Aigerim Sadykova", "economist")], body=BODY,
        actors=[Actor("KAZ", "Kazakhstan", "state", 5), Actor("RUS", "Russia", "state", 3),
                Actor("CHN", "China", "state", 3), Actor("CSTO", "Collective Security Treaty Organization",
                                                         "organisation", 1)],
        relations=relation,
        memberships=[Membership("KAZ", "CSTO", *_piece("Kazakhstan remains a member of the CSTO"),
                                status="confirmed")],
        stances=[Stance("Aigerim Sadykova", "RUS", "+", *_piece("Astana and Moscow signed a new grain deal")),
                 Stance("Timur Abenov", "CHN", "-", *_piece("Timur Abenov, she said, distrusts Beijing's loans"))],
        name="triangle",
    )  # fmt: skip


def dated_article(published: str | None, n: int) -> Analysis:
    """Relations among KAZ, RUS and CHN in an article of this date (None: undated)."""
    body = f"Report {n}. Astana and Moscow met. Beijing and Moscow talked. Astana and Beijing agreed."
    spans = [body.index(text) for text in ("Astana and Moscow", "Beijing and Moscow", "Astana and Beijing")]
    pairs_ = [("KAZ", "RUS"), ("CHN", "RUS"), ("KAZ", "CHN")]
    return Analysis(
        id=f"{n:016x}", source=f"tests/dated-{n}.txt", language="en", title=f"Report {n}", published=published,
        outlet=None, authors=[], speakers=[], body=body,
        actors=[Actor("KAZ", "Kazakhstan", "state", 2), Actor("RUS", "Russia", "state", 2),
                Actor("CHN", "China", "state", 2)],
        relations=[Relation(a, b, "cooperation", "+", 0.5, "asserted", body[start : start + 17], [start, start + 17])
                   for (a, b), start in zip(pairs_, spans, strict=True)],
    )  # fmt: skip


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "corpus.db"
    with Corpus(path) as corpus:
        corpus.add(triangle_article())
        corpus.add(pipeline_article())
    return path


@pytest.fixture
def dated_db(db: Path) -> Path:
    """The same corpus with articles of other dates: a year only, a month, an earlier day, none."""
    with Corpus(db) as corpus:
        for n, published in enumerate(("2024", "2024-05", "2023-01-09", None, "2024-05-02"), start=1):
            corpus.add(dated_article(published, n))
    return db


def query(db: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["query", *args, "--db", str(db)])
    return result.exit_code, result.stdout, result.stderr


def pairs(out: str) -> list[tuple[str, str, str]]:
    return [(row["a"], row["b"], row["type"]) for row in json.loads(out)]


# -- a repeated --actor ----------------------------------------------------------------------------------------------


def test_one_actor_keeps_every_relation_that_involves_it(db: Path):
    status, out, _ = query(db, "relations", "--actor", "Kazakhstan", "--json")
    assert status == 0
    assert sorted(pairs(out)) == [("CHN", "KAZ", "partnership"), ("KAZ", "RUS", "trade"), ("RUS", "KAZ", "pressure")]


def test_two_actors_keep_the_relations_between_them_by_any_name(db: Path):
    status, out, _ = query(db, "relations", "--actor", "kaz", "--actor", "Russia", "--json")
    assert status == 0
    assert sorted(pairs(out)) == [("KAZ", "RUS", "trade"), ("RUS", "KAZ", "pressure")]
    # the order of the flags does not matter; other filters still apply
    status, out, _ = query(db, "relations", "-a", "RUS", "-a", "KAZ", "--polarity", "-", "--json")
    assert pairs(out) == [("RUS", "KAZ", "pressure")]


def test_three_actors_keep_every_pair_among_them_and_nothing_else(db: Path):
    status, out, _ = query(db, "relations", "--actor", "KAZ", "--actor", "RUS", "--actor", "CHN", "--json")
    assert status == 0
    assert len(pairs(out)) == 4
    status, out, _ = query(db, "relations", "--actor", "KAZ", "--actor", "Uzbekistan", "--json")
    assert status == 0 and json.loads(out) == []  # both exist, no relation between them


def test_pair_paging_follows_the_listing(db: Path):
    _, every, _ = query(db, "relations", "--actor", "KAZ", "--actor", "RUS", "--json")
    _, first, _ = query(db, "relations", "--actor", "KAZ", "--actor", "RUS", "--limit", "1", "--json")
    _, second, _ = query(db, "relations", "--actor", "KAZ", "--actor", "RUS", "--limit", "1", "--offset", "1", "--json")
    assert len(json.loads(every)) == 2
    assert json.loads(first) + json.loads(second) == json.loads(every)


def test_two_actors_on_memberships_name_one_membership(db: Path):
    status, out, _ = query(db, "memberships", "--actor", "Kazakhstan", "--actor", "CSTO", "--json")
    assert status == 0
    assert [(r["member"], r["org"]) for r in json.loads(out)] == [("KAZ", "CSTO")]
    status, out, _ = query(db, "memberships", "--actor", "UZB", "--actor", "CSTO", "--json")
    assert [(r["member"], r["org"]) for r in json.loads(out)] == [("UZB", "CSTO")]


def test_a_repeated_actor_where_it_cannot_mean_a_pair_is_an_error_not_a_dropped_value(db: Path):
    status, out, err = query(db, "stances", "--actor", "KAZ", "--actor", "RUS")
    assert status == 2 and out == ""
    assert "query stances takes one --actor" in err and len(err.strip().splitlines()) == 1
    status, _, err = query(db, "docs", "--actor", "KAZ", "--actor", "Russia")
    assert status == 2 and "takes one --actor" in err
    # the same actor twice is one actor
    status, out, _ = query(db, "docs", "--actor", "KAZ", "--actor", "Kazakhstan", "--json")
    assert status == 0 and len(json.loads(out)) == 1


def test_an_unknown_actor_among_several_is_named(db: Path):
    status, _, err = query(db, "relations", "--actor", "KAZ", "--actor", "Rusia")
    assert status == 2
    assert "unknown actor 'Rusia'; did you mean RUS (Russia)?" in err


# -- --type and --speaker ----------------------------------------------------------------------------------------


def test_type_is_case_insensitive(db: Path):
    status, out, _ = query(db, "relations", "--type", "Pressure", "--json")
    assert status == 0 and {r["type"] for r in json.loads(out)} == {"pressure"}
    assert len(json.loads(out)) == 2  # RUS -> KAZ here, RUS -> KGZ in the other article


def test_an_unknown_type_is_one_line_with_the_closest_types(db: Path):
    status, out, err = query(db, "relations", "--type", "presure")
    assert status == 2 and out == ""
    assert err.strip() == "error unknown relation type 'presure'; did you mean 'pressure'?"


def test_a_type_nothing_resembles_lists_the_types(db: Path):
    status, _, err = query(db, "relations", "--type", "zzzz")
    assert status == 2
    assert "unknown relation type 'zzzz'; use one of " in err and "cooperation" in err and "pressure" in err


def test_a_catalogue_type_absent_from_the_corpus_is_valid_and_empty(db: Path):
    with Corpus(db, readonly=True) as corpus:
        assert resolve_type(corpus, "SANCTIONS") == "sanctions"
    status, out, _ = query(db, "relations", "--type", "sanctions", "--json")
    assert status == 0 and json.loads(out) == []


def test_speaker_takes_part_of_a_name_in_any_case(db: Path):
    status, out, _ = query(db, "relations", "--speaker", "SADYKOVA", "--json")
    assert status == 0 and len(json.loads(out)) == 4
    status, out, _ = query(db, "stances", "--speaker", "abenov", "--json")
    assert [r["target"] for r in json.loads(out)] == ["CHN"]


def test_an_unknown_speaker_is_one_line_with_the_closest_names(db: Path):
    status, out, err = query(db, "stances", "--speaker", "Sadikova")
    assert status == 2 and out == ""
    assert err.strip() == "error unknown speaker 'Sadikova'; did you mean 'Aigerim Sadykova'?"
    with Corpus(db, readonly=True) as corpus, pytest.raises(UnknownSpeaker) as caught:
        resolve_speaker(corpus, "Qqqq Wwww")
    assert "query docs lists who speaks" in caught.value.message()
    with Corpus(db, readonly=True) as corpus, pytest.raises(UnknownType):
        resolve_type(corpus, "co-operation-ish thing")


# -- who counts as an expert ---------------------------------------------------------------------------------------


def test_one_rule_for_experts_the_list_the_overview_and_the_stance_matrix_agree(db: Path):
    with Corpus(db, readonly=True) as corpus:
        listed = {row["name"] for row in totals.experts(corpus.connection)}
        named = {row["name"] for row in overview.expert_names(corpus.connection)}
        rows, actor_totals = totals.matrix_rows(corpus.connection, experts=stances.MAX_EXPERTS)
        in_matrix = set(stances.stance_matrix(rows, max_actors=None, actor_totals=actor_totals).cells)
        count = totals.expert_count(corpus.connection)
    # Abenov speaks in no document: the article reports his view second-hand. He holds a stance, so he is an expert.
    assert "Timur Abenov" in in_matrix
    assert in_matrix <= listed
    assert listed == named == {"Aigerim Sadykova", "Timur Abenov", "Dilnoza Karimova"}
    assert count == 3


def test_query_experts_lists_them_with_their_counts(db: Path):
    status, out, _ = query(db, "experts", "--json")
    assert status == 0
    rows = {row["name"]: (row["documents"], row["stances"]) for row in json.loads(out)}
    # quoted second-hand, Abenov speaks in no document: he counts the one his stance comes from
    assert rows == {"Aigerim Sadykova": (1, 1), "Dilnoza Karimova": (1, 1), "Timur Abenov": (1, 1)}
    status, out, _ = query(db, "experts", "--limit", "1", "--offset", "2", "--json")
    assert [row["name"] for row in json.loads(out)] == ["Timur Abenov"]


def test_several_actors_merge_in_the_listing_order(db: Path):
    _, every, _ = query(db, "relations", "--json", "--limit", "0")
    expected = [row for row in json.loads(every) if {row["a"], row["b"]} <= {"KAZ", "RUS", "CHN"}]
    _, out, _ = query(db, "relations", "-a", "CHN", "-a", "RUS", "-a", "KAZ", "--json")
    assert json.loads(out) == expected
    _, page, _ = query(
        db, "relations", "-a", "CHN", "-a", "RUS", "-a", "KAZ", "--offset", "1", "--limit", "2", "--json"
    )
    assert json.loads(page) == expected[1:3]


@pytest.mark.parametrize("actors", [("CHN", "RUS"), ("KAZ", "RUS", "CHN")])
def test_pairs_follow_the_listing_across_dates_and_pages(dated_db: Path, actors):
    _, every, _ = query(dated_db, "relations", "--json", "--limit", "0")
    expected = [row for row in json.loads(every) if row["a"] != row["b"] and {row["a"], row["b"]} <= set(actors)]
    assert len({row["published"] for row in expected}) >= 5  # years, months, days and undated rows interleave
    flags = [arg for actor in actors for arg in ("--actor", actor)]
    _, out, _ = query(dated_db, "relations", *flags, "--limit", "0", "--json")
    assert json.loads(out) == expected
    _, page, _ = query(dated_db, "relations", *flags, "--offset", "2", "--limit", "3", "--json")
    assert json.loads(page) == expected[2:5]
