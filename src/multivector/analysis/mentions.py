"""Sentence-level relation and stance mentions read from a corpus, with their document context.

Contract: the store reads them (:mod:`multivector.store.reads`, the only place with SQL); these names stay for the
analysis stage's callers. Every function takes a :class:`~multivector.store.Corpus` (or its ``connection``, on
either backend) and returns typed rows, :class:`~multivector.store.reads.RelationMention` and
:class:`~multivector.store.reads.StanceMention`, that also read as dicts: the record's fields (``span`` split into
``span_start`` and ``span_end``; a relation's direction as ``source`` / ``target``, its ``confidence`` and
``resolved_from``) plus ``document_id``, ``published``, ``title`` and ``document_source`` (the document's path or
URL). Rows come newest document first, then in body order.
"""

from __future__ import annotations

from multivector.store.reads import (
    MAX_ROWS,
    RelationMention,
    StanceMention,
    count_relation_mentions,
    relation_filters,
    relation_mentions,
    stance_mentions,
)

__all__ = [
    "MAX_ROWS", "RelationMention", "StanceMention", "count_relation_mentions", "relation_filters",
    "relation_mentions", "stance_mentions",
]  # fmt: skip
