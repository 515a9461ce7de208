"""Stance claims (nlp/aggregate.py): one speaker's sentence readings of one target, on readings written for these
tests, become one claim."""

from __future__ import annotations

from multivector.nlp.aggregate import stance_claims
from multivector.records import Stance


def reading(polarity: str, confidence: float, evidence: str, modality: str = "asserted") -> Stance:
    return Stance("Aida Example", "CHN", polarity, evidence, [0, len(evidence)], modality, confidence=confidence)


def test_a_confident_balanced_judgement_outvotes_weak_cue_readings_of_facts():
    (claim,) = stance_claims(
        [
            reading("+", 0.45, "Our trade with China grew by a fifth last year."),
            reading("0", 0.8, "China is a useful partner, but we must stay prudent."),
            reading("+", 0.4, "Chinese investment in our roads has been welcome."),
        ]
    )
    assert claim.polarity == "0"
    assert claim.evidence == "China is a useful partner, but we must stay prudent."
    assert claim.count == 3


def test_readings_of_like_strength_vote_with_their_confidence():
    (claim,) = stance_claims(
        [
            reading("-", 0.3, "The loans from China are a burden."),
            reading("+", 0.5, "China has been a dependable partner."),
            reading("+", 0.45, "Chinese money built the new bridge, and that is good news."),
        ]
    )
    assert claim.polarity == "+"
    assert claim.evidence == "China has been a dependable partner."


def test_a_claim_read_both_ways_is_less_confident_than_its_best_reading():
    mixed = stance_claims(
        [reading("+", 0.6, "China is a good neighbour."), reading("-", 0.4, "China's loans are a trap.")]
    )
    plain = stance_claims([reading("+", 0.6, "China is a good neighbour.")])
    assert mixed[0].polarity == plain[0].polarity == "+"
    assert mixed[0].confidence < plain[0].confidence == 0.6
    assert 0 <= mixed[0].confidence <= 1


def test_an_even_split_of_praise_and_blame_is_balanced():
    (claim,) = stance_claims(
        [reading("+", 0.5, "China is a good neighbour."), reading("-", 0.5, "China's loans are a trap.")]
    )
    assert claim.polarity == "0"


def test_negated_readings_count_only_when_there_is_nothing_else():
    (claim,) = stance_claims(
        [reading("-", 0.4, "China is not a reliable partner.", "negated"), reading("+", 0.3, "China is welcome.")]
    )
    assert claim.polarity == "+" and claim.confidence == 0.3
    (alone,) = stance_claims([reading("-", 0.4, "China is not a reliable partner.", "negated")])
    assert alone.polarity == "-" and alone.modality == "negated"


def test_each_speaker_and_target_is_its_own_claim():
    other = Stance("Boris Example", "CHN", "-", "China is a threat.", [0, 18], confidence=0.5)
    claims = stance_claims([reading("+", 0.5, "China is a good neighbour."), other])
    assert {(c.speaker, c.polarity) for c in claims} == {("Aida Example", "+"), ("Boris Example", "-")}
