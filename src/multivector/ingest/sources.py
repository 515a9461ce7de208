"""Naming and listing inputs.

Contract: :func:`source_name` gives an output-file-safe name for a path (its stem) or URL (a slug of host and
path); :func:`iter_sources` expands directories recursively into their article files (sorted, extensions in
:data:`ARTICLE_SUFFIXES`), passes URLs through, and yields an :class:`IngestError` (never raises) for missing
or unreadable paths and symlink loops, so a batch run reports them and goes on. In a directory, files that are
not articles (a project's README, LICENSE, CHANGELOG..., hidden files and folders) arrive as :class:`Skipped`
items; a file named on the command line is always taken. :func:`select_sources` splits a listing into the
sources to analyse and the skipped items, also skipping what matches an ``--exclude`` glob.
A walk takes crawl files too (.warc, .warc.gz, .jsonl: :mod:`multivector.ingest.crawls` reads their records).
"""

from __future__ import annotations

import fnmatch
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePath
from urllib.parse import urlsplit

from multivector.errors import IngestError
from multivector.ingest.crawls import is_crawl
from multivector.ingest.cues import alternation

ARTICLE_SUFFIXES = frozenset({".txt", ".text", ".html", ".htm", ".xhtml", ".md", ".markdown"})
_URL = re.compile(r"^https?://", re.IGNORECASE)
_MAX_SLUG = 120
# Files that come with a project or a data set, not articles: skipped when a directory is walked.
_PROJECT_FILES = alternation("project_files", prefix="^", suffix=r"(?:[_-][A-Za-z0-9]{1,5})?(?:\.[A-Za-z0-9]{1,9})*$")


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input left out of a batch, and why."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


def is_project_file(path: str | Path) -> bool:
    """README, LICENSE, CHANGELOG and their kin (any extension, any case; NEWS only in capitals)."""
    name = PurePath(str(path)).name
    stem = name.split(".")[0]
    if stem.casefold() == "news":
        return stem == "NEWS"
    return bool(_PROJECT_FILES.match(name))


def select_sources(
    items: Iterable[str | Path | IngestError | Skipped], exclude: Iterable[str] = ()
) -> tuple[list[str | Path | IngestError], list[Skipped]]:
    """(sources to analyse, skipped items): :class:`Skipped` items and inputs matching an exclude glob are set
    aside. A glob matches a file's name ("*.draft.txt"), the end of its path ("drafts/*.txt") or one of its
    folders ("drafts")."""
    patterns = [p for p in exclude if p]
    sources: list[str | Path | IngestError] = []
    skipped: list[Skipped] = []
    for item in items:
        if isinstance(item, Skipped):
            skipped.append(item)
        elif not isinstance(item, IngestError) and patterns and (hit := _excluded(item, patterns)):
            skipped.append(Skipped(str(item), f"excluded by --exclude {hit}"))
        else:
            sources.append(item)
    return sources, skipped


def _excluded(item: str | Path, patterns: list[str]) -> str | None:
    text = str(item).strip()
    if is_url(text):
        return next((p for p in patterns if fnmatch.fnmatch(text, p)), None)
    path = PurePath(text)
    for pattern in patterns:
        stripped = pattern.rstrip("/\\")
        if not stripped:
            continue
        if fnmatch.fnmatch(path.name, stripped) or fnmatch.fnmatch(text, stripped) or path.match(stripped):
            return pattern
        if any(fnmatch.fnmatch(part, stripped) for part in path.parts[:-1]):
            return pattern
    return None


def is_url(source: str | Path) -> bool:
    return isinstance(source, str) and bool(_URL.match(source.strip()))


def source_name(source: str | Path) -> str:
    """File stem for a path; "host_path" slug for a URL (safe on every filesystem)."""
    if is_url(source):
        parts = urlsplit(str(source).strip())
        raw = f"{parts.hostname or 'url'}{parts.path}" + (f"_{parts.query}" if parts.query else "")
        slug = re.sub(r"[^A-Za-z0-9._-]+", "_", raw).strip("._-")
        slug = re.sub(r"_+", "_", slug)
        return slug[:_MAX_SLUG].rstrip("._-") or "url"
    stem = Path(str(source)).stem
    return re.sub(r"[\x00-\x1f/\\:*?\"<>|]+", "_", stem) or "document"


def iter_sources(paths: Iterable[str | Path]) -> Iterator[str | Path | IngestError | Skipped]:
    for item in paths:
        if is_url(item):
            yield str(item).strip()
            continue
        path = Path(item)
        if path.is_symlink() and not path.exists():
            yield IngestError(str(item), "broken symbolic link or symlink loop")
        elif not path.exists():
            yield IngestError(str(item), "no such file or directory")
        elif path.is_dir():
            yield from _walk(path)
        elif not os.access(path, os.R_OK):
            yield IngestError(str(item), "permission denied")
        else:
            yield path


def _walk(root: Path) -> Iterator[Path | IngestError | Skipped]:
    """Article files under ``root``, sorted; a directory reached twice (a symlink loop) is reported once; project
    files and hidden files and folders are skipped, with the reason."""
    seen: set[tuple[int, int]] = set()
    errors: list[IngestError] = []
    files: list[Path] = []
    skipped: list[Skipped] = []

    def on_error(exc: OSError) -> None:
        errors.append(IngestError(str(exc.filename or root), f"unreadable directory ({exc.strerror or exc})"))

    for dirpath, dirnames, filenames in os.walk(root, followlinks=True, onerror=on_error):
        try:
            st = os.stat(dirpath)
        except OSError as exc:
            errors.append(IngestError(dirpath, f"unreadable directory ({exc.strerror or exc})"))
            dirnames[:] = []
            continue
        key = (st.st_dev, st.st_ino)
        if key in seen:
            errors.append(IngestError(dirpath, "symlink loop (directory already visited)"))
            dirnames[:] = []
            continue
        seen.add(key)
        for name in sorted(d for d in dirnames if d.startswith(".")):
            skipped.append(Skipped(str(Path(dirpath) / name), "hidden folder"))
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in filenames:
            path = Path(dirpath) / name
            if path.suffix.lower() not in ARTICLE_SUFFIXES and not is_crawl(name):
                continue
            if name.startswith("."):
                skipped.append(Skipped(str(path), "hidden file"))
                continue
            if is_project_file(name):
                skipped.append(Skipped(str(path), "not an article (a project file such as README, LICENSE, CHANGELOG)"))
                continue
            if not path.exists():
                errors.append(IngestError(str(path), "broken symbolic link or symlink loop"))
            elif not os.access(path, os.R_OK):
                errors.append(IngestError(str(path), "permission denied"))
            else:
                files.append(path)
    yield from sorted(files)
    yield from errors
    yield from sorted(skipped, key=lambda item: item.path)
