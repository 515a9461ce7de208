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
    """One stance per (speaker, target): the polarity its asserted readings vote for, the first such reading's
    evidence, `count` the readings behind it. (The speaker's "we" is never a target: nlp/stances.py.)"""
    by_key: dict[tuple[str, str], list[Stance]] = {}
    for mention in mentions:
        by_key.setdefault((mention.speaker, mention.target), []).append(mention)
    claims = []
    for items in by_key.values():
        facts = [s for s in items if s.modality != "negated"] or items
        polarity = _vote([s.polarity for s in facts])
        first = next((s for s in facts if s.polarity == polarity), facts[0])
        claims.append(replace(first, polarity=polarity, count=len(items)))
    return claims
