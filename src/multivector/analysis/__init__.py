"""The analysis stage: corpus -> graphs, indices and timelines, as pure functions over the store's query results.

- :mod:`~multivector.analysis.mentions`: sentence-level relation and stance mentions read from a corpus, and
  :mod:`~multivector.analysis.totals`: corpus-wide counts from the store's aggregate tables (read by the store,
  :mod:`multivector.store.reads`: no SQL here).
- :mod:`~multivector.analysis.graph`: the actor network (networkx) and its JSON form; top relations.
- :mod:`~multivector.analysis.stances`: the experts x actors stance matrix, experts clustered by cosine similarity.
- :mod:`~multivector.analysis.timeline`: events and publication dates on one axis.
- :mod:`~multivector.analysis.highlight`: which stretches of a body are actors, people, figures and evidence.
- :mod:`~multivector.analysis.overview`: corpus-wide counts (documents, outlets, experts, time span).
"""
