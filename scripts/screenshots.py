"""Take a screenshot of every page of the web app into docs/screenshots/NAME.png, and of the network of a synthetic
corpus of 500 actors and 3,000 relations into docs/screenshots/network-500.png.

Usage: .venv/bin/python scripts/screenshots.py [--db FILE] [--out DIR]

Without --db it builds a corpus from the articles the project wrote (examples/ and eval/dev*/raw; never the seed
articles) in a temporary directory. Needs headless Chromium with its driver (Debian: apt-get install chromium
chromium-driver) and the `selenium` package; the app runs on 127.0.0.1 on a free port for the duration of the script.
"""

from __future__ import annotations

import argparse
import socket
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CHROMIUM_FLAGS = (
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
)  # fmt: skip


def build_examples_corpus(db: Path) -> None:
    from multivector.pipeline import analyze
    from multivector.store import Corpus

    folders = [REPO / "examples", *sorted(REPO.glob("eval/dev*/raw"))]
    with Corpus(db) as corpus:
        for folder in folders:
            for path in sorted(folder.iterdir()):
                if path.suffix in {".txt", ".html", ".md"}:
                    corpus.add(analyze(path))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve_in_thread(db: Path, port: int):
    import uvicorn

    from multivector.interfaces.web import create_app

    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    return server, thread


def chromium(profile: str, width: int = 1360, height: int = 900):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    options.add_argument(f"--window-size={width},{height}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def pages(db: Path) -> list[tuple[str, str]]:
    from multivector.store import Corpus

    with Corpus(db, readonly=True) as corpus:
        docs = corpus.docs(limit=None)
        actor = corpus.actors(limit=1)[0]["id"]
    doc = next((d for d in docs if d["speakers"]), docs[0])
    speaker = doc["speakers"][0] if doc["speakers"] else ""
    from urllib.parse import quote

    return [
        ("overview", "/"),
        ("network", "/network?top=60"),
        ("actor", f"/actor/{quote(actor)}"),
        ("expert", f"/expert/{quote(speaker)}"),
        ("matrix", "/matrix"),
        ("timeline", "/timeline"),
        ("document", f"/doc/{doc['id']}"),
        ("search", "/search?q=corridor"),
        ("api", "/api"),
        ("balance", f"/balance?actor={quote(balance_actor(db))}&by=year"),
        ("discourse", "/discourse"),
        ("changes", "/changes?by=year"),
    ]


def balance_actor(db: Path) -> str:
    """The state with the most relation claims with the power centres other than the centres themselves (KAZ on the
    examples), for the Balance page."""
    from multivector.store import Corpus

    centres = {"RUS", "CHN", "USA", "TUR", "IRN", "GBR", "FRA", "DEU"}
    with Corpus(db, readonly=True) as corpus:
        states = [row["id"] for row in corpus.actors(kind="state", limit=12) if row["id"] not in centres]
    return "KAZ" if "KAZ" in states else (states[0] if states else "KAZ")


def answers_pages() -> list[tuple[str, str]]:
    """Pages shown on the corpus with a planted truth (tests/synthetic_truth.py), whose figures disagree."""
    return [("claims", "/claims"), ("balance-quarters", "/balance?actor=KAZ&by=quarter")]


def shoot(db: Path, out: Path, chosen: list[tuple[str, str]] | None = None, report: bool = True) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    port = free_port()
    server, thread = serve_in_thread(db, port)
    written = []
    with tempfile.TemporaryDirectory() as profile:
        driver = chromium(profile)
        try:
            for name, path in chosen if chosen is not None else pages(db):
                driver.get(f"http://127.0.0.1:{port}{path}")
                if name == "network":
                    _show_network_evidence(driver)
                if name == "discourse":
                    _wait_for(driver, "discourse-experts")
                    _wait_for(driver, "discourse-affiliation")
                height = driver.execute_script("return document.documentElement.scrollHeight")
                driver.set_window_size(1360, min(max(700, height + 20), 2200))
                time.sleep(0.3)
                target = out / f"{name}.png"
                driver.save_screenshot(str(target))
                written.append(target)
                driver.set_window_size(1360, 900)
            if report:
                written.append(_shoot_report(driver, db, out, Path(profile)))
        finally:
            driver.quit()
            server.should_exit = True
            thread.join(timeout=10)
    return written


def shoot_scale(out: Path, actors: int = 500, relations: int = 3000) -> Path:
    """The network of a synthetic corpus of `actors` actors and `relations` related pairs, all of them shown."""
    from multivector.interfaces.web import scale

    with tempfile.TemporaryDirectory() as tmp:
        db = scale.build(Path(tmp) / "scale.db", actors, relations)
        port = free_port()
        server, thread = serve_in_thread(db, port)
        driver = chromium(str(Path(tmp) / "profile"), 1360, 1000)
        try:
            driver.get(f"http://127.0.0.1:{port}/network?top={actors}")
            _wait_for_network(driver)
            time.sleep(0.5)
            driver.execute_script(
                "const c = document.getElementById('network');"
                "window.scrollTo(0, c.getBoundingClientRect().top + window.scrollY - 70);"
            )
            time.sleep(0.3)
            target = out / f"network-{actors}.png"
            driver.save_screenshot(str(target))
            print(driver.execute_script("return document.getElementById('graph-status').textContent"),
                  "drawn in", driver.execute_script("return document.getElementById('network').dataset.renderMs"),
                  "ms")  # fmt: skip
        finally:
            driver.quit()
            server.should_exit = True
            thread.join(timeout=10)
    return target


def _wait_for(driver, element: str) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    script = f"return document.getElementById('{element}').dataset.ready"
    WebDriverWait(driver, 30).until(lambda d: d.execute_script(script))
    time.sleep(0.3)


def shoot_truth(out: Path) -> list[Path]:
    """The answers pages on the synthetic corpus with a planted truth (built by the real pipeline, ~12 s)."""
    import sys

    sys.path.insert(0, str(REPO / "tests"))
    from synthetic_truth import corpus_path

    return shoot(corpus_path(), out, answers_pages(), report=False)


def _wait_for_network(driver) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, 60).until(
        lambda d: d.execute_script("return document.getElementById('network').getAttribute('data-ready')")
    )


def _shoot_report(driver, db: Path, out: Path, scratch: Path) -> Path:
    """The self-contained report, opened from a file as its reader would."""
    from multivector.interfaces.report import write_report
    from multivector.store import Corpus

    with Corpus(db, readonly=True) as corpus:
        report = write_report(corpus, scratch / "report.html")
    driver.get(report.as_uri())
    _wait_for_network(driver)
    driver.execute_script("document.getElementById('network').mvNetwork.select(0)")
    driver.set_window_size(1360, 1500)
    time.sleep(0.3)
    target = out / "report.png"
    driver.save_screenshot(str(target))
    return target


def _show_network_evidence(driver) -> None:
    """Wait for the graph and open the evidence of the heaviest edge, as a user would."""
    from selenium.webdriver.support.ui import WebDriverWait

    _wait_for_network(driver)
    driver.execute_script(
        "const g = document.getElementById('network').mvNetwork, edges = g.cy.edges().sort((a, b) =>"
        " b.data('weight') - a.data('weight')); g.select(g.cy.edges().indexOf(edges[0]));"
    )
    WebDriverWait(driver, 10).until(
        lambda d: d.execute_script("return document.querySelectorAll('#edge-evidence li').length > 0")
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="corpus to show (default: one built from examples/)")
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    args = parser.parse_args()
    if args.db is not None:
        written = shoot(args.db, args.out)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            db = Path(tmp) / "examples.db"
            build_examples_corpus(db)
            written = shoot(db, args.out)
    written += shoot_truth(args.out)
    written.append(shoot_scale(args.out))
    for path in written:
        print(path)


if __name__ == "__main__":
    main()
