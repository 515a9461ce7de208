"""Corpus-wide counts read from the store's aggregate tables (schema 2), so that pages cost what they show, not the
size of the corpus.

Contract: every function takes an open connection and returns JSON-ready rows; every value travels as a bound
parameter. Without filters the running totals (``relation_pairs``, ``relation_edges``, ``pair_speakers``,
``actor_years``, ``stance_counts``, ``speaker_totals``) answer in a time that grows with the number of actor pairs or
experts, never with the number of documents. With mention filters (dates, speaker, type) the same shapes are
computed by GROUP BY over the matching ``relation_mentions`` rows, which costs the rows matched.

- :func:`pair_totals`: ``{(x, y): {"kinds": [{type, polarity, mentions, documents, score_sum, first, last}],
  "documents": n}}`` for actor pairs x < y (self-loops left out), optionally around one actor.
- :func:`pair_speakers`: the most frequent speakers of each pair (at most ``per_pair``), most frequent first.
- :func:`top_claims`: the most evidenced (pair, type, polarity) claims with their first evidence sentences.
- :func:`actor_years`: dated relation mentions of one actor per year and polarity.
- :func:`stance_totals_by_speaker`, :func:`stance_quotes`: what the experts say about one actor.
- :func:`experts`, :func:`matrix_rows`: speakers with their counts; stance counts for the matrix.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from typing import Any

from multivector.analysis import mentions

PAIR_SPEAKERS = 10  # speakers listed per edge: an edge of a large corpus has thousands
_KIND_COLUMNS = ("type", "polarity", "mentions", "documents", "score_sum", "first", "last")
_EVIDENCE = (
    "SELECT m.evidence, m.document_id, d.title, m.published, m.span_start, m.span_end, m.speaker, m.type, m.polarity"
    " FROM relation_mentions m JOIN documents d ON d.id = m.document_id"
    " WHERE m.x = ? AND m.y = ? AND m.type = ? AND m.polarity = ?"
    " ORDER BY m.published DESC, m.document_id, m.position LIMIT ?"
)


def _dicts(cursor: sqlite3.Cursor) -> list[dict[str, Any]]:
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor]


def pair_totals(
    conn: sqlite3.Connection, *, actor: str | None = None, **filters: Any
) -> dict[tuple[str, str], dict[str, Any]]:
    """Per actor pair: its (type, polarity) totals and distinct documents; ``filters`` as in relation_mentions."""
    filters = {key: value for key, value in filters.items() if value is not None}
    if filters:
        return _filtered_pair_totals(conn, actor=actor, **filters)
    around, params = ("", []) if actor is None else (" AND (x = ? OR y = ?)", [actor, actor])
    kinds = conn.execute(
        f"SELECT x, y, {', '.join(_KIND_COLUMNS)} FROM relation_pairs WHERE x != y{around}", params
    ).fetchall()
    documents = conn.execute(f"SELECT x, y, documents FROM relation_edges WHERE x != y{around}", params).fetchall()
    return _pairs(kinds, documents)


def _filtered_pair_totals(conn: sqlite3.Connection, **filters: Any) -> dict[tuple[str, str], dict[str, Any]]:
    where = mentions.relation_filters(**filters)
    where.add("m.x != m.y")
    kinds = conn.execute(
        "SELECT m.x, m.y, m.type, m.polarity, count(*), count(DISTINCT m.document_id), sum(m.score),"
        f" min(m.published), max(m.published) FROM relation_mentions m{where.sql()} GROUP BY m.x, m.y, m.type,"
        " m.polarity",
        where.params,
    ).fetchall()
    documents = conn.execute(
        f"SELECT m.x, m.y, count(DISTINCT m.document_id) FROM relation_mentions m{where.sql()} GROUP BY m.x, m.y",
        where.params,
    ).fetchall()
    return _pairs(kinds, documents)


def _pairs(kinds: list[tuple], documents: list[tuple]) -> dict[tuple[str, str], dict[str, Any]]:
    pairs: dict[tuple[str, str], dict[str, Any]] = {}
    for x, y, *values in kinds:
        pair = pairs.setdefault((x, y), {"kinds": [], "documents": 0})
        pair["kinds"].append(dict(zip(_KIND_COLUMNS, values, strict=True)))
    for x, y, count in documents:
        if (x, y) in pairs:
            pairs[(x, y)]["documents"] = count
    return pairs


def pair_speakers(
    conn: sqlite3.Connection, pairs: list[tuple[str, str]], *, per_pair: int = PAIR_SPEAKERS, **filters: Any
) -> dict[tuple[str, str], list[str]]:
    """The ``per_pair`` most frequent speakers of each pair (ties by name); ``filters`` as in relation_mentions."""
    filters = {key: value for key, value in filters.items() if value is not None}
    if filters:
        where = mentions.relation_filters(**filters)
        where.add("m.speaker IS NOT NULL AND m.speaker != ''")
        rows = conn.execute(
            f"SELECT m.x, m.y, m.speaker, count(*) FROM relation_mentions m{where.sql()} GROUP BY m.x, m.y, m.speaker",
            where.params,
        ).fetchall()
        ranked: dict[tuple[str, str], list[tuple[int, str]]] = defaultdict(list)
        for x, y, speaker, count in rows:
            ranked[(x, y)].append((-count, speaker))
        return {pair: [name for _, name in sorted(ranked.get(pair, []))[:per_pair]] for pair in pairs}
    sql = "SELECT speaker FROM pair_speakers WHERE x = ? AND y = ? ORDER BY mentions DESC, speaker LIMIT ?"
    return {(x, y): [row[0] for row in conn.execute(sql, (x, y, per_pair))] for x, y in pairs}


def top_claims(conn: sqlite3.Connection, *, limit: int = 20, evidence: int = 3) -> list[dict[str, Any]]:
    """The most evidenced (pair, type, polarity) claims, as :func:`multivector.analysis.graph.top_relations`."""
    rows = conn.execute(
        "SELECT x, y, type, polarity, mentions, documents FROM relation_pairs"
        " ORDER BY mentions DESC, x, y, type, polarity LIMIT ?",
        (limit,),
    ).fetchall()
    return [
        {
            "a": x, "b": y, "type": type_, "polarity": polarity, "count": count, "documents": documents,
            "evidence": _dicts(conn.execute(_EVIDENCE, (x, y, type_, polarity, evidence))),
        }
        for x, y, type_, polarity, count, documents in rows
    ]  # fmt: skip


def actor_years(conn: sqlite3.Connection, actor: str) -> dict[str, dict[str, int]]:
    """{year: {polarity: dated relation mentions of ``actor``}}, self-relations counted once."""
    result: dict[str, dict[str, int]] = defaultdict(dict)
    for year, polarity, count in conn.execute(
        "SELECT year, polarity, mentions FROM actor_years WHERE actor = ?", (actor,)
    ):
        result[year][polarity] = count
    return dict(result)


def stance_totals_by_speaker(conn: sqlite3.Connection, actor: str, *, limit: int) -> list[dict[str, Any]]:
    """Experts with a stance on ``actor``: {speaker, "+", "-", "0", total}, most stance mentions first."""
    rows = conn.execute(
        "SELECT speaker, sum(mentions * (polarity = '+')), sum(mentions * (polarity = '-')),"
        " sum(mentions * (polarity NOT IN ('+', '-'))), sum(mentions) AS total FROM stance_counts WHERE target = ?"
        " GROUP BY speaker ORDER BY total DESC, speaker LIMIT ?",
        (actor, limit),
    ).fetchall()
    return [{"speaker": s, "+": pos, "-": neg, "0": neu, "total": total} for s, pos, neg, neu, total in rows]


def stance_quotes(conn: sqlite3.Connection, actor: str, speaker: str, *, limit: int) -> list[dict[str, Any]]:
    """The newest stance mentions of ``speaker`` on ``actor``, with their document context."""
    return mentions.stance_mentions(conn, actor=actor, exact_speaker=speaker, limit=limit)


def experts(conn: sqlite3.Connection, *, limit: int | None = None) -> list[dict[str, Any]]:
    """Every speaker of a document with their document and stance-mention counts, most documents first."""
    rows = conn.execute(
        "SELECT name, documents, stances FROM speaker_totals WHERE documents > 0 ORDER BY documents DESC, name LIMIT ?",
        (-1 if limit is None else limit,),
    ).fetchall()
    return [{"name": name, "documents": documents, "stances": stances} for name, documents, stances in rows]


def expert_count(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT count(*) FROM speaker_totals WHERE documents > 0").fetchone()[0]


def matrix_rows(conn: sqlite3.Connection, *, experts: int) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """Stance counts (speaker, target, polarity, count) of the ``experts`` most outspoken speakers, and every
    target's total weight over all speakers (the matrix orders its columns by it)."""
    rows = _dicts(
        conn.execute(
            "SELECT c.speaker, c.target, c.polarity, c.weight AS count FROM stance_counts c WHERE c.speaker IN"
            " (SELECT name FROM speaker_totals WHERE stances > 0 ORDER BY stances DESC, name LIMIT ?)",
            (experts,),
        )
    )
    totals = dict(conn.execute("SELECT target, sum(weight) FROM stance_counts GROUP BY target").fetchall())
    return rows, totals
