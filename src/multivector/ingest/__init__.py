"""The ingest stage: a path, URL, bytes or text -> :class:`~multivector.records.Document`.

Contract: :func:`load`, :func:`load_bytes` and :func:`from_text` return a Document whose ``body`` is the
article text with page furniture removed, made only of verbatim lines of the (decoded, or for HTML converted)
input, plus the metadata found (title, published, outlet, authors, language). Every failure is an
:class:`~multivector.errors.IngestError` with a one-line reason; no other exception escapes, whatever the
bytes. :func:`iter_sources` expands inputs for batch runs (:func:`select_sources` sets aside skipped and excluded
ones); :func:`source_name` names outputs.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from multivector.errors import IngestError
from multivector.ingest.boilerplate import split_page
from multivector.ingest.decode import decode_bytes, normalise_newlines
from multivector.ingest.fetch import fetch
from multivector.ingest.html import (
    extract_html,
    html_title,
    html_to_text,
    looks_like_html,
    markdown_to_text,
    prepare_html,
)
from multivector.ingest.language import detect_language
from multivector.ingest.metadata import clean_title, outlet_for_url, page_metadata, resolve_outlet, site_of_title
from multivector.ingest.sources import Skipped, is_url, iter_sources, select_sources, source_name
from multivector.records import Document

DEFAULT_MAX_BYTES = 64 * 2**20
Crawled = date | str | None  # when the page was scraped: a date or an ISO string
_HTML_SUFFIXES = (".html", ".htm", ".xhtml")
_MARKDOWN_SUFFIXES = (".md", ".markdown")
_HOST_LIKE = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3}){3}|localhost|\[[0-9a-f:]+\])(?::\d+)?$|:\d+$", re.IGNORECASE)
_OTHER_SCHEME = re.compile(r"^[a-z][a-z0-9+.\-]*://", re.IGNORECASE)

__all__ = ["load", "load_bytes", "from_text", "iter_sources", "select_sources", "Skipped", "source_name", "IngestError"]


def load(source: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES, crawled: Crawled = None) -> Document:
    """Read a file path or fetch an http(s) URL and turn it into a Document (``crawled``: when the page was
    scraped, for relative dates such as "3 hours ago"; a URL fetched now is crawled today)."""
    if is_url(source):
        url = str(source).strip()
        fetched = fetch(url, max_bytes=max_bytes)
        crawled = crawled or date.today()
        return load_bytes(
            fetched.data, name=source_name(url), source=url, content_type=fetched.content_type, crawled=crawled
        )
    if isinstance(source, str) and _OTHER_SCHEME.match(source):
        scheme = source.split(":", 1)[0]
        raise IngestError(source, f"URL scheme {scheme!r} refused (only http and https)")
    data = _read_file(Path(source), str(source), max_bytes)
    return load_bytes(data, name=source_name(source), source=str(source), crawled=crawled)


def load_bytes(
    data: bytes, *, name: str, source: str, content_type: str | None = None, crawled: Crawled = None
) -> Document:
    """Decode ``data`` (a page or article) and extract the Document."""
    try:
        text, encoding = decode_bytes(data, source)
        return _document(text, name=name, source=source, content_type=content_type, encoding=encoding, crawled=crawled)
    except IngestError:
        raise
    except Exception as exc:  # a bug must not crash a batch run: report it against this input
        raise IngestError(source, f"could not process ({type(exc).__name__}: {exc})"[:200]) from exc


def from_text(text: str, *, name: str = "text", source: str = "<text>", crawled: Crawled = None) -> Document:
    """A Document from text that is already decoded (a pasted article, a string in a test)."""
    if not isinstance(text, str):
        raise IngestError(source, f"expected text, got {type(text).__name__}")
    text = normalise_newlines(text)
    if not text.strip():
        raise IngestError(source, "empty text")
    try:
        return _document(text, name=name, source=source, content_type=None, encoding=None, crawled=crawled)
    except IngestError:
        raise
    except Exception as exc:
        raise IngestError(source, f"could not process ({type(exc).__name__}: {exc})"[:200]) from exc


# --- internals ------------------------------------------------------------------------------------------


def _read_file(path: Path, source: str, max_bytes: int) -> bytes:
    try:
        if not path.exists():
            raise IngestError(source, "no such file")
        if path.is_dir():
            raise IngestError(source, "is a directory")
        size = path.stat().st_size
        if size > max_bytes:
            raise IngestError(source, f"larger than {_megabytes(max_bytes)}")
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)  # special files may lie about their size
    except PermissionError:
        raise IngestError(source, "permission denied") from None
    except OSError as exc:
        raise IngestError(source, f"unreadable ({exc.strerror or exc})") from None
    if len(data) > max_bytes:
        raise IngestError(source, f"larger than {_megabytes(max_bytes)}")
    return data


def _megabytes(n: int) -> str:
    return f"{n / 2**20:g} MB"


def _kind(text: str, name: str, source: str, content_type: str | None) -> str:
    """html, markdown or text: by file extension, then declared content type, then by sniffing."""
    path = re.sub(r"[?#].*$", "", source).lower()
    if path.endswith(_HTML_SUFFIXES) or name.lower().endswith(_HTML_SUFFIXES):
        return "html"
    if path.endswith(_MARKDOWN_SUFFIXES) or name.lower().endswith(_MARKDOWN_SUFFIXES):
        return "markdown"
    media = (content_type or "").split(";")[0].strip().lower()
    if media in ("text/html", "application/xhtml+xml"):
        return "html"
    if media in ("text/markdown", "text/x-markdown"):
        return "markdown"
    return "html" if looks_like_html(text) else "text"


def _document(
    text: str, *, name: str, source: str, content_type: str | None, encoding: str | None, crawled: Crawled = None
) -> Document:
    kind = _kind(text, name, source, content_type)
    url = source if is_url(source) else None
    if kind == "html":
        doc = _from_html(text, source, url, crawled)
    elif kind == "markdown":
        plain, md_title = markdown_to_text(text)
        doc = _from_plain(plain, source, url, crawled)
        doc.title = clean_title(md_title) if md_title else doc.title
    else:
        doc = _from_plain(text, source, url, crawled)
    doc.name, doc.encoding, doc.content_type = name, encoding, kind
    if not _has_prose(doc.body):
        raise IngestError(source, "no article text found (only navigation, menus or headlines)")
    doc.language = detect_language(doc.body)
    return doc


def _has_prose(body: str) -> bool:
    """An article has at least one line of prose: six words or more."""
    return any(len(line.split()) >= 6 for line in body.splitlines())


def _from_plain(text: str, source: str, url: str | None, crawled: Crawled = None) -> Document:
    page = split_page(text)
    if not page.body_lines:
        raise IngestError(source, "no article text found")
    meta = page_metadata(page, url, crawled=crawled)
    return Document(
        source=source,
        name="",
        body=page.body,
        raw_text=text,
        title=meta.title,
        published=meta.published,
        outlet=meta.outlet,
        authors=meta.authors,
    )


_PAGE_ENDS = 300


def _outlet_of_whole_page(markup: str) -> str | None:
    """The outlet the page's furniture names (masthead, footer, copyright line), which trafilatura's text leaves out."""
    lines = html_to_text(prepare_html(markup)).split("\n")
    if len(lines) > 2 * _PAGE_ENDS:  # the masthead and the footer are at the ends of a page
        lines = lines[:_PAGE_ENDS] + lines[-_PAGE_ENDS:]
    return page_metadata(split_page("\n".join(lines))).outlet


def _from_html(markup: str, source: str, url: str | None, crawled: Crawled = None) -> Document:
    article = extract_html(markup, url)
    if not article.text.strip():
        raise IngestError(source, "no article text found")
    page = split_page(article.text)
    # trafilatura already removed most furniture; the text pass only trims what it left (lists, prompts)
    body = page.body if page.body_lines and len(page.body) >= 0.5 * len(article.text) else article.text
    meta = page_metadata(page, url, crawled=crawled)
    sitename = article.sitename if article.sitename and not _HOST_LIKE.match(article.sitename) else None
    outlet = (url and outlet_for_url(url)) or (sitename and resolve_outlet(sitename)) or meta.outlet
    title = article.title or html_title(markup) or meta.title
    if not (outlet or sitename):
        outlet = site_of_title(html_title(markup) or "") or _outlet_of_whole_page(markup)
    return Document(
        source=source,
        name="",
        body=body,
        raw_text=article.text,
        title=clean_title(title) if title else None,
        published=article.published or meta.published,
        outlet=outlet or sitename,
        authors=article.authors or meta.authors,
    )
