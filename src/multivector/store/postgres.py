"""Opening a corpus stored in PostgreSQL (``postgresql://USER@HOST/DB``), through psycopg 3.

Contract: :func:`open_postgres` connects, checks the database and creates or migrates the corpus schema exactly as
:mod:`multivector.store.corpus` does for SQLite: an empty database (no tables in the current schema) becomes a corpus
(when writable); a database holding other tables, a corpus of a newer schema version, or one missing tables raises
:class:`~multivector.errors.CorpusError` with a one-line reason and changes nothing. The version lives in the ``meta``
table (PostgreSQL has no ``user_version``). Creation and each write transaction take the transaction-level advisory
lock :data:`WRITE_LOCK`, so writers (several ingests into one corpus) take turns per document as they do on SQLite,
while readers never wait. One corpus per database (or per schema: ``?options=-csearch_path%3Dname``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from multivector.errors import CorpusError
from multivector.store.schema import APPLICATION, POSTGRES_DDL, POSTGRES_MIGRATIONS, SCHEMA_VERSION, TABLES

#: Key of the advisory lock every writer holds for the duration of its transaction ("mvec" in ASCII).
WRITE_LOCK = 0x6D766563
URL = re.compile(r"^postgres(?:ql)?:/+", re.IGNORECASE)
REQUIRED_TABLES = TABLES


def is_url(target: object) -> bool:
    """True for a PostgreSQL URL, also one that went through pathlib (which folds ``//`` into ``/``)."""
    return bool(URL.match(str(target)))


def normalise(target: object) -> str:
    """``postgresql:/u@h/db`` (a URL that went through pathlib) -> ``postgresql://u@h/db``."""
    return URL.sub("postgresql://", str(target), count=1)


def display(url: str) -> str:
    """The URL without its password, for messages."""
    return re.sub(r"(://[^:/@]+):[^@/]*@", r"\1:***@", url)


def _psycopg() -> Any:
    try:
        import psycopg
    except ImportError as exc:  # pragma: no cover - psycopg is a dependency
        raise CorpusError("PostgreSQL corpora need psycopg: pip install 'psycopg[binary]'") from exc
    return psycopg


def errors() -> Any:
    return _psycopg()


def _number_loader(psycopg: Any) -> type:
    class NumberLoader(psycopg.adapt.Loader):
        """numeric -> int when whole, else float (sums of integers are numeric in PostgreSQL, INTEGER in SQLite)."""

        def load(self, data: Any) -> int | float:
            text = bytes(data).decode()
            return float(text) if any(c in text for c in ".eEN") else int(text)

    return NumberLoader


def open_postgres(url: str, *, readonly: bool, timeout: float) -> Any:
    """A psycopg connection (autocommit; transactions are explicit) to a checked corpus."""
    psycopg = _psycopg()
    where = display(url)
    options = ["-c default_transaction_read_only=on"] if readonly else []
    options.append(f"-c lock_timeout={int(timeout * 1000)}")
    try:
        conn = psycopg.connect(url, autocommit=True, connect_timeout=max(1, int(timeout)), options=" ".join(options))
    except psycopg.Error as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise CorpusError(f"{where}: cannot connect to PostgreSQL: {reason}") from None
    conn.adapters.register_loader("numeric", _number_loader(psycopg))
    try:
        if readonly:
            version = schema_version(conn, where)
            if version == 0:
                raise CorpusError(f"{where}: an empty database, no corpus yet (create one with `multivector ingest`)")
            if version != SCHEMA_VERSION:
                raise CorpusError(
                    f"{where}: corpus (schema {version}) needs an upgrade to schema {SCHEMA_VERSION}: open it"
                    " writable once (`multivector ingest` into it)"
                )
        else:
            _create_or_migrate(conn, where)
    except psycopg.Error as exc:
        conn.close()
        raise CorpusError(f"{where}: {exc}") from exc
    except BaseException:
        conn.close()
        raise
    return conn


def schema_version(conn: Any, where: str) -> int:
    """The corpus schema version (0 for a database without tables); CorpusError when it is not a usable corpus."""
    tables = {
        row[0]
        for row in conn.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
        ).fetchall()
    }
    if not tables:
        return 0
    meta: dict[str, str] = {}
    if "meta" in tables:
        try:
            meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
        except _psycopg().Error:  # someone else's table called meta
            meta = {}
    if meta.get("application") != APPLICATION:
        raise CorpusError(f"{where}: a PostgreSQL database with other tables, not a multivector corpus")
    try:
        version = int(meta.get("schema_version", ""))
    except ValueError:
        raise CorpusError(f"{where}: corrupt corpus (schema version {meta.get('schema_version')!r})") from None
    if version > SCHEMA_VERSION:
        raise CorpusError(
            f"{where}: corpus schema version {version} is newer than this multivector supports ({SCHEMA_VERSION}); "
            "upgrade multivector"
        )
    missing = REQUIRED_TABLES - tables if version == SCHEMA_VERSION else set()
    if missing:
        raise CorpusError(f"{where}: corrupt corpus (missing tables: {', '.join(sorted(missing))})")
    return version


@contextmanager
def write_transaction(conn: Any) -> Iterator[Any]:
    """One transaction holding the corpus's write lock (released at commit or rollback)."""
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
        yield conn


def _create_or_migrate(conn: Any, where: str) -> None:
    from multivector.store.dialect import POSTGRES, Db

    db = Db(conn, POSTGRES)
    with write_transaction(conn):
        version = schema_version(conn, where)  # again, under the lock: another process may have created it
        if version == 0:
            for statement in _split(POSTGRES_DDL):
                db.execute(statement)
            db.executemany(
                "INSERT INTO meta (key, value) VALUES (?, ?)",
                [("application", APPLICATION), ("schema_version", str(SCHEMA_VERSION)), ("created_at", _now()),
                 ("generation", "0")],
            )  # fmt: skip
            return
        while version < SCHEMA_VERSION:
            for statement in _split(POSTGRES_MIGRATIONS[version]):
                db.execute(statement)
            version += 1
            db.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(version),))


def _split(script: str) -> list[str]:
    """Statements of a DDL script (no semicolons inside its statements but the function body's, which has none)."""
    return [statement.strip() for statement in script.split(";\n") if statement.strip()]


def _now() -> str:
    from datetime import UTC, datetime

    return datetime.now(UTC).isoformat(timespec="seconds")
