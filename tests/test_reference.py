"""Reference (nlp/reference.py): pronouns and descriptions stand for the actor named before them, and the records
read from them say which words they were resolved from. Sentences written for these tests."""

from __future__ import annotations

import pytest

from multivector.pipeline import analyze


@pytest.fixture(scope="module")
def pair_article():
    return analyze(
        "Kazakhstan and Uzbekistan met in Tashkent in March to discuss water.\n\n"
        "The two countries signed an agreement on a joint hydropower plant on the Syr Darya."
    )


def test_the_two_countries_are_the_last_two_states_named(pair_article):
    resolved = [r for r in pair_article.relation_mentions if r.resolved_from]
    assert {frozenset((r.a, r.b)) for r in resolved} == {frozenset({"KAZ", "UZB"})}
    assert resolved[0].resolved_from.startswith("The two")
    assert "signed an agreement" in resolved[0].evidence


def test_the_organisation_is_the_last_organisation_named():
    analysis = analyze(
        "Turkmenistan has observer status in the Organization of Turkic States.\n\n"
        "Azerbaijan wants deeper cooperation between Turkmenistan and the organisation."
    )
    found = {(frozenset((r.a, r.b)), r.resolved_from) for r in analysis.relation_mentions}
    assert (frozenset({"TKM", "OTS"}), "the organisation") in found


def test_a_description_of_another_kind_does_not_resolve():
    analysis = analyze("Georgia and Armenia discussed the railway.\n\nThe project will need money from the EBRD.")
    assert all(r.resolved_from != "The project" for r in analysis.relation_mentions)


def test_an_expletive_it_and_a_description_with_a_complement_refer_to_nothing():
    analysis = analyze(
        "Kyrgyzstan is a member of the Eurasian Economic Union.\n\n"
        "It is clear that the country of origin rules will change trade with China."
    )
    assert all(not r.resolved_from for r in analysis.relation_mentions)


def test_a_modified_description_resolves_like_a_plain_one():
    analysis = analyze(
        "Turkmenistan has long promoted the Trans-Caspian Gas Pipeline.\n\n"
        "The proposed pipeline would be financed by the European Investment Bank."
    )
    found = {(frozenset((r.a, r.b)), r.resolved_from) for r in analysis.relation_mentions}
    assert any(pair == frozenset({"TRANS_CASPIAN_GAS_PIPELINE", "EIB"}) and by for pair, by in found), found
