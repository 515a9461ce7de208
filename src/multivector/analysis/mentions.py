"""Sentence-level relation and stance mentions read from a corpus, with their document context.

Contract: the store's ``relations`` / ``stances`` tables hold one *claim* per actor pair (or speaker and target) and
document. The graph, the edge evidence lists and the GDELT-like export need every *mention* (each supporting
sentence), which the store keeps inside each document's analysis JSON. These functions read them with SQLite's
JSON functions over the same connection; every filter value travels as a bound parameter and the SQL is built only
from the fixed fragments below. A document whose analysis has no mention list falls back to its claims, so older
analyses still count once per claim.

Each row is a plain dict: the record's fields plus ``span_start``, ``span_end``, ``document_id``, ``published``,
``title`` and ``source``. Rows come newest document first, then in body order.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from multivector.store import queries

#: The JSON path of the mention list, or of the claims when a document has no mentions.
_RELATION_LIST = (
    "CASE WHEN json_array_length(d.analysis, '$.relation_mentions') > 0"
    " THEN '$.relation_mentions' ELSE '$.relations' END"
)
_STANCE_LIST = (
    "CASE WHEN json_array_length(d.analysis, '$.stance_mentions') > 0 THEN '$.stance_mentions' ELSE '$.stances' END"
)
_CONTEXT = "d.id AS document_id, d.published, d.title, d.source"
_ORDER = " ORDER BY d.published DESC, d.id, j.key"
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
            self.add("d.published >= ?", low)
        if high is not None:
            self.add("d.published <= ?", high)

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
    limit: int | None = MAX_ROWS,
) -> list[dict[str, Any]]:
    """Every sentence-level relation mention matching the filters (``pair`` matches a-b in either order;
    ``speaker`` is a case-insensitive part of the name)."""
    where = _Filters()
    field = "j.value ->> '{}'".format
    if actor is not None:
        where.add(f"({field('a')} = ? OR {field('b')} = ?)", actor, actor)
    if pair is not None:
        a, b = pair
        where.add(f"(({field('a')} = ? AND {field('b')} = ?) OR ({field('a')} = ? AND {field('b')} = ?))", a, b, b, a)
    if type is not None:
        where.add(f"{field('type')} = ?", type)
    if polarity is not None:
        where.add(f"{field('polarity')} = ?", polarity)
    if document is not None:
        where.add("d.id = ?", document)
    where.dates(since, until)
    sql = (
        f"SELECT j.value AS record, {_CONTEXT} FROM documents d, json_each(d.analysis, {_RELATION_LIST}) j"
        f"{where.sql()}{_ORDER} LIMIT ?"
    )
    return _by_speaker(_rows(conn, sql, [*where.params, MAX_ROWS]), speaker)[: _cap(limit)]


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
        where.add("j.value ->> 'target' = ?", actor)
    if exact_speaker is not None:
        where.add("j.value ->> 'speaker' = ?", exact_speaker)
    if document is not None:
        where.add("d.id = ?", document)
    where.dates(since, until)
    sql = (
        f"SELECT j.value AS record, {_CONTEXT} FROM documents d, json_each(d.analysis, {_STANCE_LIST}) j"
        f"{where.sql()}{_ORDER} LIMIT ?"
    )
    return _by_speaker(_rows(conn, sql, [*where.params, MAX_ROWS]), speaker)[: _cap(limit)]


def _by_speaker(rows: list[dict[str, Any]], speaker: str | None) -> list[dict[str, Any]]:
    """Keep rows whose speaker contains ``speaker``, casefolded in Python (SQLite's lower() is ASCII-only)."""
    if not speaker:
        return rows
    needle = speaker.casefold()
    return [row for row in rows if needle in (row.get("speaker") or "").casefold()]


def _cap(limit: int | None) -> int:
    return MAX_ROWS if limit is None else max(0, min(int(limit), MAX_ROWS))


def _rows(conn: sqlite3.Connection, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    rows = []
    for record, document_id, published, title, source in conn.execute(sql, params):
        row = json.loads(record)
        span = row.pop("span", None) or [0, 0]
        row["span_start"], row["span_end"] = int(span[0]), int(span[1])
        row.update(document_id=document_id, published=published, title=title, source=source)
        rows.append(row)
    return rows
