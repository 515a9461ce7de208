"""Layout cues as data: the word lists and line patterns of page furniture, read from ``data/furniture.json``.

Contract: :func:`entries` returns the list under a key of the data file (one entry a line there);
:func:`words` a casefolded frozenset of it; :func:`alternation` one compiled, case-insensitive pattern that
matches any entry, anchored to the whole text when ``whole`` (with an optional closing colon), else searched.
The file is read once per process. A missing key is a bug in the data file and raises KeyError.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources

_FLAGS = re.IGNORECASE | re.UNICODE


@lru_cache(maxsize=1)
def _data() -> dict[str, list[str]]:
    text = resources.files("multivector").joinpath("data/furniture.json").read_text(encoding="utf-8")
    return json.loads(text)


def entries(key: str) -> list[str]:
    """The entries listed under ``key``."""
    return list(_data()[key])


@lru_cache(maxsize=64)
def words(key: str) -> frozenset[str]:
    """The entries under ``key``, casefolded, as a set (word lists)."""
    return frozenset(e.casefold() for e in _data()[key])


@lru_cache(maxsize=64)
def alternation(key: str, *, whole: bool = False, prefix: str = "", suffix: str = "") -> re.Pattern[str]:
    """One pattern for all entries of ``key``: ``^(?:a|b|...)\\s*:?$`` when ``whole``, else ``(?:a)|(?:b)|...``
    wrapped in ``prefix``/``suffix``."""
    body = "|".join(f"(?:{e})" for e in _data()[key])
    if whole:
        return re.compile(rf"^(?:{body})\s*:?$", _FLAGS)
    return re.compile(f"{prefix}(?:{body}){suffix}", _FLAGS)
