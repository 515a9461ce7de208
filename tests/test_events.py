"""extract_events on the seed articles (against their gold) and on hand-written Central Asia / Caucasus news text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from multivector.nlp.events import extract_events, find_date_mentions


def _body(seed_text, seed_gold, prefix: str) -> str:
    """The article body of a seed: from the line holding the gold body_start to the line holding body_end."""
    gold = seed_gold(prefix)
    lines = seed_text(prefix).splitlines(keepends=True)
    first = next(i for i, line in enumerate(lines) if gold["body_start"] in line)
    last = next(i for i, line in enumerate(lines) if gold["body_end"] in line)
    return "".join(lines[first : last + 1])


def _dates(text: str, published: str | None = "2024-06-15") -> list[str]:
    return [e.date for e in extract_events(text, published)]


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seed_events_match_gold(seed_text, seed_gold, prefix: str) -> None:
    gold = seed_gold(prefix)
    body = _body(seed_text, seed_gold, prefix)
    events = extract_events(body, gold["published"])
    assert sorted(e.date for e in events) == sorted(e["date"] for e in gold["events"])
    for event in events:
        assert body[event.span[0] : event.span[1]] == event.evidence
        assert event.what and len(event.evidence.split()) <= 25


@pytest.mark.parametrize(
    ("sentence", "date"),
    [
        ("The agreement was signed on November 20, 2024, in Istanbul.", "2024-11-20"),
        ("The agreement was ratified on 20 November 2024.", "2024-11-20"),
        ("The decree of 20.11.2024 entered into force.", "2024-11-20"),
        ("The law was published on 2024-11-20.", "2024-11-20"),
        ("In May 2022 the leaders met in Tashkent.", "2022-05"),
        ("Armenia joined the Eurasian Economic Union in 2015.", "2015"),
        ("According to a Caspian Policy Center poll (2021), approval stayed low.", "2021"),
        ("The corridor should carry 10 million tonnes by 2030.", "2030"),
        ("Since 1991 Georgia has pursued closer ties with the West.", "1991"),
        ("Talks in spring 2023 failed to produce a deal.", "2023"),
        ("In the first quarter of 2024 trade with China rose.", "2024"),
        ("This year Bishkek hosts the summit.", "2024"),
        ("Exports to Georgia came to $275 million according to last year's statistics.", "2023"),
        ("Next year Astana will host the SCO summit.", "2025"),
        ("I visited Baku in May this year.", "2024-05"),
        ("Moscow still saved it during last January's events.", "2024-01"),
        ("The ministers met in Yerevan last month.", "2024-05"),
        ("Three years ago the border with Tajikistan was closed.", "2021"),
        ("On 5 March the foreign ministers met in Baku.", "2024-03-05"),
        ("The period 2021-2025 is covered by the programme.", "2021"),
    ],
)
def test_date_forms(sentence: str, date: str) -> None:
    events = extract_events(sentence, "2024-06-15")
    assert [e.date for e in events] == [date]
    assert sentence[events[0].span[0] : events[0].span[1]] == events[0].evidence


@pytest.mark.parametrize(
    "sentence",
    [
        "Over the past year, mutual trade has tripled.",
        "Throughout all these years of independence we stayed close.",
        "For three decades Armenia relied on Russia.",
        "Today the talks continue, and now both sides wait.",
        "In the 1990s the economy of Kyrgyzstan collapsed.",
        "Since the January events, Astana has leaned on its allies more.",
        "The Kazakhstan-2050 Strategy and Vision 2030 set long-term targets.",
        "Over 2000 troops arrived at the border.",
        "The meeting started at 15:14 and lasted 44 days.",
    ],
)
def test_not_events(sentence: str) -> None:
    assert _dates("Analysts agree on this. " + sentence) == []


def test_relative_dates_need_a_publication_date() -> None:
    text = "Analysts agree. I visited Baku in May this year and last year trade grew. It was signed in 2019."
    assert _dates(text, None) == ["2019"]


def test_last_january_in_january_means_the_previous_year() -> None:
    assert _dates("Analysts agree. Last January the protests began.", "2023-01-20") == ["2022-01"]


def test_news_lede_is_dated_at_the_publication_month() -> None:
    text = (
        "President of Uzbekistan Shavkat Mirziyoyev arrived in Bishkek on a state visit, where he met with Sadyr "
        "Japarov. The sides discussed water and energy. The treaty was signed in 2022."
    )
    events = extract_events(text, "2024-09-05")
    assert [e.date for e in events] == ["2024-09", "2022"]
    assert "arrived" in events[0].evidence


def test_lede_rule_only_applies_to_a_past_tense_first_sentence() -> None:
    assert _dates("News.Az presents an interview with an analyst. Later the minister visited Baku.") == []
    assert _dates("President Japarov will visit Tashkent. He arrived late.") == []
    assert _dates("The minister visited Baku on 3 May 2024.") == ["2024-05-03"]


def test_two_dates_in_one_sentence_are_two_events() -> None:
    text = (
        "Analysts agree. The treaty, signed on March 4, 2021, during the Ashgabat summit, came into effect "
        "on June 18, 2023."
    )
    events = extract_events(text, "2024-12-10")
    assert [e.date for e in events] == ["2021-03-04", "2023-06-18"]
    assert all("signed" in e.what or "came into effect" in e.what for e in events)


_NEWSY = st.lists(
    st.sampled_from(
        list("0123456789 ,.-/()\n")
        + ["May ", "last ", "this ", "year ", "in ", "2022 ", "ago ", "signed ", "November ", "January's "]
    ),
    max_size=30,
).map("".join)


@settings(max_examples=120, deadline=None)
@given(st.one_of(st.text(max_size=120), _NEWSY), st.sampled_from([None, "2024", "2024-01", "2024-01-31", "junk"]))
def test_extract_events_never_raises_and_evidence_is_verbatim(text: str, published: str | None) -> None:
    for event in extract_events(text, published):
        start, end = event.span
        assert 0 <= start <= end <= len(text)
        assert text[start:end] == event.evidence
        assert len(event.date) in (4, 7, 10)


def test_a_month_alone_is_the_latest_such_month_or_the_next_one_in_a_future_clause():
    published = "2025-04-16"
    cases = {
        "In January, the bank was put under sanctions.": "2025-01",
        "In August, the president paid a state visit.": "2024-08",
        "A raid at the end of June ended the talks.": "2024-06",
        "The agreement will be signed by the end of June.": "2025-06",
        "The ministers will meet again in March.": "2026-03",
    }
    for text, date in cases.items():
        assert [m.date for m in find_date_mentions(text, published)] == [date], text
    assert find_date_mentions("It may rain, and they may meet in May 2024.", published)[0].date == "2024-05"
    assert find_date_mentions("In January, the bank closed.", None) == []


@pytest.mark.parametrize(
    "sentence",
    [
        # a cited source's date
        "The plan drew criticism from Bishkek (Kabar, March 5, 2024).",
        # comparison baselines
        "Trade with Turkey was 20 per cent higher compared with 2019.",
        "Exports were lower than in 2021.",
        "Freight is back at 2019 levels.",
        # the start of a measured span
        "Cargo on the route has grown by 60 per cent since 2022.",
        "The ministers have held 11 rounds of talks since 2015.",
        "Eight summits took place between 2005 and 2021.",
        # decades
        "In the late 1990s the pipeline was only a sketch.",
    ],
)
def test_dates_that_frame_something_else_are_not_events(sentence: str) -> None:
    assert _dates("Analysts agree on this. " + sentence) == []


def test_a_state_that_began_at_a_date_keeps_its_date() -> None:
    assert _dates("Analysts agree. Mongolia has been an observer of the organisation since 2004.") == ["2004"]


def test_the_same_event_at_two_precisions_is_one_event() -> None:
    assert _dates("Analysts agree. The war began in 2022, in February 2022 to be exact.") == ["2022-02"]
    assert _dates("Analysts agree. The bloc expanded on Jan. 1 this year.") == ["2024-01-01"]


@pytest.mark.parametrize(
    ("sentence", "published", "date"),
    [
        ("Analysts agree. The president on Tuesday proposed a new fund.", "2025-10-09", "2025-10-07"),
        ("Analysts agree. The deal was initialled two months ago in Washington.", "2025-10-09", "2025-08"),
        ("Analysts agree. This summer the minister hinted at a change.", "2014-11-24", "2014"),
        ("Analysts agree. The forum opened on 3-4 April in Samarkand.", "2025-05-10", "2025-04-03"),
    ],
)
def test_relative_dates_from_the_publication_date(sentence: str, published: str, date: str) -> None:
    assert _dates(sentence, published) == [date]


def test_that_year_and_a_bare_day_take_the_year_the_text_just_gave() -> None:
    text = "The plan was drafted in 2018. In December that year, the engineers met in Termez."
    assert _dates(text, None) == ["2018", "2018-12"]
    text = "On October 1, 2024 the ministers met. Two weeks earlier, on September 14, talks had failed."
    assert _dates(text, None) == ["2024-10-01", "2024-09-14"]
    assert _dates("Analysts agree. On July 19, the president spoke.", None) == []


def test_a_dateline_anchors_relative_dates_and_gives_way_to_the_ledes_own_date() -> None:
    text = "date 2025-03-12 The foreign ministers on Tuesday agreed to meet again next year."
    assert _dates(text, None) == ["2025-03-11", "2026"]  # Tuesday before the dateline's Wednesday
    text = "date 2025-03-12 AGENCY) The summit was held in Astana on March 3, 2025, with five leaders."
    assert _dates(text, None) == ["2025-03-03"]


def test_a_happening_retold_at_another_precision_is_one_event() -> None:
    text = (
        "On 5 March 2024 Kazakhstan and China signed a visa-free travel agreement. Analysts welcomed it. "
        "The visa-free travel agreement signed in March 2024 changed tourism."
    )
    assert _dates(text) == ["2024-03-05"]


def test_the_ends_of_a_measured_span_are_not_events_but_a_plain_span_keeps_them() -> None:
    assert _dates("Analysts agree. Trade grew by 40 per cent from 2015 to 2020.") == []
    assert _dates("Analysts agree. The moratorium ran from 2015 to 2020.") == ["2015", "2020"]


@pytest.mark.parametrize(
    ("sentence", "published", "dates"),
    [
        ("As of 2023, the bank had frozen the accounts.", "2024-06-15", ["2023"]),
        ("In early 2023 the ministers met in Aktau.", "2024-06-15", ["2023"]),
        ("At the beginning of 2022 the border reopened.", "2024-06-15", ["2022"]),
        ("Imports have fallen by a third since 2021.", "2024-06-15", []),
        ("Prices have risen sharply since 2021.", "2024-06-15", []),
        ("The vote is scheduled for March.", "2024-01-10", ["2024-03"]),
        ("Last winter the pipeline froze twice.", "2024-06-15", ["2023"]),
    ],
)
def test_event_cue_words(sentence: str, published: str, dates: list[str]) -> None:
    assert _dates("Analysts agree. " + sentence, published) == dates


@pytest.mark.parametrize(
    ("sentence", "date"),
    [
        ("The president toured Astana on November 27-28, 2023.", "2023-11-27"),
        ("The summit will open on Oct. 22-24 in Kazan.", "2024-10-22"),
        ("The talks ran on 12–14 March 2024 in Baku.", "2024-03-12"),
    ],
)
def test_a_span_of_days_is_dated_by_its_first_day(sentence: str, date: str) -> None:
    assert _dates("Analysts agree. " + sentence) == [date]


def test_a_lede_dated_by_the_next_sentence_is_one_event() -> None:
    text = (
        "The five presidents signed a water treaty in Astana. At the summit on Tuesday, they also agreed on quotas. "
        "The treaty was first drafted in 2019."
    )
    assert _dates(text, "2025-06-13") == ["2025-06-10", "2019"]


def test_a_deadline_is_not_a_baseline() -> None:
    assert _dates("Analysts agree. The line must open no later than 2027.") == ["2027"]
