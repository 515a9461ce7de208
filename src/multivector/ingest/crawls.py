"""Crawls as input: WARC / WARC.gz files and JSON Lines, read record by record.

Contract:
- :func:`is_crawl` tells a crawl file by its name: ``.warc``, ``.warc.gz``, ``.jsonl`` (``.jsonl.gz`` is not read).
- :func:`index_crawl` lists a crawl file's articles as :class:`CrawlRecord` items, one per usable record, in file
  order, without parsing any page: for WARC (Common Crawl, Heritrix, ``wget --warc-file``, read with warcio) the
  ``response`` records of HTTP 2xx with an HTML body (by Content-Type, or by sniffing when none is declared), with
  their target URL and WARC-Date; for JSON Lines the lines that are objects with ``html`` or ``text`` (``url`` and
  ``published`` optional, ``crawled`` too). Other records (requests, metadata, revisits, images, redirects, errors,
  blank lines) are left out silently. A file that cannot be read, or whose framing breaks part way (truncated gzip,
  a line that is not JSON), yields an :class:`IngestError` naming the place, after the records read before it; it
  never raises.
- A :class:`CrawlRecord` is small and picklable: a path, a byte offset and length, the URL and dates, and a sha256
  of the record's identity (URL and payload bytes), so a corpus can tell a record it has stored before analysing it
  again (``Corpus.has_file`` / ``Corpus.add(file_sha256=...)``). :meth:`CrawlRecord.load` re-opens the file, seeks
  to the record and turns it into a Document (``ingest.load_bytes`` / ``ingest.from_text``, ``crawled=`` the crawl
  date, ``source=`` the URL). It is what runs on a worker, so one big file spreads over many: every worker that
  reads records needs the file at the same path (a shared or copied filesystem).
- A record's ``published`` (JSON Lines) wins over the date found in the page when it is a valid ISO date
  (YYYY, YYYY-MM, YYYY-MM-DD, or a timestamp whose date part is kept).
- :func:`expand_crawls` replaces the crawl files in a list of sources by their records, leaving the rest as it is.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO

from multivector.errors import IngestError
from multivector.records import Document

CRAWL_SUFFIXES = (".warc", ".warc.gz", ".jsonl")
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ][0-9:.+\-Z]*)?$")
_SNIFF = re.compile(rb"<(?:!doctype\s+html|html|head|body|article|p)[\s>]", re.IGNORECASE)


def is_crawl(path: str | Path) -> bool:
    """True for a file name ending in .warc, .warc.gz or .jsonl (any case)."""
    return str(path).lower().endswith(CRAWL_SUFFIXES)


@dataclass(frozen=True, slots=True)
class CrawlRecord:
    """One article inside a crawl file: where it is, and what the crawl says about it."""

    path: str
    offset: int  # byte offset of the WARC record (of its gzip member) or of the JSON line
    length: int  # bytes of the record or line (0: unknown, read one record)
    kind: str  # "warc" or "jsonl"
    url: str | None = None
    crawled: str | None = None  # ISO date of the capture (WARC-Date, or a JSONL "crawled")
    published: str | None = None  # ISO date given by the crawl (JSONL "published")
    sha256: str = ""  # of the URL and the payload bytes: the record's identity for skipping it on a re-run

    def __str__(self) -> str:
        """Unique per record, and a URL first when there is one (so ``source_name`` makes a slug of it)."""
        return f"{self.url}#{self.path}@{self.offset}" if self.url else f"{self.path}@{self.offset}"

    @property
    def name(self) -> str:
        """The document's name: a slug of the URL, else the crawl file's stem and the record's offset."""
        from multivector.ingest import source_name

        return source_name(self.url) if self.url else f"{source_name(self.path)}-{self.offset}"

    def load(self) -> Document:
        """The record's page as a Document; an :class:`IngestError` for anything wrong with it."""
        where = f"{self.path}@{self.offset}"
        try:
            with open(self.path, "rb") as handle:
                handle.seek(self.offset)
                if self.kind == "warc":
                    payload, content_type = _read_warc_payload(handle, where)
                    document = _document(payload, None, self, content_type)
                else:
                    item = _json_object(handle.readline(), where)
                    document = _document(None, item, self, None)
        except OSError as exc:
            raise IngestError(where, f"unreadable ({exc.strerror or exc})") from None
        if self.published:
            document.published = self.published
        return document


def index_crawl(path: str | Path) -> Iterator[CrawlRecord | IngestError]:
    """The usable records of one crawl file, in file order (see the module contract)."""
    path = str(path)
    try:
        if path.lower().endswith(".jsonl"):
            yield from _index_jsonl(path)
        else:
            yield from _index_warc(path)
    except OSError as exc:
        yield IngestError(path, f"unreadable ({exc.strerror or exc})")


def expand_crawls(sources: Iterable[Any]) -> Iterator[Any]:
    """``sources`` with every crawl file (a Path or path string) replaced by its records."""
    for source in sources:
        if isinstance(source, str | Path) and not str(source).startswith(("http://", "https://")) and is_crawl(source):
            yield from index_crawl(source)
        else:
            yield source


# -- WARC ----------------------------------------------------------------------------------------------------------


def _index_warc(path: str) -> Iterator[CrawlRecord | IngestError]:
    from warcio.archiveiterator import WARCIterator
    from warcio.exceptions import ArchiveLoadFailed

    with open(path, "rb") as handle:
        iterator = WARCIterator(handle)
        end = 0
        try:
            for record in iterator:
                info = _warc_info(record)
                # after the payload is read: warcio's offset and length read the record to its end
                offset, length = iterator.get_record_offset(), iterator.get_record_length() or 0
                end = offset + length
                if info is not None:
                    yield CrawlRecord(path, offset, length, "warc", info["url"], info["crawled"], None, info["sha256"])
        except (ArchiveLoadFailed, EOFError, ValueError, OSError) as exc:
            yield IngestError(path, f"broken WARC after byte {end} ({type(exc).__name__}: {exc})"[:200])
            return
        size = os.fstat(handle.fileno()).st_size
        if end < size and handle.seek(end) is not None and handle.read(4096).strip():
            # warcio ends quietly at a truncated gzip member: bytes left over mean the file was cut or damaged
            yield IngestError(path, f"broken WARC after byte {end} (truncated or damaged record)")


def _warc_info(record: Any) -> dict[str, Any] | None:
    """url, date and identity of an HTML response record; None for any other record."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    status = record.http_headers.get_statuscode() or ""
    if not status.startswith("2"):
        return None
    content_type = (record.http_headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
    if content_type and content_type not in _HTML_TYPES:
        return None
    payload = _read_all(record)
    if not content_type and not _SNIFF.search(payload[:4096]):
        return None
    url = (record.rec_headers.get_header("WARC-Target-URI") or "").strip().strip("<>") or None
    crawled = _iso_date(record.rec_headers.get_header("WARC-Date"))
    return {"url": url, "crawled": crawled, "sha256": _identity(url, payload)}


def _read_warc_payload(handle: BinaryIO, where: str) -> tuple[bytes, str | None]:
    from warcio.archiveiterator import WARCIterator
    from warcio.exceptions import ArchiveLoadFailed

    try:
        record = next(iter(WARCIterator(handle)))
        payload = _read_all(record)
    except (StopIteration, ArchiveLoadFailed, EOFError, ValueError) as exc:
        raise IngestError(where, f"no WARC record here ({type(exc).__name__})") from None
    content_type = record.http_headers.get_header("Content-Type") if record.http_headers else None
    return payload, content_type


def _read_all(record: Any) -> bytes:
    """The whole payload (warcio's streams return what one buffer holds per read)."""
    stream = record.content_stream()
    return b"".join(iter(lambda: stream.read(1 << 16), b""))


# -- JSON Lines ----------------------------------------------------------------------------------------------------


def _index_jsonl(path: str) -> Iterator[CrawlRecord | IngestError]:
    with open(path, "rb") as handle:
        offset = 0
        for number, line in enumerate(handle, start=1):
            start, offset = offset, offset + len(line)
            if not line.strip():
                continue
            try:
                item = _json_object(line, f"{path}:{number}")
            except IngestError as exc:
                yield IngestError(f"{path}:{number}", exc.reason)
                continue
            url = item.get("url") if isinstance(item.get("url"), str) and item.get("url").strip() else None
            payload = item.get("html") if isinstance(item.get("html"), str) else item.get("text")
            yield CrawlRecord(
                path,
                start,
                len(line),
                "jsonl",
                url.strip() if url else None,
                _iso_date(item.get("crawled")),
                _iso_date(item.get("published")),
                _identity(url, payload.encode("utf-8", "surrogatepass")),
            )


def _json_object(line: bytes, where: str) -> dict[str, Any]:
    try:
        item = json.loads(line)
    except (ValueError, UnicodeDecodeError) as exc:
        raise IngestError(where, f"not a JSON line ({exc})"[:200]) from None
    if not isinstance(item, dict):
        raise IngestError(where, "a JSON line must be an object with html or text")
    has_html, has_text = isinstance(item.get("html"), str), isinstance(item.get("text"), str)
    if not (has_html or has_text):
        raise IngestError(where, "a JSON line needs an html or a text field (a string)")
    return item


# -- shared --------------------------------------------------------------------------------------------------------


def _document(payload: bytes | None, item: dict[str, Any] | None, record: CrawlRecord, content_type: str | None):
    from multivector.ingest import from_text, load_bytes

    source = record.url or f"{record.path}@{record.offset}"
    name = record.name
    if item is None:
        assert payload is not None
        return load_bytes(payload, name=name, source=source, content_type=content_type or "text/html",
                          crawled=record.crawled)  # fmt: skip
    if isinstance(item.get("html"), str):
        data = item["html"].encode("utf-8", "surrogatepass")
        return load_bytes(data, name=name, source=source, content_type="text/html", crawled=record.crawled)
    return from_text(item["text"], name=name, source=source, crawled=record.crawled)


def _identity(url: str | None, payload: bytes | str | None) -> str:
    """sha256 of a record's URL and payload (a prefix keeps it apart from the hash of a plain file's bytes)."""
    if isinstance(payload, str):
        payload = payload.encode("utf-8", "surrogatepass")
    digest = hashlib.sha256(b"multivector-crawl-record\x00")
    digest.update((url or "").encode("utf-8", "surrogatepass") + b"\x00")
    digest.update(payload or b"")
    return digest.hexdigest()


def _iso_date(value: Any) -> str | None:
    """YYYY, YYYY-MM or YYYY-MM-DD from an ISO date or timestamp; None for anything else."""
    if not isinstance(value, str) or not (match := _ISO.match(value.strip())):
        return None
    year, month, day = (int(part) if part else None for part in match.groups())
    try:
        date(year, month or 1, day or 1)  # type: ignore[arg-type]
    except ValueError:
        return None
    return "-".join(part for part in match.groups() if part)
