"""Page layouts other than the seeds': masthead and tagline, menu rows, section label, headline, standfirst,
byline and date lines in either order, captions, share bars, in-body "Read also" lists and ads, sign-offs,
tags, related lists and footers. The pages below were written for these tests; the dev set (eval/dev, ours)
is read from the repository."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from multivector.ingest import from_text, load
from multivector.ingest.dates import is_dateline
from multivector.ingest.furniture import byline_name, is_row, is_sign_off, looks_like_masthead, section_marker
from multivector.ingest.metadata import clean_title

DEV = Path(__file__).resolve().parents[1] / "eval" / "dev"
DEV_DOCS = sorted(p.stem for p in (DEV / "raw").glob("*.txt"))


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


# --- a wire page: masthead + tagline, menu rows, "NAME, Outlet:" byline, an in-body list, a bio at the end --

WIRE_PAGE = """\
Steppe Wire
Central Asian News Agency
Politics   Economy   Energy   World   Opinion
EN | RU | KZ

Energy > Kazakhstan

Kazakhstan and China agree to expand the Khorgos gateway

3 March 2025 09:12 (UTC +05:00)

Photo: Ministry of Transport press office

Aliya Nurlanova, Steppe Wire:

ASTANA, Kazakhstan, March 3. Kazakhstan and China signed an agreement on Monday to double the capacity of \
the Khorgos dry port by 2028, the Ministry of Transport said.

The ministry said the expansion would cost about $300 million and would be financed by both sides.

[READ ALSO]
Caspian ferry line adds two vessels
Almaty airport opens new terminal

Officials in Astana expect container traffic through Khorgos to reach 800,000 units a year once the works \
are complete, up from about 450,000 last year.

Analysts say the project strengthens the northern route at a time when the Middle Corridor is competing for \
the same cargo.

Aliya Nurlanova is a correspondent covering transport and energy in Central Asia.

Follow the author on X: @anurlanova
Related news
Uzbekistan raises cotton export quota
"""


def test_wire_page_headline_is_below_masthead_tagline_menus_and_breadcrumb() -> None:
    doc = from_text(WIRE_PAGE)
    assert doc.title == "Kazakhstan and China agree to expand the Khorgos gateway"
    assert doc.published == "2025-03-03"
    assert doc.authors == ["Aliya Nurlanova"]


def test_wire_page_body_runs_across_the_read_also_list_and_stops_before_the_bio() -> None:
    body = from_text(WIRE_PAGE).body
    assert body.startswith("ASTANA, Kazakhstan, March 3. Kazakhstan and China signed")
    assert body.endswith("competing for the same cargo.")
    for furniture in ("Aliya Nurlanova, Steppe Wire:", "[READ ALSO]", "Caspian ferry line", "is a correspondent"):
        assert furniture not in body


# --- a long-read: standfirst, "NAME  date" row, caption with credit, share bar, ads, outlet blurb ----------

LONGREAD_PAGE = """\
CASPIAN REVIEW
News   Analysis   Features   Perspectives   Podcasts
Donate

AZERBAIJAN

Baku bets on the Middle Corridor as Russian routes fade

The Caspian port of Alat has become the centre of a quiet building boom.

Farid Guliyev  May 2, 2025

Cranes at the port of Alat, south of Baku, where a new container terminal is being built. (Photo: Farid Guliyev)

Share this: Facebook | X | Email | Print

When the government in Baku announced last spring that it would expand the port of Alat, few outside the \
region noticed, but the decision has since reshaped how traders think about the Caspian.

Advertisement

The first phase will raise capacity to 25 million tonnes a year.

Traders in Aktau and Baku now speak of the corridor as a fact rather than a plan, although bottlenecks at \
the ports remain the main complaint.

Caspian Review is an independent news organization covering the South Caucasus and Central Asia.
Republish this article | Support independent journalism
MORE ON AZERBAIJAN
Azerbaijan and Uzbekistan sign energy memorandum
"""


def test_longread_metadata_from_the_name_and_date_row() -> None:
    doc = from_text(LONGREAD_PAGE)
    assert doc.title == "Baku bets on the Middle Corridor as Russian routes fade"
    assert doc.published == "2025-05-02"
    assert doc.authors == ["Farid Guliyev"]


def test_longread_body_keeps_the_paragraph_after_an_ad_and_drops_caption_and_blurb() -> None:
    body = from_text(LONGREAD_PAGE).body
    assert body.startswith("When the government in Baku announced last spring")
    assert "The first phase will raise capacity to 25 million tonnes a year." in body
    assert body.endswith("remain the main complaint.")
    for furniture in ("(Photo: Farid Guliyev)", "Advertisement", "independent news organization", "Republish"):
        assert furniture not in body
    assert "The Caspian port of Alat has become" not in body  # the standfirst


# --- an op-ed: "NAME's op-ed for Outlet", lone name line, disclaimer, "The author is ..." -----------------

OPED_PAGE = """\
EURASIA DESK
Politics   Economy   Region   Opinion
OPINION

Why Tashkent should not rush into the Eurasian Economic Union
Rustam Karimov's op-ed for Eurasia Desk

14 October 2025 - 11:05
Rustam Karimov

Uzbekistan has gained a great deal from observer status in the Eurasian Economic Union, and it should keep \
the flexibility that this status gives it rather than trade it for full membership.

Full membership would oblige Tashkent to adopt a common external tariff that suits Russia's industry far \
better than Uzbekistan's, and it would complicate the talks on joining the World Trade Organization.

The author is a Tashkent-based trade economist.
The views expressed in this op-ed are the author's own and do not necessarily reflect those of Eurasia Desk.

Latest news
Kyrgyzstan opens new border crossing
14 October 2025 - 10:40
"""


def test_oped_author_comes_from_the_op_ed_credit_line_and_the_disclaimer_is_not_body() -> None:
    doc = from_text(OPED_PAGE)
    assert doc.title == "Why Tashkent should not rush into the Eurasian Economic Union"
    assert doc.authors == ["Rustam Karimov"]
    assert doc.published == "2025-10-14"
    assert doc.body.endswith("joining the World Trade Organization.")
    assert "The author is" not in doc.body and "views expressed" not in doc.body


# --- a feature page: "By A and B", "Headline | Outlet", an ad, a sidebar list above ------------------------

FEATURE_PAGE = """\
Latest
Georgia reports record tourist numbers
2 hours ago
Armenia and Iran sign transit memorandum
3 hours ago

Why Mongolia courts its third neighbours | Steppe Times

By Oyun Batbold and Tom Ellery
Published: 9 June 2025

Mongolia's foreign policy has for three decades rested on good relations with Russia and China and on \
friendships with what officials call third neighbours, from Japan to the United States.

That balance has rarely been harder to keep than it is this year, with a new pipeline deal between its two \
large neighbours on the table.

Related articles
Mongolian coal exports hit record
"""


def test_feature_title_loses_the_site_suffix_and_a_joint_byline_gives_two_authors() -> None:
    doc = from_text(FEATURE_PAGE)
    assert doc.title == "Why Mongolia courts its third neighbours"
    assert doc.authors == ["Oyun Batbold", "Tom Ellery"]
    assert doc.published == "2025-06-09"
    assert doc.body.endswith("on the table.")


# --- a "Read also" list with teasers after the article: not glued to the body ---------------------------

TEASER_PAGE = """\
Silk Road Daily
Uzbekistan | World | Business

Tashkent and Dushanbe pledge to double trade by 2030
14.03.2025, 18:20

The presidents of Uzbekistan and Tajikistan signed twelve agreements in Dushanbe on Friday and pledged to \
bring bilateral trade to $2 billion by 2030.

The two leaders also discussed water sharing on the Amu Darya and new hydropower plants, the press service said.

Read also

Kazakhstan raises gas prices for households

The government of Kazakhstan has approved a new schedule for gas tariffs, which will rise over three years.

Tajik airline opens new route to Tashkent

The airline says the route will be served three times a week starting in April, with more flights planned.
"""


def test_teasers_under_listed_headlines_do_not_join_the_body() -> None:
    doc = from_text(TEASER_PAGE)
    assert doc.body.endswith("the press service said.")
    assert "gas tariffs" not in doc.body and "Read also" not in doc.body
    assert doc.title == "Tashkent and Dushanbe pledge to double trade by 2030"


# --- the predicates on their own ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("Aliya Nurlanova, Steppe Wire:", "Aliya Nurlanova"),
        ("Rustam Karimov's op-ed for Eurasia Desk", "Rustam Karimov"),
        ("By Oyun Batbold", "Oyun Batbold"),
        ("Russia's analysis for the region", None),
        ("Moscow, Kremlin:", None),
    ],
)
def test_byline_forms(line: str, name: str | None) -> None:
    assert byline_name(line) == name


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Aliya Nurlanova is a correspondent covering transport and energy in Central Asia.", True),
        ("The author is a Tashkent-based trade economist.", True),
        ("The views expressed here are the author's own.", True),
        ("Caspian Review is an independent news organization covering the region.", True),
        ("Russia is a big country with many problems.", False),
        ("Trade with Iran is a small share of the total, officials said.", False),
    ],
)
def test_sign_offs(line: str, expected: bool) -> None:
    assert is_sign_off(line) is expected


def test_rows_mastheads_and_section_markers() -> None:
    assert is_row("Politics   Economy   Energy   World")
    assert is_row("Central Asia | Economy | Turkmenistan") and is_row("Energy > Kazakhstan")
    assert not is_row("Kazakhstan and China agree to expand the Khorgos gateway")
    assert looks_like_masthead("Central Asian News Agency") and not looks_like_masthead("China agrees new deal")
    assert section_marker("[READ ALSO]") == "aside" and section_marker("MORE ON AZERBAIJAN") == "aside"
    assert section_marker("More on this later, he said.") is None


def test_a_date_row_with_a_view_counter_is_a_dateline() -> None:
    assert is_dateline("ECONOMY | 2025-09-12 16:05:31 | Views: 1,386")
    assert not is_dateline("Trade reached 1,386 tonnes in 12 May 2025 and grew further.")


def test_title_site_suffix_is_cut_only_when_it_names_an_outlet() -> None:
    assert clean_title("Peace talks resume | Caliber.Az") == "Peace talks resume"
    assert clean_title("Tokayev's visit is historic - head of KazISS") == "Tokayev's visit is historic - head of KazISS"


# --- the dev set: every ingest field against its gold --------------------------------------------------


@pytest.mark.parametrize("stem", DEV_DOCS)
def test_dev_page_metadata_and_body_match_gold(stem: str) -> None:
    gold = json.loads((DEV / "gold" / f"{stem}.json").read_text(encoding="utf-8"))
    doc = load(DEV / "raw" / f"{stem}.txt")
    assert squash(doc.title or "") == squash(gold["title"])
    assert doc.published == gold["published"]
    assert (doc.outlet or "").casefold() == gold["outlet"].casefold()
    assert doc.authors == gold["authors"]
    body = squash(doc.body)
    assert squash(gold["body_start"]) in body[:200]
    assert body.endswith(squash(gold["body_end"]))
    for furniture in gold["boilerplate"]:
        assert squash(furniture) not in body


# --- a news page whose date sits inside the byline, and an interview lede that names the outlet at its end --

BYLINE_DATE_PAGE = """\
Steppe Courier
Nation   Business   Region   World   Opinion

Kazakhstan weighs a new transit tariff, analyst says

By Aigerim Sultanova in Business on 9 March 2025

The government of Kazakhstan is weighing a new transit tariff for containers crossing the country from China to
the Caspian ports, an analyst told the Courier on Sunday, adding that the decision could come before the summer.

"Tariffs decide where cargo goes, and cargo decides which ports grow," the analyst said in a long conversation.
"""

ANSWERED_PAGE = """\
Home page Politics

Baku and Tashkent are building a bridge across the Caspian

Uzbek economist Timur Nazarov, a senior fellow at the Tashkent Centre for Transit Studies, answered questions
from Caliber.Az:

1) How do you assess the new ferry agreement between Azerbaijan and Uzbekistan?

It is a practical step that both capitals needed, because cargo from Central Asia has been waiting for weeks
at the ports and the trade between our countries keeps growing every year.
"""


def test_a_full_date_inside_the_byline_is_the_publication_date() -> None:
    page = from_text(BYLINE_DATE_PAGE.replace("\n\n", "\0").replace("\n", " ").replace("\0", "\n\n"))
    assert page.published == "2025-03-09"
    assert page.authors == ["Aigerim Sultanova"]


def test_an_interview_lede_that_answered_questions_from_the_outlet_names_the_outlet() -> None:
    page = from_text(ANSWERED_PAGE.replace("\n\n", "\0").replace("\n", " ").replace("\0", "\n\n"))
    assert page.outlet == "Caliber.Az"
