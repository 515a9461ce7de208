# ruff: noqa: E501 - the pages keep their markup lines whole
"""HTML pages written for these tests, in two CMS layouts (a news page with kicker, deck, caption, inline "Read also",
ad, closing subheading, tags, share bar, newsletter box, related list, comment count and footer; an interview page
with a pull quote and a "More interviews" box): the body is trafilatura's extraction trimmed by the text pass,
and it is never worse than bare trafilatura on the same page (docs/ingest.md has the table)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from multivector.ingest import load_bytes

EXAMPLE_HTML = Path(__file__).resolve().parents[1] / "examples" / "tbilisi-analysis.html"

NEWS_PAGE = """\
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Kyrgyzstan and China sign railway financing deal - Tien Shan Times</title>
<meta property="og:site_name" content="Tien Shan Times">
<meta property="article:published_time" content="2024-06-06T10:20:00+06:00">
</head><body>
<header><div class="logo">Tien Shan Times</div><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/economy">Economy</a> <a href="/opinion">Opinion</a></nav></header>
<main><article>
<div class="kicker">ECONOMY</div>
<h1>Kyrgyzstan and China sign railway financing deal</h1>
<p class="deck">The loan covers the first section of the China-Kyrgyzstan-Uzbekistan line.</p>
<div class="meta"><span class="author">By Aibek Osmonov and Gulnara Toktosunova</span> <time datetime="2024-06-06">6 June 2024</time></div>
<figure><img src="rail.jpg"><figcaption>Rail workers near Kashgar. Photo: Tien Shan Times</figcaption></figure>
<p>Kyrgyzstan and China signed an agreement on Thursday on the financing of the first section of the China-Kyrgyzstan-Uzbekistan railway, the Kyrgyz Ministry of Transport said in a statement.</p>
<p>The line, discussed for more than two decades, is meant to give China a shorter route to Central Asia and Iran, and to give Uzbekistan a rail link to Chinese ports that does not cross Kazakhstan.</p>
<p><strong>Read also:</strong> <a href="/news/uzbek-rail">Uzbekistan opens a new freight terminal in Andijan</a></p>
<p>Under the deal, a Chinese state bank will lend about $2.3 billion for the mountain section, and the three countries will set up a joint company to build and run the line.</p>
<p>"This railway will change the map of the region," the Kyrgyz transport minister said at the signing ceremony in Bishkek.</p>
<div class="ad">Advertisement</div>
<p>Critics in Bishkek warn that the loan will raise the country's debt to China, which already holds more than a third of its external debt, and ask for the terms to be published.</p>
<h2>What comes next</h2>
<p>Construction of the first tunnels is due to start in the autumn, and the government expects the line to open to freight in 2030.</p>
</article>
<div class="tags">Tags: <a>Kyrgyzstan</a> <a>China</a> <a>railways</a></div>
<div class="share">Share: <a>Facebook</a> <a>X</a> <a>Telegram</a></div>
<section class="newsletter"><h3>Sign up for our newsletter</h3><p>Get the week's top stories from Central Asia delivered to your inbox every Friday.</p></section>
<aside class="related"><h3>Related</h3><ul><li><a>Kazakhstan expands the Khorgos dry port</a></li><li><a>Tajikistan opens a new border crossing with China</a></li></ul></aside>
<div class="comments">12 comments</div>
</main>
<footer><p>© 2024 Tien Shan Times. All rights reserved.</p><p>Full or partial use of materials is allowed only with a hyperlink to the source.</p></footer>
</body></html>
"""

INTERVIEW_PAGE = """\
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Interview: "Baku wants a corridor, not a quarrel" | Caspian Ledger</title>
<meta property="og:site_name" content="Caspian Ledger">
</head><body>
<div id="top-bar">Skip to content | Login | Subscribe</div>
<nav><ul><li>Politics</li><li>Energy</li><li>Interviews</li></ul></nav>
<div class="content">
<h1>Interview: "Baku wants a corridor, not a quarrel"</h1>
<div class="byline">Author: Leyla Huseynova | Published: 14.02.2025</div>
<div class="article-body">
<p>Caspian Ledger talks to Rashad Mammadov, a researcher at the Baku Centre for Regional Studies, about transport links between Azerbaijan and Central Asia.</p>
<p><b>- How important is the Middle Corridor for Azerbaijan today?</b></p>
<p>- It is the most important project of the decade. Cargo through Azerbaijan grew by almost 90 percent in two years, and the ports of Alat and Aktau are now planning together rather than competing.</p>
<blockquote class="pullquote">"Cargo through Azerbaijan grew by almost 90 percent in two years"</blockquote>
<p><b>- Does Russia see this as a threat?</b></p>
<p>- Moscow watches closely, but it also uses the corridor for its own trade with Türkiye. Nobody in the region can afford a quarrel over transit.</p>
<p>The Baku Centre for Regional Studies is an independent think tank.</p>
</div>
<div class="related-box"><h4>More interviews</h4><p><a>"Astana is ready for a bigger role" - an interview with Aidos Sarym</a></p><p><a>Tbilisi's port plans explained by a transport expert who advised the government</a></p></div>
<div class="share-bar">Facebook Twitter WhatsApp Email</div>
</div>
<footer>Copyright (c) 2025 Caspian Ledger. Used with the permission of the publisher.</footer>
</body></html>
"""

NEWS_SITE_PAGE = """\
<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Tajikistan and Uzbekistan open new bridge over the Amu Darya — Pamir Wire</title>
<meta name="description" content="The bridge links Termez with the Tajik border town.">
</head><body>
<div class="wrapper">
<div class="header"><span>Pamir Wire</span> <a>News</a> <a>Economy</a> <a>Regions</a> <span>USD 10.9 TJS</span></div>
<div class="post">
<div class="post-title"><h2>Tajikistan and Uzbekistan open new bridge over the Amu Darya</h2></div>
<div class="post-meta">05.03.2024, 14:32 | Views: 1 245</div>
<div class="post-text">
<p>DUSHANBE, March 5. Tajikistan and Uzbekistan opened a new road bridge over the Amu Darya on Tuesday, shortening the route between Termez and the Tajik border town of Shahritus by about 60 kilometres.</p>
<p>The bridge, built in 18 months at a cost of about $35 million, will carry up to 1,000 trucks a day, the Tajik Ministry of Transport said.</p>
<p>Read also: <a>Kyrgyzstan and Tajikistan agree on border demarcation</a></p>
<p>Trade between the two countries reached $600 million last year and the governments aim to double it by 2027.</p>
<p>Subscribe to our Telegram channel</p>
<p>Officials said a second bridge, near Panj, was being designed.</p>
</div>
<div class="post-tags">Tags: Tajikistan, Uzbekistan, bridges</div>
</div>
<div class="comments"><h3>Comments (2)</h3>
<div class="comment"><b>Rustam</b> <span>05.03.2024 16:10</span><p>Finally! This bridge will make trade with Uzbekistan much easier for our farmers in the south.</p></div>
<div class="comment"><b>Dilya</b> <span>05.03.2024 17:45</span><p>Hopefully the customs checks will be faster than on the old crossing at Aivaj.</p></div>
</div>
<div class="footer">© 2024 Pamir Wire. All rights reserved.</div>
</div></body></html>
"""

#: page -> (first words, last words, furniture that must not leak)
EXPECTED = {
    "news": (
        "Kyrgyzstan and China signed an agreement on Thursday",
        "expects the line to open to freight in 2030.",
        ["Photo: Tien Shan Times", "Read also", "Advertisement", "Tags:", "Share:", "Sign up for our newsletter",
         "delivered to your inbox", "Kazakhstan expands the Khorgos", "12 comments", "© 2024", "Full or partial use",
         "By Aibek Osmonov"],
    ),
    "interview": (
        "Caspian Ledger talks to Rashad Mammadov",
        "Nobody in the region can afford a quarrel over transit.",
        ["Skip to content", "Author: Leyla Huseynova", "More interviews", "Astana is ready for a bigger role",
         "Facebook Twitter", "Copyright (c)", '"Cargo through Azerbaijan grew by almost 90 percent in two years"'],
    ),
    "comments": (
        "DUSHANBE, March 5. Tajikistan and Uzbekistan opened",
        "Officials said a second bridge, near Panj, was being designed.",
        ["Read also", "Subscribe to our Telegram", "Comments (2)", "Finally! This bridge", "Hopefully the customs",
         "Tags:", "Views:", "© 2024"],
    ),
    "example": (
        "In an interview with Caucasus Review, Giorgi Lomidze",
        "We can",
        ["Related articles", "Armenia signs deal with France", "Subscribe to our newsletter", "By Nino Beridze"],
    ),
}  # fmt: skip


def _markup(page: str) -> str:
    pages = {"news": NEWS_PAGE, "interview": INTERVIEW_PAGE, "comments": NEWS_SITE_PAGE}
    return pages.get(page) or EXAMPLE_HTML.read_text(encoding="utf-8")


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def score(body: str, page: str) -> tuple[bool, bool, int]:
    """(starts right, ends right, furniture lines kept out), as the scorer reads a body."""
    first, last, furniture = EXPECTED[page]
    body = squash(body)
    start_ok = squash(first) in body[: 120 + len(first)]
    end_ok = squash(last) in body[-(120 + len(last)) :]
    return start_ok, end_ok, sum(1 for line in furniture if squash(line) not in body)


@pytest.mark.parametrize("page", sorted(EXPECTED))
def test_html_body_bounds_and_no_furniture(page: str) -> None:
    doc = load_bytes(_markup(page).encode("utf-8"), name=page, source=f"{page}.html")
    start_ok, end_ok, clean = score(doc.body, page)
    assert start_ok and end_ok, doc.body[:200]
    assert clean == len(EXPECTED[page][2])


@pytest.mark.parametrize("page", sorted(EXPECTED))
def test_html_body_is_never_worse_than_bare_trafilatura(page: str) -> None:
    import trafilatura

    bare = trafilatura.extract(_markup(page)) or ""
    ours = load_bytes(_markup(page).encode("utf-8"), name=page, source=f"{page}.html").body
    assert score(ours, page) >= score(bare, page)


def test_html_metadata_of_the_news_page() -> None:
    doc = load_bytes(NEWS_PAGE.encode("utf-8"), name="news", source="news.html")
    assert doc.title == "Kyrgyzstan and China sign railway financing deal"
    assert doc.published == "2024-06-06"
    assert doc.outlet == "Tien Shan Times"


def test_html_author_field_loses_labels_and_dates() -> None:
    doc = load_bytes(INTERVIEW_PAGE.encode("utf-8"), name="interview", source="interview.html")
    assert doc.authors == ["Leyla Huseynova"]
    assert doc.published == "2025-02-14" and doc.outlet == "Caspian Ledger"


def test_html_outlet_from_the_title_suffix_or_the_footer() -> None:
    doc = load_bytes(NEWS_SITE_PAGE.encode("utf-8"), name="site", source="site.html")
    assert (doc.title, doc.published, doc.outlet) == (
        "Tajikistan and Uzbekistan open new bridge over the Amu Darya",
        "2024-03-05",
        "Pamir Wire",
    )
    untitled = NEWS_SITE_PAGE.replace(" — Pamir Wire", "")
    assert load_bytes(untitled.encode("utf-8"), name="site", source="site.html").outlet == "Pamir Wire"
