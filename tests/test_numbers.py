"""parse_number, find_numbers, split_sentences and clause_fragment on hand-written text, plus property tests."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from multivector.nlp.numbers import clause_fragment, find_numbers, parse_number, split_sentences


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("330", 330),
        ("1,200.5", 1200.5),
        ("1.2 million", 1.2e6),
        ("nearly $100 billion", 1e11),
        ("three", 3),
        ("twenty-five", 25),
        ("two-thirds", 0.6667),
        ("a dozen", 12),
        ("€2.5bn", 2.5e9),
        ("2,5 bn", 2.5e9),
        ("1 200 000", 1.2e6),
        ("1.200.000", 1.2e6),
        ("US$ 5 mln", 5e6),
        ("$5m", 5e6),
        ("three hundred million", 3e8),
        ("a billion", 1e9),
        ("more than 1,000", 1000),
        ("over 20 per cent", 20),
        ("KZT 1.2 trillion", 1.2e12),
        ("30th", 30),
    ],
)
def test_parse_number_reads_numeric_expressions(text: str, value: float) -> None:
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["", "abc", "the Golden Billion", "-", "someone", "$"])
def test_parse_number_returns_none_without_a_number(text: str) -> None:
    assert parse_number(text) is None


def test_find_numbers_skips_names_codes_times_and_decades() -> None:
    text = "The G7, the C5+1 format, Covid-19, F-16s and 5G; at 15:14 in the 1990s trade rose 20% to $3.5bn."
    found = [text[n.start : n.end] for n in find_numbers(text)]
    assert found == ["20", "3.5bn"]


def test_find_numbers_reads_words_and_scales() -> None:
    text = "Some twenty-five states and a million people sent 1,500 troops."
    found = {text[n.start : n.end]: n.value for n in find_numbers(text)}
    assert found == {"twenty-five": 25, "a million": 1e6, "1,500": 1500}


def test_split_sentences_handles_glued_scrapes_and_abbreviations() -> None:
    text = "Mr. Japarov arrived in Astana. Talks went well.Meanwhile, Caliber.Az reported it.- In Baku it rained."
    sentences = [text[s:e] for s, e in split_sentences(text)]
    assert sentences == [
        "Mr. Japarov arrived in Astana.",
        "Talks went well.",
        "Meanwhile, Caliber.Az reported it.",
        "- In Baku it rained.",
    ]


def test_clause_fragment_stays_in_the_sentence_and_cuts_long_clauses() -> None:
    text = (
        "Preface sentence here. On the other hand, according to the national statistics committee of the republic, "
        "which publishes quarterly reports on foreign trade with all neighbouring countries and regions, mutual "
        "trade reached $330 million last year, while investment flows remained modest in most sectors. Next."
    )
    start = text.index("$330")
    sentence = (text.index("On the"), text.index(" Next."))
    evidence, span = clause_fragment(text, sentence, start, start + len("$330 million"))
    assert text[span[0] : span[1]] == evidence
    assert "$330 million" in evidence and "Preface" not in evidence and "Next" not in evidence
    assert len(evidence.split()) <= 25


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=60))
def test_parse_number_never_raises(text: str) -> None:
    value = parse_number(text)
    assert value is None or isinstance(value, float)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789 ,.-$%abcmt one two\n")), max_size=80))
def test_find_numbers_spans_stay_inside_the_text(text: str) -> None:
    for n in find_numbers(text):
        assert 0 <= n.start < n.end <= len(text)
    for s, e in split_sentences(text):
        assert 0 <= s < e <= len(text) and text[s:e].strip() == text[s:e]
