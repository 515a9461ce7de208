"""Corpus-wide summary numbers: documents, outlets, experts, time span.

Contract: the store computes them (:mod:`multivector.store.reads`); :func:`corpus_summary` takes a
:class:`~multivector.store.Corpus` (or its ``connection``) and returns ``{"documents", "outlets": [{"outlet",
"documents"}], "experts": [{"name", "documents"}], "first", "last", "undated", "outlet_count", "expert_count"}``;
:func:`expert_names` lists every speaker with their document count.
"""

from __future__ import annotations

from multivector.store.reads import corpus_summary, expert_names, speaker_documents, speaker_exists

__all__ = ["corpus_summary", "expert_names", "speaker_documents", "speaker_exists"]
