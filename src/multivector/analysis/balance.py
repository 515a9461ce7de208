"""Multi-vector balance: how a state's relations spread over the power centres (``multivector balance ACTOR``).

Contract: :func:`balance` reads the sums from the store (:mod:`multivector.store.analytics`, GROUP BY in SQL) and
returns a :class:`BalanceReport`: for each power centre the weight of the actor's cooperative (+), hostile (-) and
neutral (0) relation claims with the centre's members, the expert stances on those members (in documents that
mention the actor), the balance index and the leaning, overall and per period, each with the most confident claims
behind it. The power centres are data (``multivector/data/power_centres.json``, one centre per line; another file
with ``centres=``). The definitions (docs/analysis.md):

- weight of a claim = its confidence; the index and the leaning count the *firm* claims (modality asserted or
  future); hypothetical and negated claims are summed apart (``CentreBalance.modalities``) and never enter them;
- share_c = cooperative weight with c / cooperative weight with all centres;
- balance index = normalised Shannon entropy of the shares, ``-sum(p ln p) / ln K`` over the K centres: 1 when
  cooperation is spread evenly, 0 when it goes to one centre; None without cooperative weight;
- net_c = cooperative - hostile weight; the leaning is the centre with the largest net weight (None when no centre
  has a firm claim).
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from multivector.store import analytics
from multivector.store.analytics import RelationRecord, StanceRecord

#: Modalities that count in the index and the leaning; the others are shown apart.
FIRM = ("asserted", "future")
POLARITIES = ("+", "-", "0")


@dataclass(frozen=True)
class Centre:
    """A power centre: its id, name and the actor ids that stand for it."""

    id: str
    name: str
    members: tuple[str, ...]


def load_centres(path: str | Path | None = None) -> list[Centre]:
    """The power centres of a JSON file (a list of {id, name, members}); the shipped ones by default.
    An actor may stand for one centre only (ValueError otherwise)."""
    if path is None:
        text = resources.files("multivector.data").joinpath("power_centres.json").read_text(encoding="utf-8")
    else:
        text = Path(path).read_text(encoding="utf-8")
    try:
        raw = json.loads(text)
        centres = [Centre(str(e["id"]), str(e.get("name") or e["id"]), tuple(map(str, e["members"]))) for e in raw]
    except (ValueError, KeyError, TypeError) as exc:
        raise ValueError(f"bad power centres file: {exc}") from exc
    seen: dict[str, str] = {}
    for centre in centres:
        for member in centre.members:
            if seen.setdefault(member, centre.id) != centre.id:
                raise ValueError(f"bad power centres file: {member} stands for both {seen[member]} and {centre.id}")
    if len({c.id for c in centres}) != len(centres) or not centres:
        raise ValueError("bad power centres file: centre ids must be present and unique")
    return centres


@dataclass
class CentreBalance:
    """One centre's part of a balance. Weights are sums of confidences of firm claims (FIRM)."""

    centre: str
    name: str
    cooperative: float = 0.0
    hostile: float = 0.0
    neutral: float = 0.0
    records: int = 0  # firm relation claims
    share: float | None = None  # of the cooperative weight over all centres
    net: float = 0.0
    #: every modality apart: modality -> polarity -> {"records", "weight"} (hypothetical and negated shown here)
    modalities: dict[str, dict[str, dict[str, float]]] = field(default_factory=dict)
    #: firm stances on the centre's members: polarity -> {"records", "weight"}
    stances: dict[str, dict[str, float]] = field(default_factory=dict)
    relations: list[RelationRecord] = field(default_factory=list)  # the most confident claims behind the weights
    stance_evidence: list[StanceRecord] = field(default_factory=list)


@dataclass
class Balance:
    """The balance of one actor over one period (None: all dates)."""

    period: str | None
    index: float | None
    leaning: str | None
    cooperative: float
    centres: list[CentreBalance]
    #: the filters that list every relation claim behind these numbers: ``multivector query relations`` /
    #: ``Corpus.relations(**query)`` (the partner is each centre's member)
    query: dict[str, str] = field(default_factory=dict)


@dataclass
class BalanceReport:
    actor: str
    by: str | None
    speaker: str | None
    since: str | None
    until: str | None
    overall: Balance
    periods: list[Balance]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def period_bounds(period: str) -> tuple[str, str]:
    """The since / until dates of a period key: '2024' -> 2024, 2024; '2024-Q2' -> 2024-04, 2024-06; a month, itself."""
    if "-Q" in period:
        year, quarter = period.split("-Q")
        first = 3 * int(quarter) - 2
        return f"{year}-{first:02d}", f"{year}-{first + 2:02d}"
    return period, period


def _tighter(bound: str, given: str | None, pick: Any) -> str:
    """The narrower of a period's bound and a user's date bound (ISO prefixes: the longer one when one extends the
    other, else the later since / the earlier until)."""
    if given is None or bound.startswith(given):
        return bound
    if given.startswith(bound):
        return given
    return pick(bound, given)


def entropy_index(weights: list[float]) -> float | None:
    """Normalised Shannon entropy of non-negative weights over len(weights) categories: 1 even, 0 one category."""
    total = sum(weights)
    if total <= 0 or len(weights) < 2:
        return None
    h = -sum((w / total) * math.log(w / total) for w in weights if w > 0)
    return h / math.log(len(weights))


def _assemble(
    period: str | None,
    centres: list[Centre],
    relations: list[analytics.GroupWeight],
    stances: list[analytics.GroupWeight],
) -> Balance:
    parts = {c.id: CentreBalance(c.id, c.name) for c in centres}
    for row in relations:
        part = parts[row.group]
        slot = part.modalities.setdefault(row.modality, {}).setdefault(row.polarity, {"records": 0, "weight": 0.0})
        slot["records"] += row.records
        slot["weight"] += row.weight
        if row.modality in FIRM:
            part.records += row.records
            name = {"+": "cooperative", "-": "hostile"}.get(row.polarity, "neutral")
            setattr(part, name, getattr(part, name) + row.weight)
    for row in stances:
        if row.modality in FIRM:
            slot = parts[row.group].stances.setdefault(row.polarity, {"records": 0, "weight": 0.0})
            slot["records"] += row.records
            slot["weight"] += row.weight
    total = sum(p.cooperative for p in parts.values())
    for part in parts.values():
        part.net = part.cooperative - part.hostile
        part.share = part.cooperative / total if total > 0 else None
    ordered = [parts[c.id] for c in centres]
    active = [p for p in ordered if p.records]
    leaning = max(active, key=lambda p: p.net).centre if active else None  # first listed centre wins a tie
    index = entropy_index([p.cooperative for p in ordered])
    return Balance(period, index, leaning, total, ordered)


def balance(
    corpus: Any,
    actor: str,
    *,
    by: str | None = None,
    speaker: str | None = None,
    since: str | None = None,
    until: str | None = None,
    centres: list[Centre] | None = None,
    evidence: int = 3,
) -> BalanceReport:
    """The actor's balance over the power centres, overall and per period (``by``: year, quarter or month).

    ``speaker``: only the relations and stances of that speaker (case-insensitive part of a name). ``evidence``:
    the most confident claims kept per centre, polarity and modality (0: none)."""
    centres = centres if centres is not None else load_centres()
    members = {m: c.id for c in centres for m in c.members if m != actor}
    filters = dict(speaker=speaker, since=since, until=until)
    relations = analytics.relation_weights(corpus, actor=actor, members=members, **filters)
    stances = analytics.stance_weights(corpus, actor=actor, members=members, **filters)
    overall = _assemble(None, centres, relations, stances)
    overall.query = {key: value for key, value in dict(actor=actor, speaker=speaker, since=since, until=until).items()
                     if value is not None}  # fmt: skip
    if evidence > 0:
        parts = {p.centre: p for p in overall.centres}
        for record in analytics.relation_examples(corpus, actor=actor, members=members, per_group=evidence, **filters):
            parts[record.group].relations.append(record)
        for record in analytics.stance_examples(corpus, actor=actor, members=members, per_group=evidence, **filters):
            parts[record.group].stance_evidence.append(record)
    periods: list[Balance] = []
    if by is not None:
        relations = analytics.relation_weights(corpus, actor=actor, members=members, by=by, **filters)
        stances = analytics.stance_weights(corpus, actor=actor, members=members, by=by, **filters)
        by_period: dict[str, tuple[list, list]] = {}
        for n, rows in enumerate((relations, stances)):
            for row in rows:
                if row.period is not None:
                    by_period.setdefault(row.period, ([], []))[n].append(row)
        for key in sorted(by_period):
            part = _assemble(key, centres, *by_period[key])
            start, end = period_bounds(key)
            part.query = {**overall.query, "since": _tighter(start, since, max), "until": _tighter(end, until, min)}
            periods.append(part)
    return BalanceReport(actor, by, speaker, since, until, overall, periods)
