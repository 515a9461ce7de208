"""The corpus store: analysed articles and their records in SQLite.

    from multivector.store import Corpus
    with Corpus("multivector.db") as corpus:
        corpus.add(analysis)                      # True when new, False when already stored
        corpus.relations(actor="RUS", polarity="-", since="2022")

See :mod:`multivector.store.corpus` for the guarantees, :mod:`multivector.store.queries` for the filters and
:mod:`multivector.store.schema` for the tables (docs/corpus.md has all three with examples).
"""

from __future__ import annotations

from multivector.store.corpus import Corpus, CorpusPool
from multivector.store.queries import MARKS, fts_query
from multivector.store.schema import SCHEMA_VERSION

__all__ = ["Corpus", "CorpusPool", "MARKS", "SCHEMA_VERSION", "fts_query"]
