"""Fetch an http(s) URL, defensively.

Contract: :func:`fetch` returns a :class:`Fetched` (bytes, content type, final URL) or raises
:class:`IngestError` with a one-line reason: refused scheme, too many redirects (more than
:data:`MAX_REDIRECTS`), HTTP error status, a content type that is not HTML or text, a body larger than
``max_bytes`` (streamed and stopped, never read whole), connection or read timeouts, network errors.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from multivector.errors import IngestError

MAX_REDIRECTS = 5
CONNECT_TIMEOUT = 10.0
READ_TIMEOUT = 20.0
TOTAL_TIMEOUT = 90.0  # a server dripping bytes below the read timeout must still end
USER_AGENT = "multivector/0.1 (+article analysis; polite single fetch)"
_ALLOWED_TYPES = ("text/", "application/xhtml+xml", "application/xml")


@dataclass(slots=True)
class Fetched:
    data: bytes
    content_type: str | None
    url: str


def check_scheme(url: str) -> None:
    scheme = urlsplit(url).scheme.lower()
    if scheme not in ("http", "https"):
        raise IngestError(url, f"URL scheme {scheme or '(none)'!r} refused (only http and https)")


def fetch(
    url: str,
    *,
    max_bytes: int,
    connect_timeout: float = CONNECT_TIMEOUT,
    read_timeout: float = READ_TIMEOUT,
    total_timeout: float = TOTAL_TIMEOUT,
) -> Fetched:
    check_scheme(url)
    timeout = httpx.Timeout(connect=connect_timeout, read=read_timeout, write=read_timeout, pool=connect_timeout)
    try:
        with httpx.Client(
            follow_redirects=True, max_redirects=MAX_REDIRECTS, timeout=timeout, headers={"User-Agent": USER_AGENT}
        ) as client:
            with client.stream("GET", url) as response:
                return _read(url, response, max_bytes, time.monotonic() + total_timeout)
    except IngestError:
        raise
    except httpx.TooManyRedirects:
        raise IngestError(url, f"too many redirects (more than {MAX_REDIRECTS})") from None
    except httpx.UnsupportedProtocol as exc:
        raise IngestError(url, f"redirect to an unsupported scheme refused ({exc})") from None
    except httpx.ConnectTimeout:
        raise IngestError(url, f"connection timed out after {connect_timeout:g} s") from None
    except httpx.ReadTimeout:
        raise IngestError(url, f"no data for {read_timeout:g} s (read timeout)") from None
    except httpx.TimeoutException:
        raise IngestError(url, "timed out") from None
    except httpx.HTTPError as exc:
        raise IngestError(url, f"network error: {type(exc).__name__}: {exc}".rstrip(": ")) from None
    except (OSError, ValueError) as exc:
        raise IngestError(url, f"cannot fetch: {exc}") from None


def _read(url: str, response: httpx.Response, max_bytes: int, deadline: float) -> Fetched:
    final = str(response.url)
    check_scheme(final)
    if response.status_code >= 400:
        raise IngestError(url, f"HTTP {response.status_code}")
    content_type = response.headers.get("content-type")
    media = (content_type or "").split(";")[0].strip().lower()
    if media and not media.startswith(_ALLOWED_TYPES):
        raise IngestError(url, f"content type {media} refused")
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise IngestError(url, f"larger than {_size(max_bytes)}")
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise IngestError(url, f"larger than {_size(max_bytes)}")
        if time.monotonic() > deadline:
            raise IngestError(url, "download took too long")
        chunks.append(chunk)
    return Fetched(b"".join(chunks), content_type, final)


def _size(n: int) -> str:
    if n >= 2**20 and n % 2**20 == 0:
        return f"{n // 2**20} MB"
    if n >= 1024 and n % 1024 == 0:
        return f"{n // 1024} KB"
    return f"{n} bytes"
