"""Title, date, outlet, authors and language: seeds against their gold, and other layouts."""

from __future__ import annotations

import pytest

from multivector.ingest import from_text, load
from multivector.ingest.dates import find_dates, is_dateline
from multivector.ingest.language import detect_language
from multivector.ingest.metadata import clean_title, load_outlets, outlet_for_url, resolve_outlet

SEEDS = ["000", "001", "002", "003", "004"]


@pytest.mark.parametrize("prefix", SEEDS)
def test_seed_metadata_matches_gold(prefix, seed_path, seed_gold) -> None:
    gold, doc = seed_gold(prefix), load(seed_path(prefix))
    assert doc.title == gold["title"]
    assert doc.published == gold["published"]
    assert doc.outlet == gold["outlet"]
    assert doc.authors == gold["authors"]
    assert doc.language == gold["language"]


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("01 June 2023 - 17:27", "2023-06-01"),
        ("25.08.2022 1151", "2022-08-25"),
        ("date 2024-12-10", "2024-12-10"),
        ("2022.06.22 / 15:14", "2022-06-22"),
        ("June 1, 2023", "2023-06-01"),
        ("2023-06-01T17:27:00+04:00", "2023-06-01"),
        ("1 июня 2023", "2023-06-01"),
        ("Published: 3 March 2021", "2021-03-03"),
        ("Updated Sep. 9, 2024, 10:05 am", "2024-09-09"),
        ("12 Haziran 2023", "2023-06-12"),
        ("5 sentyabr 2024, 10:30", "2024-09-05"),
        ("14 ақпан 2023 ж.", "2023-02-14"),
        ("March 2021", "2021-03"),
        ("07/31/2023", "2023-07-31"),
    ],
)
def test_date_forms(line: str, iso: str) -> None:
    assert find_dates(line)[0].iso == iso
    assert is_dateline(line)


def test_sentences_with_dates_are_not_datelines() -> None:
    assert not is_dateline("The summit ended on 1 June 2023.")
    assert not is_dateline("Since 2023 the corridor carried more cargo than ever before in its history")
    assert find_dates("since 2023, the trade has grown") == []
    assert find_dates("31.02.2023") == []


@pytest.mark.parametrize(
    ("title", "clean"),
    [
        (
            "Expert: Baku is a partner for Tashkent Kun.uz talks to Anvar Nasirov",
            "Expert: Baku is a partner for Tashkent",
        ),
        ("Armenia risks facing big troubles The Astana Times talks to a pundit", "Armenia risks facing big troubles"),
        ("Kazakhstan eyes new routes", "Kazakhstan eyes new routes"),
    ],
)
def test_title_tail_naming_the_outlet_is_cut(title: str, clean: str) -> None:
    assert clean_title(title) == clean


def test_outlet_catalogue_covers_the_region() -> None:
    names = {o.name for o in load_outlets()}
    assert len(names) >= 40
    for required in ("Caliber.Az", "Kazinform", "Kun.uz", "24.kg", "Armenpress", "Civil.ge", "Montsame", "TASS"):
        assert required in names
    assert outlet_for_url("https://en.trend.az/casia/kazakhstan/123.html") == "Trend"
    assert outlet_for_url("https://www.rferl.org/a/x.html") == "RFE/RL"
    assert resolve_outlet("the Astana Times") == "The Astana Times"
    assert resolve_outlet("Qazaq.kz") == "Qazaq.kz"  # unknown but domain-shaped: kept as written
    assert resolve_outlet("Prof. Nurlan Seitkali") is None


@pytest.mark.parametrize(
    ("lede", "outlet"),
    [
        ("Kun.uz talks to economist Bakhtiyor Ergashev about the Uzbek reforms.", "Kun.uz"),
        ("In an interview with Gazeta.uz, the deputy minister outlined the new transport plans.", "Gazeta.uz"),
        ("The analyst told the correspondent of the Kabar that relations remain strong.", "Kabar"),
        ("Interview of the Georgian diplomat Giorgi Beridze to Agenda.ge:", "Agenda.ge"),
        ("Nurlan Seitkali, speaking to Qazaq.kz, said the summit was a success.", None),
    ],
)
def test_outlet_from_cues_in_the_lede(lede: str, outlet: str | None) -> None:
    text = f"{lede}\n\nThe region has seen rapid change in trade, transport and security over the past three years.\n"
    assert from_text(text).outlet == outlet


MN_SCRAPE = """\
MONTSAME
2023-06-01T17:27:00+04:00

Mongolia’s third neighbour policy: balancing between Moscow and Beijing

In an exclusive interview with Montsame, political scientist Bat-Erdene Altangerel explained how Ulaanbaatar \
pursues a multi-pillar foreign policy.

1) How do you assess Mongolia’s relations with its two neighbours?

Mongolia depends on Russia for almost all of its fuel, and China buys most of its exports.

See also
Mongolia and Kazakhstan sign transit agreement
"""

KG_SCRAPE = """\
Главная / Политика
RU | KZ | EN
Kyrgyzstan and Uzbekistan finalise border delimitation deal
Последние новости
Kazakhstan raises gas prices for households
12 марта 2023, 10:00
Tajikistan and Kyrgyzstan hold talks in Batken
11 марта 2023, 18:30

Author: Asel Nurlanova
14 марта 2023, 14:05

Bishkek and Tashkent have signed the final protocol on the delimitation of their common border.
The agreement transfers several disputed pastures and secures joint management of the reservoir.
Фото: Kabar
© 2023 24.kg. Все права защищены.
"""


def test_other_layout_interview_with_iso_timestamp() -> None:
    doc = from_text(MN_SCRAPE)
    assert doc.title == "Mongolia’s third neighbour policy: balancing between Moscow and Beijing"
    assert doc.published == "2023-06-01"
    assert doc.outlet == "Montsame"
    assert doc.authors == []  # the interviewee is not a byline


def test_date_of_this_article_not_of_listed_headlines() -> None:
    doc = from_text(KG_SCRAPE)
    assert doc.published == "2023-03-14"
    assert doc.authors == ["Asel Nurlanova"]
    assert doc.outlet == "24.kg"  # the copyright line, not the photo credit
    assert doc.body.startswith("Bishkek and Tashkent")


def test_no_headline_means_no_title() -> None:
    text = (
        "By Aliya Karimova\n\n"
        "Uzbekistan and Turkmenistan agreed on Friday to build a new bridge across the Amu Darya river, "
        "the foreign ministry said.\n"
    )
    doc = from_text(text)
    assert doc.title is None
    assert doc.authors == ["Aliya Karimova"]
    assert doc.body.startswith("Uzbekistan and Turkmenistan agreed")


def test_lone_name_under_headline_is_the_byline_unless_the_article_is_about_them() -> None:
    text = (
        "Tokayev meets Mirziyoyev in Samarkand\n"
        "Dana Omarova\n"
        "The presidents of Kazakhstan and Uzbekistan discussed water sharing and the new railway line.\n"
    )
    assert from_text(text).authors == ["Dana Omarova"]
    interview = text.replace("The presidents", "Dana Omarova says the presidents")
    assert from_text(interview).authors == []


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Kazakhstan and Azerbaijan are expanding cooperation along the Middle Corridor across the Caspian.", "en"),
        ("Казахстан и Азербайджан расширяют сотрудничество в рамках Среднего коридора через Каспий.", "ru"),
        ("Azərbaycan və Qazaxıstan Orta Dəhliz çərçivəsində əməkdaşlığı genişləndirir, prezidentlər bildirib.", "az"),
        ("12 34", None),
    ],
)
def test_language(text: str, code: str | None) -> None:
    assert detect_language(text) == code


KZ_SCRAPE = """\
Most read
Kazakhstan's oil output hits record high
Tokayev signs law on referendums

Kazakhstan and Azerbaijan sign roadmap on Trans-Caspian route
12:45, 01 June 2023 | GMT +6
Aigerim Seitova

ASTANA. KAZINFORM – Kazakhstan and Azerbaijan signed a roadmap to increase cargo along the Trans-Caspian \
International Transport Route to 10 million tonnes a year by 2027.
The document was signed by the transport ministers of the two countries in Astana, the ministry said.
Baxış sayı: 1234
Paylaş
Digər xəbərlər
Astana hosts Central Asia – Gulf summit
01.06.2023 11:00
"""


def test_headline_below_a_most_read_list_and_a_wire_dateline() -> None:
    doc = from_text(KZ_SCRAPE)
    assert doc.title == "Kazakhstan and Azerbaijan sign roadmap on Trans-Caspian route"
    assert doc.published == "2023-06-01"
    assert doc.outlet == "Kazinform"
    assert doc.authors == ["Aigerim Seitova"]
    assert doc.body.startswith("ASTANA. KAZINFORM – Kazakhstan and Azerbaijan signed")
    assert doc.body.endswith("the ministry said.")


@pytest.mark.parametrize(
    ("lede", "outlet"),
    [
        ("BISHKEK (Kabar) - Kyrgyzstan and China agreed to start building the railway next year.", "Kabar"),
        ("TASHKENT, June 1 (Reuters) - Uzbekistan raised its growth forecast after a strong first quarter.", "Reuters"),
        (
            "Baku, Azerbaijan, June 1. Trend: Azerbaijan and Turkmenistan discussed gas swaps across the Caspian.",
            "Trend",
        ),
        ("The deal (signed in Baku) - a first - covers gas supplies to Europe through Georgia and Turkey.", None),
    ],
)
def test_outlet_from_wire_datelines(lede: str, outlet: str | None) -> None:
    assert from_text(lede).outlet == outlet
