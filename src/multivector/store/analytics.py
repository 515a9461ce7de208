"""Aggregate reads behind the analysis commands (``multivector balance``, ``discourse``, ``changes``, ``claims``).

Contract: every function takes a corpus handle (a :class:`~multivector.store.Corpus`, or its connection: see
:func:`multivector.store.dialect.db_of`) plus keyword filters and returns typed, frozen dataclasses. The sums are
made in SQL (GROUP BY over the claim tables ``relations`` and ``stances``, one row per document, pair or speaker and
target, and polarity), so the time grows with the records of the actor asked about, never with Python loops over
the corpus; balance's sums read the monthly rollups (``relation_months``, ``stance_months``: schema 5, kept by
``Corpus.add``) whenever its filters allow, a few thousand rows whatever the size of the corpus. SQL is assembled
only from the fixed fragments in this module; every value travels as a parameter. The same SQL runs on SQLite and
PostgreSQL (:mod:`.dialect`).

Weights: a record weighs its ``confidence`` (a record stored without one, from before schema 4, weighs
:data:`UNKNOWN_CONFIDENCE`). ``modality`` NULL reads as ``asserted``. Periods (``by``): ``year`` (``2024``),
``quarter`` (``2024-Q1``) or ``month`` (``2024-01``) of the document's ``published`` date; a record whose date is
not known to that precision (undated, or a year only for quarter and month) has period None.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from multivector.store import schema
from multivector.store.dialect import Db, db_of
from multivector.store.queries import date_bounds

#: The weight of a record stored without a confidence (the records' own default, records.Relation.confidence).
UNKNOWN_CONFIDENCE = schema.UNKNOWN_CONFIDENCE
#: Period keys: SQL over a published date (`p`), by name. None: no period (one bucket).
PERIODS = {
    "year": "CASE WHEN length({p}) >= 4 THEN substr({p}, 1, 4) END",
    "quarter": "CASE WHEN length({p}) >= 7 THEN substr({p}, 1, 4) || '-Q' || ((CAST(substr({p}, 6, 2) AS INTEGER)"
    " + 2) / 3) END",
    "month": "CASE WHEN length({p}) >= 7 THEN substr({p}, 1, 7) END",
}
_WEIGHT = f"coalesce({{t}}.confidence, {UNKNOWN_CONFIDENCE})"
_MODALITY = "coalesce({t}.modality, 'asserted')"
_SPEAKERS = "SELECT name FROM speaker_names WHERE instr(folded, ?) > 0"
#: Evidence shown beside the balance is the most confident among the actor's newest EVIDENCE_WINDOW relation claims
#: and each centre member's newest STANCE_WINDOW stance claims: reading every claim of a frequent actor to rank them
#: costs as much as the sums themselves.
EVIDENCE_WINDOW = 2000
STANCE_WINDOW = 200


# -- rows ------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GroupWeight:
    """Records of one group (a power centre), period, polarity and modality: how many and their summed weight."""

    group: str
    period: str | None
    polarity: str
    modality: str
    records: int
    weight: float


@dataclass(frozen=True)
class RelationRecord:
    """One relation claim with its evidence and document; ``group`` is the bucket it was read for (a power centre,
    a period), when there is one."""

    id: int
    a: str
    b: str
    type: str
    polarity: str
    modality: str
    confidence: float | None
    speaker: str | None
    evidence: str
    span_start: int
    span_end: int
    document_id: str
    published: str | None
    title: str | None
    group: str | None = None


@dataclass(frozen=True)
class StanceRecord:
    """One stance claim with its evidence and document (``group`` as in :class:`RelationRecord`)."""

    id: int
    speaker: str
    target: str
    polarity: str
    modality: str
    confidence: float | None
    evidence: str
    span_start: int
    span_end: int
    document_id: str
    published: str | None
    title: str | None
    group: str | None = None


@dataclass(frozen=True)
class PairPeriod:
    """Relation claims on one unordered actor pair (x < y) in one period and polarity."""

    x: str
    y: str
    period: str
    polarity: str
    records: int
    weight: float


@dataclass(frozen=True)
class StancePeriod:
    """One speaker's stance claims on one target in one period and polarity."""

    speaker: str
    target: str
    period: str
    polarity: str
    records: int
    weight: float


@dataclass(frozen=True)
class StancePosition:
    """One speaker's stance claims on one target and polarity (summed over documents)."""

    speaker: str
    target: str
    polarity: str
    records: int
    weight: float


@dataclass(frozen=True)
class FigureRecord:
    """A cited figure with its evidence and document."""

    id: int
    value: float
    unit: str
    subject: str
    evidence: str
    span_start: int
    span_end: int
    document_id: str
    published: str | None
    title: str | None
    source: str
    outlet: str | None


@dataclass(frozen=True)
class MembershipRecord:
    """A membership claim that contradicts the catalogue, with its evidence and document."""

    id: int
    member: str
    org: str
    modality: str
    confidence: float | None
    evidence: str
    span_start: int
    span_end: int
    document_id: str
    published: str | None
    title: str | None


# -- helpers ---------------------------------------------------------------------------------------------------------


def period_sql(by: str | None, column: str) -> str:
    """The SQL of a period key over a date column; 'NULL' without `by`. A bad `by` is a ValueError."""
    if by is None:
        return "NULL"
    if by not in PERIODS:
        raise ValueError(f"bad period {by!r}: use one of {', '.join(PERIODS)}")
    return PERIODS[by].format(p=column)


def _dates(clauses: list[str], params: list[Any], column: str, since: str | None, until: str | None) -> None:
    low, high = date_bounds(since, until)
    if low is not None:
        clauses.append(f"{column} >= ?")
        params.append(low)
    if high is not None:
        clauses.append(f"{column} <= ?")
        params.append(high)


def _speaker(clauses: list[str], params: list[Any], column: str, speaker: str | None) -> None:
    if speaker is not None:
        clauses.append(f"{column} IN ({_SPEAKERS})")
        params.append(speaker.strip().casefold())


def _in(values: list[str]) -> str:
    if not values:
        raise ValueError("an empty list of actors")
    return ", ".join("?" * len(values))


def _groups(db: Db, members: dict[str, str]) -> tuple[str, list[Any]]:
    """A `grp(member, grp)` table of the member -> group map, as a CTE and its parameters."""
    if not members:
        raise ValueError("no power centres given")
    rows = ", ".join("(?, ?)" for _ in members)
    params: list[Any] = [value for pair in sorted(members.items()) for value in pair]
    name = "grp (member, grp)"
    return f"{name} AS (VALUES {rows})", params


def _where(clauses: list[str]) -> str:
    return " WHERE " + " AND ".join(clauses) if clauses else ""


_RELATION_RECORD = (
    "r.id, r.a, r.b, r.type, r.polarity, coalesce(r.modality, 'asserted'), r.confidence, r.speaker, r.evidence,"
    " r.span_start, r.span_end, r.document_id, d.published, d.title"
)
_STANCE_RECORD = (
    "s.id, s.speaker, s.target, s.polarity, s.modality, s.confidence, s.evidence, s.span_start, s.span_end,"
    " s.document_id, d.published, d.title"
)


# -- rollups ---------------------------------------------------------------------------------------------------------

#: The rollup tables (schema 5, store.schema.ROLLUP_DDL) are kept current by ``Corpus.add`` and built by the migration
#: from version 4: balance reads them whenever its filters allow (no speaker, dates at month precision or coarser).
ROLLUP_TABLES = schema.ROLLUP_TABLES
rollup_statements = schema.rollup_statements


def _monthly(since: str | None, until: str | None) -> bool:
    """Date filters the rollups can answer: none, or year / month precision."""
    return all(value is None or len(value) <= 7 for value in (since, until))


def _month_dates(clauses: list[str], params: list[Any], since: str | None, until: str | None) -> None:
    """Date filters on a rollup's month key: as on the claims' dates, where an undated claim never matches one."""
    if since is not None or until is not None:
        clauses.append("m.month != ''")
    _dates(clauses, params, "m.month", since, until)


# -- balance ---------------------------------------------------------------------------------------------------------


def _partner_relations(
    db: Db,
    actor: str,
    members: dict[str, str],
    by: str | None,
    speaker: str | None,
    since: str | None,
    until: str | None,
) -> tuple[str, list[Any]]:
    """SQL (a CTE body) of the actor's relation claims with a member of a group: id, grp, other, period, polarity,
    modality, weight. Each side of the pair is read through its own index (relations_a, relations_b)."""
    period = period_sql(by, "r.published")
    selects, params = [], []
    for mine, other in (("a", "b"), ("b", "a")):
        # with a speaker, relations_speaker drives (a speaker's claims are few; unary + keeps SQLite off relations_a)
        side = db.dialect.unordered(f"r.{mine}") if speaker is not None else f"r.{mine}"
        clauses = [f"{side} = ?", f"r.{other} != ?"]
        part: list[Any] = [actor, actor]
        _speaker(clauses, part, "r.speaker", speaker)
        _dates(clauses, part, "r.published", since, until)
        selects.append(
            f"SELECT r.id, g.grp, r.{other} AS other, {period} AS period, r.polarity,"
            f" {_MODALITY.format(t='r')} AS modality, {_WEIGHT.format(t='r')} AS weight"
            f" FROM relations r CROSS JOIN grp g ON g.member = r.{other}{_where(clauses)}"
        )
        params += part
    return " UNION ALL ".join(selects), params


def relation_weights(
    handle: Any,
    *,
    actor: str,
    members: dict[str, str],
    by: str | None = None,
    speaker: str | None = None,
    since: str | None = None,
    until: str | None = None,
    rollups: bool = True,
) -> list[GroupWeight]:
    """The actor's relation claims with each group's members (``members``: actor id -> group id), summed per
    group, period (``by``), polarity and modality. ``speaker``: claims made by that speaker (case-insensitive part
    of the name). Read from the rollups (``relation_months``) unless a speaker, a date finer than a month or
    ``rollups=False`` asks for the claim tables (the same sums, up to floating-point rounding)."""
    db = db_of(handle)
    groups, params = _groups(db, members)
    if rollups and speaker is None and _monthly(since, until):
        clauses, part = ["m.actor = ?"], [actor]
        _month_dates(clauses, part, since, until)
        sql = (
            f"WITH {groups} SELECT g.grp, {period_sql(by, 'm.month')} AS period, m.polarity, m.modality,"
            f" sum(m.records), sum(m.weight) FROM relation_months m JOIN grp g ON g.member = m.other"
            f"{_where(clauses)} GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4"
        )
        return [GroupWeight(*row) for row in db.tuples(sql, params + part)]
    body, body_params = _partner_relations(db, actor, members, by, speaker, since, until)
    sql = (
        f"WITH {groups}, mine AS ({body}) SELECT grp, period, polarity, modality, count(*), sum(weight) FROM mine"
        " GROUP BY grp, period, polarity, modality ORDER BY grp, period, polarity, modality"
    )
    return [GroupWeight(*row) for row in db.tuples(sql, params + body_params)]


def relation_examples(
    handle: Any,
    *,
    actor: str,
    members: dict[str, str],
    per_group: int = 3,
    speaker: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> list[RelationRecord]:
    """The ``per_group`` most confident relation claims of each group, polarity and modality (newest first among
    equals): the evidence shown beside each weight. ``group`` is the group id."""
    db = db_of(handle)
    groups, params = _groups(db, members)
    if speaker is None:  # the newest EVIDENCE_WINDOW claims of the actor, through relation_actors' date order
        clauses, part = ["ra.actor_id = ?"], [actor]
        _dates(clauses, part, "ra.published", since, until)
        body = (
            "SELECT r.id, g.grp, r.polarity, coalesce(r.modality, 'asserted') AS modality,"
            f" {_WEIGHT.format(t='r')} AS weight FROM (SELECT ra.relation_id FROM relation_actors ra{_where(clauses)}"
            " ORDER BY ra.published DESC, ra.relation_id LIMIT ?) AS k CROSS JOIN relations r ON r.id = k.relation_id"
            " JOIN grp g ON g.member = (CASE WHEN r.a = ? THEN r.b ELSE r.a END)"
        )
        body_params = [*part, EVIDENCE_WINDOW, actor]
    else:  # one speaker's claims: few
        body, body_params = _partner_relations(db, actor, members, None, speaker, since, until)
    sql = (
        f"WITH {groups}, mine AS ({body}), ranked AS (SELECT id, grp, row_number() OVER (PARTITION BY grp, polarity,"
        " modality ORDER BY weight DESC, id DESC) AS n FROM mine)"
        f" SELECT {_RELATION_RECORD}, k.grp FROM ranked k JOIN relations r ON r.id = k.id"
        " JOIN documents d ON d.id = r.document_id WHERE k.n <= ? ORDER BY k.grp, r.polarity, k.n"
    )
    return [RelationRecord(*row) for row in db.tuples(sql, params + body_params + [per_group])]


def _group_stances(
    actor: str | None,
    members: dict[str, str],
    by: str | None,
    speaker: str | None,
    since: str | None,
    until: str | None,
) -> tuple[str, list[Any]]:
    period = period_sql(by, "s.published")
    clauses: list[str] = []
    params: list[Any] = []
    if actor is not None and speaker is not None:  # few stances (the speaker's): one primary-key probe each
        clauses.append(
            "EXISTS (SELECT 1 FROM document_actors da WHERE da.document_id = s.document_id AND da.actor_id = ?)"
        )
        params.append(actor)
    elif actor is not None:
        clauses.append("s.document_id IN (SELECT document_id FROM document_actors WHERE actor_id = ?)")
        params.append(actor)
    _speaker(clauses, params, "s.speaker", speaker)
    _dates(clauses, params, "s.published", since, until)
    body = (
        f"SELECT s.id, g.grp, {period} AS period, s.polarity, {_MODALITY.format(t='s')} AS modality,"
        f" {_WEIGHT.format(t='s')} AS weight FROM stances s CROSS JOIN grp g ON g.member = s.target{_where(clauses)}"
    )
    return body, params


def stance_weights(
    handle: Any,
    *,
    members: dict[str, str],
    actor: str | None = None,
    by: str | None = None,
    speaker: str | None = None,
    since: str | None = None,
    until: str | None = None,
    rollups: bool = True,
) -> list[GroupWeight]:
    """Stance claims on each group's members, summed per group, period, polarity and modality. ``actor``: only in
    documents that mention that actor (read from ``stance_months`` when the filters allow, as relation_weights)."""
    db = db_of(handle)
    groups, params = _groups(db, members)
    if rollups and actor is not None and speaker is None and _monthly(since, until):
        clauses, part = ["m.actor = ?"], [actor]
        _month_dates(clauses, part, since, until)
        sql = (
            f"WITH {groups} SELECT g.grp, {period_sql(by, 'm.month')} AS period, m.polarity, m.modality,"
            f" sum(m.records), sum(m.weight) FROM stance_months m JOIN grp g ON g.member = m.target"
            f"{_where(clauses)} GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4"
        )
        return [GroupWeight(*row) for row in db.tuples(sql, params + part)]
    body, body_params = _group_stances(actor, members, by, speaker, since, until)
    sql = (
        f"WITH {groups}, mine AS ({body}) SELECT grp, period, polarity, modality, count(*), sum(weight) FROM mine"
        " GROUP BY grp, period, polarity, modality ORDER BY grp, period, polarity, modality"
    )
    return [GroupWeight(*row) for row in db.tuples(sql, params + body_params)]


def stance_examples(
    handle: Any,
    *,
    members: dict[str, str],
    actor: str | None = None,
    per_group: int = 3,
    speaker: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> list[StanceRecord]:
    """The ``per_group`` most confident stance claims of each group, polarity and modality."""
    db = db_of(handle)
    groups, params = _groups(db, members)
    if speaker is None:  # the newest STANCE_WINDOW stances on each member, through stances_target's date order
        clauses, part = ["target = ?"], []
        _dates(clauses, part, "published", since, until)
        window = " UNION ALL ".join(
            f"SELECT * FROM (SELECT id FROM stances{_where(clauses)} ORDER BY published DESC, id DESC LIMIT ?) AS w"
            for _ in members
        )
        body_params = [v for member in sorted(members) for v in (member, *part, STANCE_WINDOW)]
        mentioned = ""
        if actor is not None:  # one primary-key probe per stance, not the set of every document of the actor
            mentioned = " WHERE EXISTS (SELECT 1 FROM document_actors da WHERE da.document_id = s.document_id"
            mentioned += " AND da.actor_id = ?)"
            body_params.append(actor)
        body = (
            f"SELECT s.id, g.grp, s.polarity, {_MODALITY.format(t='s')} AS modality, {_WEIGHT.format(t='s')} AS weight"
            f" FROM ({window}) AS k CROSS JOIN stances s ON s.id = k.id CROSS JOIN grp g ON g.member = s.target"
            f"{mentioned}"
        )
    else:  # one speaker's stances: few
        body, body_params = _group_stances(actor, members, None, speaker, since, until)
    sql = (
        f"WITH {groups}, mine AS ({body}), ranked AS (SELECT id, grp, row_number() OVER (PARTITION BY grp, polarity,"
        " modality ORDER BY weight DESC, id DESC) AS n FROM mine)"
        f" SELECT {_STANCE_RECORD}, k.grp FROM ranked k JOIN stances s ON s.id = k.id"
        " JOIN documents d ON d.id = s.document_id WHERE k.n <= ? ORDER BY k.grp, s.polarity, k.n"
    )
    return [StanceRecord(*row) for row in db.tuples(sql, params + body_params + [per_group])]


# -- discourse -------------------------------------------------------------------------------------------------------


def stance_positions(
    handle: Any,
    *,
    modalities: tuple[str, ...] = ("asserted", "future"),
    targets: list[str] | None = None,
    speaker: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> list[StancePosition]:
    """Every speaker's stance claims per target and polarity (the expert x actor affiliation), summed over
    documents; only the given modalities."""
    db = db_of(handle)
    clauses = [f"{_MODALITY.format(t='s')} IN ({_in(list(modalities))})"]
    params: list[Any] = list(modalities)
    if targets is not None:
        clauses.append(f"s.target IN ({_in(targets)})")
        params += targets
    _speaker(clauses, params, "s.speaker", speaker)
    _dates(clauses, params, "s.published", since, until)
    sql = (
        f"SELECT s.speaker, s.target, s.polarity, count(*), sum({_WEIGHT.format(t='s')}) FROM stances s"
        f"{_where(clauses)} GROUP BY s.speaker, s.target, s.polarity ORDER BY s.speaker, s.target, s.polarity"
    )
    return [StancePosition(*row) for row in db.tuples(sql, params)]


# -- changes ---------------------------------------------------------------------------------------------------------


def pair_periods(
    handle: Any,
    *,
    by: str,
    actor: str | None = None,
    modalities: tuple[str, ...] = ("asserted", "future"),
    since: str | None = None,
    until: str | None = None,
) -> list[PairPeriod]:
    """Relation claims per unordered pair, period and polarity (dated claims only). ``actor``: pairs it is part of."""
    db = db_of(handle)
    period = period_sql(by, "r.published")
    clauses = [f"{_MODALITY.format(t='r')} IN ({_in(list(modalities))})", "r.a != r.b"]
    params: list[Any] = list(modalities)
    if actor is not None:
        clauses.append("(r.a = ? OR r.b = ?)")
        params += [actor, actor]
    _dates(clauses, params, "r.published", since, until)
    sql = (
        f"SELECT x, y, period, polarity, count(*), sum(weight) FROM (SELECT CASE WHEN r.a < r.b THEN r.a ELSE r.b END"
        f" AS x, CASE WHEN r.a < r.b THEN r.b ELSE r.a END AS y, {period} AS period, r.polarity,"
        f" {_WEIGHT.format(t='r')} AS weight FROM relations r{_where(clauses)}) AS dated WHERE period IS NOT NULL"
        " GROUP BY x, y, period, polarity ORDER BY x, y, period, polarity"
    )
    return [PairPeriod(*row) for row in db.tuples(sql, params)]


def stance_periods(
    handle: Any,
    *,
    by: str,
    actor: str | None = None,
    speaker: str | None = None,
    modalities: tuple[str, ...] = ("asserted", "future"),
    since: str | None = None,
    until: str | None = None,
) -> list[StancePeriod]:
    """Stance claims per speaker, target, period and polarity (dated claims only). ``actor``: that target."""
    db = db_of(handle)
    period = period_sql(by, "s.published")
    clauses = [f"{_MODALITY.format(t='s')} IN ({_in(list(modalities))})"]
    params: list[Any] = list(modalities)
    if actor is not None:
        clauses.append("s.target = ?")
        params.append(actor)
    _speaker(clauses, params, "s.speaker", speaker)
    _dates(clauses, params, "s.published", since, until)
    sql = (
        f"SELECT speaker, target, period, polarity, count(*), sum(weight) FROM (SELECT s.speaker, s.target,"
        f" {period} AS period, s.polarity, {_WEIGHT.format(t='s')} AS weight FROM stances s{_where(clauses)}) AS dated"
        " WHERE period IS NOT NULL GROUP BY speaker, target, period, polarity"
        " ORDER BY speaker, target, period, polarity"
    )
    return [StancePeriod(*row) for row in db.tuples(sql, params)]


def pair_records(
    handle: Any,
    *,
    x: str,
    y: str,
    by: str,
    period: str,
    modalities: tuple[str, ...] = ("asserted", "future"),
    limit: int = 3,
) -> list[RelationRecord]:
    """The most confident relation claims on the pair x, y (either order) in one period: a change's evidence."""
    db = db_of(handle)
    key = period_sql(by, "r.published")
    sql = (
        f"SELECT {_RELATION_RECORD}, {key} FROM relations r JOIN documents d ON d.id = r.document_id"
        f" WHERE ((r.a = ? AND r.b = ?) OR (r.a = ? AND r.b = ?)) AND {key} = ?"
        f" AND {_MODALITY.format(t='r')} IN ({_in(list(modalities))})"
        f" ORDER BY {_WEIGHT.format(t='r')} DESC, r.id DESC LIMIT ?"
    )
    return [RelationRecord(*row) for row in db.tuples(sql, [x, y, y, x, period, *modalities, limit])]


def stance_records(
    handle: Any,
    *,
    speaker: str,
    target: str,
    by: str,
    period: str,
    modalities: tuple[str, ...] = ("asserted", "future"),
    limit: int = 3,
) -> list[StanceRecord]:
    """The most confident stance claims of one speaker (exact name) on one target in one period."""
    db = db_of(handle)
    key = period_sql(by, "s.published")
    sql = (
        f"SELECT {_STANCE_RECORD}, {key} FROM stances s JOIN documents d ON d.id = s.document_id"
        f" WHERE s.speaker = ? AND s.target = ? AND {key} = ? AND {_MODALITY.format(t='s')} IN"
        f" ({_in(list(modalities))}) ORDER BY {_WEIGHT.format(t='s')} DESC, s.id DESC LIMIT ?"
    )
    return [StanceRecord(*row) for row in db.tuples(sql, [speaker, target, period, *modalities, limit])]


# -- claims ----------------------------------------------------------------------------------------------------------


def figure_records(
    handle: Any,
    *,
    unit: str | None = None,
    actor: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> list[FigureRecord]:
    """Cited figures with their document (``actor``: in documents that mention it), in document order."""
    db = db_of(handle)
    clauses: list[str] = []
    params: list[Any] = []
    if unit is not None:
        clauses.append("f.unit = ?")
        params.append(unit)
    if actor is not None:
        clauses.append("f.document_id IN (SELECT document_id FROM document_actors WHERE actor_id = ?)")
        params.append(actor)
    _dates(clauses, params, "f.published", since, until)
    sql = (
        "SELECT f.id, f.value, f.unit, f.subject, f.evidence, f.span_start, f.span_end, f.document_id, d.published,"
        f" d.title, d.source, d.outlet FROM figures f JOIN documents d ON d.id = f.document_id{_where(clauses)}"
        " ORDER BY f.id"
    )
    return [FigureRecord(*row) for row in db.tuples(sql, params)]


def contradicted_memberships(
    handle: Any, *, actor: str | None = None, since: str | None = None, until: str | None = None
) -> list[MembershipRecord]:
    """Asserted membership claims the catalogue contradicts (status 'contradicted'), oldest first."""
    db = db_of(handle)
    clauses = ["m.status = 'contradicted'", "coalesce(m.modality, 'asserted') = 'asserted'"]
    params: list[Any] = []
    if actor is not None:
        clauses.append("(m.member = ? OR m.org = ?)")
        params += [actor, actor]
    _dates(clauses, params, "m.published", since, until)
    sql = (
        "SELECT m.id, m.member, m.org, coalesce(m.modality, 'asserted'), m.confidence, m.evidence, m.span_start,"
        f" m.span_end, m.document_id, d.published, d.title FROM memberships m JOIN documents d ON d.id = m.document_id"
        f"{_where(clauses)} ORDER BY m.member, m.org, m.id"
    )
    return [MembershipRecord(*row) for row in db.tuples(sql, params)]
