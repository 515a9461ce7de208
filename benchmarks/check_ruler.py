"""Check that multivector's fast actor ruler finds exactly the entities spaCy's EntityRuler finds with the same
catalogue patterns: same spans, labels and ids, on the evaluation seeds, generated pages and a stress text that
writes every catalogue surface form in several cases and forms. Exit status 1 on any difference.

    .venv/bin/python benchmarks/check_ruler.py [--pages 200]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import build_corpus, seed_pages  # noqa: E402

from multivector.data.catalogue import Catalogue  # noqa: E402
from multivector.nlp import model  # noqa: E402
from multivector.nlp.model import MODEL_NAME, RULER_NAME, load_pipeline  # noqa: E402


def reference_pipeline():
    """The model with spaCy's own EntityRuler over the catalogue's token patterns: the behaviour to keep."""
    import spacy

    nlp = spacy.load(MODEL_NAME)
    ruler = nlp.add_pipe(
        "entity_ruler", name=RULER_NAME, before="ner", config={"overwrite_ents": False, "validate": False}
    )
    ruler.add_patterns(Catalogue.default().ruler_patterns())
    # the rest of multivector's pipeline, so that only the ruler differs between the two
    model._register_boundary_component()
    nlp.add_pipe(model.BOUNDARY_NAME, before="parser")
    model._split_glued_turns(nlp)
    return nlp


def stress_texts(seed: int = 1) -> list[str]:
    """Every surface form of every actor and person, as written, lowercased, uppercased, with an article, a
    possessive or a hyphen written as a space, in random neighbourhoods (so overlapping names meet)."""
    catalogue = Catalogue.default()
    forms = [f for entry in catalogue for f in entry.aliases]
    forms += [f for person in catalogue.people for f in (person.name, *person.aliases)]
    rng = random.Random(seed)
    variants = (str, str.lower, str.upper, lambda f: "the " + f, lambda f: f + "'s", lambda f: f.replace("-", " "))
    texts = []
    for i in range(0, len(forms), 12):
        words = [rng.choice(variants)(form) for form in forms[i : i + 12]]
        rng.shuffle(words)
        texts.append(" and ".join(words[:6]) + " met " + " ".join(words[6:]) + ".")
    return texts


def entities(doc) -> list[tuple[int, int, str, str]]:
    return [(e.start, e.end, e.label_, e.ent_id_) for e in doc.ents]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=200, help="generated pages to compare")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        pages = [p.read_text(encoding="utf-8") for p in build_corpus(tmp, args.pages, seed=7)]
    texts = seed_pages() + pages + stress_texts()
    ours, reference = load_pipeline(), reference_pipeline()
    differences = 0
    for text, a, b in zip(texts, ours.pipe(texts), reference.pipe(texts), strict=True):
        if entities(a) != entities(b):
            differences += 1
            print("DIFFERENT:", sorted(set(entities(a)) ^ set(entities(b)))[:10], repr(text[:80]))
    total = sum(len(doc.ents) for doc in ours.pipe(texts))
    print(f"{len(texts)} texts, {total} entities, {differences} texts with different entities")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
