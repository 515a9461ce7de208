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


# --- more layouts: a think-tank brief, a regional news site, wire and agency pages, an op-ed site -----------

LAYOUTS = {
    "e": """\
Publication: Eurasia Daily Monitor Volume: 22 Issue: 41
By: Paul Novak
March 18, 2025 03:25 PM Age: 2 days

Kazakhstan Hedges Its Bets on Caspian Oil Routes

Executive Summary:
- Kazakhstan is increasing oil shipments across the Caspian Sea to Azerbaijan to reduce its reliance on the Russian pipeline to Novorossiysk.
- The volumes remain small, and the Caspian Pipeline Consortium still carries about 80 percent of Kazakhstan's crude exports.
On March 3, KazMunayGas announced that it would ship 2.2 million tonnes of crude through the Baku-Tbilisi-Ceyhan pipeline in 2025, up from 1.5 million tonnes last year (Kazinform, March 3).

The decision follows repeated stoppages at the terminal of the Caspian Pipeline Consortium near Novorossiysk, which Russian courts and inspectors have closed several times since 2022 (TASS, March 10).

Officials in Astana describe the Caspian route as insurance rather than an alternative. Its capacity is limited by the size of the tanker fleet and by the port facilities in Aktau and Kuryk.
Share
Related
Azerbaijan and Turkmenistan Revive Trans-Caspian Gas Talks
""",
    "f": """\
Eurasianet
Tajikistan: Dushanbe hosts water conference amid border tensions
Officials pledged more money for glaciers, but the border with Kyrgyzstan stayed off the agenda.
Ayub Karimov Jun 10, 2024
Delegates at the opening session. (Photo: Ayub Karimov)

Tajikistan hosted the third Dushanbe Water Process conference this week, bringing together ministers and diplomats from more than 60 countries to discuss the melting of Central Asia's glaciers.

President Emomali Rahmon told delegates that Tajikistan had lost more than a thousand glaciers in recent decades and called for a fund to protect them.

The border dispute with Kyrgyzstan, which led to deadly clashes in 2021 and 2022, was not discussed in public sessions.
Ayub Karimov is a journalist based in Dushanbe.
Support independent journalism in Central Asia. Donate to Eurasianet today.
Sign up for our weekly newsletter.
""",
    "g": """\
Kun.uz
19:45 / 03.03.2024   2345
Uzbekistan to open new border crossing with Turkmenistan

Uzbekistan will open a new border crossing with Turkmenistan in the Khorezm region this spring, the State Customs Committee said on Sunday.

The crossing is expected to handle up to 500 trucks a day and will shorten the route to Turkmen ports on the Caspian Sea.
Trade between the two countries exceeded $1.2 billion last year, according to official data.
Source: Kun.uz
If you find an error in the text, select it and press Ctrl+Enter
Telegram  Instagram  YouTube
""",
    "h": """\
DAILY SABAH WITH AA
ISTANBUL
Published Oct 07, 2025 2:16 pm
Turkic states' leaders pose for a photo at the summit in Gabala, Azerbaijan, Oct. 7, 2025. (AA Photo)

Turkic states agree to expand transport cooperation

Leaders of the Organization of Turkic States agreed on Tuesday to speed up work on transport links between Türkiye and Central Asia, according to a declaration adopted at the summit.

The declaration calls for common customs procedures along the Middle Corridor and for a joint investment fund.

"Our countries are natural partners," President Recep Tayyip Erdoğan said in his address.
Related topics
TURKIC STATES
AZERBAIJAN
""",
    "i": """\
By Farangis Najibullah
March 04, 2024 12:45 GMT
Share

Tajik Migrants Face New Checks In Russia After Concert Hall Attack

Tajik migrant workers in Russia say they face more frequent police checks and raids since the attack on a concert hall near Moscow in March.

Several workers interviewed by RFE/RL said they had been detained for hours at police stations even though their documents were in order.

Tajikistan's Foreign Ministry has asked Moscow to respect the rights of its citizens.
Copyright (c) 2024. RFE/RL, Inc. Used with the permission of Radio Free Europe/Radio Liberty, 1201 Connecticut Ave NW, Ste 400, Washington DC 20036.
""",
    "j": """\
Central Asia’s quiet turn to Tokyo
Japan offers money and technology without the strings Beijing and Moscow attach
by Stephen Marsh October 5, 2023
Japan's prime minister meets Central Asian leaders. Image: Twitter

Japan has spent three decades building ties with Central Asia with little fanfare, and the effort is beginning to pay off as the region looks for partners other than Russia and China.

Tokyo's offer is modest in size but attractive in kind: loans on soft terms, technology for mining and processing, and no demands on domestic politics.

Whether Japan can turn goodwill into influence depends on how much money it is willing to commit.
Follow Stephen Marsh on X at @smarsh
Sign up here to comment on Asia Times stories
Thank you for registering!
""",
    "k": """\
The Times of Central Asia
By Joanna Miles - 05.03.2024
Kazakhstan Tightens Rules on Re-Exports to Russia
Image: Wikimedia Commons

Kazakhstan has introduced new rules to track goods that could be re-exported to Russia, the Ministry of Trade and Integration said on Monday.

Under the rules, importers of more than 100 types of goods will have to report where the goods end up, a measure Western officials have long asked for.
The ministry said the system would be fully operational by July.
""",
    "l": """\
ASTANA. KAZINFORM – The Senate of Kazakhstan ratified on Thursday an agreement with Uzbekistan on the demarcation of the state border, Kazinform correspondent reports.

The agreement completes the legal formalisation of the border between the two countries, which is more than 2,300 kilometres long.

Senators said the treaty would help develop trade and tourism in the border regions.
""",
}

EXPECTED = {
    "e": dict(title="Kazakhstan Hedges Its Bets on Caspian Oil Routes", published="2025-03-18", outlet="Eurasia Daily Monitor", authors=["Paul Novak"], start="Kazakhstan is increasing oil shipments", end="the port facilities in Aktau and Kuryk.", leaks=["By: Paul Novak", "Age: 2 days", "Share", "Azerbaijan and Turkmenistan Revive"]),
    "f": dict(title="Tajikistan: Dushanbe hosts water conference amid border tensions", published="2024-06-10", outlet="Eurasianet", authors=["Ayub Karimov"], start="Tajikistan hosted the third Dushanbe", end="was not discussed in public sessions.", leaks=["Delegates at the opening", "is a journalist based", "Donate to Eurasianet", "newsletter"]),
    "g": dict(title="Uzbekistan to open new border crossing with Turkmenistan", published="2024-03-03", outlet="Kun.uz", authors=[], start="Uzbekistan will open a new border crossing", end="according to official data.", leaks=["Source: Kun.uz", "Ctrl+Enter", "Instagram", "2345"]),
    "h": dict(title="Turkic states agree to expand transport cooperation", published="2025-10-07", outlet="Daily Sabah", authors=[], start="Leaders of the Organization of Turkic States", end="said in his address.", leaks=["(AA Photo)", "Related topics", "TURKIC STATES", "DAILY SABAH"]),
    "i": dict(title="Tajik Migrants Face New Checks In Russia After Concert Hall Attack", published="2024-03-04", outlet="RFE/RL", authors=["Farangis Najibullah"], start="Tajik migrant workers in Russia say", end="respect the rights of its citizens.", leaks=["Copyright", "Share"]),
    "j": dict(title="Central Asia’s quiet turn to Tokyo", published="2023-10-05", outlet="Asia Times", authors=["Stephen Marsh"], start="Japan has spent three decades", end="it is willing to commit.", leaks=["Image: Twitter", "Follow Stephen", "Sign up here", "Thank you for registering"]),
    "k": dict(title="Kazakhstan Tightens Rules on Re-Exports to Russia", published="2024-03-05", outlet="The Times of Central Asia", authors=["Joanna Miles"], start="Kazakhstan has introduced new rules", end="fully operational by July.", leaks=["Image: Wikimedia", "By Joanna Miles"]),
    "l": dict(title=None, published=None, outlet="Kazinform", authors=[], start="ASTANA. KAZINFORM – The Senate", end="tourism in the border regions.", leaks=[]),
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_more_layouts(name: str) -> None:
    expected, doc = EXPECTED[name], from_text(LAYOUTS[name])
    body = " ".join(doc.body.split())
    assert doc.title == expected["title"]
    assert doc.published == expected["published"]
    assert (doc.outlet or "").casefold() == (expected["outlet"] or "").casefold()
    assert [a.casefold() for a in doc.authors] == [a.casefold() for a in expected["authors"]]
    assert expected["start"] in body[: 120 + len(expected["start"])]
    assert expected["end"] in body[-(120 + len(expected["end"])) :]
    assert not _leaks(body, *expected["leaks"])


# --- what may follow the last paragraph ---------------------------------------------------------------------

TAIL_ARTICLE = """\
Kazakhstan and Kyrgyzstan agree on water swaps

Kazakhstan and Kyrgyzstan agreed on Friday to swap electricity for irrigation water during the summer, the Kazakh Ministry of Water Resources said.

The deal follows a dry spring that left reservoirs in southern Kazakhstan at less than half of their usual level.

Kyrgyz officials said the Toktogul reservoir would release more water in July and August in exchange for Kazakh power deliveries in winter.
"""
TAIL_LAST = "in exchange for Kazakh power deliveries in winter."


@pytest.mark.parametrize(
    "tail",
    [
        "This article was originally published by Steppe Review and is republished with permission.",
        "(Reporting by Olga Orlova; Editing by Mark Hill)",
        "*Dana Ospanova is a journalist based in Almaty.",
        "Editor's note: the figures were corrected on June 5.",
        "The views expressed in this article are the author's own.",
        "Translated by Aliya Bekova.",
        "Published: 05.06.2024 10:15",
        "Related\nKazakhstan plans new canal to share water with Uzbekistan, officials say in a statement issued today.",
    ],
)
def test_the_body_stops_before_sign_offs_and_lists(tail: str) -> None:
    assert from_text(TAIL_ARTICLE + tail + "\n").body.endswith(TAIL_LAST)


@pytest.mark.parametrize(
    ("tail", "last"),
    [
        ("In 2023, the", "In 2023, the"),  # a scrape cut a few words into the last paragraph
        ("\nThe ministry said the", "The ministry said the"),
        (
            "Read also:\nKazakhstan plans new canal\n\nThe talks will continue in May.",
            "The talks will continue in May.",
        ),
    ],
)
def test_no_text_is_lost_at_the_end(tail: str, last: str) -> None:
    body = from_text(TAIL_ARTICLE + tail + "\n").body
    assert body.endswith(last)
    assert "Kazakhstan plans new canal" not in body


# --- byline forms ------------------------------------------------------------------------------------------

BYLINE_BODY = (
    "\n\nKazakhstan and Kyrgyzstan agreed on Friday to swap electricity for irrigation water during the summer, the "
    "ministry said.\n\nThe deal follows a dry spring that left reservoirs in southern Kazakhstan at less than half of "
    "their usual level.\n"
)
BYLINE_CASES = [
    ("By Aida Nurlanova, Special to the Steppe Review", ["Aida Nurlanova"]),
    ("Aida Nurlanova | Steppe Review", ["Aida Nurlanova"]),
    ("Author: Aida Nurlanova, political analyst", ["Aida Nurlanova"]),
    ("Aida Nurlanova for Steppe Review", ["Aida Nurlanova"]),
    ("Written by Aida Nurlanova on 12 March 2024", ["Aida Nurlanova"]),
    ("Reporter: Aida Nurlanova", ["Aida Nurlanova"]),
    ("By Aida Nurlanova in Almaty", ["Aida Nurlanova"]),
    ("By AIDA NURLANOVA", ["AIDA NURLANOVA"]),
    ("By Aida Nurlanova and Timur Ospanov", ["Aida Nurlanova", "Timur Ospanov"]),
    ("By Aida Nurlanova, Timur Ospanov and Dana Sadykova", ["Aida Nurlanova", "Timur Ospanov", "Dana Sadykova"]),
    ("Aida Nurlanova, Timur Ospanov", ["Aida Nurlanova", "Timur Ospanov"]),
    ("Photo by Aida Nurlanova", []),
    ("Photo: Timur Ospanov / Steppe Review", []),
    ("By Aida Nurlanova\nPhoto: Timur Ospanov", ["Aida Nurlanova"]),
    ("Aida Nurlanova\n12 March 2024", ["Aida Nurlanova"]),
    ("12 March 2024 | Aida Nurlanova", ["Aida Nurlanova"]),
    ("Posted by Aida Nurlanova on March 12, 2024", ["Aida Nurlanova"]),
    ("By Dr. Aida Nurlanova", ["Aida Nurlanova"]),
    ("Text: Aida Nurlanova. Photo: Timur Ospanov", ["Aida Nurlanova"]),
    ("By Aida Nurlanova - Steppe Review", ["Aida Nurlanova"]),
    ("Aida Nurlanova, Staff Writer", ["Aida Nurlanova"]),
]


@pytest.mark.parametrize(("byline", "authors"), BYLINE_CASES)
def test_byline_forms(byline: str, authors: list[str]) -> None:
    doc = from_text("Kazakhstan and Kyrgyzstan agree on water swaps\n\n" + byline + BYLINE_BODY)
    assert [a.casefold() for a in doc.authors] == [a.casefold() for a in authors]
    assert doc.body.startswith("Kazakhstan and Kyrgyzstan agreed on Friday")


# --- dateline forms ----------------------------------------------------------------------------------------

DATE_CASES = [
    "05 March 2024, 14:32",
    "March 5, 2024 at 2:32 pm",
    "2024-03-05T14:32:00+05:00",
    "Tue, 05 Mar 2024 14:32:00 GMT",
    "05.03.2024 | 14:32",
    "14:32, 05.03.2024",
    "5 марта 2024, 14:32",
    "Updated: 6 March 2024 / Published: 5 March 2024",
    "Mar 5th, 2024",
    "Date: 05/03/2024",
    "Published on: 5 March 2024 by Aida Nurlanova",
    "Tuesday, March 5, 2024",
    "5 March 2024 | Politics",
    "Politics | 5 March 2024 | 1234 views",
    "Published 5 March 2024, updated 6 March 2024",
    "5 Mart 2024",
    "05 март 2024 ж.",
    "5-Mar-2024",
    "March 05, 2024 - 14:32",
    "By Aida Nurlanova, 5 March 2024",
    "Aida Nurlanova · 5 March 2024 · 4 min read",
    "Published: March 5th 2024, 2:32 PM GMT+5",
    "05/03/2024 14:32",
    "2024.03.05",
]


@pytest.mark.parametrize("where", ["above the headline", "under the headline"])
@pytest.mark.parametrize("dateline", DATE_CASES)
def test_dateline_forms(dateline: str, where: str) -> None:
    headline = "Kazakhstan and Kyrgyzstan agree on water swaps"
    text = f"{dateline}\n\n{headline}" if where == "above the headline" else f"{headline}\n\n{dateline}"
    doc = from_text(text + BYLINE_BODY)
    assert doc.published == "2024-03-05"
    assert doc.title == headline and dateline not in doc.body


# --- headline forms ----------------------------------------------------------------------------------------

TITLE_H = "Kazakhstan and Kyrgyzstan agree on water swaps"
TITLE_CASES = [
    (TITLE_H + " | Qazaq Wire", TITLE_H),
    (TITLE_H + " - Steppe Review", TITLE_H),
    (TITLE_H + " – Qafqaz Post", TITLE_H),
    ("Home > News > Politics\n" + TITLE_H, TITLE_H),
    ("ANALYSIS\n" + TITLE_H, TITLE_H),
    ("EXCLUSIVE: " + TITLE_H, "EXCLUSIVE: " + TITLE_H),
    (TITLE_H.upper(), TITLE_H.upper()),
    ("Steppe Review\nNews | Analysis | Opinion\n" + TITLE_H, TITLE_H),
    (TITLE_H + "\nBy Aida Nurlanova\n12 March 2024", TITLE_H),
    (TITLE_H + "?", TITLE_H + "?"),
    ("Menu\nSearch\n" + TITLE_H + "\n12 March 2024", TITLE_H),
    (
        "Latest news\nUzbekistan opens new checkpoint\n10:15\nTajikistan raises tariffs\n09:40\n\n"
        + TITLE_H
        + "\n12 March 2024",
        TITLE_H,
    ),
    ("Politics\n12 March 2024, 10:15\n" + TITLE_H, TITLE_H),
    (TITLE_H + "\nKyrgyzstan will receive power in winter in return", TITLE_H),
    ("‘" + TITLE_H + "’", "‘" + TITLE_H + "’"),
    ('"We will share the water," says minister', '"We will share the water," says minister'),
]


@pytest.mark.parametrize(("head", "title"), TITLE_CASES)
def test_headline_forms(head: str, title: str) -> None:
    doc = from_text(head + BYLINE_BODY)
    assert doc.title == title
    assert doc.body.startswith("Kazakhstan and Kyrgyzstan agreed on Friday")


# --- what is not the outlet --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "credit",
    [
        "Photo: Trend",
        "The reservoir in May. Photo: Azertac.",
        "Trucks at the border (AA Photo)",
        "Photo: Kazinform/Daniyar Sadykov",
        "© Reuters",
        "Photo credit: TASS",
        "Image: Sputnik / Ivan Petrov",
        "Reservoir at Toktogul. © AFP",
    ],
)
def test_a_photo_credit_names_neither_outlet_nor_author(credit: str) -> None:
    doc = from_text("Kazakhstan and Kyrgyzstan agree on water swaps\n\n" + credit + BYLINE_BODY)
    assert doc.outlet is None and doc.authors == []
    assert credit not in doc.body


@pytest.mark.parametrize(
    ("line", "outlet"),
    [
        ("Minister of Foreign Affairs Jeyhun Bayramov told Report.", "Report"),
        ("The Ministry of Foreign Affairs told the Senate that talks continue.", None),
        ("Deputy Minister of Foreign Affairs Fariz Rzayev spoke at the forum on Monday.", None),
        ("Foreign Affairs Committee chair said the talks had stalled, Trend reports.", "Trend"),
        ("Moscow will supply more fuel to Bishkek this winter, TASS reported.", None),  # a source, not a self-credit
        ('"Sanctions hurt the whole region," Kazinform quoted her as saying.', None),
        ("The Financial Times writes that the port is far behind schedule.", None),
    ],
)
def test_an_organisation_in_a_job_title_is_not_the_outlet(line: str, outlet: str | None) -> None:
    assert from_text("Kazakhstan and Kyrgyzstan agree on water swaps\n\n" + line + BYLINE_BODY).outlet == outlet


# --- furniture inside the article: the text on both sides is kept ----------------------------------------

INBODY_HEAD = "Kazakhstan and Kyrgyzstan agree on water swaps\n\n12 March 2024\n\n"
INBODY = [
    "Kazakhstan and Kyrgyzstan agreed on Friday to swap electricity for irrigation water, the ministry said.",
    "The deal follows a dry spring that left reservoirs in southern Kazakhstan at less than half of their usual level.",
    "Kyrgyz officials said the Toktogul reservoir would release more water in July and August.",
]


@pytest.mark.parametrize(
    "junk",
    [
        "President Tokayev (L) and President Japarov (R) shake hands in Astana on March 5, 2024.",
        "File photo of the Toktogul dam",
        "Illustrative image. Reservoirs have shrunk across the region.",
        "Story continues below advertisement",
        "ADVERTISEMENT",
        "Sponsored by Qazaq Bank",
        "Recommended: Uzbekistan and Tajikistan sign energy deal",
        "ALSO READ | Tajikistan raises power tariffs for industry",
        "Subscribe to our Telegram channel",
        "Share\nFacebook | X | Telegram",
        "Follow us on Instagram",
        "Join our WhatsApp channel for the latest news",
    ],
)
@pytest.mark.parametrize("after", [0, 1, 2])
def test_furniture_between_paragraphs_loses_no_text(junk: str, after: int) -> None:
    paragraphs = [*INBODY[: after + 1], junk, *INBODY[after + 1 :]]
    doc = from_text(INBODY_HEAD + "\n\n".join(paragraphs) + "\n")
    assert doc.body == "\n\n".join(INBODY)


@pytest.mark.parametrize(
    "sentence",
    [
        "Uzbekistan does not subscribe to the idea of a customs union with Russia, the minister said.",
        "Nearly 40,000 people follow the ministry's channel, and officials say they will share more data this year.",
    ],
)
def test_prose_that_mentions_subscribing_or_sharing_is_body(sentence: str) -> None:
    doc = from_text(INBODY_HEAD + INBODY[0] + "\n\n" + sentence + "\n\n" + INBODY[1] + "\n")
    assert sentence in doc.body


@pytest.mark.parametrize(
    ("raw", "title"),
    [
        (
            "TAJIKISTAN Beijing and Moscow vie for a stake in the Rogun dam",
            "Beijing and Moscow vie for a stake in the Rogun dam",
        ),
        ("CENTRAL ASIA Japan eyes a bigger stake", "Japan eyes a bigger stake"),
        ("OPINION Why the corridor matters", "Why the corridor matters"),
        ("NATO Expands Its Partnership With Kazakhstan", "NATO Expands Its Partnership With Kazakhstan"),
        ("BRICS Summit Opens In Kazan", "BRICS Summit Opens In Kazan"),
        ("EU US Trade Talks Resume", "EU US Trade Talks Resume"),
        ("UNESCO Lists Silk Road Sites", "UNESCO Lists Silk Road Sites"),
        ("EXCLUSIVE: Kazakhstan plans a new pipeline", "EXCLUSIVE: Kazakhstan plans a new pipeline"),
    ],
)
def test_a_kicker_in_capitals_is_not_part_of_the_headline(raw: str, title: str) -> None:
    assert from_text(raw + BYLINE_BODY).title == title
