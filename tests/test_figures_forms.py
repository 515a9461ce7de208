"""Figure forms met in articles from outlets the rules were not tuned on: ranges, multiples, durations without
digits, part-of-whole counts, and the look-alikes that are not figures (a period of a year, a unit conversion, a year
used as a modifier). Hand-written sentences."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from multivector.nlp.figures import extract_figures


def _pairs(text: str) -> list[tuple[str, float]]:
    return [(f.unit, round(f.value, 4)) for f in extract_figures(text)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # both ends of a range, each with the unit and scale written once
        ("The new line will carry 5–7 million tonnes of freight a year.", [("tonnes", 5e6), ("tonnes", 7e6)]),
        ("Gas deliveries to the north fell to 10-12 bcm.", [("m3", 1e10), ("m3", 1.2e10)]),
        ("Support for the plan stands between 40 and 45 per cent.", [("percent", 40), ("percent", 45)]),
        ("Lenders promised $2-3 billion for the port.", [("USD", 2e9), ("USD", 3e9)]),
        ("The number of migrants fell from about 1 million to some 640,000.", [("count", 1e6), ("count", 640000)]),
        # multiples
        ("Demand for copper could grow ninefold by 2040.", [("times", 9)]),
        ("Transit fees are now 30 times current levels.", [("times", 30)]),
        ("Each new ferry doubles the capacity of the crossing.", [("times", 2)]),
        # durations
        ("The bridge is to be finished within a year.", [("years", 1)]),
        ("Repairs halted the pipeline for half a year.", [("years", 0.5)]),
        ("The talks dragged on for nearly three and a half years.", [("years", 3.5)]),
        ("Tbilisi has used the format for almost a decade.", [("years", 10)]),
        ("The border has been closed for the past four years.", [("years", 4)]),
        ("Three weeks later the envoy returned to Dushanbe.", [("weeks", 3)]),
        # counts
        ("Four of the five Central Asian states signed the charter.", [("count", 4)]),
        ("The region has lost over 600 of its 9,000 glaciers.", [("count", 600), ("count", 9000)]),
        ("The minister flew twice to Ashgabat this spring.", [("count", 2)]),
        ("Officials put the number of seasonal workers at 420,000.", [("count", 420000)]),
        ("The fleet held 12 joint and national naval drills.", [("count", 12)]),
        ("The new harbour will be 18 metres deep.", [("m", 18)]),
        ("Half a million seasonal workers left for Russia.", [("count", 5e5)]),
        ("One in four Kyrgyz households relies on money from abroad.", [("percent", 25)]),
        ("Grain prices rose by a third over the winter.", [("percent", 33.33)]),
        ("Around 4,000 servicemen took part in the exercise.", [("count", 4000)]),
        ("The republic has relied on one buyer for a quarter of a century.", [("years", 25)]),
    ],
)
def test_figure_forms_from_other_outlets(sentence: str, expected: list[tuple[str, float]]) -> None:
    assert _pairs(sentence) == [(unit, pytest.approx(value)) for unit, value in expected]
    for figure in extract_figures(sentence):
        assert sentence[figure.span[0] : figure.span[1]] == figure.evidence


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # "the first half of 2023" is a period, not 50 %
        ("Exports to Iran grew by 9 per cent in the first half of 2023.", [("percent", 9)]),
        ("In the second half of the year trade slowed.", []),
        # a bracketed conversion repeats the figure in another unit
        ("The road runs for 120 miles (193 km) through the mountains.", [("miles", 120)]),
        ("The budget set aside 400 billion tenge (about $850 million) for roads.", [("KZT", 4e11)]),
        # a year used as a modifier is not a count
        ("The 2024 investment projects were delayed again.", []),
        # a frequency word that is not a count of happenings
        ("The new terminal is twice as large as the old one.", [("times", 2)]),
    ],
)
def test_look_alikes_are_not_extra_figures(sentence: str, expected: list[tuple[str, float]]) -> None:
    assert _pairs(sentence) == [(unit, pytest.approx(value)) for unit, value in expected]


def test_one_sum_repeated_in_other_words_is_one_figure() -> None:
    text = "Moscow offered a $200 million loan to Bishkek. The $200 million credit was approved in May."
    assert _pairs(text) == [("USD", 2e8)]


@pytest.mark.parametrize("name", ["figure_units.json", "figure_lexicon.json", "event_cues.json"])
def test_lexicons_are_data_with_one_entry_per_line(name: str) -> None:
    """Reviewable lexicons: every list item and every mapping entry on a line of its own."""
    text = resources.files("multivector.data").joinpath(name).read_text(encoding="utf-8")
    data = json.loads(text)
    lines = text.splitlines()
    for key, value in data.items():
        if key.startswith("_"):
            continue
        entries = value if isinstance(value, list) else list(value.items()) if isinstance(value, dict) else []
        assert len(entries) > 0, key
        start = next(i for i, line in enumerate(lines) if line.strip().startswith(json.dumps(key)))
        assert lines[start].rstrip().endswith(("[", "{")), key
        assert lines[start + len(entries) + 1].strip().rstrip(",") in ("]", "}"), key


@pytest.mark.parametrize(
    ("sentence", "subject", "expected"),
    [
        # verbs of measurement end the subject the figure is about
        ("Energy accounts for 40 per cent of exports.", "exports", [("percent", 40)]),
        ("Grants to the region amounted to $90 million.", "Grants to the region", [("USD", 9e7)]),
        ("The total amount of aid reached $90 million.", "total amount of aid", [("USD", 9e7)]),
        ("The new bridge costs $300 million.", "new bridge", [("USD", 3e8)]),
        ("Grain exports declined by 12 per cent.", "Grain exports", [("percent", 12)]),
        ("Cotton output decreased by 8 per cent.", "Cotton output", [("percent", 8)]),
        ("Remittances exceeded $3 billion.", "Remittances", [("USD", 3e9)]),
        ("The debt now exceeds $5 billion.", "debt", [("USD", 5e9)]),
        ("Chinese lending will exceed $2 billion.", "Chinese lending", [("USD", 2e9)]),
        ("The tariff increases by 15 per cent.", "tariff", [("percent", 15)]),
        ("Officials reported a 7 per cent decrease in cotton output.", "cotton output", [("percent", 7)]),
        ("Traffic on the ferry line is reaching 2 million tonnes.", "Traffic on the ferry line", [("tonnes", 2e6)]),
    ],
)
def test_measure_verbs_end_the_subject(sentence: str, subject: str, expected: list[tuple[str, float]]) -> None:
    figures = extract_figures(sentence)
    assert [(f.unit, round(f.value, 4)) for f in figures] == [(u, pytest.approx(v)) for u, v in expected]
    assert figures[0].subject == subject


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Trucks now cross the border three times faster.", [("times", 3)]),
        ("Freight by rail is two times slower than by road.", [("times", 2)]),
        ("The port handles four times the volume it handled in 2015.", [("times", 4)]),
        ("Tourist arrivals are at three times pre-pandemic levels.", [("times", 3)]),
        ("Kazakhstan funds 300 overseas students every year.", [("count", 300)]),
        ("Some 2,000 youth joined the volunteer corps.", [("count", 2000)]),
        ("The remaining three states abstained.", []),
        ("Two sometimes meet, but rarely agree.", []),
        ("Ministers thought twice before signing.", []),
        ("The ministry is thinking twice about the loan.", []),
        ("Nobody thinks twice about transit fees.", []),
    ],
)
def test_comparatives_plurals_and_idioms(sentence: str, expected: list[tuple[str, float]]) -> None:
    assert _pairs(sentence) == [(unit, pytest.approx(value)) for unit, value in expected]


def test_the_same_duration_about_different_things_is_kept_twice() -> None:
    text = (
        "For three decades the dispute between Baku and Yerevan blocked trade. "
        "Baku and Tbilisi have built pipelines together over the past three decades."
    )
    assert _pairs(text) == [("years", 30), ("years", 30)]
