"""The fast actor ruler finds exactly what spaCy's EntityRuler finds with the same catalogue patterns.

The EntityRuler (token Matcher over thousands of patterns) is the reference behaviour; our ruler exists for speed
(benchmarks/RESULTS.md). Compared on the seeds and on every catalogue surface form in several cases and forms.
"""

from __future__ import annotations

import sys

import pytest

from conftest import REPO

sys.path.insert(0, str(REPO / "benchmarks"))
check_ruler = pytest.importorskip("check_ruler")


@pytest.fixture(scope="module")
def pipelines():
    from multivector.nlp.model import load_pipeline

    # A fresh copy, not the cached one: the test compares two pipelines built the same way, the ruler apart.
    return load_pipeline.__wrapped__(), check_ruler.reference_pipeline()


def test_same_entities_as_spacys_entity_ruler(pipelines, seeds_dir):
    ours, reference = pipelines
    texts = [p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("*.txt"))] + check_ruler.stress_texts()
    different = [
        (text[:60], sorted(set(check_ruler.entities(a)) ^ set(check_ruler.entities(b)))[:5])
        for text, a, b in zip(texts, ours.pipe(texts), reference.pipe(texts), strict=True)
        if check_ruler.entities(a) != check_ruler.entities(b)
    ]
    assert not different, different[:5]
    assert sum(len(doc.ents) for doc in ours.pipe(texts[:5])) > 100
