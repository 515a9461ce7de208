"""Shifts: a relation's polarity or an expert's stance that changes between periods (``multivector changes``).

Contract: :func:`changes` reads firm claims (modality asserted or future) summed per pair or per expert and target,
period and polarity from the store (:mod:`multivector.store.analytics`, GROUP BY in SQL), and returns the
:class:`Change` list, largest first. Definitions (docs/analysis.md):

- in each period, net = (w+ - w-) / (w+ + w- + w0), in [-1, 1], over the summed confidences of the claims;
- the period's polarity is + when net >= ``threshold``, - when net <= -``threshold``, 0 otherwise;
- a change is two consecutive periods with data for the same pair (or expert and target) whose polarities differ;
  ``after`` is the period in which the new polarity first shows;
- size = |net_after - net_before| (0 .. 2); support = the fewer claims of the two periods; the list is ranked by
  score = size * support / (support + 1) (a change carried by one claim scores half its size), then size, support.
Each change carries the most confident claims of both periods as its evidence.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field
from typing import Any

from multivector.store import analytics
from multivector.store.analytics import RelationRecord, StanceRecord

KINDS = ("relation", "stance")


@dataclass
class Side:
    """One period of a change: its net score, polarity, claims and the weight of each polarity."""

    period: str
    net: float
    polarity: str
    records: int
    weights: dict[str, float]


@dataclass
class Change:
    kind: str  # relation (subject, other: the actor pair) or stance (subject: the expert, other: the target)
    subject: str
    other: str
    before: Side
    after: Side
    size: float
    support: int
    score: float
    evidence_before: list[RelationRecord | StanceRecord] = field(default_factory=list)
    evidence_after: list[RelationRecord | StanceRecord] = field(default_factory=list)


@dataclass
class Changes:
    by: str
    actor: str | None
    changes: list[Change]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _side(period: str, weights: dict[str, float], records: int, threshold: float) -> Side:
    total = sum(weights.values())
    net = (weights.get("+", 0.0) - weights.get("-", 0.0)) / total if total > 0 else 0.0
    polarity = "+" if net >= threshold else "-" if net <= -threshold else "0"
    return Side(period, net, polarity, records, {p: weights.get(p, 0.0) for p in ("+", "-", "0")})


def _series(rows: list[Any], key: Any, threshold: float) -> dict[tuple[str, str], list[Side]]:
    weights: dict[tuple[str, str], dict[str, dict[str, float]]] = defaultdict(lambda: defaultdict(dict))
    counts: dict[tuple[tuple[str, str], str], int] = defaultdict(int)
    for row in rows:
        subject = key(row)
        slot = weights[subject][row.period]
        slot[row.polarity] = slot.get(row.polarity, 0.0) + row.weight
        counts[subject, row.period] += row.records
    return {
        subject: [_side(p, periods[p], counts[subject, p], threshold) for p in sorted(periods)]
        for subject, periods in weights.items()
    }


def _found(kind: str, series: dict[tuple[str, str], list[Side]], min_support: int) -> list[Change]:
    found = []
    for (subject, other), sides in sorted(series.items()):
        for before, after in zip(sides, sides[1:], strict=False):
            if before.polarity == after.polarity:
                continue
            support = min(before.records, after.records)
            if support < min_support:
                continue
            size = abs(after.net - before.net)
            found.append(Change(kind, subject, other, before, after, size, support, size * support / (support + 1)))
    return found


def changes(
    corpus: Any,
    *,
    by: str = "quarter",
    actor: str | None = None,
    speaker: str | None = None,
    kinds: tuple[str, ...] = KINDS,
    threshold: float = 0.2,
    min_support: int = 1,
    since: str | None = None,
    until: str | None = None,
    limit: int | None = 20,
    evidence: int = 3,
) -> Changes:
    """Relation and stance shifts between consecutive periods (``by``: year, quarter or month), largest first.

    ``actor``: pairs it is part of, and stances on it; ``speaker``: stances of that expert (part of the name);
    ``limit``: the top changes kept (None: all); ``evidence``: claims shown per side."""
    if not 0 < threshold <= 1:
        raise ValueError(f"bad threshold {threshold!r}: use a number above 0 and at most 1")
    analytics.period_sql(by, "published")  # a bad period fails before the corpus is read
    found: list[Change] = []
    filters = dict(by=by, actor=actor, since=since, until=until)
    if "relation" in kinds and speaker is None:
        rows = analytics.pair_periods(corpus, **filters)
        found += _found("relation", _series(rows, lambda r: (r.x, r.y), threshold), min_support)
    if "stance" in kinds:
        rows = analytics.stance_periods(corpus, speaker=speaker, **filters)
        found += _found("stance", _series(rows, lambda r: (r.speaker, r.target), threshold), min_support)
    found.sort(key=lambda c: (-c.score, -c.size, -c.support, c.kind, c.subject, c.other, c.after.period))
    if limit is not None:
        found = found[:limit]
    for change in found:
        if evidence <= 0:
            continue
        for side, target in ((change.before, change.evidence_before), (change.after, change.evidence_after)):
            if change.kind == "relation":
                target += analytics.pair_records(corpus, x=change.subject, y=change.other, by=by, period=side.period,
                                                 limit=evidence)  # fmt: skip
            else:
                target += analytics.stance_records(corpus, speaker=change.subject, target=change.other, by=by,
                                                   period=side.period, limit=evidence)  # fmt: skip
    return Changes(by, actor, found)
