"""nlp.attribute_ruler: the array version of the model's attribute ruler sets what spaCy's own sets, token for token."""

from __future__ import annotations

import pytest
import spacy

from component_equality import evaluation_texts, project_texts, same_as_spacy
from multivector.nlp.attribute_ruler import compile_ruler
from multivector.nlp.model import ATTRIBUTE_RULER_NAME, LEMMATIZER_NAME, MODEL_NAME, load_pipeline

BEFORE = ("tok2vec", "tagger", "parser")  # what runs before the attribute ruler in the model

# Our own sentences, chosen for the ruler's exceptions: contractions, "gonna", "let's", auxiliaries, spaces.
WRITTEN = (
    "Ain't nobody gonna tell Kazakhstan what to do, and we're not gonna wait: let's see what Moscow does.\n\n"
    "The ministers didn't say whether they'd sign.  Tashkent   has been   cautious; it isn't going to rush.\n"
    "He's got to choose. I'm sure they've talked, and she'd rather Baku were invited, wouldn't she?\n"
    "\tThat's what's at stake -- the C5+1 format's future, 'cause nobody can afford to lose it."
)


@pytest.fixture(scope="module")
def models():
    return spacy.load(MODEL_NAME), spacy.load(MODEL_NAME)


def _annotations(nlp, ruler, text: str) -> list[tuple[str, ...]]:
    doc = nlp.make_doc(text)
    for name in BEFORE:
        doc = nlp.get_pipe(name)(doc)
    doc = nlp.get_pipe("lemmatizer")(ruler(doc))
    return [(t.text, t.pos_, t.tag_, str(t.morph), t.lemma_, t.dep_) for t in doc]


def _same(models, texts: list[str]) -> int:
    return same_as_spacy(models, "attribute_ruler", compile_ruler, _annotations, texts)


def test_same_annotations_as_spacy_on_written_text(models) -> None:
    assert _same(models, [WRITTEN, WRITTEN.upper(), ""]) > 100


def test_same_annotations_as_spacy_on_the_project_articles(models) -> None:
    texts = project_texts()
    assert len(texts) >= 10
    assert _same(models, texts) > 10_000


def test_same_annotations_as_spacy_on_the_evaluation_articles(models) -> None:
    assert _same(models, evaluation_texts()) > 10_000


def test_the_pipeline_uses_it_in_place_of_spacys() -> None:
    names = load_pipeline().pipe_names
    assert ATTRIBUTE_RULER_NAME in names and "attribute_ruler" not in names
    assert names.index("parser") < names.index(ATTRIBUTE_RULER_NAME) < names.index(LEMMATIZER_NAME)


def test_unsupported_pattern_keeps_spacys_ruler() -> None:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "very", "OP": "+"}]], {"POS": "ADV"})  # an operator: the token Matcher's job
    assert compile_ruler(ruler) is None
    ruler = nlp.add_pipe("attribute_ruler", name="other")
    ruler.add([[{"SHAPE": "Xxxx"}]], {"POS": "PROPN"})  # an attribute it does not read
    assert compile_ruler(ruler) is None


def test_later_pattern_wins_and_index_targets_the_token() -> None:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "silk"}, {"LOWER": "road"}]], {"POS": "PROPN"}, index=-1)
    ruler.add([[{"LOWER": "road"}]], {"POS": "NOUN"})
    ruler.add([[{"LOWER": {"IN": ["silk", "steppe"]}}]], {"POS": "ADJ", "LEMMA": "silky"})
    ours = compile_ruler(ruler)
    assert ours is not None
    text = "The Silk Road and the steppe road, not a silk-road."
    expected = [(t.pos_, t.lemma_) for t in ruler(nlp.make_doc(text))]
    got = [(t.pos_, t.lemma_) for t in ours(nlp.make_doc(text))]
    assert got == expected
    assert got[2] == ("NOUN", "")  # "Road": the later single-word pattern overrides the pair's index -1
    assert got[1] == ("ADJ", "silky")
