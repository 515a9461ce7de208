"""Sentence-level relation and stance mentions read from a corpus, with their document context.

Contract: the store's ``relations`` / ``stances`` tables hold one *claim* per actor pair (or speaker and target) and
document. The graph, the edge evidence lists and the GDELT-like export need every *mention* (each supporting
sentence): the store copies them from each document's analysis into its ``relation_mentions`` / ``stance_mentions``
tables (schema 2; a document whose analysis has no mention list contributes its claims, so older analyses still count
once per claim). These functions read those tables through their indexes; every filter value travels as a bound
parameter and the SQL is built only from the fixed fragments below.

Each row is a plain dict: the record's fields (as in the analysis JSON, ``span`` split into ``span_start`` and
``span_end``) plus ``document_id``, ``published``, ``title`` and ``source``. Rows come newest document first, then
in body order.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from multivector.store import queries

_RELATION_COLUMNS = (
    "m.a, m.b, m.type, m.polarity, m.score, m.modality, m.evidence, m.speaker, m.quad_class, m.count, m.span_start,"
    " m.span_end"
)
_STANCE_COLUMNS = "m.speaker, m.target, m.polarity, m.evidence, m.modality, m.count, m.span_start, m.span_end"
_CONTEXT = "m.document_id, m.published, d.title, d.source"
_ORDER = " ORDER BY m.published DESC, m.document_id, m.position"
_SPEAKER_LIKE = "m.speaker IN (SELECT name FROM speaker_names WHERE instr(folded, ?) > 0)"
MAX_ROWS = 200_000  # a ceiling that keeps a request's memory bounded even on a huge corpus


class _Filters:
    """WHERE clauses from this module's fragments, with their parameters kept apart."""

    def __init__(self) -> None:
        self.clauses: list[str] = []
        self.params: list[Any] = []

    def add(self, clause: str, *params: Any) -> None:
        self.clauses.append(clause)
        self.params.extend(params)

    def dates(self, since: str | None, until: str | None) -> None:
        low, high = queries._date_bounds(since, until)  # validates the ISO prefixes (ValueError otherwise)
        if low is not None:
            self.add("m.published >= ?", low)
        if high is not None:
            self.add("m.published <= ?", high)

    def sql(self) -> str:
        return " WHERE " + " AND ".join(self.clauses) if self.clauses else ""


def relation_mentions(
    conn: sqlite3.Connection,
    *,
    actor: str | None = None,
    pair: tuple[str, str] | None = None,
    speaker: str | None = None,
    type: str | None = None,
    polarity: str | None = None,
    since: str | None = None,
    until: str | None = None,
    document: str | None = None,
    exact_speaker: str | None = None,
    limit: int | None = MAX_ROWS,
) -> list[dict[str, Any]]:
    """Every sentence-level relation mention matching the filters (``pair`` matches a-b in either order;
    ``speaker`` is a case-insensitive part of the name, ``exact_speaker`` the whole name)."""
    where = relation_filters(
        actor=actor, pair=pair, speaker=speaker, exact_speaker=exact_speaker, type=type, polarity=polarity,
        since=since, until=until, document=document,
    )  # fmt: skip
    sql = (
        f"SELECT {_RELATION_COLUMNS}, {_CONTEXT} FROM relation_mentions m JOIN documents d ON d.id = m.document_id"
        f"{where.sql()}{_ORDER} LIMIT ?"
    )
    return _by_speaker(_rows(conn, sql, [*where.params, _cap(limit)]), speaker)


def count_relation_mentions(conn: sqlite3.Connection, **filters: Any) -> int:
    """How many relation mentions match ``filters`` (those of :func:`relation_filters`), counted in SQL."""
    where = relation_filters(**filters)
    return conn.execute(f"SELECT count(*) FROM relation_mentions m{where.sql()}", where.params).fetchone()[0]


def relation_filters(
    *,
    actor: str | None = None,
    pair: tuple[str, str] | None = None,
    speaker: str | None = None,
    exact_speaker: str | None = None,
    type: str | None = None,
    polarity: str | None = None,
    since: str | None = None,
    until: str | None = None,
    document: str | None = None,
) -> _Filters:
    """The WHERE clauses over ``relation_mentions m`` for these filters (also used by the graph's aggregates)."""
    where = _Filters()
    if actor is not None:
        where.add("(m.x = ? OR m.y = ?)", actor, actor)
    if pair is not None:
        where.add("m.x = ? AND m.y = ?", *sorted(pair))
    if speaker is not None:  # narrowed by the casefolded names in SQL; _by_speaker keeps the exact rule
        where.add(_SPEAKER_LIKE, speaker.strip().casefold())
    if exact_speaker is not None:
        where.add("m.speaker = ?", exact_speaker)
    if type is not None:
        where.add("m.type = ?", type)
    if polarity is not None:
        where.add("m.polarity = ?", polarity)
    if document is not None:
        where.add("m.document_id = ?", document)
    where.dates(since, until)
    return where


def stance_mentions(
    conn: sqlite3.Connection,
    *,
    actor: str | None = None,
    speaker: str | None = None,
    exact_speaker: str | None = None,
    since: str | None = None,
    until: str | None = None,
    document: str | None = None,
    limit: int | None = MAX_ROWS,
) -> list[dict[str, Any]]:
    """Every sentence-level stance mention (``actor`` is the target)."""
    where = _Filters()
    if actor is not None:
        where.add("m.target = ?", actor)
    if speaker is not None:
        where.add(_SPEAKER_LIKE, speaker.strip().casefold())
    if exact_speaker is not None:
        where.add("m.speaker = ?", exact_speaker)
    if document is not None:
        where.add("m.document_id = ?", document)
    where.dates(since, until)
    sql = (
        f"SELECT {_STANCE_COLUMNS}, {_CONTEXT} FROM stance_mentions m JOIN documents d ON d.id = m.document_id"
        f"{where.sql()}{_ORDER} LIMIT ?"
    )
    return _by_speaker(_rows(conn, sql, [*where.params, _cap(limit)]), speaker)


def _by_speaker(rows: list[dict[str, Any]], speaker: str | None) -> list[dict[str, Any]]:
    """Keep rows whose speaker contains ``speaker``, casefolded in Python (SQLite's lower() is ASCII-only)."""
    if not speaker:
        return rows
    needle = speaker.casefold()
    return [row for row in rows if needle in (row.get("speaker") or "").casefold()]


def _cap(limit: int | None) -> int:
    return MAX_ROWS if limit is None else max(0, min(int(limit), MAX_ROWS))


def _rows(conn: sqlite3.Connection, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    cursor = conn.execute(sql, params)
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor]
