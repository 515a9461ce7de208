"""The model's rule lemmatizer, applied with array operations: the same lemma on every token, once per distinct word.

Contract: :func:`compile_lemmatizer` takes a loaded spaCy ``Lemmatizer`` and returns an :class:`ArrayLemmatizer`
that gives every token exactly the lemma spaCy's would, or ``None`` when it cannot guarantee that (another mode
than "rule", a subclass whose rules it has not read, a lemmatize method replaced on the instance), so the caller
keeps spaCy's component. nlp.model puts it in the component's place, as ``mv_lemmatizer``, when the pipeline is
built, never afterwards.

Why: spaCy's component walks the Doc in Python, making a Token object for every token and setting ``lemma_`` one
at a time, although in rule mode the lemma is cached by word, POS and morphology; on our articles that loop costs
0.25 s per 100 pages once its cache is warm, all of it per-token overhead. Here the tokens' (ORTH, POS, MORPH,
LEMMA) come out of ``Doc.to_array``; the (ORTH, POS, MORPH) of each token still without a lemma is looked up in a
cache kept across documents (key -> hash of the lemma); a key not there is computed once per Doc by the wrapped
lemmatizer itself, on the first token that has it; the lemmas go back with one ``Doc.from_array``. That is 0.04 s
per 100 pages once the cache is warm. A word not seen before costs what it costs spaCy (its rules look candidate
forms up in lists of up to 57,000 words): about 0.2 s over the first 100 pages a process reads. Lemmas computed
inside a memory zone are not remembered, since their strings go when the zone ends.

Why that is exact (spacy/pipeline/lemmatizer.py, spacy/lang/en/lemmatizer.py): in rule mode ``rule_lemmatize``
reads only the token's text (its ORTH), its POS and its morphology (``is_base_form`` of the English lemmatizer
reads ``pos_`` and ``morph``; the base class's returns False), besides the lookup tables, which do not change
after load; spaCy itself caches its result by ``(orth, pos, morph.key)``. Every branch (the rules, the
exceptions, the index, base forms, "propn", the "" / "space" POS) stays spaCy's, since the wrapped lemmatizer
computes each new key. ``overwrite`` is the wrapped component's: the model's is False, so a lemma the attribute
ruler set is kept. tests/test_lemmatizer.py checks token for token against spaCy's own component on our texts
and the evaluation sets.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy

if TYPE_CHECKING:
    from spacy.pipeline import Lemmatizer
    from spacy.tokens import Doc

#: A token's (ORTH, POS, MORPH): all the rule lemmatizer reads of it.
Key = tuple[int, int, int]

#: Cached keys before the cache starts again: a vocabulary's worth, so it does not grow with every new word.
_CACHE_LIMIT = 200_000


class ArrayLemmatizer:
    """A rule lemmatizer over ``Doc.to_array`` columns, computing each distinct word's lemma once (see the module
    docstring)."""

    def __init__(self, lemmatizer: Lemmatizer) -> None:
        from spacy.attrs import LEMMA, MORPH, ORTH, POS

        self.lemmatizer = lemmatizer
        self.vocab = lemmatizer.vocab
        self.overwrite = lemmatizer.overwrite
        self.read = [ORTH, POS, MORPH, LEMMA]
        self.written = [LEMMA]
        # (ORTH, POS, MORPH) -> hash of the lemma: in rule mode the lemma depends on nothing else.
        self.cache: dict[Key, int] = {}

    def __call__(self, doc: Doc) -> Doc:
        from spacy.errors import Errors

        if not self.lemmatizer._validated:  # as spaCy's component does on its first Doc: the tables are there
            self.lemmatizer._validate_tables(Errors.E1004)
        if len(doc) == 0:
            return doc
        values = doc.to_array(self.read)
        todo = numpy.arange(len(doc)) if self.overwrite else numpy.flatnonzero(values[:, 3] == 0)
        if not todo.size:
            return doc
        keys = list(zip(*values[todo, :3].T.tolist(), strict=True))
        lemmas = list(map(self.cache.get, keys))  # one dict lookup per token: cheaper than grouping the keys first
        if None in lemmas:
            self._compute(doc, todo, keys, lemmas)
        values[todo, 3] = lemmas
        doc.from_array(self.written, values[:, 3])
        return doc

    def _compute(self, doc: Doc, todo: numpy.ndarray, keys: list[Key], lemmas: list[int | None]) -> None:
        """The lemmas of the keys not in the cache, each computed once by the wrapped lemmatizer on the first token
        that has it, and added to the Doc's strings as ``token.lemma_ = lemma`` would."""
        strings = self.vocab.strings
        new: dict[Key, int] = {}
        for j, lemma in enumerate(lemmas):
            if lemma is None:
                lemma = new.get(keys[j])
                if lemma is None:
                    lemma = new[keys[j]] = strings.add(self.lemmatizer.lemmatize(doc[int(todo[j])])[0])
                lemmas[j] = lemma
        # Inside a memory zone the new strings are dropped when the zone ends: only lemmas added outside one (kept
        # for the life of the vocabulary) are remembered by hash.
        if not self.vocab.in_memory_zone:
            if len(self.cache) + len(new) > _CACHE_LIMIT:
                self.cache.clear()
            self.cache.update(new)


def compile_lemmatizer(lemmatizer: Lemmatizer) -> ArrayLemmatizer | None:
    """The array lemmatizer for spaCy's ``lemmatizer``, or None when its lemmas might depend on more than the
    token's ORTH, POS and MORPH (see the module docstring)."""
    from spacy.lang.en.lemmatizer import EnglishLemmatizer
    from spacy.pipeline import Lemmatizer

    if type(lemmatizer) not in (Lemmatizer, EnglishLemmatizer) or lemmatizer.mode != "rule":
        return None
    if getattr(lemmatizer.lemmatize, "__func__", None) is not Lemmatizer.rule_lemmatize:
        return None
    if "is_base_form" in vars(lemmatizer) or "rule_lemmatize" in vars(lemmatizer):  # replaced on the instance
        return None
    return ArrayLemmatizer(lemmatizer)
