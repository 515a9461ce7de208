"""Conflicting claims: one quantity cited with values that disagree beyond rounding, and memberships that contradict
the catalogue (``multivector claims``).

Contract: :func:`claims` reads the cited figures and the contradicted membership claims from the store
(:mod:`multivector.store.analytics`) and returns :class:`Claims`. Definitions (docs/analysis.md):

- a figure's *quantity* is (measure, actors, unit, year, kind): the actors the figure's subject names (catalogue
  look-up of its words: "Trade between Uzbekistan and China" -> CHN, UZB), the measure the subject's other words
  ("trade"), the unit, the one year its evidence names, and its kind: ``forecast`` when the evidence holds a
  future or hedge cue of ``data/modality_cues.json`` ("is expected to reach"), ``reported`` otherwise. Figures
  whose subject names no actor or whose evidence names no year, or several, are not compared;
- a value written as 31.5 (billion) is known to 0.1 billion: its precision is the place of its last significant
  digit; two values agree when they differ by at most half the coarser precision (31.5 and "about 31" billion
  agree, 31.5 and 25.2 do not);
- a conflict is a quantity with at least two values that do not agree; it lists every figure of the quantity, and
  the pairs that disagree.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import asdict, dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from multivector.store import analytics
from multivector.store.analytics import FigureRecord, MembershipRecord

_YEAR = re.compile(r"(?<![\d.,$€£])(?:19|20)\d{2}(?![\d%])")
_WORD = re.compile(r"[\w'’-]+")
_STOP = frozenset("a an the of on in to and between with from for by at its their 's".split())
MAX_WORDS = 5  # the longest actor name looked up in a subject, in words


@dataclass(frozen=True)
class Quantity:
    measure: str
    actors: tuple[str, ...]
    unit: str
    year: str
    kind: str  # reported | forecast


@dataclass
class Conflict:
    quantity: Quantity
    values: list[float]  # distinct values, smallest first
    figures: list[FigureRecord]
    disagreeing: list[tuple[int, int]] = field(default_factory=list)  # figure ids of the pairs beyond rounding


@dataclass
class ContradictedMembership:
    member: str
    org: str
    claims: list[MembershipRecord]


@dataclass
class Claims:
    conflicts: list[Conflict]
    memberships: list[ContradictedMembership]
    compared: int  # figures with a quantity (the others are not compared)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@cache
def _cues() -> re.Pattern[str]:
    data = json.loads(resources.files("multivector.data").joinpath("modality_cues.json").read_text(encoding="utf-8"))
    words = [*data.get("future", []), *data.get("hedges", [])]
    return re.compile(r"\b(?:" + "|".join(words) + r")\b", re.IGNORECASE)


def precision(value: float) -> float:
    """The place of the last significant digit of a value as written: 31.5e9 -> 1e8, 26e9 -> 1e9, 0.25 -> 0.01."""
    if value == 0 or not math.isfinite(value):
        return 1.0
    magnitude = abs(value)
    for exponent in range(int(math.floor(math.log10(magnitude))), -7, -1):
        step = 10.0**exponent
        if abs(round(magnitude / step) * step - magnitude) <= magnitude * 1e-9:
            return step
    return 1e-6


def agree(x: float, y: float) -> bool:
    """Two values agree when they differ by at most half the coarser precision of the two."""
    return abs(x - y) <= max(precision(x), precision(y)) / 2 * (1 + 1e-9)


def quantity(figure: FigureRecord, catalogue: Any) -> Quantity | None:
    """The quantity a figure measures, or None when it cannot be told (no actor in the subject, no single year)."""
    words = _WORD.findall(figure.subject)
    actors: set[str] = set()
    rest: list[str] = []
    i = 0
    while i < len(words):
        for size in range(min(MAX_WORDS, len(words) - i), 0, -1):
            found = catalogue.lookup(" ".join(words[i : i + size]))
            if found is not None and any(c.isupper() for c in words[i]):
                actors.add(found[0])
                i += size
                break
        else:
            if words[i].casefold() not in _STOP:
                rest.append(words[i].casefold())
            i += 1
    years = set(_YEAR.findall(figure.evidence))
    if not actors or len(years) != 1:
        return None
    kind = "forecast" if _cues().search(figure.evidence) else "reported"
    return Quantity(" ".join(rest), tuple(sorted(actors)), figure.unit, years.pop(), kind)


def claims(
    corpus: Any,
    *,
    unit: str | None = None,
    actor: str | None = None,
    since: str | None = None,
    until: str | None = None,
    catalogue: Any = None,
) -> Claims:
    """Figures of one quantity that disagree beyond rounding, and contradicted membership claims.
    ``actor``: figures whose quantity names it, memberships of or in it."""
    from multivector.data.catalogue import Catalogue

    catalogue = catalogue or Catalogue.default()
    groups: dict[Quantity, list[FigureRecord]] = {}
    compared = 0
    for figure in analytics.figure_records(corpus, unit=unit, since=since, until=until):
        key = quantity(figure, catalogue)
        if key is None or (actor is not None and actor not in key.actors):
            continue
        compared += 1
        groups.setdefault(key, []).append(figure)
    conflicts = []
    for key, figures in groups.items():
        pairs = [(f.id, g.id) for n, f in enumerate(figures) for g in figures[n + 1 :] if not agree(f.value, g.value)]
        if pairs:
            values = sorted({f.value for f in figures})
            conflicts.append(Conflict(key, values, figures, pairs))
    conflicts.sort(key=lambda c: (-(c.values[-1] - c.values[0]) / abs(c.values[-1] or 1), c.quantity.measure))
    memberships: dict[tuple[str, str], ContradictedMembership] = {}
    for record in analytics.contradicted_memberships(corpus, actor=actor, since=since, until=until):
        key = (record.member, record.org)
        memberships.setdefault(key, ContradictedMembership(record.member, record.org, [])).claims.append(record)
    return Claims(conflicts, list(memberships.values()), compared)
