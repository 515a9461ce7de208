"""The model's attribute ruler, applied with array operations: the same annotations as spaCy's, a tenth of the time.

Contract: :func:`compile_ruler` reads the patterns of a loaded spaCy ``AttributeRuler`` (in the English model: the tag
map from fine tags to POS and morphology, and about a hundred exceptions by word and tag) and returns an
:class:`ArrayAttributeRuler` that sets exactly what spaCy's would on every token (POS, TAG, MORPH, LEMMA, DEP), or
``None`` when a pattern uses anything it does not implement, so the caller keeps spaCy's component. nlp.model puts it
in the component's place, as ``mv_attribute_ruler``, when the pipeline is built, never afterwards.

Why: spaCy's ruler runs its token Matcher over every token for 179 patterns, then sets the attributes token by
token; on our articles that cost about a seventh of the whole parse (3.1 s of 22.5 s per 100 pages), far more than
the tagger. The patterns are single tokens or pairs of adjacent tokens tested for equality or set
membership on LOWER, TAG, DEP and IS_SPACE (one LOWER regex), so they are columns of ``Doc.to_array`` compared
with numpy, and the results go back with one ``Doc.from_array``.

Semantics kept from spaCy (spacy/pipeline/attributeruler.py): all patterns are tested on the Doc as it came in,
before anything is set; the matches are then applied in the order the patterns were added, so a later pattern wins
on a token both touch; a pattern's attributes go to the token at its ``index`` within the match.
tests/test_attribute_ruler.py checks token for token against spaCy's own component on our texts and the evaluation
sets.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import numpy

if TYPE_CHECKING:
    from spacy.pipeline import AttributeRuler
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

#: The token attributes a pattern may test here, as spaCy names them.
_TESTED = ("LOWER", "TAG", "DEP", "IS_SPACE")

# A test of one token of a pattern: (row of the tested attribute, "eq" | "in" | "not_in" | "regex", its argument).
_Test = tuple[int, str, Any]
_EMPTY = numpy.zeros(0, dtype=numpy.int64)


class ArrayAttributeRuler:
    """An attribute ruler over ``Doc.to_array`` columns (see the module docstring)."""

    def __init__(self, vocab: Vocab, rules: list[tuple[list[list[list[_Test]]], int, dict[int, int]]]) -> None:
        from spacy.attrs import IDS

        self.vocab = vocab
        self.rules = rules  # (patterns: tokens: tests, index of the token set, {attribute id: value}), in order
        self.read = [IDS[name] for name in _TESTED]
        self.written = sorted({attr for _, _, attrs in rules for attr in attrs})
        self.column = {attr: i for i, attr in enumerate(self.written)}

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if n == 0 or not self.rules:
            return doc
        columns = doc.to_array(self.read).T  # one row per tested attribute
        where = [_Positions(row) for row in columns]
        values = doc.to_array(self.written)
        for patterns, index, attrs in self.rules:
            for tokens in patterns:
                starts = _starts(tokens, columns, where, n)
                if starts.size:
                    targets = starts + (index if index >= 0 else len(tokens) + index)
                    for attr, value in attrs.items():
                        values[targets, self.column[attr]] = value
        doc.from_array(self.written, values)
        return doc


class _Positions:
    """Where each value of one column occurs, built on first use: an equality test is a lookup, not a scan."""

    def __init__(self, column: numpy.ndarray) -> None:
        self.column = column
        self.index: dict[int, numpy.ndarray] | None = None

    def of(self, value: int) -> numpy.ndarray:
        if self.index is None:
            order = numpy.argsort(self.column, kind="stable")
            keys, first = numpy.unique(self.column[order], return_index=True)
            self.index = dict(zip(keys.tolist(), numpy.split(order, first[1:]), strict=True))
        return self.index.get(value, _EMPTY)


def _starts(tokens: list[list[_Test]], columns: numpy.ndarray, where: list[_Positions], n: int) -> numpy.ndarray:
    """The start positions at which every token of a pattern passes its tests, ascending."""
    width = len(tokens)
    if width > n:
        return _EMPTY
    starts = None
    for offset, tests in enumerate(tokens):  # seed with an equality test: usually a handful of positions, or none
        for row, kind, arg in tests:
            if kind == "eq":
                starts = where[row].of(arg) - offset
                starts = starts[(starts >= 0) & (starts <= n - width)]
                break
        if starts is not None:
            break
    if starts is None:
        starts = numpy.arange(n - width + 1)
    for offset, tests in enumerate(tokens):
        for row, kind, arg in tests:
            if not starts.size:
                return starts
            starts = starts[_passes(kind, arg, columns[row][starts + offset])]
    return starts


def _passes(kind: str, arg: Any, values: numpy.ndarray) -> numpy.ndarray:
    if kind == "eq":
        return values == arg
    if kind in ("in", "not_in"):
        return numpy.isin(values, arg, invert=kind == "not_in")
    return arg(values)


def compile_ruler(ruler: AttributeRuler) -> ArrayAttributeRuler | None:
    """The array ruler for spaCy's ``ruler``, or None when one of its patterns needs the token Matcher."""
    strings = ruler.vocab.strings
    rules = []
    try:
        for i, (attrs, index) in enumerate(zip(ruler.attrs, ruler.indices, strict=True)):
            patterns = ruler.matcher.get(str(i))[1]
            compiled = [[_token_tests(token, strings) for token in pattern] for pattern in patterns]
            for tokens in compiled:
                if not tokens or not (-len(tokens) <= index < len(tokens)):
                    return None
            rules.append((compiled, index, dict(attrs)))
    except _Unsupported:
        return None
    return ArrayAttributeRuler(ruler.vocab, rules)


class _Unsupported(Exception):
    """A pattern feature the array ruler does not implement (an operator, another attribute, ...)."""


def _token_tests(token: dict[str, Any], strings: Any) -> list[_Test]:
    tests: list[_Test] = []
    for name, wanted in token.items():
        if name not in _TESTED:
            raise _Unsupported(name)
        row = _TESTED.index(name)
        if name == "IS_SPACE":
            if not isinstance(wanted, bool):
                raise _Unsupported(name)
            tests.append((row, "eq", int(wanted)))
        elif isinstance(wanted, str):
            tests.append((row, "eq", strings.add(wanted)))
        elif isinstance(wanted, dict) and len(wanted) == 1:
            ((op, arg),) = wanted.items()
            if op in ("IN", "NOT_IN") and isinstance(arg, list):
                keys = numpy.array([strings.add(v) for v in arg], dtype=numpy.uint64)
                tests.append((row, op.lower(), keys))
            elif op == "REGEX" and isinstance(arg, str):
                tests.append((row, "regex", _regex(re.compile(arg), strings)))
            else:
                raise _Unsupported(op)
        else:
            raise _Unsupported(repr(wanted))
    return tests


def _regex(pattern: re.Pattern[str], strings: Any) -> Callable[[numpy.ndarray], numpy.ndarray]:
    """The Matcher's REGEX on a string attribute: ``re.search`` on the attribute's text (each value tried once)."""
    seen: dict[int, bool] = {}

    def test(values: numpy.ndarray) -> numpy.ndarray:
        if len(seen) > 100_000:  # a vocabulary's worth: start again rather than grow with every new word
            seen.clear()
        out = numpy.zeros(len(values), dtype=bool)
        for i, key in enumerate(values.tolist()):
            found = seen.get(key)
            if found is None:
                found = seen[key] = bool(pattern.search(strings[key]))
            out[i] = found
        return out

    return test
