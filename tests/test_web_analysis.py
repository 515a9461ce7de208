"""The Balance, Discourse, Shifts and Claims pages through TestClient: they render the planted truth of the synthetic
corpus (tests/synthetic_truth.py), link every figure to the evidence behind it (a document page anchor that exists),
escape everything and hold no inline script or style. The escaping is tested on a copy of the corpus plus two
hostile documents we write whose speaker, title, evidence and figures carry script-injection payloads and that feed
every one of the four answers (a balance claim, a stance shift, camps, a conflicting figure and a contradicted
membership)."""

from __future__ import annotations

import re
import shutil
from urllib.parse import quote, unquote

import pytest
from fastapi.testclient import TestClient

from multivector.records import Actor, Analysis, Figure, Membership, Person, Relation, Speaker, Stance, document_id
from multivector.store import Corpus
from synthetic_truth import TRUTH, corpus_path

PAYLOADS = ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>")
HOSTILE = 'Eve <img src=x onerror=alert(1)> "Quote"'
PAGES = ("/balance", "/balance?actor=KAZ&by=quarter", "/balance?actor=KAZ&speaker=bekova", "/discourse",
         "/discourse?actor=China&normalisation=jaccard", "/changes", "/changes?actor=KAZ&by=year", "/claims",
         "/claims?unit=USD")  # fmt: skip


def hostile_analysis(year: int, polarity: str, value: float, membership: bool) -> Analysis:
    """A document whose displayed fields carry payloads: Kazakhstan's cooperation with China, the hostile expert's
    stance on China (favourable in one year, critical in the other), a 2023 trade figure and, optionally, a
    membership the catalogue contradicts."""
    sentences = [
        "Kazakhstan and China signed a transit deal <script>alert(1)</script>.",
        f"{HOSTILE} said China was {'a partner' if polarity == '+' else 'a threat'} <img src=x onerror=alert(1)>.",
        f"Trade between Uzbekistan and China reached ${value} billion in 2023 <script>alert(1)</script>.",
        "Turkmenistan is a member of the CSTO <img src=x onerror=alert(1)>." if membership else "Nothing else.",
    ]
    body = " ".join(sentences)
    spans = []
    for sentence in sentences:
        start = body.index(sentence)
        spans.append([start, start + len(sentence)])
    relation = Relation("KAZ", "CHN", "cooperation", "+", 0.6, "asserted", sentences[0], spans[0], speaker=HOSTILE)
    return Analysis(
        id=document_id(body), source="javascript:alert(1)", language="en",
        title="<script>alert(1)</script> notes", published=f"{year}-05-02", outlet="<b>Outlet</b>",
        authors=[], speakers=[Speaker(HOSTILE, "<i>role</i>")], body=body,
        actors=[Actor("KAZ", "Kazakhstan", "state", 1), Actor("CHN", "China", "state", 2),
                Actor("UZB", "Uzbekistan", "state", 1)],
        people=[Person(HOSTILE, None, 1)],
        relations=[relation], relation_mentions=[relation],
        stances=[Stance(HOSTILE, "CHN", polarity, sentences[1], spans[1], confidence=0.7)],
        figures=[Figure(value * 1e9, "USD", "Trade between Uzbekistan and China <script>alert(1)</script>",
                        sentences[2], spans[2])],
        memberships=[Membership("TKM", "CSTO", sentences[3], spans[3], status="contradicted")] if membership else [],
    )  # fmt: skip


@pytest.fixture(scope="module")
def client() -> TestClient:
    from multivector.interfaces.web import create_app

    return TestClient(create_app(corpus_path()))


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> TestClient:
    from multivector.interfaces.web import create_app

    path = tmp_path_factory.mktemp("hostile") / "corpus.db"
    shutil.copy(corpus_path(), path)
    with Corpus(path) as corpus:
        corpus.add(hostile_analysis(2023, "+", 12.0, False))
        corpus.add(hostile_analysis(2024, "-", 19.0, True))
    return TestClient(create_app(path))


def test_pages_render_and_are_in_the_nav(client):
    for url in PAGES:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.headers["content-type"].startswith("text/html")
    unknown = client.get("/balance?actor=KAZ&speaker=Bekovva")  # no such speaker: suggestions, not an empty page
    assert unknown.status_code == 404 and "Aigerim Bekova" in unknown.text
    nav = re.search(r"<nav>(.*?)</nav>", client.get("/").text, re.S).group(1)
    for href in ("/balance", "/discourse", "/changes", "/claims"):
        assert f'href="{href}"' in nav, href


def test_balance_page_shows_the_planted_balance(client):
    html = client.get("/balance?actor=Kazakh&by=quarter").text
    assert re.search(r'id="balance-index">0\.78<', html)
    assert re.search(r'id="balance-leaning">China<', html)
    periods = re.findall(r'<td class="date">(\d{4}-Q\d)</td><td class="num">[\d.]+</td><td>(\w+)</td>', html)
    assert dict(periods) == TRUTH["leaning_by_quarter"]
    for name in TRUTH["camps"]:  # the per-expert breakdown
        assert f">{name}</a></td>" in html, name
    picker = client.get("/balance").text
    assert '<a href="/balance?actor=KAZ">Kazakhstan</a>' in picker and 'list="state-names"' in picker


def test_balance_figures_link_to_their_evidence(client):
    html = client.get("/balance?actor=KAZ&by=quarter").text
    for centre in TRUTH["shares"]:
        assert f'href="#centre-{centre}"' in html and f'id="centre-{centre}"' in html
    # Each period's claims: the balance of that period alone.
    period = re.search(r'href="(/balance\?[^"]*since=2024-01[^"]*)"', html).group(1).replace("&amp;", "&")
    assert "until=2024-03" in period and "by=" not in period
    assert client.get(period).status_code == 200
    # Each quoted claim opens its document at an anchor that exists, on the very words quoted.
    links = re.findall(r'href="/doc/([^"#]+)#s-(\d+)"', html)
    assert len(links) >= 10
    for doc, start in links[:12]:
        page = client.get(f"/doc/{unquote(doc)}").text
        assert f'id="s-{start}"' in page, (doc, start)
    evidence = client.get("/api/balance/KAZ", params={"evidence": 5}).json()["overall"]["centres"][0]["relations"][0]
    assert f"/doc/{quote(evidence['document_id'])}#s-{evidence['span_start']}" in html


def test_unknown_actor_page_is_a_404_with_suggestions(client):
    response = client.get("/balance?actor=Kazakhstn")
    assert response.status_code == 404 and "did you mean" in response.text and "/actor/KAZ" in response.text
    assert client.get("/balance?actor=KAZ&by=week").status_code == 400


def test_discourse_page_lists_camps_and_hands_the_graph_its_data(client):
    html = client.get("/discourse").text
    camps = re.search(r'<ol class="camps" id="camps">(.*?)</ol>', html, re.S).group(1)
    items = [set(re.findall(r'class="expert" href="[^"]+">([^<]+)</a>', li)) for li in camps.split("<li>")[1:]]
    planted = [{n for n, c in TRUTH["camps"].items() if c == k} for k in (0, 1)]
    assert sorted(items, key=sorted) == sorted(planted, key=sorted)
    assert 'data-api="/api/discourse/drawing?normalisation=average&amp;min_records=1"' in html
    assert '<script src="/static/discourse.js"></script>' in html and "vendor/cytoscape.min.js" in html
    assert "/api/discourse.graphml?network=camps" in html
    assert client.get("/static/discourse.js").status_code == 200


def test_changes_and_claims_pages_show_both_sides(client):
    html = client.get("/changes").text
    rows = re.findall(r'<tr class="change">', html)
    assert len(rows) == 2 and "Before, 2023-Q4" in html and "After, 2024-Q1" in html
    assert "put pressure on Kazakhstan" in html
    claims = client.get("/claims").text
    for sentence in TRUTH["conflicting_figures"]:
        assert sentence in claims
    assert claims.count('class="centre-evidence conflict"') == 1
    assert "Turkmenistan is a member of the CSTO." in claims


def test_hostile_documents_are_shown_as_text(hostile):
    for url in PAGES:
        html = hostile.get(url).text
        for payload in PAYLOADS:
            assert payload not in html, (url, payload)
        assert not re.search(r"""href\s*=\s*["']?\s*javascript:""", html, re.I), url
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), url
        assert " style=" not in html and "<style" not in html, url
        assert not re.search(r"\son[a-z]+=", html.replace("onerror=alert(1)&gt;", "")), url
    shown = {url: hostile.get(url).text for url in ("/balance?actor=KAZ&speaker=Eve", "/changes", "/claims")}
    assert "signed a transit deal &lt;script&gt;alert(1)&lt;/script&gt;" in shown["/balance?actor=KAZ&speaker=Eve"]
    assert "Eve &lt;img src=x onerror=alert(1)&gt; &#34;Quote&#34;" in shown["/changes"]
    assert "in 2023 &lt;script&gt;alert(1)&lt;/script&gt;" in shown["/claims"]
    assert "CSTO &lt;img src=x onerror=alert(1)&gt;" in shown["/claims"]
    discourse = hostile.get("/discourse").text
    assert "Eve &lt;img src=x onerror=alert(1)&gt;" in discourse
    assert HOSTILE in [e for camp in hostile.get("/api/discourse").json()["camps"] for e in camp]


def test_a_large_corpus_opens_the_discourse_page_on_its_latest_months(client, monkeypatch):
    from multivector.interfaces.web import answers, views

    monkeypatch.setattr(answers, "LARGE_CORPUS", 10)  # the planted corpus has 64 documents, the latest in 2024-12
    views._cache.clear()
    html = client.get("/discourse").text
    assert 'id="discourse-window"' in html and "from 2024-07" in html and 'value="2024-07"' in html
    whole = client.get("/discourse?normalisation=average&since=").text  # the form, cleared: the whole corpus
    assert 'id="discourse-window"' not in whole
    views._cache.clear()
