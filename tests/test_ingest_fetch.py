"""Fetching URLs from a local HTTP server on 127.0.0.1 started inside the tests (never another address)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from multivector.errors import IngestError
from multivector.ingest import load
from multivector.ingest.fetch import MAX_REDIRECTS, fetch

ARTICLE_HTML = b"""<html><head><title>Kazakhstan and China open a new border crossing</title></head><body>
<nav>Home | Politics | Economy</nav><article><h1>Kazakhstan and China open a new border crossing</h1>
<p>Kazakhstan and China opened a new border crossing at Bakhty on Monday, the fourth on their shared frontier,
to ease the flow of trucks carrying goods to Europe along the Middle Corridor.</p>
<p>Officials expect the crossing to handle up to two thousand vehicles a day once the customs terminal is complete.</p>
</article></body></html>"""


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:  # keep test output clean
        pass

    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        path = self.path
        if path == "/article":
            self._send(200, "text/html; charset=utf-8", ARTICLE_HTML)
        elif path == "/plain":
            self._send(200, "text/plain", ARTICLE_HTML.replace(b"<p>", b"").replace(b"</p>", b"\n"))
        elif path == "/image":
            self._send(200, "image/png", b"\x89PNG\r\n\x1a\n")
        elif path == "/missing":
            self._send(404, "text/html", b"<html><body>not found</body></html>")
        elif path == "/big":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            try:
                for _ in range(64):  # 4 MB, no Content-Length: the client must stop on its own
                    self.wfile.write(b"x" * 65536)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client stopped reading at its cap, as the test wants
        elif path == "/declared":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(10**9))
            self.end_headers()
        elif path == "/slow":
            time.sleep(2)
            try:
                self._send(200, "text/plain", b"too late")
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up, as the test wants
        elif path.startswith("/hop/"):
            left = int(path.rsplit("/", 1)[1])
            self._redirect(f"/hop/{left - 1}" if left > 0 else "/article")
        elif path == "/to-ftp":
            self._redirect("ftp://127.0.0.1/file.txt")
        else:
            self._send(404, "text/plain", b"no")

    def _send(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_load_url_gives_the_article(server: str) -> None:
    doc = load(f"{server}/article")
    assert doc.content_type == "html"
    assert doc.title == "Kazakhstan and China open a new border crossing"
    assert doc.body.startswith("Kazakhstan and China opened a new border crossing at Bakhty")
    assert "Home | Politics" not in doc.body
    assert doc.name == "127.0.0.1_article"
    assert doc.source == f"{server}/article"


def test_plain_text_is_accepted(server: str) -> None:
    fetched = fetch(f"{server}/plain", max_bytes=2**20)
    assert fetched.content_type == "text/plain"
    assert b"Bakhty" in fetched.data


def test_refused_content_type(server: str) -> None:
    with pytest.raises(IngestError, match="content type image/png refused"):
        load(f"{server}/image")


def test_http_error_status(server: str) -> None:
    with pytest.raises(IngestError, match="HTTP 404"):
        load(f"{server}/missing")


def test_size_cap_stops_a_stream_without_length(server: str) -> None:
    with pytest.raises(IngestError, match="larger than 1 MB"):
        fetch(f"{server}/big", max_bytes=2**20)


def test_size_cap_refuses_a_declared_length(server: str) -> None:
    with pytest.raises(IngestError, match="larger than 64 MB"):
        load(f"{server}/declared")


def test_read_timeout(server: str) -> None:
    started = time.monotonic()
    with pytest.raises(IngestError, match="read timeout"):
        fetch(f"{server}/slow", max_bytes=2**20, read_timeout=0.3)
    assert time.monotonic() - started < 2


def test_redirects_are_followed_up_to_the_limit(server: str) -> None:
    fetched = fetch(f"{server}/hop/{MAX_REDIRECTS - 1}", max_bytes=2**20)
    assert fetched.url.endswith("/article")
    with pytest.raises(IngestError, match="too many redirects"):
        fetch(f"{server}/hop/{MAX_REDIRECTS}", max_bytes=2**20)


def test_redirect_to_another_scheme_is_refused(server: str) -> None:
    with pytest.raises(IngestError, match="scheme"):
        fetch(f"{server}/to-ftp", max_bytes=2**20)


@pytest.mark.parametrize("url", ["ftp://127.0.0.1/a.txt", "file:///etc/passwd", "javascript:alert(1)"])
def test_refused_schemes(url: str) -> None:
    with pytest.raises(IngestError, match="scheme"):
        fetch(url, max_bytes=2**20)


def test_connection_refused_is_an_ingest_error() -> None:
    with socket.socket() as sock:  # a port that was free a moment ago: nothing listens there now
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(IngestError, match="network error"):
        fetch(f"http://127.0.0.1:{port}/", max_bytes=2**20, connect_timeout=1)
