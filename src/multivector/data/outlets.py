"""The outlet catalogue (data/outlets.json) and its loader, below ingest and nlp: ingest reads it to name a page's
publisher, nlp to tell an outlet from a person or an actor."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True, slots=True)
class Outlet:
    name: str
    domains: tuple[str, ...]
    aliases: tuple[str, ...] = ()


@lru_cache(maxsize=1)
def load_outlets() -> tuple[Outlet, ...]:
    """The outlet catalogue (data/outlets.json)."""
    raw = json.loads(resources.files("multivector.data").joinpath("outlets.json").read_text(encoding="utf-8"))
    return tuple(Outlet(o["name"], tuple(o.get("domains", [])), tuple(o.get("aliases", []))) for o in raw)


@lru_cache(maxsize=1)
def outlet_index() -> dict[str, str]:
    """Every name, alias and domain of the catalogue, case-folded, to the outlet's catalogue name."""
    index: dict[str, str] = {}
    for outlet in load_outlets():
        for key in (outlet.name, *outlet.aliases, *outlet.domains):
            index.setdefault(key.casefold(), outlet.name)
    return index


def is_outlet_name(text: str) -> bool:
    """Whether ``text`` is a name, alias or domain of the outlet catalogue."""
    return text.casefold() in outlet_index()
