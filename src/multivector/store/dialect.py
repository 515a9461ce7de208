"""The two SQL dialects a corpus speaks (SQLite, PostgreSQL) and :class:`Db`, the handle every store query runs on.

Contract: store code writes its SQL once, in SQLite's words with ``?`` (or ``:name``) placeholders; :class:`Db`
runs it on either backend, translated for PostgreSQL by :meth:`Dialect.translate` (placeholders, ``DESC NULLS
LAST`` so that undated rows sort last as in SQLite, except on the never-NULL keys of :data:`NOT_NULL_KEYS` whose
index serves the order, ``CROSS JOIN ... ON`` as a plain join). What differs beyond
that is asked of the dialect by name: :attr:`Dialect.postgres` (full-text search: FTS5 tables there, ``tsvector``
columns with GIN indexes here), :meth:`Dialect.unordered` (SQLite's ``+column`` planner hint), :attr:`no_limit`.
Only :mod:`multivector.store` imports this module: no SQL lives outside the store.
"""

from __future__ import annotations

import re
import sqlite3
from contextlib import nullcontext
from functools import lru_cache
from typing import Any

_LITERAL = re.compile(r"('(?:[^']|'')*')")
_NAMED = re.compile(r"(?<![:\w]):([a-z_]+)\b")
_DESC = re.compile(r"(\S+)(\s+)DESC\b(?! NULLS)")
#: Columns that are never NULL (the tables' integer and text keys): ``DESC`` on them needs no ``NULLS LAST``, and
#: without it PostgreSQL reads the key's index backwards instead of sorting every match (``ORDER BY number DESC
#: LIMIT n`` over a full-text match: 330 ms -> 7 ms on 100,000 documents).
NOT_NULL_KEYS = frozenset({"number", "id", "rowid"})


def _nulls_last(match: re.Match[str]) -> str:
    column, space = match.group(1), match.group(2)
    if column.rsplit(".", 1)[-1].lstrip("(,").lower() in NOT_NULL_KEYS:
        return match.group(0)
    return f"{column}{space}DESC NULLS LAST"


class Dialect:
    """SQLite: the SQL as written."""

    name = "sqlite"
    postgres = False
    no_limit: Any = -1

    def translate(self, sql: str) -> str:
        return sql

    def unordered(self, column: str) -> str:
        """A column the planner must not drive the query from (SQLite's unary +; PostgreSQL plans on its own)."""
        return f"+{column}"


class PostgresDialect(Dialect):
    name = "postgresql"
    postgres = True
    no_limit = None

    def translate(self, sql: str) -> str:
        return _translate(sql)

    def unordered(self, column: str) -> str:
        return column


@lru_cache(maxsize=1024)
def _translate(sql: str) -> str:
    parts = _LITERAL.split(sql)
    for i in range(0, len(parts), 2):  # outside string literals only
        text = parts[i].replace("%", "%%").replace("?", "%s")
        text = _NAMED.sub(r"%(\1)s", text)
        text = _DESC.sub(_nulls_last, text).replace("CROSS JOIN", "JOIN")
        parts[i] = text
    return "".join(parts)


SQLITE = Dialect()
POSTGRES = PostgresDialect()


class Db:
    """An open connection (sqlite3 or psycopg) with its dialect."""

    def __init__(self, conn: Any, dialect: Dialect) -> None:
        self.conn, self.dialect = conn, dialect

    @property
    def postgres(self) -> bool:
        return self.dialect.postgres

    def execute(self, sql: str, params: Any = ()) -> Any:
        return self.conn.execute(self.dialect.translate(sql), params)

    def batch(self) -> Any:
        """A block whose statements need no answer before the next: PostgreSQL sends them in one pipeline (one
        network round trip instead of one per statement); SQLite runs them as they come."""
        return self.conn.pipeline() if self.postgres else nullcontext()

    def executemany(self, sql: str, rows: list[Any]) -> None:
        if not rows:
            return
        if self.postgres:
            with self.conn.cursor() as cursor:
                cursor.executemany(self.dialect.translate(sql), rows)
        else:
            self.conn.executemany(sql, rows)

    def rows(self, sql: str, params: Any = ()) -> list[dict[str, Any]]:
        cursor = self.execute(sql, params)
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def tuples(self, sql: str, params: Any = ()) -> list[tuple[Any, ...]]:
        return [tuple(row) for row in self.execute(sql, params).fetchall()]

    def one(self, sql: str, params: Any = ()) -> tuple[Any, ...] | None:
        row = self.execute(sql, params).fetchone()
        return None if row is None else tuple(row)

    def scalar(self, sql: str, params: Any = ()) -> Any:
        row = self.one(sql, params)
        return None if row is None else row[0]


def db_of(source: Any) -> Db:
    """The :class:`Db` of a Corpus, a Db, or a raw sqlite3 / psycopg connection (older callers pass
    ``corpus.connection``; both work on both backends)."""
    if isinstance(source, Db):
        return source
    db = getattr(source, "db", None)
    if isinstance(db, Db):
        return db
    if isinstance(source, sqlite3.Connection):
        return Db(source, SQLITE)
    if type(source).__module__.startswith("psycopg"):
        return Db(source, POSTGRES)
    raise TypeError(f"not a corpus or a corpus connection: {type(source).__name__}")
