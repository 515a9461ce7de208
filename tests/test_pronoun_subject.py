"""A sentence opening with "It"/"Its"/"The country" speaks of the actor the sentence before opened with."""

from __future__ import annotations

import multivector

INTERVIEW = (
    "Mongolia looks beyond its two neighbours\n\n"
    "Ulaanbaatar, 3 March 2025. We spoke with Ganbold Erdene, an economist at the Institute of Steppe Studies, about"
    " the country's trade.\n\n"
    "- How does Mongolia diversify its partners?\n\n"
    "- Mongolia is an observer in the Shanghai Cooperation Organisation and has no plans to join it. It trades with"
    " Japan under an economic partnership agreement, and that agreement works well for both sides.\n\n"
    "- And what of Japan itself?\n\n"
    "- Japan is a reliable investor. It is important to keep trading with China for a decade.\n"
)


def _pairs(analysis) -> set[frozenset[str]]:
    return {frozenset((r.a, r.b)) for r in analysis.relation_mentions}


def test_it_opening_a_sentence_is_the_actor_the_sentence_before_opened_with():
    analysis = multivector.analyze(INTERVIEW)
    trade = [r for r in analysis.relation_mentions if {r.a, r.b} == {"MNG", "JPN"}]
    assert trade and trade[0].evidence.startswith("It trades with")
    assert trade[0].type == "trade"


def test_the_expletive_it_refers_to_nothing():
    analysis = multivector.analyze(INTERVIEW)
    assert "CHN" in {a.id for a in analysis.actors}
    assert frozenset(("JPN", "CHN")) not in _pairs(analysis)
