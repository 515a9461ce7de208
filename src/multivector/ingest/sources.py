"""Naming and listing inputs.

Contract: :func:`source_name` gives an output-file-safe name for a path (its stem) or URL (a slug of host and
path); :func:`iter_sources` expands directories recursively into their article files (sorted, extensions in
:data:`ARTICLE_SUFFIXES`), passes URLs through, and yields an :class:`IngestError` (never raises) for missing
or unreadable paths and symlink loops, so a batch run reports them and goes on.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

from multivector.errors import IngestError

ARTICLE_SUFFIXES = frozenset({".txt", ".text", ".html", ".htm", ".xhtml", ".md", ".markdown"})
_URL = re.compile(r"^https?://", re.IGNORECASE)
_MAX_SLUG = 120


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


def iter_sources(paths: Iterable[str | Path]) -> Iterator[str | Path | IngestError]:
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


def _walk(root: Path) -> Iterator[Path | IngestError]:
    """Article files under ``root``, sorted; a directory reached twice (a symlink loop) is reported once."""
    seen: set[tuple[int, int]] = set()
    errors: list[IngestError] = []
    files: list[Path] = []

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
        dirnames.sort()
        for name in filenames:
            path = Path(dirpath) / name
            if path.suffix.lower() not in ARTICLE_SUFFIXES:
                continue
            if not path.exists():
                errors.append(IngestError(str(path), "broken symbolic link or symlink loop"))
            elif not os.access(path, os.R_OK):
                errors.append(IngestError(str(path), "permission denied"))
            else:
                files.append(path)
    yield from sorted(files)
    yield from errors
