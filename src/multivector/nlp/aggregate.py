"""Document-level claims from sentence-level mentions.

An article usually speaks of a pair of actors, or of an expert's view of an actor, several times. Like GDELT's
events and mentions, the analysis keeps every sentence-level instance (`relation_mentions`, `stance_mentions`) and
derives claims from them: one per actor pair and polarity (`relations`: what the text says, both readings kept when
the article says both) and one per speaker and target (`stances`). Counting and voting across claims belong to the
views (store, analysis), not to these records.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from multivector.nlp.config import STANCES
from multivector.records import Relation, Stance

_SIGN = {"+": 1, "-": -1, "0": 0}


def _vote(polarities: list[str]) -> str:
    total = sum(_SIGN[p] for p in polarities)
    return "+" if total > 0 else "-" if total < 0 else "0"


def relation_claims(mentions: list[Relation]) -> list[Relation]:
    """One claim per actor pair and polarity: a pair read as cooperative in one sentence and hostile in another keeps
    both, each with its own evidence (the most confident sentence), `count` of sentences and type (the commonest).
    The claim's confidence grows with independent support: 1 - prod(1 - c) over its sentences, at most MAX_SUPPORT."""
    groups: dict[tuple[frozenset[str], str], list[Relation]] = {}
    for mention in mentions:
        groups.setdefault((frozenset((mention.a, mention.b)), mention.polarity), []).append(mention)
    claims = []
    for items in groups.values():
        facts = [r for r in items if r.modality in ("asserted", "future")] or items
        kind = Counter(r.type for r in facts).most_common(1)[0][0]
        best = max((r for r in facts if r.type == kind), key=lambda r: r.confidence)
        claims.append(replace(best, count=len(items), confidence=_support(r.confidence for r in items)))
    return claims


MAX_SUPPORT = 0.97


def _support(confidences) -> float:
    doubt = 1.0
    for c in confidences:
        doubt *= 1.0 - c
    return round(min(MAX_SUPPORT, 1.0 - doubt), 2)


def stance_claims(mentions: list[Stance]) -> list[Stance]:
    """One stance per (speaker, target), from its sentence readings (negated ones only when there is nothing else):

    - polarity: the readings vote with their confidence, "0" (a balanced view) being a side of its own; where some
      reading is at least STANCES["claim_decisive_confidence"] confident (the subject of an evaluative predicate,
      "China is a useful partner, but ..."), those readings alone vote, so a few weak cue readings of facts ("our
      trade with China grew") do not outvote the speaker's explicit judgement; a tie of "+" and "-" is "0";
    - evidence, span and modality: the most confident reading of that polarity;
    - confidence: that reading's, times the share of the readings' confidence that agrees with the polarity (a
      speaker read both ways is a less certain claim than one read one way, however many sentences);
    - `count`: the readings behind it.

    (The speaker's "we" is never a target: nlp/stances.py.)"""
    by_key: dict[tuple[str, str], list[Stance]] = {}
    for mention in mentions:
        by_key.setdefault((mention.speaker, mention.target), []).append(mention)
    claims = []
    for items in by_key.values():
        facts = [s for s in items if s.modality != "negated"] or items
        decisive = [s for s in facts if s.confidence >= STANCES["claim_decisive_confidence"]] or facts
        polarity = _weighted_vote(decisive)
        best = max((s for s in facts if s.polarity == polarity), key=lambda s: s.confidence, default=None)
        if best is None:  # a tie of "+" and "-" read as balanced: the most confident reading's evidence
            best = max(decisive, key=lambda s: s.confidence)
        total = sum(s.confidence for s in facts)
        agreeing = sum(s.confidence for s in facts if s.polarity == polarity)
        confidence = round(best.confidence * agreeing / total, 2) if total > 0 else best.confidence
        claims.append(replace(best, polarity=polarity, count=len(items), confidence=confidence))
    return claims


def _weighted_vote(readings: list[Stance]) -> str:
    weight = {"+": 0.0, "-": 0.0, "0": 0.0}
    for s in readings:
        weight[s.polarity] = weight.get(s.polarity, 0.0) + s.confidence
    if weight["+"] == weight["-"] and weight["+"] >= weight["0"]:
        return "0"
    return max(("0", "+", "-"), key=lambda p: weight[p])
