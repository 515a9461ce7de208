"""The web app through FastAPI's TestClient: every page, the JSON API, 404/400s, caps, headers and escaping.

The corpus holds the project's examples, one seed article and a hostile document whose title, body, speaker and
records carry script-injection payloads."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from conftest import build_examples_corpus
from multivector.records import Actor, Analysis, Event, Figure, Person, Relation, Speaker, Stance, document_id
from multivector.store import Corpus

PAYLOADS = ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "javascript:alert(1)")
HOSTILE_NAME = 'Eve <img src=x onerror=alert(1)> "Quote"'


def hostile_analysis() -> Analysis:
    """A document whose every displayed field carries a payload, with consistent spans."""
    body = (
        "Russia and Kazakhstan argue <script>alert(1)</script> about transit. "
        'Visit <a href="javascript:alert(1)">javascript:alert(1)</a> or <img src=x onerror=alert(1)> now. '
        "Trade grew 40% in 2024 <script>alert(1)</script>."
    )
    first = body.index(".") + 1
    second = body.index(" now.") + 5
    pct = body.index("40%")
    return Analysis(
        id=document_id(body), source="javascript:alert(1)", language="en",
        title="<script>alert(1)</script> and <img src=x onerror=alert(1)>", published="2024-06-01",
        outlet="<b>Outlet</b>", authors=["<script>alert(1)</script>"], speakers=[Speaker(HOSTILE_NAME, "<i>role</i>")],
        body=body,
        actors=[Actor("RUS", "Russia", "state", 1), Actor("KAZ", "Kazakhstan", "state", 1)],
        people=[Person(HOSTILE_NAME, None, 1)],
        relations=[Relation("RUS", "KAZ", "rivalry", "-", -0.5, "asserted", body[:first], [0, first],
                            speaker=HOSTILE_NAME)],
        relation_mentions=[Relation("RUS", "KAZ", "rivalry", "-", -0.5, "asserted", body[:first], [0, first],
                                    speaker=HOSTILE_NAME)],
        stances=[Stance(HOSTILE_NAME, "RUS", "-", body[first + 1 : second], [first + 1, second])],
        figures=[Figure(40.0, "percent", "<script>alert(1)</script>", "40%", [pct, pct + 3])],
        events=[Event("2024", "<img src=x onerror=alert(1)>", body[second + 1 :], [second + 1, len(body)])],
    )  # fmt: skip


@pytest.fixture(scope="module")
def corpus_path(tmp_path_factory) -> Path:
    return build_examples_corpus(tmp_path_factory.mktemp("web") / "corpus.db", hostile_analysis())


@pytest.fixture(scope="module")
def client(corpus_path) -> TestClient:
    from multivector.interfaces.web import create_app

    return TestClient(create_app(corpus_path))


@pytest.fixture(scope="module")
def ids(corpus_path) -> dict:
    with Corpus(corpus_path, readonly=True) as corpus:
        docs = corpus.docs(limit=None)
        return {
            "docs": [d["id"] for d in docs],
            "speaker": next(d["speakers"][0] for d in docs if d["speakers"] and "<" not in d["speakers"][0]),
            "actor": corpus.actors(limit=1)[0]["id"],
            "hostile": hostile_analysis().id,
        }


def page_urls(ids: dict) -> list[str]:
    return [
        "/", "/network", "/network?since=2024&type=rivalry", "/actors", "/actors?kind=state",
        f"/actor/{ids['actor']}", "/experts", f"/expert/{quote(ids['speaker'])}", f"/expert/{quote(HOSTILE_NAME)}",
        "/matrix", "/timeline", "/documents", "/documents?offset=2&limit=2", "/search?q=corridor", "/search",
        "/api", *(f"/doc/{doc}" for doc in ids["docs"]),
    ]  # fmt: skip


def test_every_page_renders(client, ids):
    for url in page_urls(ids):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.headers["content-type"].startswith("text/html")
        assert "<nav>" in response.text and "</html>" in response.text


def test_security_headers_on_pages_and_api(client):
    for url in ("/", "/api/overview", "/static/network.js"):
        headers = client.get(url).headers
        assert "script-src 'self'" in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff"


def test_no_page_contains_a_payload_unescaped(client, ids):
    for url in page_urls(ids):
        html = client.get(url).text
        for payload in PAYLOADS[:2]:
            assert payload not in html, (url, payload)
        assert not re.search(r"""href\s*=\s*["']?\s*javascript:""", html, re.I), url
        assert "onerror=alert" not in html.replace("onerror=alert(1)&gt;", ""), url
    document = client.get(f"/doc/{ids['hostile']}").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in document  # shown as text, not dropped
    assert "&lt;img src=x onerror=alert(1)&gt;" in document


def test_pages_have_no_inline_script_or_style(client, ids):
    """The CSP forbids inline code, so the pages must not need any."""
    for url in page_urls(ids):
        html = client.get(url).text
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), url
        assert " style=" not in html and "<style" not in html, url
        assert not re.search(r"\son[a-z]+=", html.replace("onerror=alert(1)&gt;", "")), url


def test_unknown_ids_are_404(client):
    for url in ("/actor/NO_SUCH_ACTOR", "/doc/0000000000000000", "/expert/Nobody%20Here", "/nowhere"):
        assert client.get(url).status_code == 404, url
        assert "404" in client.get(url).text
    for url in ("/api/documents/nope", "/api/experts/Nobody"):
        response = client.get(url)
        assert response.status_code == 404 and response.json() == {"detail": "not found"}
    response = client.get("/api/actors/NO_SUCH_ACTOR")
    assert response.status_code == 404
    assert response.json() == {"detail": "unknown actor 'NO_SUCH_ACTOR'", "suggestions": []}


def test_actors_are_named_by_id_name_alias_or_demonym(client):
    for text in ("KAZ", "kaz", "Kazakhstan", "kazakhstan", "Qazaqstan", "Kazakh", "Kazakhstani"):
        assert client.get(f"/api/actors/{quote(text)}").json()["actor"]["id"] == "KAZ", text
        assert client.get("/api/resolve", params={"q": text}).json()["id"] == "KAZ", text
    page = client.get("/actor/kazakhstan", follow_redirects=False)
    assert page.status_code == 307 and page.headers["location"] == "/actor/KAZ"
    assert client.get("/actor/Russian").url.path == "/actor/RUS"
    by_name = client.get("/api/relations", params={"actor": "Russia", "limit": 500}).json()
    assert by_name == client.get("/api/relations", params={"actor": "RUS", "limit": 500}).json() and by_name
    assert client.get("/api/edge", params={"a": "Russian", "b": "kazakh"}).json()["total"] >= 1


def test_an_unknown_actor_is_a_404_with_suggestions(client):
    response = client.get("/api/actors/Kazakhstn")
    assert response.status_code == 404
    assert response.json()["detail"].startswith("unknown actor 'Kazakhstn'; did you mean KAZ (Kazakhstan)")
    assert response.json()["suggestions"][0] == {"id": "KAZ", "name": "Kazakhstan"}
    page = client.get("/actor/Rusia")
    assert page.status_code == 404 and "unknown actor" in page.text and 'href="/actor/RUS"' in page.text
    assert client.get("/api/relations", params={"actor": "Narnia"}).status_code == 404
    assert client.get("/api/relations", params={"source": "Kazakhstn"}).json()["suggestions"][0]["id"] == "KAZ"


def test_bad_filters_are_400(client):
    assert client.get("/network?since=yesterday").status_code == 400
    assert client.get("/api/graph?until=soon").status_code == 400
    assert client.get("/api/search?q=%20").status_code == 400
    assert client.get("/api/relations?since=2024-99-99x").status_code == 400
    assert client.get("/network?top=many").status_code == 400 and "bad value for &#39;top&#39;" in client.get(
        "/network?top=many").text  # fmt: skip
    assert client.get("/api/actors?limit=lots").json()["detail"].startswith("bad value for 'limit'")


def test_limits_are_capped(client):
    assert len(client.get("/api/actors?limit=100000").json()) <= 500
    assert client.get("/api/actors?limit=-5").status_code == 200
    assert len(client.get("/api/actors?limit=1").json()) == 1
    assert len(client.get("/api/graph?max_nodes=3").json()["nodes"]) <= 3


def test_api_shapes(client, ids):
    overview = client.get("/api/overview").json()
    assert overview["documents"] == len(ids["docs"])
    assert {"top_actors", "top_relations", "outlets", "experts", "first", "last"} <= overview.keys()
    graph = client.get("/api/graph").json()
    node_ids = {n["id"] for n in graph["nodes"]}
    assert graph["nodes"] and graph["edges"]
    assert {"id", "name", "kind", "mentions"} <= graph["nodes"][0].keys()
    edge = graph["edges"][0]
    assert {"source", "target", "polarity", "weight", "type", "positive", "negative"} <= edge.keys()
    assert edge["source"] in node_ids and edge["target"] in node_ids
    evidence = client.get("/api/edge", params={"a": edge["target"], "b": edge["source"]}).json()
    assert evidence["total"] == edge["weight"] and len(evidence["evidence"]) == min(edge["weight"], 50)
    assert all(row["evidence"] and row["document_id"] in ids["docs"] for row in evidence["evidence"])
    matrix = client.get("/api/matrix").json()
    assert set(matrix["experts"]) == set(matrix["cells"]) and matrix["actors"]
    timeline = client.get("/api/timeline").json()
    assert {item["kind"] for item in timeline["items"]} == {"event", "publication"}
    actor = client.get(f"/api/actors/{ids['actor']}").json()
    assert actor["actor"]["id"] == ids["actor"] and actor["partners"] and actor["over_time"]
    expert = client.get(f"/api/experts/{quote(HOSTILE_NAME)}").json()
    assert expert["stances"][0]["actor"] == "RUS" and expert["stances"][0]["-"] == 1
    document = client.get(f"/api/documents/{ids['hostile']}").json()
    assert document["title"] == hostile_analysis().title  # the API returns data as it is; escaping is the page's job
    assert client.get("/api/search", params={"q": "transit"}).json()[0]["document_id"]


def test_graph_filters_narrow_the_edges(client):
    everything = client.get("/api/graph").json()["edges"]
    rivalry = client.get("/api/graph", params={"type": "rivalry"}).json()["edges"]
    assert rivalry and len(rivalry) < len(everything) and all(e["type"] == "rivalry" for e in rivalry)
    assert client.get("/api/graph", params={"since": "2099"}).json() == {
        "nodes": [], "edges": [], "filters": {"since": "2099", "until": None, "speaker": None, "type": None,
                                              "modality": None, "min_confidence": None}
    }  # fmt: skip
    by_speaker = client.get("/api/graph", params={"speaker": "eve <img"}).json()["edges"]
    assert [(e["source"], e["target"]) for e in by_speaker] == [("KAZ", "RUS")]


def test_document_page_highlights_spans_and_links_records(client, ids):
    html = client.get(f"/doc/{ids['hostile']}").text
    assert 'id="s-0"' in html and 'href="#s-0"' in html
    assert 'class="hl figure"' in html and "hl actor" in html


def test_search_page_highlights_matches_escaped(client):
    html = client.get("/search", params={"q": "transit"}).text
    assert "<mark>transit</mark>" in html
    hostile = hostile_analysis()
    assert f'href="/doc/{hostile.id}#s-0"' in html  # an evidence hit links to its sentence
    html = client.get("/search", params={"q": "alert"}).text
    assert "<mark>alert</mark>" in html and "<script>" not in html


def test_openapi_is_served_and_cdn_docs_are_off(client):
    spec = client.get("/api/openapi.json").json()
    assert "/api/graph" in spec["paths"] and "/api/edge" in spec["paths"]
    assert client.get("/docs").status_code == 404 and client.get("/redoc").status_code == 404
    assert "cdn" not in client.get("/api").text.lower()


def test_static_files_reference_nothing_external():
    static = Path(__file__).resolve().parents[1] / "src/multivector/interfaces/web/static"
    for path in static.iterdir():
        if path.is_dir():
            continue
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"https?://(?!www\.w3\.org/2000/svg)", text), path.name
        if path.suffix == ".js":
            assert "innerHTML" not in text and "eval(" not in text, path.name
    # The vendored library: no eval (the CSP has no 'unsafe-eval'), each file listed in the README with a licence.
    vendor = static / "vendor"
    readme = (vendor / "README.md").read_text(encoding="utf-8")
    scripts = sorted(vendor.glob("*.js"))
    assert {p.name for p in scripts} == {"cytoscape.min.js", "layout-base.js", "cose-base.js", "cytoscape-fcose.js"}
    for path in scripts:
        text = path.read_text(encoding="utf-8")
        assert "eval(" not in text and "new Function" not in text, path.name
        assert f"`{path.name}`" in readme, path.name
    for package in ("cytoscape", "layout-base", "cose-base", "cytoscape-fcose"):
        assert (vendor / f"LICENSE.{package}").read_text(encoding="utf-8").strip(), package
    sums = dict(line.split()[::-1] for line in (vendor / "SHA256SUMS").read_text(encoding="utf-8").splitlines())
    for path in scripts:
        assert hashlib.sha256(path.read_bytes()).hexdigest() == sums[path.name], path.name


def test_the_network_page_loads_the_vendored_library_from_the_app(client):
    html = client.get("/network").text
    for name in ("cytoscape.min.js", "layout-base.js", "cose-base.js", "cytoscape-fcose.js"):
        assert f'<script src="/static/vendor/{name}"></script>' in html
        assert client.get(f"/static/vendor/{name}").status_code == 200
    assert html.index("cytoscape.min.js") < html.index("cytoscape-fcose.js") < html.index("/static/network.js")


def test_a_bad_corpus_file_fails_at_start(tmp_path):
    from multivector.errors import CorpusError
    from multivector.interfaces.web import create_app

    bad = tmp_path / "not.db"
    bad.write_text("hello")
    with pytest.raises(CorpusError):
        create_app(bad)


def test_figures_are_shown_in_words():
    from multivector.interfaces.web.app import human_number

    assert [human_number(v) for v in (4.1e9, 62.0, 0.25, 1_234_567, 1500, None)] == [
        "4.1 billion", "62", "0.25", "1.23 million", "1,500", ""
    ]  # fmt: skip


def test_cached_views_follow_new_documents(tmp_path):
    from multivector.interfaces.web import create_app

    path = tmp_path / "grow.db"
    with Corpus(path) as corpus:
        corpus.add(hostile_analysis())
    client = TestClient(create_app(path))
    assert client.get("/api/overview").json()["documents"] == 1
    extra = hostile_analysis()
    extra.body = extra.body.replace("transit", "gas")
    extra.id = document_id(extra.body)
    with Corpus(path) as corpus:
        corpus.add(extra)
    assert client.get("/api/overview").json()["documents"] == 2
    assert client.get("/api/graph").json()["edges"][0]["weight"] == 2


def directed_analysis(title: str | None = "Pressure and promises") -> Analysis:
    """Russia pressures Armenia (asserted, confident), Armenia may join the EU (hypothetical, unsure)."""
    body = "Russia puts pressure on Armenia over transit. Armenia might one day join the European Union, he said."
    first = body.index(".") + 1
    second = len(body)
    pressure = Relation("RUS", "ARM", "pressure", "-", -0.6, "asserted", body[:first], [0, first], source="RUS",
                        target="ARM", confidence=0.9)  # fmt: skip
    maybe = Relation("ARM", "EU", "alignment", "+", 0.4, "hypothetical", body[first + 1 : second],
                     [first + 1, second], confidence=0.4)  # fmt: skip
    return Analysis(
        id=document_id(body), source="own/directed.txt", language="en", title=title, published="2025-02-01",
        outlet=None, authors=[], speakers=[],
        body=body, actors=[Actor("RUS", "Russia", "state", 1), Actor("ARM", "Armenia", "state", 2),
                           Actor("EU", "European Union", "organisation", 1)],
        relations=[pressure, maybe], relation_mentions=[pressure, maybe],
    )  # fmt: skip


@pytest.fixture()
def small_client(tmp_path) -> TestClient:
    from multivector.interfaces.web import create_app

    with Corpus(tmp_path / "small.db") as corpus:
        corpus.add(directed_analysis(title=None))
    return TestClient(create_app(tmp_path / "small.db"))


def test_graph_and_edges_carry_direction_modality_and_confidence(small_client):
    graph = small_client.get("/api/graph").json()
    edges = {(e["source"], e["target"]): e for e in graph["edges"]}
    assert edges[("ARM", "RUS")]["backward"] == 1 and edges[("ARM", "RUS")]["forward"] == 0  # RUS -> ARM
    assert edges[("ARM", "EU")]["forward"] == edges[("ARM", "EU")]["backward"] == 0  # symmetric
    assert {n["id"]: n["name"] for n in graph["nodes"]}["EU"] == "European Union"
    assert all(isinstance(n["community"], int) for n in graph["nodes"])
    hypothetical = small_client.get("/api/graph", params={"modality": "hypothetical"}).json()["edges"]
    assert [(e["source"], e["target"]) for e in hypothetical] == [("ARM", "EU")]
    confident = small_client.get("/api/graph", params={"min_confidence": "0.8"}).json()["edges"]
    assert [(e["source"], e["target"]) for e in confident] == [("ARM", "RUS")]
    assert small_client.get("/api/graph", params={"modality": "maybe"}).status_code == 400
    assert small_client.get("/api/graph", params={"min_confidence": "2"}).status_code == 400
    edge = small_client.get("/api/edge", params={"a": "Armenia", "b": "Russia"}).json()
    row = edge["evidence"][0]
    assert (row["source"], row["target"], row["confidence"], row["modality"]) == ("RUS", "ARM", 0.9, "asserted")
    assert edge["counts"]["polarity"] == {"+": 0, "-": 1, "0": 0} and edge["counts"]["direction"] == {"RUS→ARM": 1}
    assert small_client.get("/api/edge", params={"a": "ARM", "b": "EU", "min_confidence": "0.5"}).json()["total"] == 0
    relations = small_client.get("/api/relations", params={"source": "russia"}).json()
    assert [(r["source"], r["target"]) for r in relations] == [("RUS", "ARM")]
    assert small_client.get("/api/relations", params={"modality": "hypothetical"}).json()[0]["b"] == "EU"


def test_document_page_shows_badges_and_the_untitled_fallback(small_client):
    doc = directed_analysis(title=None).id
    html = small_client.get(f"/doc/{doc}").text
    assert 'class="badge modality hypothetical"' in html and ">0.90<" in html and "RUS" in html
    name = f"Untitled document {doc[:10]}"
    assert f"<h1>{name}</h1>" in html
    for page in ("/documents", "/", "/timeline", "/actor/ARM", "/search?q=pressure"):
        assert name in small_client.get(page).text, page


def test_timeline_dots_have_labels(client):
    html = client.get("/timeline").text
    assert html.count('class="dot-label') >= 10


def test_search_is_one_row_per_document_and_quotes_once(client):
    hits = client.get("/api/search", params={"q": "corridor"}).json()
    ids = [hit["document_id"] for hit in hits]
    assert ids and len(ids) == len(set(ids))
    assert any(hit["hits"] > 1 for hit in hits) and all(hit["hits"] >= 1 for hit in hits)
    html = client.get("/search", params={"q": '"Middle Corridor"'}).text
    assert "match &#34;Middle Corridor&#34; in" in html and "“&#34;" not in html
    assert "match “corridor” in" in client.get("/search", params={"q": "corridor"}).text


def test_actor_page_shows_who_acts_on_whom(small_client):
    partners = {p["id"]: p for p in small_client.get("/api/actors/RUS").json()["partners"]}
    assert (partners["ARM"]["acts_on"], partners["ARM"]["acted_on_by"]) == (1, 0)
    assert 'title="Armenia acts on Russia' not in small_client.get("/actor/RUS").text
    assert 'title="Russia acts on Armenia in 1 claim">→ 1</span>' in small_client.get("/actor/RUS").text
    assert "← 1</span>" in small_client.get("/actor/ARM").text
