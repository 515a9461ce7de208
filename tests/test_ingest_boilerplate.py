"""Finding the article body among page furniture, on the seeds and on scrapes of other layouts."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from multivector.ingest import from_text
from multivector.ingest.boilerplate import LISTED, split_page

SEEDS = ["000", "001", "002", "003", "004"]


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.parametrize("prefix", SEEDS)
def test_seed_body_starts_and_ends_where_the_article_does(prefix, seed_text, seed_gold) -> None:
    gold = seed_gold(prefix)
    body = squash(split_page(seed_text(prefix)).body)
    assert body.startswith(squash(gold["body_start"]))
    assert body.endswith(squash(gold["body_end"]))


@pytest.mark.parametrize("prefix", SEEDS)
def test_seed_furniture_does_not_leak_into_the_body(prefix, seed_text, seed_gold) -> None:
    body = squash(split_page(seed_text(prefix)).body)
    for furniture in seed_gold(prefix)["boilerplate"]:
        assert squash(furniture) not in body


@pytest.mark.parametrize("prefix", SEEDS)
def test_seed_body_is_made_of_verbatim_input_lines(prefix, seed_text) -> None:
    raw = seed_text(prefix)
    lines = {line.strip() for line in raw.split("\n")}
    for paragraph in split_page(raw).body.split("\n\n"):
        assert paragraph in lines


def test_interview_questions_stay_in_the_body(seed_text) -> None:
    body = split_page(seed_text("001")).body
    questions = [p for p in body.split("\n\n") if p.startswith("- ") and p.endswith("?")]
    assert len(questions) >= 5


def test_headline_lists_with_timestamps_are_marked_as_listed(seed_text) -> None:
    page = split_page(seed_text("001"))
    listed = [line for line in page.lines if line.kind == LISTED]
    assert len(listed) > 30
    assert all(page.lines.index(line) > page.end for line in listed if page.lines.index(line) > 10)


KG_SCRAPE = """\
Главная / Политика
RU | KZ | EN
Поиск

Kyrgyzstan and Uzbekistan finalise border delimitation deal

12 марта 2023, 14:05
Автор: Asel Nurlanova

Bishkek and Tashkent have signed the final protocol on the delimitation of their common border, ending a dispute \
that flared into clashes more than once over three decades.
The agreement, ratified by both parliaments, transfers several disputed pastures and secures joint management of \
the Kempir-Abad reservoir.
"This is a strategic choice for regional connectivity," said political analyst Emil Dzhuraev.

Фото: Kabar
Поделиться

Читайте также
Kazakhstan raises gas prices for households
12 марта 2023, 10:00
Tajikistan and Kyrgyzstan hold talks in Batken
11 марта 2023, 18:30

Подписывайтесь на наш Telegram-канал
© 2023 24.kg. Все права защищены.
"""

GE_SCRAPE = """\
Civil.ge
News Analysis Opinion Multimedia
EN ქართ

Georgia’s parliament overrides veto on foreign agents law
By Nino Beridze
Published: May 28, 2024 | Updated: May 29, 2024

The Georgian parliament on Tuesday overrode the presidential veto of the law on transparency of foreign influence, \
despite weeks of protests in Tbilisi.
The European Union warned that the law is incompatible with Georgia's candidate status.

Read also: Brussels weighs options after the Tbilisi vote

Washington announced a review of its cooperation with Tbilisi, while Moscow welcomed the vote as a sovereign decision.

Tags: Georgia, EU, foreign agents law
Share this article

Related articles
EU foreign ministers discuss Georgia’s candidate status
The ministers met in Brussels to assess the situation after the vote.
Protesters gather outside parliament for the third week
Thousands of people marched along Rustaveli Avenue on Sunday evening.

Most read
Armenia and Azerbaijan agree on the text of a peace treaty
"""


def test_cyrillic_furniture_is_removed() -> None:
    body = split_page(KG_SCRAPE).body
    assert body.startswith("Bishkek and Tashkent have signed")
    assert body.endswith("said political analyst Emil Dzhuraev.")
    for furniture in ("Главная", "Поиск", "Автор", "Фото", "Поделиться", "Kazakhstan raises gas", "Telegram", "24.kg"):
        assert furniture not in body


def test_inline_read_also_is_dropped_but_the_article_continues() -> None:
    body = split_page(GE_SCRAPE).body
    assert body.startswith("The Georgian parliament on Tuesday")
    assert body.endswith("welcomed the vote as a sovereign decision.")
    for furniture in ("Read also", "Tags:", "Share this", "Related articles", "ministers met in Brussels", "Most read"):
        assert furniture not in body


def test_wrapped_paragraphs_are_kept_line_by_line() -> None:
    text = (
        "Central Asia and the Gulf: a new partnership\n\n"
        "The leaders of the five Central Asian states met their counterparts from the\n"
        "Gulf Cooperation Council in Jeddah, where they adopted a five-year plan of\n"
        "joint action on trade, energy and transport.\n\n"
        "Observers noted that Riyadh and Abu Dhabi are now among the largest investors\n"
        "in the region, after China and Russia.\n"
    )
    page = split_page(text)
    assert page.body.startswith("The leaders of the five Central Asian states met their counterparts from the\nGulf")
    assert page.body.endswith("after China and Russia.")
    assert split_page(text).lines[page.title_line].text == "Central Asia and the Gulf: a new partnership"


def test_a_standfirst_restating_the_headline_is_not_body() -> None:
    text = (
        "Tokayev visits Baku to boost Middle Corridor cooperation\n"
        "Tokayev's Baku visit aims to boost Middle Corridor cooperation\n"
        "The President of Kazakhstan arrived in Baku on Tuesday for talks with his Azerbaijani counterpart.\n"
        "The sides discussed cargo transit across the Caspian Sea and the expansion of port capacity.\n"
    )
    assert split_page(text).body.startswith("The President of Kazakhstan arrived")


def test_page_of_furniture_only_has_no_body() -> None:
    text = "Home\nLatest news\nSubscribe to our Telegram channel\n12 June 2024 - 10:00\n"
    assert split_page(text).body == ""


# Lines built from words, punctuation and furniture-like pieces, to exercise every classifier branch.
_PIECES = st.sampled_from(
    [
        "Read also", "Latest news", "13 June 2024 - 20:45", "By Anna Petrova", "Subscribe to our Telegram channel",
        "Фото: agency.kz", "16 px", "Comments", "- Why does it matter?", "1) What next?", "Date", "Author",
        "Kazakhstan and Russia signed a treaty.", "The corridor runs through Azerbaijan and Georgia to Türkiye,",
        "Tokayev", "«Цитата»", "", " ", "\t", "Қазақстан", "Home page World", "EN RU AZ",
    ]
)  # fmt: skip
_LINE = st.one_of(_PIECES, st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200))


@settings(max_examples=200, deadline=None)
@given(st.lists(_LINE, max_size=40))
def test_body_is_always_made_of_verbatim_input_lines(lines: list[str]) -> None:
    text = "\n".join(lines)
    page = split_page(text)
    stripped = {line.strip() for line in text.split("\n")}
    for index in page.body_lines:
        assert page.lines[index].text in stripped
        assert page.lines[index].text
    for part in re.split(r"\n\n|\n", page.body) if page.body else []:
        assert part in stripped


@settings(max_examples=100, deadline=None)
@given(st.lists(_LINE, min_size=1, max_size=30))
def test_from_text_never_raises_anything_but_ingest_error(lines: list[str]) -> None:
    from multivector.errors import IngestError

    try:
        doc = from_text("\n".join(lines))
    except IngestError:
        return
    for part in doc.body.split("\n"):
        assert part in "\n".join(lines)
