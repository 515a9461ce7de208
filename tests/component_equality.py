"""What the tests of the compiled pipeline components share (nlp.attribute_ruler, nlp.lemmatizer): the texts they
compare on, and the comparison, token for token, with spaCy's own component."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from conftest import REAL_RAW, REPO, SEEDS_RAW, need_shared

#: (nlp, the component to run, text) -> one tuple of annotations per token
Annotate = Callable[[Any, Any, str], list[tuple[str, ...]]]


def project_texts() -> list[str]:
    """The articles this project wrote: dev and dev2."""
    return [
        p.read_text(encoding="utf-8") for d in ("dev", "dev2") for p in sorted((REPO / "eval" / d / "raw").iterdir())
    ]


def evaluation_texts() -> list[str]:
    """The real and seed articles of ../shared/eval (skips outside CI, fails under CI, when it is missing)."""
    need_shared()
    return [p.read_text(encoding="utf-8", errors="replace") for d in (REAL_RAW, SEEDS_RAW) for p in sorted(d.iterdir())]


def same_as_spacy(models: tuple[Any, Any], original: str, compile_: Callable[[Any], Any], annotate: Annotate,
                  texts: list[str]) -> int:  # fmt: skip
    """Asserts that the compiled version of the model's component ``original`` annotates every text as spaCy's own
    does (each run on a model of its own); returns the number of tokens compared."""
    spacy_nlp, our_nlp = models
    ours = compile_(our_nlp.get_pipe(original))
    assert ours is not None, f"the model's {original} is not one the compiled version can stand for"
    tokens = 0
    for text in texts:
        expected = annotate(spacy_nlp, spacy_nlp.get_pipe(original), text)
        got = annotate(our_nlp, ours, text)
        assert got == expected
        tokens += len(got)
    return tokens
