"""The web app in a real headless Chromium (Debian's chromium + chromedriver, driven by selenium): pages render
without console errors, the network graph draws and an edge click lists its evidence, search finds a seed phrase,
and a document full of script-injection payloads runs none of them.

Skipped when chromium, chromedriver or selenium are not installed."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from pathlib import Path
from urllib.parse import quote

import pytest

from conftest import build_examples_corpus
from multivector.records import Actor, Analysis, Event, Relation, Speaker, Stance, document_id
from multivector.store import Corpus

CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
FLAGS = (
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
)  # fmt: skip
HOSTILE_SPEAKER = "Mallory <img src=x onerror=window.__xss=2>"

if not (shutil.which(CHROMIUM) and shutil.which(CHROMEDRIVER)):
    pytest.skip("headless Chromium and chromedriver are not installed (apt-get install chromium chromium-driver)",
                allow_module_level=True)  # fmt: skip
webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (pip install selenium)")


def hostile_analysis() -> Analysis:
    """Every displayed field carries a payload that would set window.__xss if it ever ran."""
    body = (
        "Russia and Kazakhstan argue <script>window.__xss=1</script> about transit. "
        'See <a href="javascript:window.__xss=3">javascript:window.__xss=3</a> and '
        "<img src=x onerror=window.__xss=2> <svg onload=window.__xss=4>. In 2024 it got worse."
    )
    first = body.index(".") + 1
    last = body.index("In 2024")
    return Analysis(
        id=document_id(body), source="javascript:window.__xss=5", language="en",
        title="<script>window.__xss=1</script><img src=x onerror=window.__xss=2>", published="2024-06-01",
        outlet="<b onmouseover=window.__xss=6>x</b>", authors=[], speakers=[Speaker(HOSTILE_SPEAKER, None)],
        body=body,
        actors=[Actor("RUS", "Russia", "state", 1), Actor("KAZ", "Kazakhstan", "state", 1)],
        relations=[Relation("RUS", "KAZ", "rivalry", "-", -0.5, "asserted", body[:first], [0, first],
                            speaker=HOSTILE_SPEAKER)],
        relation_mentions=[Relation("RUS", "KAZ", "rivalry", "-", -0.5, "asserted", body[:first], [0, first],
                                    speaker=HOSTILE_SPEAKER)],
        stances=[Stance(HOSTILE_SPEAKER, "RUS", "-", body[first + 1 : last - 1], [first + 1, last - 1])],
        events=[Event("2024", "<img src=x onerror=window.__xss=7>", body[last:], [last, len(body)])],
    )  # fmt: skip


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def corpus_path(tmp_path_factory) -> Path:
    return build_examples_corpus(tmp_path_factory.mktemp("browser") / "corpus.db", hostile_analysis())


@pytest.fixture(scope="module")
def base_url(corpus_path):
    import uvicorn

    from multivector.interfaces.web import create_app

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(corpus_path), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def driver(tmp_path_factory):
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.add_argument("--window-size=1360,900")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    browser = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    browser.set_page_load_timeout(30)
    yield browser
    browser.quit()


def _wait(driver, condition, timeout: float = 15):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(condition)


def _errors(driver) -> list[dict]:
    return [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def _assert_no_alert(driver) -> None:
    from selenium.common.exceptions import NoAlertPresentException

    with pytest.raises(NoAlertPresentException):
        driver.switch_to.alert.text  # noqa: B018 - reading it is the check


def test_every_page_renders_without_console_errors(driver, base_url, corpus_path):
    with Corpus(corpus_path, readonly=True) as corpus:
        docs = corpus.docs(limit=None)
        actor = corpus.actors(limit=1)[0]["id"]
    speaker = next(d["speakers"][0] for d in docs if d["speakers"])
    paths = ["/", "/network", "/actors", f"/actor/{actor}", "/experts", f"/expert/{quote(speaker)}", "/matrix",
             "/timeline", "/documents", "/search?q=corridor", "/api", *(f"/doc/{d['id']}" for d in docs)]  # fmt: skip
    driver.get_log("browser")  # start clean
    for path in paths:
        driver.get(base_url + path)
        _wait(driver, lambda d: d.execute_script("return document.readyState") == "complete")
        assert driver.find_element("css selector", "nav"), path
        if path == "/network":
            _wait(driver, lambda d: d.execute_script("return document.getElementById('network').dataset.ready"))
        assert _errors(driver) == [], path


def test_network_draws_nodes_and_an_edge_click_lists_evidence(driver, base_url):
    from selenium.webdriver.common.actions.action_builder import ActionBuilder

    driver.get(base_url + "/network")
    _wait(driver, lambda d: d.execute_script("return document.getElementById('network').dataset.ready"))
    nodes = driver.execute_script("return document.getElementById('network').mvNetwork.nodes.length")
    assert nodes >= 5
    painted = driver.execute_script(
        "const c = document.getElementById('network'); const p = c.getContext('2d')"
        ".getImageData(0, 0, c.width, c.height).data; let n = 0;"
        "for (let i = 3; i < p.length; i += 4) if (p[i] > 0) n++; return n;"
    )
    assert painted > 2000  # nodes and edges drawn, not an empty canvas
    time.sleep(1.0)  # let the layout settle so the point stays on the edge
    # The middle of an edge that is clear of every node, in viewport coordinates once the canvas is in view.
    target = driver.execute_script(
        "const c = document.getElementById('network'), g = c.mvNetwork; c.scrollIntoView({block: 'center'});"
        "const r = c.getBoundingClientRect();"
        "for (let i = 0; i < g.edges.length; i++) { const p = g.edgeCentre(i);"
        "  if (g.nodes.every(n => Math.hypot(n.x - p.x, n.y - p.y) > n.r + 8))"
        "    return [Math.round(r.left + p.x), Math.round(r.top + p.y)]; }"
        "return null;"
    )
    assert target is not None
    actions = ActionBuilder(driver)
    actions.pointer_action.move_to_location(*target).click()
    actions.perform()
    _wait(driver, lambda d: d.find_elements("css selector", "#edge-evidence li"))
    items = driver.find_elements("css selector", "#edge-evidence li")
    assert items[0].find_element("css selector", "blockquote").text.strip()
    link = items[0].find_element("css selector", "a").get_attribute("href")
    assert link.startswith(base_url + "/doc/") and "#s-" in link
    assert " – " in driver.find_element("id", "edge-title").text


def test_search_finds_a_phrase_from_a_seed(driver, base_url, seed_gold, corpus_path):
    phrase = " ".join(seed_gold("000")["body_start"].split()[:4]).strip(" ,.;:")
    driver.get(base_url + "/")
    box = driver.find_element("css selector", ".searchbox input")
    box.send_keys(f'"{phrase}"')
    box.submit()
    _wait(driver, lambda d: "/search" in d.current_url)
    hits = driver.find_elements("css selector", "ol.hits li")
    assert hits, phrase
    assert driver.find_elements("css selector", "ol.hits mark")
    with Corpus(corpus_path, readonly=True) as corpus:
        seed_ids = {d["id"] for d in corpus.docs(limit=None) if "000" in Path(d["source"]).name[:3]}
    linked = {
        a.get_attribute("href").rsplit("/", 1)[-1] for a in driver.find_elements("css selector", "ol.hits li > a")
    }
    assert linked & seed_ids


def test_the_hostile_document_runs_no_script(driver, base_url):
    doc = hostile_analysis().id
    for path in (f"/doc/{doc}", f"/expert/{quote(HOSTILE_SPEAKER)}", "/search?q=window", "/actor/RUS", "/timeline",
                 "/", "/network?type=rivalry"):  # fmt: skip
        driver.get(base_url + path)
        _wait(driver, lambda d: d.execute_script("return document.readyState") == "complete")
        time.sleep(0.3)
        _assert_no_alert(driver)
        assert driver.execute_script("return window.__xss === undefined"), path
        assert not driver.find_elements("css selector", "article img, main img, main svg[onload]"), path
    driver.get(base_url + f"/doc/{doc}")
    text = driver.find_element("css selector", "article.body").text
    assert "<script>window.__xss=1</script>" in text and "<img src=x onerror=window.__xss=2>" in text
    # The edge evidence panel fills through textContent: the payload shows as text there too.
    driver.get(base_url + "/network?type=rivalry&speaker=" + quote("Mallory"))
    _wait(driver, lambda d: d.execute_script("return document.getElementById('network').dataset.ready"))
    driver.execute_script("document.getElementById('network').mvNetwork.select(0)")
    _wait(driver, lambda d: d.find_elements("css selector", "#edge-evidence li"))
    assert "<script>window.__xss=1</script>" in driver.find_element("id", "edge-evidence").text
    assert driver.execute_script("return window.__xss === undefined")
