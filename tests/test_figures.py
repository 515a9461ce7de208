"""extract_figures on the seed articles (against their gold) and on hand-written Central Asia / Caucasus news text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from multivector.nlp.figures import extract_figures


def _body(seed_text, seed_gold, prefix: str) -> str:
    """The article body of a seed: from the line holding the gold body_start to the line holding body_end."""
    gold = seed_gold(prefix)
    lines = seed_text(prefix).splitlines(keepends=True)
    first = next(i for i, line in enumerate(lines) if gold["body_start"] in line)
    last = next(i for i, line in enumerate(lines) if gold["body_end"] in line)
    return "".join(lines[first : last + 1])


def _pairs(text: str) -> list[tuple[float, str]]:
    return [(round(f.value, 4), f.unit) for f in extract_figures(text)]


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seed_figures_match_gold(seed_text, seed_gold, prefix: str) -> None:
    body = _body(seed_text, seed_gold, prefix)
    predicted = sorted(_pairs(body))
    expected = sorted((round(float(f["value"]), 4), f["unit"]) for f in seed_gold(prefix)["figures"])
    assert predicted == expected
    for figure in extract_figures(body):
        assert body[figure.span[0] : figure.span[1]] == figure.evidence
        assert len(figure.evidence.split()) <= 25 and "\n" not in figure.evidence


@pytest.mark.parametrize(
    ("sentence", "value", "unit"),
    [
        ("Trade between Uzbekistan and Kazakhstan reached $4.5 billion.", 4.5e9, "USD"),
        ("Kyiv got nearly $100 billion-worth weapons from its allies.", 1e11, "USD"),
        ("The bank lent €2.5bn to Georgia.", 2.5e9, "EUR"),
        ("Azerbaijan allocated 2.5 billion manat to the reconstruction of Karabakh.", 2.5e9, "AZN"),
        ("The budget deficit stands at 1.2 trillion tenge.", 1.2e12, "KZT"),
        ("Tashkent spent 900 billion sum on roads.", 9e11, "UZS"),
        ("Bishkek received 300 million soms in grants.", 3e8, "KGS"),
        ("Moscow wrote off 50 million rubles of debt.", 5e7, "RUB"),
        ("Chinese lenders provided 20 billion yuan.", 2e10, "CNY"),
        ("Yerevan attracted 500 million dollars of investment.", 5e8, "USD"),
        ("Uzbekistan's exports grew by 20 per cent.", 20, "percent"),
        ("Inflation in Mongolia fell to 8.5%.", 8.5, "percent"),
        ("Support for the union rose to twenty percent.", 20, "percent"),
        ("Unemployment dropped by 5.5 percentage points.", 5.5, "percent"),
        ("The cargo volume on the route has doubled.", 2, "times"),
        ("Freight traffic is expected to triple by 2030.", 3, "times"),
        ("Officials reported a threefold increase in transit.", 3, "times"),
        ("The plant announced a 2.5-fold increase in output.", 2.5, "times"),
        ("Chinese investment is five times more than Russian investment.", 5, "times"),
        ("The new railway will be 280 km long.", 280, "km"),
        ("The port of Aktau handled 50,000 TEU.", 50000, "TEU"),
        ("Kazakhstan produced 90 million tonnes of oil.", 9e7, "tonnes"),
        ("Armenia and Azerbaijan fought a 44-day war.", 44, "days"),
        ("The presidents will sign a 10-year security deal.", 10, "years"),
        ("Mongolia marked the 30th anniversary of diplomatic relations with Japan.", 30, "years"),
        ("Ulaanbaatar and Seoul marked the thirtieth anniversary of their ties.", 30, "years"),
        ("For three decades, Armenia relied on Russian security guarantees.", 30, "years"),
        ("The region borders four nuclear-armed states - Russia, China, India and Pakistan.", 4, "count"),
        ("Mongolia is squeezed between two giant neighbours, China and Russia.", 2, "count"),
        ("Tokyo ranked Uzbekistan in its top five, besides Vietnam and Peru.", 5, "count"),
        ("Over 2,000 Kazakh troops took part in the drills.", 2000, "count"),
        ("Almost two-thirds of Kyrgyz remittances come from Russia.", 66.67, "percent"),
        ("The population of Central Asia will reach 100 million by 2030.", 1e8, "count"),
        ("The visit of the Uzbek delegation lasted three days.", 3, "days"),
        # a window is a duration the text states, as informative as any other
        ("Over the past three decades, ties between Baku and Astana have grown.", 30, "years"),
    ],
)
def test_figure_forms(sentence: str, value: float, unit: str) -> None:
    figures = extract_figures(sentence)
    assert [(f.unit, f.value) for f in figures] == [(unit, pytest.approx(value))]
    assert figures[0].subject
    assert sentence[figures[0].span[0] : figures[0].span[1]] == figures[0].evidence


@pytest.mark.parametrize(
    "sentence",
    [
        "The two countries signed a memorandum in 2019.",
        "Both sides agreed that these three factors matter.",
        "Georgia and Armenia, two small states of the South Caucasus, expand their trade.",
        "Water sharing is one of the main worries of the new council.",
        "There is just one option - to keep our borders open.",
        "At one time the G7 and the C5+1 format competed for attention.",
        "Covid-19 delayed the delivery of F-16s and Su-35 jets.",
        "1) Why did the talks in Baku stall?",
        "The second stage of the project began at 10:30.",
        "Our common history has not 30 years, but centuries behind it.",
        "As I noted in the last two replies, the bloc holds together.",
        "The New Cold War pits the Golden Billion against the Global South.",
        "Three years ago the border was closed.",
        "Over these six years, the five leaders met in Astana and Tashkent.",
        "Uzbekistan adopted its Strategy 2030 in the 1990s style.",
        "Double standards and double taxation remain a problem.",
    ],
)
def test_not_figures(sentence: str) -> None:
    assert extract_figures(sentence) == []


def test_repeated_claim_is_reported_once() -> None:
    text = (
        "Diplomatic ties between Mongolia and Kazakhstan celebrate their 25th anniversary this year. "
        "Both capitals look ahead to the 25th anniversary of diplomatic ties with optimism."
    )
    assert _pairs(text) == [(25, "years")]


def test_subjects_name_what_is_measured() -> None:
    text = (
        "According to customs statistics, bilateral trade between Uzbekistan and Georgia has doubled. "
        "Mongolia borders two nuclear-armed powers and no other country. "
        "The Trans-Caspian route looks promising, with its cargo traffic projected to double by 2028."
    )
    subjects = [f.subject for f in extract_figures(text)]
    assert subjects == ["bilateral trade between Uzbekistan and Georgia", "nuclear-armed powers", "cargo traffic"]


def test_given_sentences_bound_the_evidence() -> None:
    text = "Exports rose. They reached $2 billion, officials said"
    figures = extract_figures(text, sentences=[(0, 13), (14, len(text))])
    assert [(f.value, f.unit) for f in figures] == [(2e9, "USD")]
    assert figures[0].span[0] >= 14


_NEWSY = st.lists(
    st.sampled_from(
        list("0123456789 ,.-$%€()\n")
        + ["million ", "tripled ", "per cent ", "km ", "the ", "two ", "states ", "30th anniversary ", "-day war "]
    ),
    max_size=30,
).map("".join)


@settings(max_examples=120, deadline=None)
@given(st.one_of(st.text(max_size=120), _NEWSY))
def test_extract_figures_never_raises_and_evidence_is_verbatim(text: str) -> None:
    for figure in extract_figures(text):
        start, end = figure.span
        assert 0 <= start <= end <= len(text)
        assert text[start:end] == figure.evidence
