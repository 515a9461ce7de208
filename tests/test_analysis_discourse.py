"""multivector discourse: the planted camps of experts are recovered (adjusted Rand index), and the networks follow
DNA's definitions (congruence, conflict, normalisations), from articles analysed by the real pipeline."""

from __future__ import annotations

import json

import networkx as nx
import pytest
from typer.testing import CliRunner

from multivector.analysis.discourse import discourse, normalise
from multivector.interfaces.cli import app
from multivector.store import Corpus
from synthetic_truth import CAMP_A, CAMP_B, TRUTH, adjusted_rand_index, corpus_path


@pytest.fixture(scope="module")
def db():
    return corpus_path()


@pytest.fixture(scope="module")
def networks(db):
    with Corpus(db, readonly=True) as corpus:
        return {method: discourse(corpus, normalisation=method) for method in ("none", "average", "jaccard", "cosine")}


def test_camps_are_recovered(networks):
    for method, result in networks.items():
        found = result.camp_of()
        assert set(found) == set(TRUTH["camps"]), method
        assert adjusted_rand_index(TRUTH["camps"], found) >= 0.9, method


def test_affiliation_signs_follow_the_camps(networks):
    signs = {(e.speaker, e.actor): e.sign for e in networks["none"].affiliation}
    assert all(signs[name, "CHN"] == 1 for name in CAMP_A)
    assert all(signs[name, "CHN"] == -1 for name in CAMP_B)
    assert all(signs[name, "TUR"] == 1 for name in CAMP_A + CAMP_B)


def test_congruence_and_conflict_counts(networks):
    raw = {(t.a, t.b): t for t in networks["none"].congruence}
    inside = raw[tuple(sorted(CAMP_A[1:]))]  # share CHN + and TUR +
    assert inside.raw == 2 and inside.weight == 2 and inside.actors == ["CHN +", "TUR +"]
    across = raw[tuple(sorted((CAMP_A[1], CAMP_B[0])))]
    assert across.raw == 1 and across.actors == ["TUR +"]
    conflict = {(t.a, t.b): t for t in networks["none"].conflict}
    assert conflict[tuple(sorted((CAMP_A[1], CAMP_B[0])))].actors == ["CHN"]
    assert not any({t.a, t.b} <= set(CAMP_A) or {t.a, t.b} <= set(CAMP_B) for t in conflict.values())


def test_normalisations(networks):
    # Aigerim Bekova also holds RUS + and RUS -: four statements; Nurlan Sadykov two; they share two
    pair = tuple(sorted((CAMP_A[0], CAMP_A[1])))
    weights = {method: {(t.a, t.b): t.weight for t in result.congruence}[pair] for method, result in networks.items()}
    assert weights["none"] == 2
    assert weights["average"] == pytest.approx(2 / 3)
    assert weights["jaccard"] == pytest.approx(2 / 4)
    assert weights["cosine"] == pytest.approx(2 / 8**0.5)
    assert normalise(3, 3, 3, 3, "jaccard") == 1.0
    with pytest.raises(ValueError, match="bad normalisation"):
        normalise(1, 1, 1, 1, "max")


def test_coevaluation_counts_experts_judging_two_actors(networks):
    edge = {(e.a, e.b): e for e in networks["none"].coevaluation}[("CHN", "TUR")]
    assert edge.same == 3 and edge.opposite == 3 and len(edge.experts) == 6


def test_actor_filter(db):
    with Corpus(db, readonly=True) as corpus:
        only = discourse(corpus, actors=["TUR"])
    assert only.actors == ["TUR"] and not only.conflict
    assert len(only.camps) == 1  # everyone agrees on Turkey


def test_exports_read_back(networks, tmp_path):
    result = networks["average"]
    for name in ("affiliation", "congruence", "conflict", "coevaluation", "camps"):
        graphml, gexf = tmp_path / f"{name}.graphml", tmp_path / f"{name}.gexf"
        result.export(name, graphml)
        result.export(name, gexf)
        back = nx.read_graphml(graphml)
        assert set(back.nodes) == set(result.graph(name).nodes)
        assert nx.read_gexf(gexf).number_of_edges() == result.graph(name).number_of_edges()
    camps = nx.read_graphml(tmp_path / "camps.graphml")
    assert {camps.nodes[n]["camp"] for n in CAMP_A} != {camps.nodes[n]["camp"] for n in CAMP_B}
    with pytest.raises(ValueError):
        result.export("camps", tmp_path / "camps.csv")


def test_cli(db, tmp_path):
    runner = CliRunner()
    target = tmp_path / "c.gexf"
    result = runner.invoke(app, ["discourse", "--db", str(db), "--json", "--export", str(target), "--network", "camps"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert sorted(map(sorted, data["camps"])) == sorted([sorted(CAMP_A), sorted(CAMP_B)])
    assert target.exists()
    bad = runner.invoke(app, ["discourse", "--db", str(db), "--normalisation", "max"])
    assert bad.exit_code == 2 and "bad normalisation" in bad.stderr
    assert runner.invoke(app, ["discourse", "--db", str(db), "--actor", "Atlantis"]).exit_code == 2


def test_adjusted_rand_index_helper():
    truth = {"a": 0, "b": 0, "c": 1, "d": 1}
    assert adjusted_rand_index(truth, {"a": 5, "b": 5, "c": 2, "d": 2}) == 1.0
    assert adjusted_rand_index(truth, {"a": 0, "b": 1, "c": 0, "d": 1}) == pytest.approx(-0.5)


def _corpus_of(path, statements):
    """A corpus of one document per (speaker, target, polarity): small hand-made stances for the definitions."""
    from multivector.records import Analysis, Speaker, Stance, document_id

    with Corpus(path) as corpus:
        for n, (speaker, target, polarity) in enumerate(statements):
            body = f"{speaker} said something about {target} in note {n}."
            stance = Stance(speaker, target, polarity, body, [0, len(body)], confidence=0.8)
            corpus.add(Analysis(id=document_id(body), source=f"n{n}", language="en", title=None,
                                published=f"2024-01-{n + 1:02d}", outlet=None, authors=[],
                                speakers=[Speaker(speaker)], body=body, stances=[stance]))  # fmt: skip
    return path


def test_conflict_counts_opposite_statement_pairs_as_dna(tmp_path):
    db = _corpus_of(tmp_path / "hand.db", [
        ("Ann", "RUS", "+"), ("Ann", "RUS", "-"), ("Ann", "CHN", "+"),
        ("Bob", "RUS", "+"), ("Bob", "RUS", "-"), ("Bob", "IRN", "0"),
        ("Cem", "CHN", "-"),
    ])  # fmt: skip
    with Corpus(db, readonly=True) as corpus:
        none = discourse(corpus, normalisation="none")
        cosine = discourse(corpus, normalisation="cosine")
    conflict = {(t.a, t.b): t.raw for t in none.conflict}
    assert conflict == {("Ann", "Bob"): 2, ("Ann", "Cem"): 1}  # RUS: (+, -) and (-, +); CHN: (+, -)
    congruence = {(t.a, t.b): t.raw for t in none.congruence}
    assert congruence == {("Ann", "Bob"): 2}  # the neutral stance on Iran is no statement
    assert {(t.a, t.b): t.weight for t in cosine.congruence}[("Ann", "Bob")] == pytest.approx(2 / (3 * 2) ** 0.5)
    assert ("Bob", "IRN") in {(e.speaker, e.actor) for e in none.affiliation}


def _pairwise(statements):
    """DNA's congruence and conflict counted pair by pair (the definition, for comparison)."""
    experts = sorted(statements)
    congruence, conflict = {}, {}
    for n, i in enumerate(experts):
        for j in experts[n + 1 :]:
            shared = statements[i] & statements[j]
            opposed = {(a, p) for a, p in statements[j] if (a, "-" if p == "+" else "+") in statements[i]}
            if shared:
                congruence[i, j] = (len(shared), [f"{a} {p}" for a, p in sorted(shared)])
            if opposed:
                conflict[i, j] = (len(opposed), sorted({a for a, _ in opposed}))
    return congruence, conflict


def test_matrix_ties_equal_the_pairwise_definition_on_a_larger_corpus(tmp_path):
    from collections import defaultdict

    from multivector.store.synthetic import synthetic_analysis

    with Corpus(tmp_path / "many.db") as corpus:
        corpus.add_many(synthetic_analysis(n) for n in range(400))
        result = discourse(corpus, normalisation="jaccard")
        statements = defaultdict(set)
        for row in corpus.stances(limit=None, modality="asserted") + corpus.stances(limit=None, modality="future"):
            if row.polarity in "+-":
                statements[row.speaker].add((row.target, row.polarity))
    congruence, conflict = _pairwise(statements)
    assert len(result.congruence) == len(congruence) > 100 and len(result.conflict) == len(conflict) > 100
    for tie in result.congruence:
        assert (tie.raw, list(tie.actors)) == congruence[tie.a, tie.b]
        union = len(statements[tie.a] | statements[tie.b])
        assert tie.weight == pytest.approx(tie.raw / union)
    assert {(t.a, t.b): (t.raw, list(t.actors)) for t in result.conflict} == conflict
    ties = result.congruence
    assert ties[0] == list(ties)[0] and ties[-1] == list(ties)[-1] and ties[1:3] == list(ties)[1:3]
    assert [t.weight for t in ties.top(5)] == sorted((t.weight for t in ties), reverse=True)[:5]
    data = result.to_dict()
    assert data["congruence"][0] == {"a": ties[0].a, "b": ties[0].b, "weight": ties[0].weight, "raw": ties[0].raw,
                                     "actors": list(ties[0].actors)}  # fmt: skip
    assert len(data["conflict"]) == len(conflict) and json.dumps(data)


def test_camps_of_a_dense_network_read_each_experts_strongest_ties(db, monkeypatch):
    """Beyond LOUVAIN_TIES positive ties, Louvain reads each expert's LOUVAIN_NEIGHBOURS strongest: the planted camps
    are still found when only two ties per expert are kept."""
    from multivector.analysis import discourse as module

    monkeypatch.setattr(module, "LOUVAIN_TIES", 1)
    monkeypatch.setattr(module, "LOUVAIN_NEIGHBOURS", 2)
    with Corpus(db, readonly=True) as corpus:
        result = discourse(corpus)
    assert adjusted_rand_index(TRUTH["camps"], result.camp_of()) >= 0.9
