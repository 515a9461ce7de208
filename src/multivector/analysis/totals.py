"""Corpus-wide counts read from the store's aggregate tables (schema 2), so that pages cost what they show, not the
size of the corpus.

Contract: the store computes them (:mod:`multivector.store.reads`, the only place with SQL); each function takes a
:class:`~multivector.store.Corpus` (or its ``connection``, on either backend) and returns JSON-ready rows.

- :func:`pair_totals`: ``{(x, y): {"kinds": [{type, polarity, mentions, documents, score_sum, first, last}],
  "documents": n}}`` for actor pairs x < y (self-loops left out), optionally around one actor.
- :func:`pair_speakers`: the most frequent speakers of each pair (at most ``per_pair``), most frequent first.
- :func:`top_claims`: the most evidenced (pair, type, polarity) claims with their first evidence sentences.
- :func:`actor_years`: dated relation mentions of one actor per year and polarity.
- :func:`stance_totals_by_speaker`, :func:`stance_quotes`: what the experts say about one actor.
- :func:`experts`, :func:`matrix_rows`: speakers with their counts; stance counts for the matrix.
"""

from __future__ import annotations

from typing import Any

from multivector.store.reads import (
    PAIR_SPEAKERS,
    StanceMention,
    actor_years,
    expert_count,
    experts,
    matrix_rows,
    pair_speakers,
    pair_totals,
    relation_types,
    stance_mentions,
    stance_totals_by_speaker,
    top_claims,
)


def stance_quotes(source: Any, actor: str, speaker: str, *, limit: int) -> list[StanceMention]:
    """The newest stance mentions of ``speaker`` on ``actor``, with their document context."""
    return stance_mentions(source, actor=actor, exact_speaker=speaker, limit=limit)


__all__ = [
    "PAIR_SPEAKERS", "actor_years", "expert_count", "experts", "matrix_rows", "pair_speakers", "pair_totals",
    "relation_types", "stance_quotes", "stance_totals_by_speaker", "top_claims",
]  # fmt: skip
