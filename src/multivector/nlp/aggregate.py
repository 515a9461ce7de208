"""Document-level claims from sentence-level mentions.

An article usually speaks of a pair of actors, or of an expert's view of an actor, several times. Like GDELT's
events and mentions, the analysis keeps every sentence-level instance (`relation_mentions`, `stance_mentions`) and
derives one claim per pair (`relations`) and per speaker and target (`stances`): the polarity is the sign of the
summed instance polarities (balanced when they cancel), the type is the commonest among the instances that agree
with it, and the evidence is the first such instance. Negated and hypothetical instances do not vote for a fact.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from multivector.nlp.lexicon import relation_types
from multivector.records import Relation, Stance

_SIGN = {"+": 1, "-": -1, "0": 0}


def _vote(polarities: list[str]) -> str:
    total = sum(_SIGN[p] for p in polarities)
    return "+" if total > 0 else "-" if total < 0 else "0"


def relation_claims(mentions: list[Relation]) -> list[Relation]:
    by_pair: dict[frozenset[str], list[Relation]] = {}
    for mention in mentions:
        by_pair.setdefault(frozenset((mention.a, mention.b)), []).append(mention)
    claims = []
    for items in by_pair.values():
        facts = [r for r in items if r.modality in ("asserted", "future")] or items
        polarity = _vote([r.polarity for r in facts])
        agreeing = [r for r in facts if r.polarity == polarity] or facts
        kind = Counter(r.type for r in agreeing).most_common(1)[0][0]
        first = next(r for r in agreeing if r.type == kind)
        table = relation_types()[kind]
        score = round(table["score"] * _SIGN[polarity], 3)
        claims.append(replace(first, type=kind, polarity=polarity, score=score, count=len(items)))
    return claims


def stance_claims(mentions: list[Stance], exclude: dict[str, str | None] | None = None) -> list[Stance]:
    """One stance per (speaker, target); `exclude` maps a speaker to their own state (self-description)."""
    by_key: dict[tuple[str, str], list[Stance]] = {}
    for mention in mentions:
        if exclude and exclude.get(mention.speaker) == mention.target:
            continue
        by_key.setdefault((mention.speaker, mention.target), []).append(mention)
    claims = []
    for items in by_key.values():
        facts = [s for s in items if s.modality != "negated"] or items
        polarity = _vote([s.polarity for s in facts])
        first = next((s for s in facts if s.polarity == polarity), facts[0])
        claims.append(replace(first, polarity=polarity, count=len(items)))
    return claims
