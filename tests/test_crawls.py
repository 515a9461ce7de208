"""Crawls as input: WARC / WARC.gz (built here with warcio's WARCWriter) and JSON Lines, record by record."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from multivector import ingest
from multivector.errors import IngestError
from multivector.ingest.crawls import CrawlRecord, expand_crawls, index_crawl, is_crawl
from multivector.interfaces.cli import app
from multivector.store import Corpus

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

CORRIDOR = b"""<!doctype html><html><head><title>Freight across the Caspian</title></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Freight across the Caspian</h1>
<p>Kazakhstan and Azerbaijan agreed on Tuesday to expand freight through their Caspian ports, officials said.</p>
<p>The ministers expect container traffic at Aktau to double within three years as the new ferries arrive.</p>
</article><footer>All rights reserved</footer></body></html>"""

PAMIR = b"""<html><body><article><h1>Water talks in Dushanbe</h1>
<p>Tajikistan and Uzbekistan resumed talks on sharing the water of the Amu Darya, the foreign ministry said.</p>
<p>Both governments described the meeting as constructive and promised a second round before the summer.</p>
</article></body></html>"""

#: (url, http status, content type or None, payload); the HTML 2xx ones are the articles.
RESPONSES = [
    ("https://caucasus.example.org/tbilisi", "200 OK", "text/html; charset=utf-8", None),  # examples/ page
    ("https://news.example.kz/caspian-freight", "200 OK", "text/html", CORRIDOR),
    ("https://news.example.kz/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n not a page"),
    ("https://news.example.kz/missing", "404 Not Found", "text/html", b"<html><body><p>Not found</p></body></html>"),
    ("https://news.example.kz/old", "301 Moved Permanently", "text/html", b""),
    ("https://water.example.tj/talks", "200 OK", None, PAMIR),  # no Content-Type: sniffed as HTML
]
ARTICLE_URLS = ["https://caucasus.example.org/tbilisi", "https://news.example.kz/caspian-freight",
                "https://water.example.tj/talks"]  # fmt: skip


def payload(body: bytes | None) -> bytes:
    return (EXAMPLES / "tbilisi-analysis.html").read_bytes() if body is None else body


def write_warc(path: Path, *, compress: bool) -> Path:
    """A small crawl as wget --warc-file or Heritrix write it: warcinfo, then request/response pairs."""
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=compress)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test-crawler/1.0"}))
        for number, (url, status, content_type, body) in enumerate(RESPONSES):
            request = io.BytesIO(f"GET {url} HTTP/1.1\r\nHost: example\r\n\r\n".encode())
            writer.write_record(writer.create_warc_record(url, "request", payload=request))
            headers = [("Server", "nginx")] + ([("Content-Type", content_type)] if content_type else [])
            http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
            date = {"WARC-Date": f"2024-03-{number + 10:02d}T08:30:00Z"}
            writer.write_record(
                writer.create_warc_record(
                    url, "response", payload=io.BytesIO(payload(body)), http_headers=http, warc_headers_dict=date
                )
            )
    return path


@pytest.mark.parametrize("name", ["crawl.warc.gz", "crawl.warc"])
def test_warc_index_takes_html_responses_with_url_and_crawl_date(tmp_path: Path, name: str):
    path = write_warc(tmp_path / name, compress=name.endswith(".gz"))
    records = list(index_crawl(path))
    assert all(isinstance(r, CrawlRecord) for r in records)
    assert [r.url for r in records] == ARTICLE_URLS
    assert [r.crawled for r in records] == ["2024-03-10", "2024-03-11", "2024-03-15"]
    assert len({r.sha256 for r in records}) == 3 and all(len(r.sha256) == 64 for r in records)
    assert [r.offset for r in records] == sorted(r.offset for r in records) and records[0].offset > 0
    assert str(records[1]).startswith("https://news.example.kz/caspian-freight#")


def test_warc_record_loads_the_same_document_as_the_page_itself(tmp_path: Path):
    records = list(index_crawl(write_warc(tmp_path / "crawl.warc.gz", compress=True)))
    for record in reversed(records):  # each record is read on its own, from its offset: any order, any worker
        url, _, _, body = next(r for r in RESPONSES if r[0] == record.url)
        document = record.load()
        direct = ingest.load_bytes(payload(body), name="x", source=url, content_type=None, crawled=record.crawled)
        assert document.body == direct.body and document.title == direct.title
        assert document.source == url and document.content_type == "html"
    assert records[1].load().title == "Freight across the Caspian"
    assert "Home" not in records[1].load().body and "Aktau" in records[1].load().body


def test_warc_record_is_picklable_and_names_itself(tmp_path: Path):
    import pickle

    record = list(index_crawl(write_warc(tmp_path / "crawl.warc.gz", compress=True)))[1]
    assert pickle.loads(pickle.dumps(record)) == record
    assert ingest.source_name(str(record)) == "news.example.kz_caspian-freight"


def test_truncated_warc_gz_yields_the_records_before_the_break_then_one_error(tmp_path: Path):
    whole = write_warc(tmp_path / "whole.warc.gz", compress=True).read_bytes()
    records = list(index_crawl(tmp_path / "whole.warc.gz"))
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(whole[: records[2].offset + 40])  # inside the third article's gzip member
    items = list(index_crawl(cut))
    assert [i.url for i in items if isinstance(i, CrawlRecord)] == ARTICLE_URLS[:2]
    assert isinstance(items[-1], IngestError) and "broken WARC" in items[-1].reason
    (tmp_path / "junk.warc").write_bytes(b"this is no WARC at all\n" * 5)
    (only,) = list(index_crawl(tmp_path / "junk.warc"))
    assert isinstance(only, IngestError)
    (missing,) = list(index_crawl(tmp_path / "missing.warc"))
    assert isinstance(missing, IngestError) and "unreadable" in missing.reason


def test_jsonl_lines_with_html_or_text_published_wins(tmp_path: Path):
    text = "Armenia and Georgia opened a new border crossing on Friday, the two governments said in a statement."
    lines = [
        json.dumps({"url": "https://news.example.kz/caspian-freight", "html": CORRIDOR.decode(),
                    "published": "2024-02-29T09:00:00Z"}),
        "",
        "{not json",
        json.dumps(["a", "list"]),
        json.dumps({"url": "https://example.am/crossing", "text": text, "published": "2024-13-01"}),
        json.dumps({"url": "https://example.am/empty", "title": "no body"}),
    ]  # fmt: skip
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(lines) + "\n")
    items = list(index_crawl(path))
    records = [i for i in items if isinstance(i, CrawlRecord)]
    errors = [i for i in items if isinstance(i, IngestError)]
    assert [r.url for r in records] == ["https://news.example.kz/caspian-freight", "https://example.am/crossing"]
    assert [e.source for e in errors] == [f"{path}:3", f"{path}:4", f"{path}:6"]
    assert "not a JSON line" in errors[0].reason and "html or a text" in errors[2].reason
    first, second = records[0].load(), records[1].load()
    assert first.published == "2024-02-29"  # the feed's date, over any date the page shows
    assert first.title == "Freight across the Caspian" and "Aktau" in first.body
    assert records[1].published is None  # month 13 is no date
    assert second.body == text and second.source == "https://example.am/crossing"
    raw = path.read_bytes()
    assert raw[records[1].offset : records[1].offset + records[1].length].startswith(b'{"url": "https://example.am')


def test_a_walk_takes_crawl_files_and_expand_replaces_them_by_records(tmp_path: Path):
    write_warc(tmp_path / "a.warc.gz", compress=True)
    write_warc(tmp_path / "b.warc", compress=False)
    (tmp_path / "c.jsonl").write_text(json.dumps({"text": "Kazakhstan and China signed a grain deal."}) + "\n")
    (tmp_path / "d.gz").write_bytes(gzip.compress(b"not a crawl"))
    (tmp_path / "e.json").write_text("{}")
    (tmp_path / "f.txt").write_text("An article.")
    listed = list(ingest.iter_sources([tmp_path]))
    assert sorted(Path(p).name for p in listed) == ["a.warc.gz", "b.warc", "c.jsonl", "f.txt"]
    assert is_crawl("X.WARC.GZ") and not is_crawl("x.warc.gz.txt") and not is_crawl("x.json")
    expanded = list(expand_crawls(listed))
    assert sum(isinstance(i, CrawlRecord) for i in expanded) == 3 + 3 + 1
    assert [p for p in expanded if isinstance(p, Path)] == [tmp_path / "f.txt"]


# -- through `multivector ingest`, with the real pipeline ---------------------------------------------------------


def test_ingest_a_warc_stores_each_article_and_skips_stored_records_on_a_rerun(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    import multivector.pipeline

    runner = CliRunner()
    crawl = write_warc(tmp_path / "crawl.warc.gz", compress=True)
    db = tmp_path / "corpus.db"
    result = runner.invoke(app, ["ingest", str(crawl), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "stored 3, already present 0, failed 0" in result.stderr
    with Corpus(db, readonly=True) as corpus:
        docs = corpus.docs(limit=None)
        assert sorted(d["title"] for d in docs)[0] == "Freight across the Caspian"
        assert {corpus.get(d["id"]).source for d in docs} == set(ARTICLE_URLS)

    analysed: list[object] = []
    real = multivector.pipeline.iter_analyses

    def spy(sources, *, workers=1):
        analysed.extend(sources)
        return real(sources, workers=workers)

    monkeypatch.setattr(multivector.pipeline, "iter_analyses", spy)
    result = runner.invoke(app, ["ingest", str(crawl), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "stored 0, already present 3, failed 0" in result.stderr
    assert analysed == []  # every record was known by its hash: nothing analysed again


# -- through `multivector analyze` --------------------------------------------------------------------------------


@pytest.mark.parametrize("workers", ["1", "2"])
def test_analyze_reads_warc_and_jsonl_record_by_record(tmp_path: Path, workers: str):
    crawl = write_warc(tmp_path / "crawl.warc.gz", compress=True)
    port = {
        "url": "https://example.ge/port",
        "published": "2024-05-02",
        "text": "Georgia and Azerbaijan agreed to expand the port of Poti, the ministers said on Monday.",
    }
    rail = {"text": "Kyrgyzstan and China signed a railway agreement in Bishkek on Thursday."}  # no URL
    first = json.dumps(port) + "\n\n"  # a blank line between records is allowed
    lines = tmp_path / "feed.jsonl"
    lines.write_text(first + json.dumps(rail) + "\n", encoding="utf-8")  # fmt: skip
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["analyze", str(crawl), str(lines), "--out", str(out), "--workers", workers])
    assert result.exit_code == 0, result.output
    assert "analysed 5, failed 0" in result.stderr
    written = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in out.glob("*.json")}
    assert set(written) == {"caucasus.example.org_tbilisi", "news.example.kz_caspian-freight",
                            "water.example.tj_talks", "example.ge_port", f"feed-{len(first)}"}  # fmt: skip
    freight = written["news.example.kz_caspian-freight"]
    assert freight["title"] == "Freight across the Caspian" and freight["source"] == ARTICLE_URLS[1]
    assert "Aktau" in freight["body"] and "Home" not in freight["body"]
    assert {a["name"] for a in freight["actors"]} >= {"Kazakhstan", "Azerbaijan"}
    port = written["example.ge_port"]
    assert port["published"] == "2024-05-02" and port["source"] == "https://example.ge/port"
    assert "Kyrgyzstan" in written[f"feed-{len(first)}"]["body"]


def test_analyze_of_one_broken_crawl_names_the_place_and_keeps_the_records_before(tmp_path: Path):
    whole = write_warc(tmp_path / "whole.warc.gz", compress=True).read_bytes()
    records = list(index_crawl(tmp_path / "whole.warc.gz"))
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(whole[: records[2].offset + 40])
    result = CliRunner().invoke(app, ["analyze", str(cut), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "analysed 2, failed 1" in result.stderr
    assert any("cut.warc.gz" in line and "broken WARC" in line for line in result.stderr.splitlines())
    assert len(list((tmp_path / "out").glob("*.json"))) == 2
