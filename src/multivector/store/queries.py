"""Read queries over a corpus: what `multivector query`, the Python API and the web app call.

Contract: every function takes a corpus handle (a Corpus, its Db or its connection, on SQLite or PostgreSQL: see
store.dialect) plus keyword filters and returns a list of typed, read-only rows (store.reads: DocumentRow, ActorRow,
RelationRow, MembershipRow, StanceRow, FigureRow, EventRow, SearchHit; the record rows derived from store.kinds) that
are also the plain dicts they replace (JSON-ready: lists are lists, not JSON text), the same rows in the same order on
both backends. SQL is assembled only from the fixed fragments in this module;
user values always travel as parameters. Filters, all optional and combined with AND:

- ``actor``: a canonical actor id. relations: a or b; memberships: member or org; stances: target; actors: that
  actor; docs, figures, events: documents that mention the actor.
- ``speaker``: case-insensitive substring of a speaker's name. relations/stances: the record's speaker; elsewhere:
  documents in which that person speaks.
- ``since`` / ``until``: ISO date prefixes (YYYY, YYYY-MM or YYYY-MM-DD), inclusive. Compared with the document's
  ``published`` date, except for events, where the event's own date is used. ``until="2023"`` includes
  "2023-12-31". Rows with no date never match a date filter.
- ``polarity`` ("+", "-", "0"), ``type`` (relation type), ``modality`` (relations, stances, memberships), ``kind``
  (actor kind), ``unit`` (figure unit), ``status`` (membership status), ``outlet``, ``language``: exact matches.
- ``actors`` (relations, memberships): a set of canonical actor ids; the records between two different actors of the
  set (relations: a and b both in it; memberships: member and org both in it). One id matches nothing (a record
  between an actor and itself is not between actors); combine with ``actor`` to keep those involving one of them.
- ``source`` / ``target`` (relations): the actor that acts / is acted upon in a directed relation (pressure,
  sanctions, dependence, ...); a symmetric relation (no direction) matches neither.
- ``min_confidence`` (relations, stances, memberships): a number in [0, 1]; keeps records whose confidence is at
  least that. A record stored without a confidence (analysed before records had one: NULL) never matches.
- ``search``: a full-text query. docs and actors: over titles and bodies; records: over their own evidence.
- ``document``: one document id.
- ``limit`` (None for all) / ``offset``: paging.

Search syntax (:func:`fts_query`): words must all occur (stemmed: "sanction" finds "sanctions"); "a phrase" in double
quotes; ``word*`` is a prefix of at least MIN_PREFIX characters (``t*`` would read the whole index); OR and NOT
between words work as in FTS5. Anything else is quoted, so user text can never be a syntax error except a dangling
operator or a too short prefix, reported as ValueError.
On PostgreSQL the same syntax becomes a tsquery (:func:`ts_query`) over the tables' tsvector columns; search()
ranks by ts_rank_cd there (the same hits, in another order than BM25's).
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from multivector.store import kinds, reads
from multivector.store.dialect import Db, db_of
from multivector.store.kinds import EVIDENCE_TABLES
from multivector.store.schema import PREFIX_LENGTHS

DEFAULT_LIMIT = 50
#: A filter matching at least this many rows is "common" and planned differently (see _Where.member).
COMMON_ROWS = 1000
#: search() ranks by BM25 among at most this many of the newest matches per table: BM25 reads every row it ranks.
RANK_WINDOW = 3000
#: The same on PostgreSQL, smaller: ts_rank_cd reads each ranked text's whole tsvector (BM25 reads index statistics),
#: about 20 microseconds per document; 1000 keeps a common word's search near 50 ms (docs/scaling.md).
POSTGRES_RANK_WINDOW = 1000
#: actors(search=...) counts actors over at most this many of the newest matching documents: an exact count over a
#: word found in most documents reads every one of them (0.3 s per 60,000 documents), a page's worth of time, and
#: so did a window of 5,000 (108 ms on PostgreSQL, 50 ms on SQLite at 100,000 documents: docs/scaling.md).
ACTOR_SEARCH_WINDOW = 1000
#: PostgreSQL finds a window of newest matches (_newest_matches) by walking the primary key backwards, checking each
#: row's tsvector, for at most this many rows per row of the window (documents: each check reads a TOASTed tsvector,
#: about 2 microseconds; the evidence tables' short tsvectors cost a tenth of that), then asks the GIN index.
WALK_BUDGET = {"documents": 4}
WALK_BUDGET_EVIDENCE = 32
#: Matches in search snippets are wrapped in these markers (pick others with `marks=`).
MARKS = ("\u27e6", "\u27e7")

_ISO_PREFIX = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
_SPEAKER_NAMES = "SELECT name FROM speaker_names WHERE instr(folded, ?) > 0"
_FTS_TOKEN = re.compile(r'"[^"]*"?|\S+')
#: The shortest prefix search: the corpus keeps prefix indexes from this length on (store.schema.PREFIX_LENGTHS).
MIN_PREFIX = PREFIX_LENGTHS[0]


class _Where:
    """WHERE clauses from this module's constants, with their parameters kept apart."""

    def __init__(self, db: Db) -> None:
        self.db = db
        self.clauses: list[str] = []
        self.params: list[Any] = []

    def add(self, clause: str, *params: Any) -> None:
        self.clauses.append(clause)
        self.params.extend(params)

    def member(self, column: str, subquery: str, *params: Any, probe: str | None = None) -> None:
        """`column IN (subquery)`, planned by how many rows the subquery yields (counted up to a bound).

        Few rows: SQLite drives the query from them and sorts what it finds (cost grows with the rows). Many rows:
        the `+` keeps SQLite from doing that, so it walks the listing's (published, id) index and checks each row
        against the set, stopping once a page is full (cost grows with the page, not with the matches).
        `probe` (same parameters) counts the rows the filter keeps when the subquery's own rows are not those.
        """
        if self.db.postgres:  # PostgreSQL plans from its statistics: no probe, no hint
            self.add(f"{column} IN ({subquery})", *params)
            return
        counting = f"SELECT count(*) FROM ({probe or subquery} LIMIT {COMMON_ROWS}) AS probe"
        common = _execute(self.db, counting, list(params)).fetchone()[0] >= COMMON_ROWS
        self.add(f"{self.db.dialect.unordered(column) if common else column} IN ({subquery})", *params)

    def at_least_confidence(self, table: str, alias: str, value: float | None) -> None:
        """``min_confidence``, planned like :meth:`member`: the records that reach it are counted through the table's
        confidence index (up to COMMON_ROWS). Few: the query starts from them. Many: each row is checked while the
        listing's ordered index is walked (the `+` keeps SQLite off the confidence index; no set is built)."""
        if value is None:
            return
        minimum = _confidence(value)
        subquery = f"SELECT id FROM {table} WHERE confidence >= ?"
        counting = f"SELECT count(*) FROM ({subquery} LIMIT {COMMON_ROWS}) AS probe"
        if self.db.postgres or _execute(self.db, counting, [minimum]).fetchone()[0] >= COMMON_ROWS:
            self.add(f"{self.db.dialect.unordered(alias + '.confidence')} >= ?", minimum)
        else:
            self.add(f"{alias}.id IN ({subquery})", minimum)

    def sql(self) -> str:
        return " WHERE " + " AND ".join(self.clauses) if self.clauses else ""


# -- filter helpers ------------------------------------------------------------------------------------------------


def date_bounds(since: str | None, until: str | None) -> tuple[str | None, str | None]:
    for value in (since, until):
        if value is not None and not _ISO_PREFIX.fullmatch(value):
            raise ValueError(f"bad date {value!r}: use YYYY, YYYY-MM or YYYY-MM-DD")
    # '~' sorts after digits and '-', so every date that starts with `until` is <= until + '~'.
    return since, (until + "~" if until is not None else None)


_date_bounds = date_bounds  # the name web/views.py used


def _add_dates(where: _Where, column: str, since: str | None, until: str | None) -> None:
    low, high = _date_bounds(since, until)
    if low is not None:
        where.add(f"{column} >= ?", low)
    if high is not None:
        where.add(f"{column} <= ?", high)


def _add_document_filters(
    where: _Where,
    *,
    actor: str | None = None,
    speaker: str | None = None,
    since: str | None = None,
    until: str | None = None,
    search: str | None = None,
    document: str | None = None,
    outlet: str | None = None,
    language: str | None = None,
    doc_column: str = "d.id",
    date_column: str = "d.published",
) -> None:
    """Filters on the document a row belongs to (documents are aliased `d`; records carry document_id, published)."""
    if actor is not None:
        where.member(doc_column, "SELECT document_id FROM document_actors WHERE actor_id = ?", actor)
    if speaker is not None:
        spoken = "SELECT document_id FROM speakers WHERE name"
        if where.db.postgres:  # the names first: with them in hand the planner knows how many documents match
            where.add(f"{doc_column} IN ({spoken} = ANY(?))", _names(where.db, speaker))
        else:
            where.member(doc_column, f"{spoken} IN ({_SPEAKER_NAMES})", _fold(speaker))
    _add_dates(where, date_column, since, until)
    if search is not None and where.db.postgres:
        _text_match(where, "documents", "number", "d", ts_query(search))
    elif search is not None:
        where.member("d.number", "SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?", fts_query(search))
    if document is not None:
        where.add(f"{doc_column} = ?", document)
    if outlet is not None:
        where.add("d.outlet = ?", outlet)
    if language is not None:
        where.add("d.language = ?", language)


def _add_evidence_search(where: _Where, table: str, alias: str, search: str | None) -> None:
    if search is not None and where.db.postgres:  # the record table's own tsvector column (GIN-indexed)
        _text_match(where, table, "id", alias, ts_query(search))
    elif search is not None:  # evidence_fts rowid = record id * 8 + table index: no need to read the kind column
        index = EVIDENCE_TABLES.index(table)
        subquery = f"SELECT rowid / 8 FROM evidence_fts WHERE evidence_fts MATCH ? AND rowid % 8 = {index}"
        where.member(f"{alias}.id", subquery, fts_query(search))


def _text_match(where: _Where, table: str, key: str, alias: str, query: str) -> None:
    """A full-text filter on PostgreSQL, planned like _Where.member: the matches are counted through the GIN index (up
    to COMMON_ROWS). Few: the query starts from them (an array of their keys, made once). Many: the listing's ordered
    index is walked and each row checked, stopping once a page is full. (PostgreSQL cannot estimate how many rows a
    tsquery matches, and guesses wrong both ways.)"""
    counting = f"SELECT count(*) FROM (SELECT 1 FROM {table} WHERE tsv @@ {_TSQUERY} LIMIT {COMMON_ROWS}) AS probe"
    if _execute(where.db, counting, [query]).fetchone()[0] < COMMON_ROWS:
        where.add(f"{alias}.{key} = ANY(ARRAY(SELECT {key} FROM {table} WHERE tsv @@ {_TSQUERY}))", query)
    else:
        where.add(f"{alias}.tsv @@ {_TSQUERY}", query)


def _names(db: Db, speaker: str) -> list[str]:
    """Every speaking name that contains ``speaker`` (casefolded)."""
    return [row[0] for row in _execute(db, _SPEAKER_NAMES, [_fold(speaker)]).fetchall()]


def _speaker_column(where: _Where, table: str, speaker: str) -> None:
    """The speaker filter on a record table's own speaker column (aliased r)."""
    if where.db.postgres:
        where.add("r.speaker = ANY(?)", _names(where.db, speaker))
    else:
        probe = f"SELECT 1 FROM {table} WHERE speaker IN ({_SPEAKER_NAMES})"
        where.member("r.speaker", _SPEAKER_NAMES, _fold(speaker), probe=probe)


def _between(where: _Where, first: str, second: str, actors: Iterable[str]) -> None:
    """Both ends of a record (columns ``first`` and ``second``) among ``actors``, and different: the records between
    actors of the set. Each id is a parameter; no id, or a plain string (one id, not a set of them), is an error."""
    if isinstance(actors, str):
        raise ValueError("actors: give a set of actor ids, not one string (use actor= for one actor)")
    wanted = sorted(set(actors))
    if not wanted:
        where.add("1 = 0")
        return
    marks = ", ".join("?" * len(wanted))
    where.add(f"{first} IN ({marks}) AND {second} IN ({marks}) AND {first} != {second}", *wanted, *wanted)


def _confidence(value: Any) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        number = float("nan")
    if not 0.0 <= number <= 1.0:  # NaN too
        raise ValueError(f"bad confidence {value!r}: use a number from 0 to 1")
    return number


def _fold(text: str) -> str:
    return text.strip().casefold()


def _page(limit: int | None, offset: int, db: Db | None = None) -> tuple[str, list[Any]]:
    if limit is not None and limit < 0 or offset < 0:
        raise ValueError("limit and offset must not be negative")
    no_limit = -1 if db is None else db.dialect.no_limit
    return " LIMIT ? OFFSET ?", [no_limit if limit is None else int(limit), int(offset)]


def _execute(db: Db, sql: str, params: list[Any]) -> Any:
    try:
        return db.execute(sql, params)
    except sqlite3.OperationalError as exc:
        if "fts5" in str(exc):  # e.g. a dangling OR
            raise ValueError(f"bad search query: {exc}") from exc
        raise


def _rows(db: Db, sql: str, params: list[Any], json_columns: tuple[str, ...] = ()) -> list[dict]:
    cursor = _execute(db, sql, params)
    names = [column[0] for column in cursor.description]
    rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    for row in rows:
        for column in json_columns:
            value = row[column]
            row[column] = json.loads(value) if isinstance(value, str | bytes) and value else (value or [])
    return rows


def _typed(cls: type[reads.Record], rows: list[dict[str, Any]]) -> list[Any]:
    """Plain rows -> the typed, read-only rows of store.reads (their columns are the class's fields, in order)."""
    if rows and tuple(rows[0]) != cls.names():
        raise AssertionError(f"{cls.__name__}: the query's columns {tuple(rows[0])} are not the row's fields")
    return [cls(*row.values()) for row in rows]


def fts_query(text: str) -> str:
    """User search text -> a safe FTS5 query (see the module docstring)."""
    parts: list[str] = []
    for token in _FTS_TOKEN.findall(text):
        if token in ("OR", "NOT", "AND"):
            parts.append(token)
        elif token.startswith('"'):
            phrase = token.strip('"')
            if phrase.strip():
                parts.append('"' + phrase + '"')
        elif token.endswith("*") and token.rstrip("*"):
            parts.append('"' + _prefix(token.rstrip("*")).replace('"', '""') + '"*')
        else:
            parts.append('"' + token.replace('"', '""') + '"')
    if not any(p not in ("OR", "NOT", "AND") for p in parts):
        raise ValueError("empty search query")
    return " ".join(parts)


def _prefix(stem: str) -> str:
    if len(stem) < MIN_PREFIX:
        raise ValueError(f"search prefix {stem + '*'!r} is too short: give at least {MIN_PREFIX} characters")
    return stem


# -- the queries ---------------------------------------------------------------------------------------------------

_DOC_COLUMNS = (
    "d.id, d.title, d.published, d.outlet, d.language, d.authors, d.source, d.name, d.ingested_at,"
    " (SELECT json_group_array(name) FROM (SELECT name FROM speakers s WHERE s.document_id = d.id"
    " ORDER BY position)) AS speakers"
)


#: The same column on PostgreSQL (json_agg: psycopg reads it as a list).
_DOC_COLUMNS_POSTGRES = _DOC_COLUMNS.replace(
    "(SELECT json_group_array(name) FROM (SELECT name FROM speakers s WHERE s.document_id = d.id ORDER BY position))",
    "(SELECT coalesce(json_agg(s.name ORDER BY s.position), '[]') FROM speakers s WHERE s.document_id = d.id)",
)


def docs(
    handle: Any,
    *,
    actor: str | None = None,
    speaker: str | None = None,
    since: str | None = None,
    until: str | None = None,
    search: str | None = None,
    document: str | None = None,
    outlet: str | None = None,
    language: str | None = None,
    limit: int | None = DEFAULT_LIMIT,
    offset: int = 0,
) -> list[reads.DocumentRow]:
    """Documents, newest first: id, title, published, outlet, language, authors, source, name, ingested_at,
    speakers (names)."""
    db = db_of(handle)
    where = _Where(db)
    _add_document_filters(
        where, actor=actor, speaker=speaker, since=since, until=until, search=search, document=document,
        outlet=outlet, language=language,
    )  # fmt: skip
    page, page_params = _page(limit, offset, db)
    columns = _DOC_COLUMNS_POSTGRES if db.postgres else _DOC_COLUMNS
    sql = f"SELECT {columns} FROM documents d{where.sql()} ORDER BY d.published DESC, d.id DESC{page}"
    return _typed(reads.DocumentRow, _rows(db, sql, where.params + page_params, ("authors", "speakers")))


def actors(
    handle: Any,
    *,
    actor: str | None = None,
    kind: str | None = None,
    speaker: str | None = None,
    since: str | None = None,
    until: str | None = None,
    search: str | None = None,
    document: str | None = None,
    limit: int | None = DEFAULT_LIMIT,
    offset: int = 0,
) -> list[reads.ActorRow]:
    """Actors with the number of documents mentioning them and their total mentions, most documented first.

    Without document filters the running totals in `actors` answer at once; with them, the counts are over the
    matching documents only. With ``search``, over the ACTOR_SEARCH_WINDOW most recently stored matching documents
    (all of them when fewer match: every selective query is counted exactly).
    """
    db = db_of(handle)
    page, page_params = _page(limit, offset, db)
    where = _Where(db)
    if actor is not None:
        where.add("a.id = ?", actor)
    if kind is not None:
        where.add("a.kind = ?", kind)
    order = " ORDER BY documents DESC, mentions DESC, a.id"
    if all(value is None for value in (speaker, since, until, search, document)):
        where.add("a.documents > 0")
        sql = f"SELECT a.id, a.name, a.kind, a.documents, a.mentions FROM actors a{where.sql()}{order}{page}"
        return _typed(reads.ActorRow, _rows(db, sql, where.params + page_params))
    if all(value is None for value in (speaker, search, document)):
        return _actors_in_dates(where, since, until, limit, offset)
    _add_document_filters(where, speaker=speaker, since=since, until=until, document=document)
    # CROSS JOIN fixes the join order: narrow the documents first, then count their actors.
    counted = (
        "SELECT a.id, a.name, a.kind, count(*) AS documents, sum(da.mentions) AS mentions FROM documents d"
        " CROSS JOIN document_actors da ON da.document_id = d.id CROSS JOIN actors a ON a.id = da.actor_id"
    )
    if search is not None and db.postgres:  # the ACTOR_SEARCH_WINDOW newest matches, as below
        with _planning(db) as plan:
            query = ts_query(search)
            found = _newest_matches(db, plan, [("documents", "number")], query, ACTOR_SEARCH_WINDOW, ", w.id")
            ids = [row[1] for row in found["documents"]]
            # counted from the window's documents through the keys (still with _planning's settings: no sequential
            # scan of document_actors, which the planner prefers to a thousand index probes at twice their time)
            where.add("d.id = ANY(?) AND da.document_id = ANY(?)", ids, ids)
            rows = _rows(db, f"{counted}{where.sql()} GROUP BY a.id{order}{page}", where.params + page_params)
        return _typed(reads.ActorRow, rows)
    if search is not None:  # driven from the (at most ACTOR_SEARCH_WINDOW) matches, whatever else narrows
        query = fts_query(search)
        oldest = _window_start(db, "documents_fts", query, ACTOR_SEARCH_WINDOW) or 0
        where.add("d.number IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ? AND rowid >= ?)", query,
                  oldest)  # fmt: skip
    sql = f"{counted}{where.sql()} GROUP BY a.id{order}{page}"
    return _typed(reads.ActorRow, _rows(db, sql, where.params + page_params))


def _actors_in_dates(
    base: _Where, since: str | None, until: str | None, limit: int | None, offset: int
) -> list[reads.ActorRow]:
    """Actor counts over a date range, from actor_months for whole months plus the documents of a boundary month
    that a day-precision bound cuts (at most two months of documents are read, however wide the range)."""
    _date_bounds(since, until)  # validates
    cut = sorted({date[:7] for date in (since, until) if date and len(date) > 7})
    months = _Where(base.db)
    months.clauses, months.params = [*base.clauses, "m.month != ''"], list(base.params)  # undated never match
    if since is not None:  # a month cut by `since` comes from the documents, so the summary starts after it
        months.add("m.month > ?" if len(since) > 7 else "m.month >= ?", since[:7])
    if until is not None:
        months.add("m.month < ?" if len(until) > 7 else "m.month <= ?", until[:7] if len(until) > 7 else until + "~")
    totals: dict[str, dict[str, Any]] = {}
    summary = (
        "SELECT a.id, a.name, a.kind, sum(m.documents) AS documents, sum(m.mentions) AS mentions"
        f" FROM actor_months m JOIN actors a ON a.id = m.actor_id{months.sql()} GROUP BY a.id"
    )
    parts = [(summary, months.params)]
    if cut:
        edge = _Where(base.db)
        edge.clauses, edge.params = list(base.clauses), list(base.params)
        _add_dates(edge, "d.published", since, until)
        edge.add(
            "(" + " OR ".join("d.published BETWEEN ? AND ?" for _ in cut) + ")", *(x for m in cut for x in (m, m + "~"))
        )
        parts.append((
            "SELECT a.id, a.name, a.kind, count(*) AS documents, sum(da.mentions) AS mentions FROM documents d"
            " CROSS JOIN document_actors da ON da.document_id = d.id CROSS JOIN actors a ON a.id = da.actor_id"
            f"{edge.sql()} GROUP BY a.id", edge.params,
        ))  # fmt: skip
    for sql, params in parts:
        for row in _rows(base.db, sql, params):
            total = totals.setdefault(row["id"], {**row, "documents": 0, "mentions": 0})
            total["documents"] += row["documents"]
            total["mentions"] += row["mentions"] or 0
    ranked = sorted(totals.values(), key=lambda a: (-a["documents"], -a["mentions"], a["id"]))
    return _typed(reads.ActorRow, ranked[offset:] if limit is None else ranked[offset : offset + limit])


_RECORD_CONTEXT = "r.document_id, r.published, d.title"


def _listing(kind: kinds.Kind) -> str:
    """The columns a query returns for one kind (store.kinds), on the table aliased `r`."""
    return ", ".join(f"r.{column}" for column in kind.listing)


_RECORD_JOIN = " JOIN documents d ON d.id = r.document_id"
#: Newest documents first; matches the (..., published DESC, id) indexes, so a page is read without sorting.
_RECORD_ORDER = " ORDER BY r.published DESC, r.id"
_RECORD_DOCUMENT = {"doc_column": "r.document_id", "date_column": "r.published"}


def relations(
    handle: Any,
    *,
    actor: str | None = None,
    actors: Iterable[str] | None = None,
    speaker: str | None = None,
    since: str | None = None,
    until: str | None = None,
    polarity: str | None = None,
    type: str | None = None,
    modality: str | None = None,
    source: str | None = None,
    target: str | None = None,
    min_confidence: float | None = None,
    search: str | None = None,
    document: str | None = None,
    limit: int | None = DEFAULT_LIMIT,
    offset: int = 0,
) -> list[reads.RelationRow]:
    """Relations between actors: id, a, b, type, polarity, score, modality, quad_class, speaker, source, target,
    confidence, resolved_from, count, evidence, span_start, span_end, document_id, published, title."""
    db = db_of(handle)
    where = _Where(db)
    tables, order, date_column = " FROM relations r", _RECORD_ORDER, "r.published"
    if actor is not None:  # walk relation_actors' (actor, published) index: a page costs a few rows, not all
        tables = " FROM relation_actors ra CROSS JOIN relations r ON r.id = ra.relation_id"
        order, date_column = " ORDER BY ra.published DESC, ra.relation_id", "ra.published"
        where.add("ra.actor_id = ?", actor)
    if actors is not None:
        _between(where, "r.a", "r.b", actors)
    if source is not None:  # relations_source / relations_target: (actor, published DESC, id), in listing order
        where.add("r.source = ?", source)
    if target is not None:
        where.add("r.target = ?", target)
    if speaker is not None:
        _speaker_column(where, "relations", speaker)
    if polarity is not None:
        where.add("r.polarity = ?", polarity)
    if type is not None:
        where.add("r.type = ?", type)
    if modality is not None:
        where.add("r.modality = ?", modality)
    where.at_least_confidence("relations", "r", min_confidence)
    _add_evidence_search(where, "relations", "r", search)
    _add_document_filters(where, since=since, until=until, document=document, doc_column="r.document_id",
                          date_column=date_column)  # fmt: skip
    page, page_params = _page(limit, offset, db)
    if db.postgres and actor is not None and len(where.clauses) == 1:  # only the actor: page the index, then join
        tables = f" FROM (SELECT relation_id, published FROM relation_actors ra{where.sql()}{order}{page}) AS ra" + (
            " JOIN relations r ON r.id = ra.relation_id"
        )
        sql = f"SELECT {_listing(kinds.RELATIONS)}, {_RECORD_CONTEXT}{tables}{_RECORD_JOIN}{order}"
        return _typed(reads.RECORD_ROWS["relations"], _rows(db, sql, where.params + page_params))
    sql = f"SELECT {_listing(kinds.RELATIONS)}, {_RECORD_CONTEXT}{tables}{_RECORD_JOIN}{where.sql()}{order}{page}"
    return _typed(reads.RECORD_ROWS["relations"], _rows(db, sql, where.params + page_params))


def memberships(
    handle: Any,
    *,
    actor: str | None = None,
    actors: Iterable[str] | None = None,
    status: str | None = None,
    modality: str | None = None,
    min_confidence: float | None = None,
    speaker: str | None = None,
    since: str | None = None,
    until: str | None = None,
    search: str | None = None,
    document: str | None = None,
    limit: int | None = DEFAULT_LIMIT,
    offset: int = 0,
) -> list[reads.MembershipRow]:
    """Membership claims: id, member, org, status, modality, confidence, evidence, span_start, span_end,
    document_id, published, title."""
    db = db_of(handle)
    where = _Where(db)
    if actor is not None:
        where.add("(r.member = ? OR r.org = ?)", actor, actor)
    if actors is not None:
        _between(where, "r.member", "r.org", actors)
    if status is not None:
        where.add("r.status = ?", status)
    if modality is not None:
        where.add("r.modality = ?", modality)
    where.at_least_confidence("memberships", "r", min_confidence)
    _add_evidence_search(where, "memberships", "r", search)
    _add_document_filters(where, speaker=speaker, since=since, until=until, document=document, **_RECORD_DOCUMENT)
    page, page_params = _page(limit, offset, db)
    sql = (
        f"SELECT {_listing(kinds.MEMBERSHIPS)}, {_RECORD_CONTEXT} FROM memberships r{_RECORD_JOIN}"
        f"{where.sql()}{_RECORD_ORDER}{page}"
    )
    return _typed(reads.RECORD_ROWS["memberships"], _rows(db, sql, where.params + page_params))


def stances(
    handle: Any,
    *,
    actor: str | None = None,
    speaker: str | None = None,
    since: str | None = None,
    until: str | None = None,
    polarity: str | None = None,
    modality: str | None = None,
    min_confidence: float | None = None,
    search: str | None = None,
    document: str | None = None,
    limit: int | None = DEFAULT_LIMIT,
    offset: int = 0,
) -> list[reads.StanceRow]:
    """Speakers' stances: id, speaker, target, polarity, modality, confidence, resolved_from, count, evidence,
    span_start, span_end, document_id, published, title."""
    db = db_of(handle)
    where = _Where(db)
    if actor is not None:
        where.add("r.target = ?", actor)
    if speaker is not None:
        _speaker_column(where, "stances", speaker)
    if polarity is not None:
        where.add("r.polarity = ?", polarity)
    if modality is not None:
        where.add("r.modality = ?", modality)
    where.at_least_confidence("stances", "r", min_confidence)
    _add_evidence_search(where, "stances", "r", search)
    _add_document_filters(where, since=since, until=until, document=document, **_RECORD_DOCUMENT)
    page, page_params = _page(limit, offset, db)
    sql = (
        f"SELECT {_listing(kinds.STANCES)}, {_RECORD_CONTEXT} FROM stances r{_RECORD_JOIN}"
        f"{where.sql()}{_RECORD_ORDER}{page}"
    )
    return _typed(reads.RECORD_ROWS["stances"], _rows(db, sql, where.params + page_params))


def figures(
    handle: Any,
    *,
    actor: str | None = None,
    speaker: str | None = None,
    since: str | None = None,
    until: str | None = None,
    unit: str | None = None,
    search: str | None = None,
    document: str | None = None,
    limit: int | None = DEFAULT_LIMIT,
    offset: int = 0,
) -> list[reads.FigureRow]:
    """Cited figures: id, value, unit, subject, evidence, span_start, span_end, document_id, published, title."""
    db = db_of(handle)
    where = _Where(db)
    if unit is not None:
        where.add("r.unit = ?", unit)
    _add_evidence_search(where, "figures", "r", search)
    _add_document_filters(
        where, actor=actor, speaker=speaker, since=since, until=until, document=document, **_RECORD_DOCUMENT
    )
    page, page_params = _page(limit, offset, db)
    sql = (
        f"SELECT {_listing(kinds.FIGURES)}, {_RECORD_CONTEXT} FROM figures r{_RECORD_JOIN}"
        f"{where.sql()}{_RECORD_ORDER}{page}"
    )
    return _typed(reads.RECORD_ROWS["figures"], _rows(db, sql, where.params + page_params))


def events(
    handle: Any,
    *,
    actor: str | None = None,
    speaker: str | None = None,
    since: str | None = None,
    until: str | None = None,
    search: str | None = None,
    document: str | None = None,
    limit: int | None = DEFAULT_LIMIT,
    offset: int = 0,
) -> list[reads.EventRow]:
    """Dated events, latest first: id, date, what, evidence, span_start, span_end, document_id, published, title.
    since/until compare the event's date."""
    db = db_of(handle)
    where = _Where(db)
    _add_dates(where, "r.date", since, until)
    _add_evidence_search(where, "events", "r", search)
    _add_document_filters(where, actor=actor, speaker=speaker, document=document, doc_column="r.document_id")
    page, page_params = _page(limit, offset, db)
    sql = (
        f"SELECT {_listing(kinds.EVENTS)}, r.document_id, d.published, d.title FROM events r{_RECORD_JOIN}"
        f"{where.sql()} ORDER BY r.date DESC, r.id{page}"
    )
    return _typed(reads.RECORD_ROWS["events"], _rows(db, sql, where.params + page_params))


def search(
    handle: Any,
    *,
    text: str,
    limit: int | None = 20,
    offset: int = 0,
    marks: tuple[str, str] = MARKS,
) -> list[reads.SearchHit]:
    """Full-text hits over document bodies (and titles) and record evidence, best first.

    Each hit: kind ("documents" or the record's table), document_id, record_id (None for documents), title,
    published, snippet (matches wrapped in `marks`), rank (bm25; lower is better). A query matching more than
    RANK_WINDOW texts of a kind is ranked among the newest RANK_WINDOW of them (see _ranked).
    """
    db = db_of(handle)
    query = fts_query(text)
    wanted = None if limit is None else int(limit) + int(offset)
    if db.postgres:
        hits = _ranked_postgres(db, ts_query(text), marks, wanted)
        hits.sort(key=lambda hit: hit["rank"])
        hits = hits[offset:] if limit is None else hits[offset : offset + limit]
        return _with_documents(db, hits)
    hits = _ranked(db, "documents_fts", "'documents', NULL, rowid, NULL, snippet(documents_fts, -1,", query, marks,
                   wanted)  # fmt: skip
    hits += _ranked(db, "evidence_fts", "kind, record_id, NULL, document_id, snippet(evidence_fts, 0,", query, marks,
                    wanted)  # fmt: skip
    hits.sort(key=lambda hit: hit["rank"])
    hits = hits[offset:] if limit is None else hits[offset : offset + limit]
    return _with_documents(db, hits)


def _window_start(db: Db, table: str, query: str, window: int) -> int | None:
    """The lowest rowid among the `window` highest-rowid matches of an FTS query; None when fewer match."""
    row = _execute(
        db,
        f"SELECT rowid FROM {table} WHERE {table} MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ?",
        [query, window - 1],
    ).fetchone()
    return row[0] if row else None


def _ranked(db: Db, table: str, columns: str, query: str, marks: tuple[str, str], wanted: int | None) -> list[dict]:
    """The best `wanted` matches of one FTS table by BM25, among its RANK_WINDOW newest matches, with snippets.

    Ranking reads every ranked row, so a word found in 100,000 texts would cost a second; the window keeps the
    cost bounded while a selective query (fewer matches than the window) is ranked over all of its matches.
    Snippets are made here, in the same MATCH: a second MATCH per hit would expand the query again.
    """
    oldest = _window_start(db, table, query, RANK_WINDOW) or 0
    page, page_params = _page(wanted, 0, db)
    rows = _execute(
        db,
        f"SELECT {columns} ?, ?, '…', 24), rank FROM {table} WHERE {table} MATCH ? AND rowid >= ? ORDER BY rank{page}",
        [*marks, query, oldest, *page_params],
    ).fetchall()
    keys = ("kind", "record_id", "number", "document_id", "snippet", "rank")
    return [dict(zip(keys, row, strict=True)) for row in rows]


def _with_documents(db: Db, hits: list[dict[str, Any]]) -> list[reads.SearchHit]:
    """Add each hit's document id, title and published date."""
    numbers = [hit["number"] for hit in hits if hit["number"] is not None]
    ids = [hit["document_id"] for hit in hits if hit["document_id"] is not None]
    by_number, by_id = {}, {}
    if numbers:
        sql = f"SELECT number, id, title, published FROM documents WHERE number IN ({', '.join('?' * len(numbers))})"
        by_number = {row[0]: row[1:] for row in db.execute(sql, numbers).fetchall()}
    if ids:
        sql = f"SELECT id, id, title, published FROM documents WHERE id IN ({', '.join('?' * len(ids))})"
        by_id = {row[0]: row[1:] for row in db.execute(sql, ids).fetchall()}
    results = []
    for hit in hits:
        document_id, title, published = (
            by_number[hit["number"]] if hit["number"] is not None else by_id[hit["document_id"]]
        )
        results.append(reads.SearchHit(
            kind=hit["kind"], document_id=document_id, record_id=hit["record_id"], title=title,
            published=published, snippet=hit["snippet"], rank=hit["rank"],
        ))  # fmt: skip
    return results


def _ranked_postgres(db: Db, query: str, marks: tuple[str, str], wanted: int | None) -> list[dict]:
    """search() on PostgreSQL: per table (documents, then each record kind), the best `wanted` of its
    POSTGRES_RANK_WINDOW newest matches (_newest_matches) by ts_rank_cd (negated: lower is better, as bm25; ties:
    newest first), with ts_headline snippets made for those only."""
    start, stop = (mark.replace('"', "") for mark in marks)
    options = f'StartSel="{start}", StopSel="{stop}", MaxWords=24, MinWords=8, MaxFragments=1, FragmentDelimiter=" … "'
    tables = [("documents", "number"), *((table, "id") for table in EVIDENCE_TABLES)]
    rank = f", -ts_rank_cd(w.tsv, {_TSQUERY})"
    with _planning(db) as plan:
        found = _newest_matches(db, plan, tables, query, POSTGRES_RANK_WINDOW, rank, [query])
        best = {table: sorted(found[table], key=lambda row: (row[1], -row[0]))[:wanted] for table, _ in tables}
        cursors = {}
        with db.batch():  # the snippets of every table's best, in one round trip
            for table, key in tables:
                if not best[table]:
                    continue
                text, document = ("coalesce(title, '') || ' ' || body", "NULL") if key == "number" else (
                    "evidence", "document_id")  # fmt: skip
                cursors[table] = _execute(
                    db,
                    f"SELECT {key}, {document}, ts_headline('english', {text}, {_TSQUERY}, ?) FROM {table}"
                    f" WHERE {key} = ANY(?)",
                    [query, options, [row[0] for row in best[table]]],
                )
        snippets = {table: {row[0]: row[1:] for row in cursor.fetchall()} for table, cursor in cursors.items()}
    hits = []
    for table, _ in tables:
        record = table != "documents"
        for key, value in best[table]:
            document_id, snippet = snippets[table][key]
            hits.append({"kind": table, "record_id": key if record else None, "number": None if record else key,
                         "document_id": document_id, "snippet": snippet, "rank": value})  # fmt: skip
    return hits


#: Planner settings of _newest_matches' two ways of reading: walking an ordered index (here the primary key,
#: backwards), or a bitmap of the GIN index. Both plan each execution for its own values (psycopg prepares a statement
#: run five times, and PostgreSQL would then reuse a generic plan made for other bounds, or under the other settings:
#: search() went from 20 to 80 ms).
_PLAN_SETTINGS = ("enable_bitmapscan", "enable_seqscan", "enable_indexscan", "plan_cache_mode")
_WALK = ("off", "off", "on", "force_custom_plan")
_BITMAP = ("on", "off", "off", "force_custom_plan")


def _plan(db: Db, settings: tuple[str, ...], local: bool) -> None:
    sql = "SELECT " + ", ".join(f"set_config('{name}', ?, {'true' if local else 'false'})" for name in _PLAN_SETTINGS)
    db.execute(sql, list(settings))


@contextmanager
def _planning(db: Db) -> Iterator[Callable[[tuple[str, ...]], None]]:
    """Statements planned to walk ordered indexes (_WALK: no sequential scans, no bitmaps); yields the function that
    changes the plan (_newest_matches switches to bitmaps for a statement). The connection's own settings are put
    back on the way out. Outside a transaction they are set for the session (a transaction of our own would cost two
    round trips, BEGIN and COMMIT, a search); inside someone else's, for that transaction only, so that nothing
    outlives it."""
    local = db.conn.info.transaction_status.name != "IDLE"
    with db.batch():
        cursor = db.execute("SELECT " + ", ".join(f"current_setting('{name}')" for name in _PLAN_SETTINGS))
        _plan(db, _WALK, local)
    saved = tuple(cursor.fetchone())
    try:
        yield lambda settings: _plan(db, settings, local)
    finally:
        _plan(db, saved, local)


def _newest_matches(
    db: Db,
    plan: Callable[[tuple[str, ...]], None],
    tables: list[tuple[str, str]],
    query: str,
    window: int,
    columns: str = "",
    params: list[Any] | None = None,
) -> dict[str, list[tuple[Any, ...]]]:
    """PostgreSQL, inside :func:`_planning`: for each (table, key), the (key, *columns) of the `window` rows with the
    highest keys (the newest) whose tsv matches the tsquery `query`, newest first; all of them when fewer match.
    `columns` (on the row aliased w, with its `params`) is computed for those rows only.

    PostgreSQL cannot tell how many rows a tsquery matches (a prefix is a guess) and picks between two plans that
    are each hopeless on the other's ground: walking the primary key backwards costs the rows read until the window
    is full (every row of the table when nothing matches: 40 ms over 200,000 events), a bitmap of the GIN index
    costs every match of the table (tens of milliseconds for a word in most rows). So the window is found in
    steps, each with its plan fixed: the newest 2 x window rows are walked; if they hold fewer matches than the
    window, the walk goes on as far as their density says it needs, within WALK_BUDGET rows per row of the window;
    what is still missing then comes from the GIN index, in the range of keys below the rows walked that the density
    says should hold it (a bitmap of the matches and one of the range, so only the matches in the range are read;
    four times wider while short; all of the rest when no match was seen, since a word absent from the newest rows
    is rare). The tables take each step together, one round trip per step."""
    extra = list(params or [])
    found: dict[str, list[tuple[Any, ...]]] = {table: [] for table, _ in tables}
    keys = dict(tables)
    budget = {table: WALK_BUDGET.get(table, WALK_BUDGET_EVIDENCE) * window for table in keys}

    def newest(table: str, where: str, *bounds: int) -> Any:
        key = keys[table]
        inner = ", id" if "w.id" in columns and key != "id" else ""
        sql = (
            f"SELECT w.{key}{columns} FROM (SELECT {key}, tsv{inner} FROM {table} WHERE {where} AND tsv @@ {_TSQUERY}"
            f" ORDER BY {key} DESC LIMIT ?) AS w ORDER BY w.{key} DESC"
        )
        return _execute(db, sql, [*extra, *bounds, query, window - len(found[table])])

    span = {table: min(2 * window, budget[table]) for table in keys}
    with db.batch():  # each table's range of keys, and its newest 2 x window rows walked, in one round trip
        ranges = {table: _execute(db, f"SELECT min({key}), max({key}) FROM {table}", []) for table, key in tables}
        cursors = {table: newest(table, f"{key} >= (SELECT max({key}) FROM {table}) + 1 - ?", span[table])
                   for table, key in tables}  # fmt: skip
    low, below, read = {}, {}, dict.fromkeys(keys, 0)
    walking, indexed = [], []
    for table, cursor in ranges.items():
        first, last = cursor.fetchone()
        if last is not None:  # else an empty table
            low[table], below[table] = first, last + 1
            walking.append(table)
    while walking:  # the primary key, backwards, as far as the density seen says the window needs
        steps, current, walking = cursors, walking, []
        for table in current:
            found[table] += [tuple(row) for row in steps[table].fetchall()]
            below[table] -= span[table]
            read[table] += span[table]
            missing = window - len(found[table])
            if missing <= 0 or below[table] <= low[table]:
                continue
            span[table] = _rows_for(missing, read[table], len(found[table]), below[table] - low[table])
            (indexed if read[table] + span[table] > budget[table] else walking).append(table)
        if walking:
            with db.batch():
                cursors = {table: newest(table, f"{keys[table]} < ? AND {keys[table]} >= ?", below[table],
                                         below[table] - span[table]) for table in walking}  # fmt: skip
    while indexed:  # the GIN index, within the keys the density seen says hold the rest (wider each time)
        with db.batch():
            plan(_BITMAP)
            cursors = {table: newest(table, f"{keys[table]} < ? AND {keys[table]} >= ?", below[table],
                                     below[table] - span[table]) for table in indexed}  # fmt: skip
            plan(_WALK)
        indexed = []
        for table, cursor in cursors.items():
            found[table] += [tuple(row) for row in cursor.fetchall()]
            below[table] -= span[table]
            read[table] += span[table]
            missing = window - len(found[table])
            if missing > 0 and below[table] > low[table]:
                span[table] = max(4 * span[table], _rows_for(missing, read[table], len(found[table]), 0))
                indexed.append(table)
    return found


def _rows_for(missing: int, read: int, found: int, rest: int) -> int:
    """How many more rows should hold `missing` matches, at the density seen (`found` in `read` rows) and a quarter
    more; all the `rest` when none was seen (a word absent from the newest rows: few matches anywhere, most likely)."""
    if not found:
        return max(rest, 1)
    return int(missing * read / found * 1.25) + 1


#: A user's search as a PostgreSQL tsquery (ts_query's text, English stemming as the tsvector columns).
_TSQUERY = "to_tsquery('english', ?)"
_WORD = re.compile(r"\w+")
_OPERATORS = {"OR": "|", "AND": "&", "NOT": "& !"}


def ts_query(text: str) -> str:
    """User search text -> a PostgreSQL tsquery with the meaning :func:`fts_query` gives it in FTS5: words all
    occur (stemmed), "a phrase" is words in a row, ``word*`` a prefix, OR / NOT / AND between words. Only word
    characters reach the query (each quoted), so user text cannot be a syntax error; a dangling operator, an empty
    query or a too short prefix is a ValueError, as on SQLite."""
    fts_query(text)  # the same ValueErrors as on SQLite (empty query, too short a prefix)
    parts: list[str] = []
    expect_operand = True
    for token in _FTS_TOKEN.findall(text):
        if token in _OPERATORS:
            if expect_operand:
                raise ValueError(f"bad search query: {token} without a word before it")
            parts.append(_OPERATORS[token])
            expect_operand = True
            continue
        prefix = token.endswith("*") and not token.startswith('"')
        words = _WORD.findall(token.strip('"').rstrip("*") if token.startswith('"') else token.rstrip("*"))
        if not words:
            continue
        lexemes = [f"'{word}'" for word in words]
        if prefix:
            lexemes[-1] += ":*"
        if not expect_operand:
            parts.append("&")
        parts.append("(" + " <-> ".join(lexemes) + ")")
        expect_operand = False
    if expect_operand:
        raise ValueError("bad search query: an operator without a word after it" if parts else "empty search query")
    return " ".join(parts)
