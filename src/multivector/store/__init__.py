"""The corpus store: analysed articles and their records in SQLite (the default) or PostgreSQL.

    from multivector.store import Corpus
    with Corpus("multivector.db") as corpus:       # or Corpus("postgresql://user@host/db")
        corpus.add(analysis)                      # True when new, False when already stored
        corpus.relations(actor="RUS", polarity="-", since="2022")

See :mod:`multivector.store.corpus` for the guarantees, :mod:`multivector.store.queries` for the filters,
:mod:`multivector.store.kinds` for the record kinds and :mod:`multivector.store.schema` for the tables
(docs/corpus.md has them with examples, docs/scaling.md the PostgreSQL set-up). This package is the only place that
speaks SQL. Names load on first use, so that importing :mod:`multivector.store.kinds` stays cheap.
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = ["Corpus", "CorpusPool", "MARKS", "SCHEMA_VERSION", "fts_query"]
_WHERE = {"Corpus": "corpus", "CorpusPool": "corpus", "MARKS": "queries", "fts_query": "queries"}
_WHERE["SCHEMA_VERSION"] = "schema"


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module 'multivector.store' has no attribute {name!r}")
    return getattr(importlib.import_module(f"multivector.store.{_WHERE[name]}"), name)
