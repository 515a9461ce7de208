"""nlp.lemmatizer: the array version of the model's rule lemmatizer gives every token spaCy's own lemma."""

from __future__ import annotations

import pytest
import spacy
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.strings import get_string_id

from component_equality import evaluation_texts, project_texts, same_as_spacy
from multivector.nlp.lemmatizer import ArrayLemmatizer, compile_lemmatizer
from multivector.nlp.model import ATTRIBUTE_RULER_NAME, LEMMATIZER_NAME, MODEL_NAME, load_pipeline

BEFORE = ("tok2vec", "tagger", "parser", "attribute_ruler")  # what runs before the lemmatizer in the model

# Our own sentences, for the lemmatizer's branches: contractions and exceptions the attribute ruler lemmatises,
# irregular forms, proper nouns (kept as written), spaces and tabs (POS SPACE), punctuation, numbers, symbols.
WRITTEN = (
    "Ain't nobody gonna tell Kazakhstan what to do, and we're not gonna wait: let's see what Moscow does.\n\n"
    "The ministers didn't say whether they'd sign.  Tashkent   has been   cautious; it isn't going to rush.\n"
    "\tThe Presidents met the Foreign Ministers of both Republics; Azerbaijan's leaders flew, fled and wrote.\n"
    "Better pipelines, worse roads, the best ports: 3,500 km of rail, 12.5% more cargo, $2bn in 2024-25 (est.).\n"
    "Mice, geese, criteria and analyses were studied by the women's committees; she'd rather Baku were invited.\n"
    "He's got to choose -- the C5+1 format's future... 'cause nobody can afford to lose it! Isn't it?"
)


@pytest.fixture(scope="module")
def models():
    return spacy.load(MODEL_NAME), spacy.load(MODEL_NAME)


def _annotations(nlp, lemmatizer, text: str) -> list[tuple[str, ...]]:
    doc = nlp.make_doc(text)
    for name in BEFORE:
        doc = nlp.get_pipe(name)(doc)
    doc = lemmatizer(doc)
    return [(t.text, t.pos_, t.tag_, str(t.morph), t.lemma_, str(t.lemma)) for t in doc]


def _same(models, texts: list[str]) -> int:
    return same_as_spacy(models, "lemmatizer", compile_lemmatizer, _annotations, texts)


def test_same_lemmas_as_spacy_on_written_text(models) -> None:
    # Twice: the second time every lemma comes from the cache kept across documents.
    assert _same(models, [WRITTEN, WRITTEN.upper(), "", " ", "\t\n", WRITTEN]) > 200


def test_same_lemmas_as_spacy_on_the_project_articles(models) -> None:
    texts = project_texts()
    assert len(texts) >= 10
    assert _same(models, texts) > 10_000


def test_same_lemmas_as_spacy_on_the_evaluation_articles(models) -> None:
    assert _same(models, evaluation_texts()) > 10_000


def test_the_pipeline_gives_the_lemmas_of_spacys_component() -> None:
    nlp = load_pipeline()
    ours = nlp.get_pipe(LEMMATIZER_NAME)
    for text in [WRITTEN, *project_texts()[:4]]:
        got = [(t.text, t.pos_, t.tag_, str(t.morph), t.lemma_) for t in nlp(text)]
        doc = nlp.make_doc(text)
        for name, proc in nlp.pipeline:  # the same pipeline with spaCy's lemmatizer, the one ours wraps
            doc = (ours.lemmatizer if name == LEMMATIZER_NAME else proc)(doc)
        assert got == [(t.text, t.pos_, t.tag_, str(t.morph), t.lemma_) for t in doc]


def test_lemmas_set_before_are_kept(models) -> None:
    nlp = models[1]
    ours = compile_lemmatizer(nlp.get_pipe("lemmatizer"))
    doc = nlp.make_doc(WRITTEN)
    for name in BEFORE:
        doc = nlp.get_pipe(name)(doc)
    doc[5].lemma_ = "our own lemma"
    before = {t.i: t.lemma_ for t in doc if t.lemma != 0}
    assert len(before) > 5  # the attribute ruler's exceptions: "ai" -> "be", "gon" -> "go", "'s" -> "us", ...
    ours(doc)
    assert {i: doc[i].lemma_ for i in before} == before
    assert all(t.lemma != 0 for t in doc if not t.is_space) and doc[5].lemma_ == "our own lemma"


def test_overwrite_is_the_wrapped_components(models) -> None:
    nlp = models[1]
    model = nlp.get_pipe("lemmatizer")
    theirs = EnglishLemmatizer(nlp.vocab, None, mode="rule", overwrite=True)
    theirs.lookups = model.lookups
    ours = compile_lemmatizer(theirs)
    assert ours is not None and ours.overwrite
    expected = _annotations(nlp, theirs, WRITTEN)
    assert _annotations(nlp, ours, WRITTEN) == expected
    assert expected != _annotations(nlp, model, WRITTEN)  # overwriting changes what the attribute ruler set


def test_lemmas_made_in_a_memory_zone_are_not_remembered(models) -> None:
    spacy_nlp, nlp = models
    ours = compile_lemmatizer(nlp.get_pipe("lemmatizer"))
    text = "The Zhrqvistanis were quarrelling over Zhrqvistan's pipelines."  # words no vocabulary has
    word = get_string_id("Zhrqvistanis")
    expected = _annotations(spacy_nlp, spacy_nlp.get_pipe("lemmatizer"), text)
    with nlp.memory_zone():  # its strings go when it ends: a hash remembered from it would name nothing
        assert _annotations(nlp, ours, text) == expected
    assert not any(key[0] == word for key in ours.cache)
    assert _annotations(nlp, ours, text) == expected
    assert any(key[0] == word for key in ours.cache)


def test_the_pipeline_uses_it_in_place_of_spacys() -> None:
    nlp = load_pipeline()
    names = nlp.pipe_names
    assert LEMMATIZER_NAME in names and "lemmatizer" not in names
    assert names.index(ATTRIBUTE_RULER_NAME) < names.index(LEMMATIZER_NAME) < names.index("ner")
    assert isinstance(nlp.get_pipe(LEMMATIZER_NAME), ArrayLemmatizer)


def test_other_lemmatizers_keep_spacys_component() -> None:
    nlp = spacy.blank("en")
    assert compile_lemmatizer(nlp.add_pipe("lemmatizer", config={"mode": "lookup"})) is None

    class Subclass(EnglishLemmatizer):
        def is_base_form(self, token) -> bool:
            return True

    assert compile_lemmatizer(Subclass(nlp.vocab, None, mode="rule")) is None
    replaced = EnglishLemmatizer(nlp.vocab, None, mode="rule")
    assert compile_lemmatizer(replaced) is not None
    replaced.is_base_form = lambda token: True
    assert compile_lemmatizer(replaced) is None
    replaced = EnglishLemmatizer(nlp.vocab, None, mode="rule")
    replaced.lemmatize = lambda token: [token.text]
    assert compile_lemmatizer(replaced) is None
