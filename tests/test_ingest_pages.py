# ruff: noqa: E501 - the pages keep their lines as a scrape has them
"""Pages from outlets nobody tuned to, written for these tests: the body's ends (a last paragraph cut mid-sentence,
a closing subheading, the furniture after it), captions, pull quotes and in-body asides, scraper date stamps and
relative dates, self-credits that name the outlet, and joint bylines."""

from __future__ import annotations

from datetime import date

import pytest

from multivector.ingest import from_text

A_PAGE = """\
Steppe Review
Politics | Security | Economy | Opinion

Uzbekistan's Water Diplomacy Faces a Dry Decade

Tashkent is betting on canals and cooperation. The climate may not wait.

By Dilnoza Rakhimova, Aidar Karimov, and Timur Sadykov
March 12, 2024
Workers repair an irrigation channel near Bukhara. Photo: Steppe Review

Uzbekistan has spent the past five years turning water from a source of quarrels with its neighbours into a subject of joint planning, and officials in Tashkent now speak of the Amu Darya as a shared asset rather than a contested one.

The change began in 2017, when the new government lifted the objections its predecessor had raised to the Rogun dam in Tajikistan and signed a string of agreements with Dushanbe on energy trade.

Afghanistan is the unknown in every forecast. The Qosh Tepa canal, which the Taliban government began digging in 2022, could take as much as a fifth of the river's flow once it is finished, according to estimates by regional hydrologists.

"We cannot plan the next decade without a seat at the table for Kabul," a senior official of the Uzbek water ministry said, asking not to be named.

What comes next

Tashkent wants a regional water council that would include Afghanistan as an observer, and the ministry expects the first round of technical talks to open in Termez before the end of the year, although diplomats warn that the
Authors
Dilnoza Rakhimova is a researcher at the Centre for Regional Studies in Tashkent.
Tags
Central Asia
Uzbekistan
Water
Related
How Kazakhstan learned to love the Caspian
Tajikistan's Rogun dam enters a new phase
Share this article
Facebook Twitter Email
Sign up for our weekly newsletter
Get the best of our analysis delivered to your inbox every Friday.
4 comments
© 2024 Steppe Review. All rights reserved.
"""

A2_PAGE = """\
Steppe Review
Politics | Security | Economy | Opinion

Uzbekistan's Water Diplomacy Faces a Dry Decade

Tashkent is betting on canals and cooperation. The climate may not wait.

By Dilnoza Rakhimova, Aidar Karimov, and Timur Sadykov
March 12, 2024
Workers repair an irrigation channel near Bukhara. Photo: Steppe Review

Uzbekistan has spent the past five years turning water from a source of quarrels with its neighbours into a subject of joint planning, and officials in Tashkent now speak of the Amu Darya as a shared asset rather than a contested one.

The change began in 2017, when the new government lifted the objections its predecessor had raised to the Rogun dam in Tajikistan and signed a string of agreements with Dushanbe on energy trade.

Afghanistan is the unknown in every forecast. The Qosh Tepa canal, which the Taliban government began digging in 2022, could take as much as a fifth of the river's flow once it is finished, according to estimates by regional hydrologists.

"We cannot plan the next decade without a seat at the table for Kabul," a senior official of the Uzbek water ministry said, asking not to be named.

What comes next

Tashkent wants a regional water council that would include
Authors
Dilnoza Rakhimova is a researcher at the Centre for Regional Studies in Tashkent.
Tags
Central Asia
Uzbekistan
Water
Related
How Kazakhstan learned to love the Caspian
Tajikistan's Rogun dam enters a new phase
Share this article
Facebook Twitter Email
Sign up for our weekly newsletter
Get the best of our analysis delivered to your inbox every Friday.
4 comments
© 2024 Steppe Review. All rights reserved.
"""

B_PAGE = """\
Caucasus Ledger
Home / News / Armenia

Armenia and the EU open talks on visa liberalisation

Published: 12.03.2024
Text: Anna Grigoryan | Photo: Hayk Petrosyan

Armenia and the European Union opened a dialogue on visa liberalisation in Brussels on Tuesday, the Armenian Foreign Ministry said, calling it a milestone in relations with the bloc.

The talks follow a decision by EU foreign ministers in December to start the process, which usually takes several years and requires reforms of border management and document security.

Foreign Minister Ararat Mirzoyan thanked the member states for their support and said Yerevan would meet every benchmark set by the European Commission.

Read also: Georgia's visa-free regime with the EU faces review

Russia, Armenia's formal ally, has not commented on the talks. Moscow has repeatedly warned Yerevan against moving closer to Western institutions while it remains a member of the Eurasian Economic Union.

Advertisement

The Commission is expected to publish a first assessment of Armenia's progress in the autumn, officials in Brussels said.
Share:
Facebook | X | Telegram | Copy link
Comments (3)
Most read
Azerbaijan and Armenia agree on border commission rules
Copyright (c) 2024 Caucasus Ledger. Reproduction only with a hyperlink to the source.
"""

C_PAGE = """\
3 hours ago
Kazakhstan raises oil output target for 2025

ASTANA, March 5. Kazakhstan has raised its oil output target for 2025 to 96.2 million tonnes, Energy Minister Almasadam Satkaliyev told a government meeting on Tuesday, Qazaq Wire reports.

The new target is about 2 per cent higher than last year's output and assumes that the expansion of the Tengiz field will reach full capacity by the summer.

"The Caspian Pipeline Consortium has confirmed it can carry the additional volumes," the minister said.
Satkaliyev said the country would continue to meet its commitments under the OPEC+ agreement, although the quota set for Kazakhstan is lower than the planned output.
Tags: Kazakhstan, oil, OPEC+, Tengiz
Follow Qazaq Wire on Telegram
"""

D_PAGE = """\
Tashkent and Kabul agree on a railway timetable

Tashkent, 4 April 2024

Uzbekistan and Afghanistan agreed on Thursday on a timetable for the trans-Afghan railway, the Uzbek transport ministry said, and the first section is due to open in 2027.

"This railway will change the economy of the whole region"

The line is meant to link Termez with Peshawar in Pakistan through Mazar-i-Sharif and Kabul. "This railway will change the economy of the whole region," the deputy minister said after the meeting.

Funding remains the main obstacle: the project is estimated at about $4.8 billion, and the partners have not said who will pay for the mountain sections.
"""


def _leaks(body: str, *lines: str) -> list[str]:
    return [line for line in lines if line in body]


def test_analysis_page_keeps_the_closing_subheading_and_stops_at_the_furniture() -> None:
    doc = from_text(A_PAGE)
    assert doc.title == "Uzbekistan's Water Diplomacy Faces a Dry Decade"
    assert doc.body.startswith("Uzbekistan has spent the past five years")  # the deck is not the first line
    assert doc.body.endswith("although diplomats warn that the")
    assert "What comes next" in doc.body
    assert doc.authors == ["Dilnoza Rakhimova", "Aidar Karimov", "Timur Sadykov"]
    assert doc.published == "2024-03-12" and doc.outlet == "Steppe Review"
    assert not _leaks(doc.body, "Photo: Steppe Review", "is a researcher", "Tags", "How Kazakhstan learned",
                      "Share this article", "newsletter", "4 comments", "©")  # fmt: skip


def test_a_short_last_paragraph_cut_mid_sentence_is_kept() -> None:
    doc = from_text(A2_PAGE)
    assert doc.body.endswith("What comes next\n\nTashkent wants a regional water council that would include")


def test_news_page_inline_read_also_ad_share_bar_comments_copyright() -> None:
    doc = from_text(B_PAGE)
    assert doc.published == "2024-03-12"
    assert doc.authors == ["Anna Grigoryan"]  # "Photo: NAME" is a credit, not an author
    assert doc.outlet == "Caucasus Ledger"
    assert doc.body.endswith("officials in Brussels said.")
    assert "Moscow has repeatedly warned Yerevan" in doc.body
    assert not _leaks(doc.body, "Read also", "Advertisement", "Share:", "Copy link", "Comments (3)", "Most read",
                      "Copyright")  # fmt: skip


def test_wire_page_relative_date_self_credit_and_tags() -> None:
    doc = from_text(C_PAGE, crawled=date(2025, 3, 5))
    assert doc.published == "2025-03-05"
    assert from_text(C_PAGE).published is None  # no crawl date: "3 hours ago" says nothing
    assert from_text("Retrieved: 2025-03-05\n" + C_PAGE).published == "2025-03-05"
    assert doc.outlet == "Qazaq Wire"
    assert doc.body.endswith("lower than the planned output.")
    assert not _leaks(doc.body, "Tags:", "Follow Qazaq Wire")


def test_pull_quote_repeated_from_the_text_is_not_body() -> None:
    doc = from_text(D_PAGE)
    assert doc.body.count("This railway will change the economy of the whole region") == 1
    assert doc.body.startswith("Uzbekistan and Afghanistan agreed on Thursday")


ARTICLE_TAIL = (
    "\n\nThe agreement covers transit fees, customs checks and the schedule of the new ferry line across the "
    "Caspian Sea.\n\nBoth sides said the first cargo would move before the end of the summer season.\n"
)


@pytest.mark.parametrize(
    ("head", "published", "outlet", "first"),
    [
        (
            " date 2024-03-05 Kazakhstan and Azerbaijan signed a transit deal on Tuesday in Baku.",
            "2024-03-05",
            None,
            "Kazakhstan and Azerbaijan signed",
        ),
        (
            "date 2024-03-05 5 March 2024 09:10 (UTC+04:00)\n\nKazakhstan and Azerbaijan signed a transit deal in Baku.",
            "2024-03-05",
            None,
            "Kazakhstan and Azerbaijan signed",
        ),
        (
            "STEPPE-NEWS. March 5, 2024. Kazakhstan and Azerbaijan signed a transit deal on Tuesday in Baku.",
            "2024-03-05",
            "STEPPE-NEWS",
            "Kazakhstan and Azerbaijan signed",
        ),
        (
            "(FEEDWIRE - Caspian Monitor) Kazakhstan and Azerbaijan signed a transit deal on Tuesday in Baku.",
            None,
            "Caspian Monitor",
            "Kazakhstan and Azerbaijan signed",
        ),
        (
            "Kazakhstan and Azerbaijan signed a transit deal on Tuesday in Baku, Report informs.",
            None,
            "Report",
            "Kazakhstan and Azerbaijan signed",
        ),
        (
            'Kazakhstan and Azerbaijan signed a transit deal in Baku, the "Steppe Courier" has reported.',
            None,
            "Steppe Courier",
            "Kazakhstan and Azerbaijan signed",
        ),
        (
            "The deal is a turning point, analyst Rauf Aliyev said in a comment specifically for Qafqaz Post.",
            None,
            "Qafqaz Post",
            "The deal is a turning point",
        ),
        (
            "The deal is a turning point, Minister of Foreign Affairs Jeyhun Bayramov told reporters in Baku.",
            None,
            None,
            "The deal is a turning point",
        ),
        (
            "Published: 12.03.2024\n\nKazakhstan and Azerbaijan signed a transit deal on Tuesday in Baku.",
            "2024-03-12",
            None,
            "Kazakhstan and Azerbaijan signed",
        ),
    ],
)
def test_date_stamps_and_self_credits(head: str, published: str | None, outlet: str | None, first: str) -> None:
    doc = from_text(head + ARTICLE_TAIL)
    assert doc.published == published
    assert doc.outlet == outlet
    assert doc.body.startswith(first)
    assert "date 2024" not in doc.body and "STEPPE-NEWS" not in doc.body and "FEEDWIRE" not in doc.body


@pytest.mark.parametrize(
    "caption",
    [
        "The port of Aktau at dawn. Photo: Caspian Ports Authority.",
        "President Tokayev and President Aliyev in Baku on March 5, 2024. (Contributor/Getty Images)",
        "Trucks queue at the border crossing (AA Photo)",
        "Photo by Aigerim Sadykova",
    ],
)
def test_captions_are_neither_body_nor_authors_nor_outlet(caption: str) -> None:
    text = "Kazakhstan opens a new ferry line\n\n" + caption + ARTICLE_TAIL
    doc = from_text(text)
    assert caption not in doc.body
    assert doc.authors == [] and doc.outlet is None
