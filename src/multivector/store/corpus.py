"""The corpus: every analysed article and its records in one SQLite file, or in a PostgreSQL database.

Contract:
- ``Corpus(path, readonly=False)`` opens (or, writable and missing, creates) a corpus. ``path`` is a file (SQLite,
  the zero-setup default) or a ``postgresql://USER@HOST/DB`` URL (:mod:`multivector.store.postgres`: the same schema
  version, queries and guarantees; several writers take turns per document, readers never wait). Before anything is
  written the
  file is opened read-only and checked: a non-SQLite file, a corrupt one, a foreign SQLite database or a schema
  version newer than :data:`SCHEMA_VERSION` raises :class:`CorpusError` with a one-line reason, and the file is left
  byte for byte as it was.
- ``add(analysis)`` stores one document and all its records in a single transaction and returns True, or returns
  False when a document with the same ``Analysis.id`` (content hash) is already stored; nothing changes then. A
  process killed at any moment leaves only whole documents behind (WAL, one transaction per document).
- Readers and one writer may work at the same time (WAL); a writer waits up to ``timeout`` seconds for another.
- The query methods (``docs``, ``actors``, ``relations``, ...) return lists of typed, read-only rows
  (:mod:`multivector.store.reads`: frozen dataclasses that are also the plain dicts they replace, so
  ``row.speaker``, ``row["speaker"]`` and ``json.dumps(rows)`` all work); see :mod:`multivector.store.queries` for
  the filters.
- A Corpus object is not meant to be used by two threads at once: open one per thread, or share a pool of them
  (the web app does: :class:`CorpusPool`).
- ``generation()`` grows with every stored document: caches of corpus-wide views key on it (one indexed read).
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from multivector.errors import CorpusError
from multivector.records import Actor, Analysis
from multivector.store import postgres, queries, reads
from multivector.store.dialect import POSTGRES, SQLITE, Db
from multivector.store.kinds import KINDS, confidence
from multivector.store.schema import (
    APPLICATION,
    DDL,
    MIGRATIONS,
    SCHEMA_VERSION,
    SQLITE_TABLES,
    fold_statements,
    rollup_statements,
    total_statements,
)

SQLITE_MAGIC = b"SQLite format 3\x00"
DEFAULT_TIMEOUT_S = 30.0
REQUIRED_TABLES = SQLITE_TABLES
#: The per-document fold into the mention and aggregate tables (schema.fold_statements) and the analysis rollups
#: (schema.rollup_statements), built once. PostgreSQL writes the mention rows from Python (_mention_rows) and runs
#: the same totals and rollups.
_FOLD_ONE = (*fold_statements(one_document=True), *rollup_statements(one_document=True))
_TOTALS_ONE = (*total_statements(one_document=True), *rollup_statements(one_document=True))


#: An ingest stores its analyses in batches, one transaction each (:meth:`Corpus.add_batch`): up to this many
#: documents, or what arrived within this many seconds of the batch's first, whichever comes first.
WRITE_BATCH = 16
WRITE_BATCH_SECONDS = 2.0


class Corpus:
    """A multivector corpus in SQLite or PostgreSQL; use as a context manager."""

    def __init__(
        self, path: str | Path = "multivector.db", *, readonly: bool = False, timeout: float = DEFAULT_TIMEOUT_S
    ):
        self.readonly = readonly
        if postgres.is_url(path):
            self.url: str | None = postgres.normalise(path)
            self.path = Path(postgres.display(self.url))  # a name for messages and cache keys, password hidden
            self._conn = postgres.open_postgres(self.url, readonly=readonly, timeout=timeout)
            self.db = Db(self._conn, POSTGRES)
        else:
            self.url = None
            self.path = Path(path)
            self._conn = _open_readonly(self.path, timeout) if readonly else _open_writable(self.path, timeout)
            self._conn.row_factory = sqlite3.Row
            self.db = Db(self._conn, SQLITE)

    @property
    def where(self) -> str:
        """The corpus's file, or its URL without the password: what messages name."""
        return postgres.display(self.url) if self.url else str(self.path)

    @property
    def backend(self) -> str:
        """'sqlite' or 'postgresql'."""
        return self.db.dialect.name

    # -- lifecycle -------------------------------------------------------------------------------------------------

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._conn is None:
            return
        if not self.readonly and self.url is None:
            try:  # keeps the planner's statistics fresh after large ingests; cheap when nothing changed
                self._conn.execute("PRAGMA optimize")
            except sqlite3.Error:
                pass
        self._conn.close()
        self._conn = None

    @property
    def connection(self) -> Any:
        """The underlying connection (sqlite3, rows are sqlite3.Row; or psycopg), for raw SQL. The store's own
        functions accept it as well as the Corpus (store.dialect.db_of)."""
        if self._conn is None:
            raise CorpusError(f"{self.where}: corpus is closed")
        return self._conn

    # -- writing ---------------------------------------------------------------------------------------------------

    def add(self, analysis: Analysis, *, file_sha256: str | None = None) -> bool:
        """Store one analysis with all its records; False (and no change) when its id is already stored.

        ``file_sha256`` is the hash of the input file's bytes, remembered so a re-run can skip that file before
        analysing it (:meth:`has_file`). Invalid record data raises ValueError and stores nothing.
        """
        if self.readonly:
            raise CorpusError(f"{self.where}: opened read-only")
        with self._transaction():
            return _add_one(self.db, analysis, file_sha256)

    def add_many(self, analyses: Iterable[Analysis]) -> tuple[int, int]:
        """Add each analysis in its own transaction; returns (stored, already present)."""
        stored = present = 0
        for analysis in analyses:
            if self.add(analysis):
                stored += 1
            else:
                present += 1
        return stored, present

    def add_batch(self, items: Sequence[tuple[Analysis, str | None]]) -> list[bool | ValueError]:
        """Store several ``(analysis, file_sha256)`` in one transaction (what :meth:`add` does for each, in order);
        one result per item: True when new, False when already stored (earlier in the batch included), the
        ValueError of an analysis with invalid record data, which stores nothing of it.

        One transaction is cheaper than one per document (SQLite writes each changed page and full-text segment
        once, PostgreSQL commits once); it commits all or nothing, so an interrupted ingest loses no stored
        document, and a re-run stores the batch it did not commit. When an analysis is invalid the batch is
        rolled back and stored document by document, so that the others are kept."""
        if self.readonly:
            raise CorpusError(f"{self.where}: opened read-only")
        if len(items) > 1:
            results: list[bool | ValueError] = []
            try:
                with self._transaction():
                    db = self.db
                    for analysis, file_sha256 in items:
                        results.append(_add_one(db, analysis, file_sha256))
                return results
            except ValueError:
                pass  # rolled back: each on its own below, the invalid one reported
        results = []
        for analysis, file_sha256 in items:
            try:
                results.append(self.add(analysis, file_sha256=file_sha256))
            except ValueError as exc:
                results.append(exc)
        return results

    @contextmanager
    def _transaction(self) -> Iterator[Any]:
        conn = self.connection
        if self.url is not None:
            psycopg = postgres.errors()
            try:
                with postgres.write_transaction(conn):
                    yield conn
            except psycopg.IntegrityError as exc:
                raise ValueError(f"cannot store this analysis: {exc}") from exc
            except psycopg.DataError as exc:
                raise ValueError(f"cannot store this analysis: {exc}") from exc
            except psycopg.Error as exc:
                raise CorpusError(f"{self.where}: {exc}") from exc
            return
        try:
            conn.execute("BEGIN IMMEDIATE")  # take the write lock now, so the existence check stays true
            try:
                yield conn
            except BaseException:
                if conn.in_transaction:  # SQLite may already have rolled back (disk full, I/O error)
                    conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
        except sqlite3.IntegrityError as exc:
            raise ValueError(f"cannot store this analysis: {exc}") from exc
        except sqlite3.OperationalError as exc:
            raise CorpusError(f"{self.where}: {exc}") from exc
        except sqlite3.DatabaseError as exc:
            raise CorpusError(f"{self.where}: corrupt corpus: {exc}") from exc

    # -- reading ---------------------------------------------------------------------------------------------------

    def get(self, doc_id: str) -> Analysis:
        """The stored analysis of a document, exactly as it was added; KeyError when absent."""
        row = self._read("SELECT name, body, analysis FROM documents WHERE id = ?", (doc_id,))
        if not row:
            raise KeyError(doc_id)
        data = json.loads(row[0][2])
        data["body"] = row[0][1]
        analysis = Analysis.from_dict(data)
        analysis.name = row[0][0]
        return analysis

    def __contains__(self, doc_id: object) -> bool:
        return isinstance(doc_id, str) and bool(self._read("SELECT 1 FROM documents WHERE id = ?", (doc_id,)))

    def has_file(self, sha256: str) -> bool:
        """True when a file with these bytes was already ingested."""
        return bool(self._read("SELECT 1 FROM source_files WHERE sha256 = ?", (sha256,)))

    def generation(self) -> int:
        """A number that every stored document increases: equal numbers mean an unchanged corpus (for caches)."""
        row = self._read("SELECT value FROM meta WHERE key = 'generation'")
        return int(row[0][0]) if row else 0

    def count(self) -> int:
        return self._read("SELECT count(*) FROM documents")[0][0]

    def check(self) -> list[str]:
        """SQLite's integrity check: an empty list when the file is sound (reads the whole file: slow on big ones).
        PostgreSQL checks its own pages: a connected corpus whose tables are all there is sound (empty list)."""
        if self.url is not None:
            return []
        problems = [row[0] for row in self._read("PRAGMA integrity_check")]
        return [] if problems == ["ok"] else problems

    def _read(self, sql: str, params: tuple[Any, ...] = ()) -> list[Any]:
        self.connection  # noqa: B018 - CorpusError when closed
        try:
            return self.db.execute(sql, params).fetchall()
        except sqlite3.DatabaseError as exc:
            raise CorpusError(f"{self.where}: {exc}") from exc
        except Exception as exc:
            if self.url is not None and isinstance(exc, postgres.errors().DatabaseError):
                raise CorpusError(f"{self.where}: {exc}") from exc
            raise

    # -- queries (documented in multivector.store.queries) ---------------------------------------------------------

    def docs(self, **filters: Any) -> list[reads.DocumentRow]:
        return self._query(queries.docs, filters)

    def actors(self, **filters: Any) -> list[reads.ActorRow]:
        return self._query(queries.actors, filters)

    def relations(self, **filters: Any) -> list[reads.RelationRow]:
        return self._query(queries.relations, filters)

    def memberships(self, **filters: Any) -> list[reads.MembershipRow]:
        return self._query(queries.memberships, filters)

    def stances(self, **filters: Any) -> list[reads.StanceRow]:
        return self._query(queries.stances, filters)

    def figures(self, **filters: Any) -> list[reads.FigureRow]:
        return self._query(queries.figures, filters)

    def events(self, **filters: Any) -> list[reads.EventRow]:
        return self._query(queries.events, filters)

    def search(self, text: str, limit: int = 20, **options: Any) -> list[reads.SearchHit]:
        return self._query(queries.search, {"text": text, "limit": limit, **options})

    def _query(self, function: Any, filters: dict[str, Any]) -> Any:
        self.connection  # noqa: B018 - CorpusError when closed
        try:
            return function(self.db, **filters)
        except sqlite3.DatabaseError as exc:
            raise CorpusError(f"{self.where}: {exc}") from exc
        except Exception as exc:
            if self.url is not None and isinstance(exc, postgres.errors().DatabaseError):
                raise CorpusError(f"{self.where}: {exc}") from exc
            raise

    # -- read models (multivector.store.reads): what the analysis stage, the web app and the report read ----------

    def relation_mentions(self, **filters: Any) -> list[reads.RelationMention]:
        return self._query(reads.relation_mentions, filters)

    def count_relation_mentions(self, **filters: Any) -> int:
        return self._query(reads.count_relation_mentions, filters)

    def stance_mentions(self, **filters: Any) -> list[reads.StanceMention]:
        return self._query(reads.stance_mentions, filters)

    def summary(self, top: int = 15) -> reads.CorpusSummary:
        return self._query(reads.corpus_summary, {"top": top})

    def relation_types(self) -> list[str]:
        return self._query(reads.relation_types, {})

    def actors_by_id(self, ids: set[str] | list[str]) -> list[dict[str, Any]]:
        return self._query(reads.actors_by_id, {"ids": ids})

    def pair_totals(
        self,
        min_confidence: float = 0,
        modalities: Iterable[str] | None = None,
        *,
        speakers: int = 0,
        **filters: Any,
    ) -> list[reads.PairTotal]:
        """Per unordered actor pair, its relation claims with at least ``min_confidence`` (0: all, also those without
        one) and one of ``modalities`` (None: all), summed in SQL per type and polarity, most sentences first.
        ``filters``: actor, pairs, type, polarity, speaker, since, until (reads.claim_filters); ``speakers``: also
        each pair's N most frequent speakers."""
        return self._query(
            reads.claim_pair_totals,
            {"min_confidence": min_confidence, "modalities": modalities, "speakers": speakers, **filters},
        )

    def pair_directions(
        self, min_confidence: float = 0, modalities: Iterable[str] | None = None, **filters: Any
    ) -> list[reads.PairDirection]:
        """Per unordered actor pair (x < y), its claims x -> y, y -> x and undirected (claims and sentences), with the
        filters of :meth:`pair_totals`."""
        return self._query(reads.claim_pair_directions, {"min_confidence": min_confidence, "modalities": modalities,
                                                          **filters})  # fmt: skip

    def span_start(self, kind: str, record_id: int) -> int | None:
        """Where the evidence of record ``record_id`` of ``kind`` (a search hit's kind) starts in its body."""
        return self._query(reads.span_start, {"kind": kind, "record_id": record_id})


class CorpusPool:
    """Read-only corpora reused across requests: each is lent to one thread at a time, so no connection is ever used
    by two threads at once, and a request skips the checks of opening (a few ms on a large file)."""

    def __init__(self, path: str | Path, *, size: int = 8, timeout: float = DEFAULT_TIMEOUT_S):
        self.path, self.size, self.timeout = Path(path), size, timeout
        self._idle: list[Corpus] = []
        self._lock = threading.Lock()

    @contextmanager
    def corpus(self) -> Iterator[Corpus]:
        """Borrow a read-only Corpus for the duration of the block (opened on demand when none is idle)."""
        with self._lock:
            corpus = self._idle.pop() if self._idle else None
        if corpus is None:
            corpus = Corpus(self.path, readonly=True, timeout=self.timeout)
        try:
            yield corpus
        finally:
            with self._lock:
                keep = len(self._idle) < self.size
                if keep:
                    self._idle.append(corpus)
            if not keep:
                corpus.close()

    def close(self) -> None:
        with self._lock:
            idle, self._idle = self._idle, []
        for corpus in idle:
            corpus.close()


# -- opening and checking ------------------------------------------------------------------------------------------


def _file_state(path: Path) -> str:
    """'missing', 'empty' or 'sqlite'; CorpusError for anything that is not an SQLite file."""
    if not path.exists():
        return "missing"
    if not path.is_file():
        raise CorpusError(f"{path}: not a file")
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise CorpusError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    if not header:
        return "empty"
    if header != SQLITE_MAGIC:
        raise CorpusError(f"{path}: not an SQLite database (not a multivector corpus)")
    return "sqlite"


def _connect_readonly(path: Path, timeout: float) -> sqlite3.Connection:
    uri = path.resolve().as_uri() + "?mode=ro"
    return sqlite3.connect(uri, uri=True, timeout=timeout, isolation_level=None, check_same_thread=False)


def _schema_version(conn: sqlite3.Connection, path: Path) -> int:
    """The corpus schema version (0 for an empty SQLite database); CorpusError when it is not a usable corpus."""
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not tables and version == 0:
            return 0
    except sqlite3.DatabaseError as exc:
        raise CorpusError(f"{path}: corrupt or unreadable SQLite database ({exc})") from exc
    try:
        meta = dict(conn.execute("SELECT key, value FROM meta").fetchall()) if "meta" in tables else {}
    except sqlite3.OperationalError:  # someone else's table called meta
        meta = {}
    except sqlite3.DatabaseError as exc:
        raise CorpusError(f"{path}: corrupt or unreadable SQLite database ({exc})") from exc
    if meta.get("application") != APPLICATION:
        raise CorpusError(f"{path}: an SQLite database, but not a multivector corpus")
    if version > SCHEMA_VERSION:
        raise CorpusError(
            f"{path}: corpus schema version {version} is newer than this multivector supports ({SCHEMA_VERSION}); "
            "upgrade multivector"
        )
    if meta.get("schema_version") != str(version):
        raise CorpusError(f"{path}: corrupt corpus (schema version {version}, meta says {meta.get('schema_version')})")
    missing = REQUIRED_TABLES - tables if version == SCHEMA_VERSION else set()
    if missing:
        raise CorpusError(f"{path}: corrupt corpus (missing tables: {', '.join(sorted(missing))})")
    return version


def _probe(path: Path, timeout: float) -> int:
    """Check an existing SQLite file without writing anything, not even WAL side files; returns its version.

    With no -wal file beside it the file is opened immutable (no locks, no side files), so a foreign or corrupt
    file is left exactly as it was; otherwise the side files already exist and a plain read-only open is used.
    """
    if Path(f"{path}-wal").exists():
        conn = _connect_readonly(path, timeout)
    else:
        uri = path.resolve().as_uri() + "?mode=ro&immutable=1"
        conn = sqlite3.connect(uri, uri=True, timeout=timeout, isolation_level=None)
    try:
        return _schema_version(conn, path)
    finally:
        conn.close()


def _open_readonly(path: Path, timeout: float) -> sqlite3.Connection:
    if _file_state(path) != "sqlite":
        raise CorpusError(f"{path}: no corpus here (create one with `multivector ingest`)")
    version = _probe(path, timeout)
    if version == 0:
        raise CorpusError(f"{path}: an empty SQLite database, no corpus yet (create one with `multivector ingest`)")
    if version != SCHEMA_VERSION:
        raise CorpusError(
            f"{path}: corpus (schema {version}) needs an upgrade to schema {SCHEMA_VERSION}: open it writable once"
            " (`multivector ingest` into it, or `Corpus(path)` in Python; about a minute per 100,000 documents)"
        )
    conn = _connect_readonly(path, timeout)
    try:
        _schema_version(conn, path)  # again, through the WAL: the probe may have seen an older state
    except BaseException:
        conn.close()
        raise
    return conn


def _open_writable(path: Path, timeout: float) -> sqlite3.Connection:
    state = _file_state(path)
    if state == "sqlite":  # check read-only first: a foreign or corrupt file must not be touched
        _probe(path, timeout)
    elif state == "missing":
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        conn = sqlite3.connect(path, timeout=timeout, isolation_level=None, check_same_thread=False)
    except sqlite3.Error as exc:
        raise CorpusError(f"{path}: cannot open: {exc}") from exc
    try:
        _configure(conn)
        _create_or_migrate(conn, path)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise CorpusError(f"{path}: {exc}") from exc
    except BaseException:
        conn.close()
        raise
    return conn


def _configure(conn: sqlite3.Connection) -> None:
    conn.execute("PRAGMA journal_mode = WAL")  # readers never block the writer, a killed writer loses only its txn
    conn.execute("PRAGMA synchronous = NORMAL")  # durable against process crashes; fsync only at checkpoints
    conn.execute("PRAGMA foreign_keys = ON")


def _create_or_migrate(conn: sqlite3.Connection, path: Path) -> None:
    conn.execute("BEGIN IMMEDIATE")
    try:
        version = _schema_version(conn, path)  # again, under the lock: another process may have created it
        if version == 0:
            for statement in _statements(DDL):
                conn.execute(statement)
            now = _now()
            conn.executemany(
                "INSERT INTO meta (key, value) VALUES (?, ?)",
                [
                    ("application", APPLICATION),
                    ("schema_version", str(SCHEMA_VERSION)),
                    ("created_at", now),
                    ("generation", "0"),
                ],  # fmt: skip
            )
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION:d}")
        while 0 < version < SCHEMA_VERSION:
            for statement in _statements(MIGRATIONS[version]):
                conn.execute(statement)
            version += 1
            conn.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(version),))
            conn.execute(f"PRAGMA user_version = {version:d}")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _statements(script: str) -> Iterator[str]:
    """Split a DDL script into statements (executescript would commit our transaction)."""
    pending = ""
    for line in script.splitlines(keepends=True):
        if not pending and (not line.strip() or line.lstrip().startswith("--")):
            continue
        pending += line
        if sqlite3.complete_statement(pending):
            yield pending.strip()
            pending = ""


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


# -- writing one analysis ------------------------------------------------------------------------------------------


def _check_confidences(analysis: Analysis) -> None:
    """ValueError naming the record when a confidence is not a number in [0, 1] (mentions included)."""
    for kind in (t for k in KINDS if "confidence" in k.listing for t in (k.table, k.mentions) if t):
        for position, record in enumerate(getattr(analysis, kind)):
            try:
                confidence(record.confidence)
            except ValueError as exc:
                raise ValueError(f"cannot store this analysis: {kind}[{position}]: {exc}") from None


def _add_one(db: Db, analysis: Analysis, file_sha256: str | None) -> bool:
    """Corpus.add's work inside the caller's transaction: False when the document is already stored."""
    present = db.one("SELECT 1 FROM documents WHERE id = ?", (analysis.id,)) is not None
    with db.batch():
        if not present:
            _insert_analysis(db, analysis)
        if file_sha256:
            db.execute(
                "INSERT INTO source_files (sha256, document_id, source) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                (file_sha256, analysis.id, analysis.source),
            )
    return not present


def _insert_analysis(db: Db, analysis: Analysis) -> None:
    _check_confidences(analysis)
    data = analysis.to_dict()
    body = data.pop("body")
    db.execute(
        "INSERT INTO documents (id, source, name, title, published, outlet, language, authors, body, analysis,"
        " ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            analysis.id,
            analysis.source,
            analysis.name or "",
            analysis.title,
            analysis.published,
            analysis.outlet,
            analysis.language,
            json.dumps(analysis.authors, ensure_ascii=False),
            body,
            json.dumps(data, ensure_ascii=False),
            _now(),
        ),
    )
    _insert_speaker_names(db, analysis)
    _insert_actors(db, analysis)
    _insert_records(db, analysis)
    if db.postgres:  # mention rows from the records in hand (SQLite reads them from the stored JSON, as migrations do)
        relation_rows, stance_rows = _mention_rows(analysis)
        db.executemany(_RELATION_MENTION_INSERT, relation_rows)
        db.executemany(_STANCE_MENTION_INSERT, stance_rows)
        fold = _TOTALS_ONE
    else:
        fold = _FOLD_ONE
    for statement in fold:  # mention rows, running totals and analysis rollups, in this same transaction
        db.execute(statement, {"doc": analysis.id})
    db.execute("UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) WHERE key = 'generation'")


_RELATION_MENTION_INSERT = (
    "INSERT INTO relation_mentions (document_id, position, published, a, b, x, y, type, polarity, score, modality,"
    " quad_class, count, speaker, evidence, span_start, span_end, source, target, confidence, resolved_from)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_STANCE_MENTION_INSERT = (
    "INSERT INTO stance_mentions (document_id, position, published, speaker, target, polarity, modality, count,"
    " evidence, span_start, span_end, confidence, resolved_from) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def _mention_rows(analysis: Analysis) -> tuple[list[tuple], list[tuple]]:
    """The mention rows schema.mention_statements makes from a document's JSON, made from its records: its mention
    lists, its claims when it has none, with the same defaults."""
    doc, published = analysis.id, analysis.published

    def span(record: Any) -> tuple[int, int]:
        start, end = (list(record.span or []) + [0, 0])[:2]
        return int(start or 0), int(end or 0)

    relations = [
        (doc, i, published, r.a, r.b, min(r.a, r.b), max(r.a, r.b), r.type or "", r.polarity or "0", r.score or 0,
         r.modality, r.quad_class or 0, 1 if r.count is None else r.count, r.speaker, r.evidence or "", *span(r),
         r.source, r.target, r.confidence, r.resolved_from)
        for i, r in enumerate(analysis.relation_mentions or analysis.relations)
    ]  # fmt: skip
    stances = [
        (doc, i, published, s.speaker, s.target, s.polarity or "0", s.modality or "asserted",
         1 if s.count is None else s.count, s.evidence or "", *span(s), s.confidence, s.resolved_from)
        for i, s in enumerate(analysis.stance_mentions or analysis.stances)
    ]  # fmt: skip
    return relations, stances


def _insert_speaker_names(db: Db, analysis: Analysis) -> None:
    names = {s.name for s in analysis.speakers}
    names |= {r.speaker for r in [*analysis.relations, *analysis.relation_mentions] if r.speaker}
    names |= {s.speaker for s in [*analysis.stances, *analysis.stance_mentions]}
    db.executemany(
        "INSERT INTO speaker_names (name, folded) VALUES (?, ?) ON CONFLICT DO NOTHING",
        [(n, n.casefold()) for n in sorted(names)],
    )


def _insert_actors(db: Db, analysis: Analysis) -> None:
    merged: dict[str, Actor] = {}
    for actor in analysis.actors:  # one row per actor and document, even if the analysis repeats an id
        if actor.id in merged:
            merged[actor.id].mentions += actor.mentions
        else:
            merged[actor.id] = Actor(actor.id, actor.name, actor.kind, actor.mentions)
    ordered = [merged[key] for key in sorted(merged)]  # rows locked in one order by every writer
    # A placeholder (name = id, kind 'entity') is upgraded by the first document that describes the actor.
    placeholder = "actors.name = actors.id AND actors.kind = 'entity'"
    db.executemany(
        "INSERT INTO actors (id, name, kind, documents, mentions) VALUES (?, ?, ?, 1, ?)"
        " ON CONFLICT (id) DO UPDATE SET documents = actors.documents + 1,"
        " mentions = actors.mentions + excluded.mentions,"
        f" name = CASE WHEN {placeholder} THEN excluded.name ELSE actors.name END,"
        f" kind = CASE WHEN {placeholder} THEN excluded.kind ELSE actors.kind END",
        [(a.id, a.name, a.kind, a.mentions) for a in ordered],
    )
    db.executemany(
        "INSERT INTO document_actors (document_id, actor_id, mentions) VALUES (?, ?, ?)",
        [(analysis.id, a.id, a.mentions) for a in ordered],
    )
    month = (analysis.published or "")[:7]
    db.executemany(
        "INSERT INTO actor_months (actor_id, month, documents, mentions) VALUES (?, ?, 1, ?)"
        " ON CONFLICT (actor_id, month) DO UPDATE SET documents = actor_months.documents + 1,"
        " mentions = actor_months.mentions + excluded.mentions",
        [(a.id, month, a.mentions) for a in ordered],
    )
    referenced = {x for r in analysis.relations for x in (r.a, r.b)} | {s.target for s in analysis.stances}
    referenced |= {x for m in analysis.memberships for x in (m.member, m.org)}
    db.executemany(
        "INSERT INTO actors (id, name, kind) VALUES (?, ?, 'entity') ON CONFLICT DO NOTHING",
        [(x, x) for x in sorted(referenced - merged.keys())],
    )


def _insert_records(db: Db, analysis: Analysis) -> None:
    doc, published = analysis.id, analysis.published
    db.executemany(
        "INSERT INTO speakers (document_id, position, name, role) VALUES (?, ?, ?, ?)",
        [(doc, i, s.name, s.role) for i, s in enumerate(analysis.speakers)],
    )
    db.executemany(
        "INSERT INTO people (document_id, position, name, role, mentions) VALUES (?, ?, ?, ?, ?)",
        [(doc, i, p.name, p.role, p.mentions) for i, p in enumerate(analysis.people)],
    )
    for kind in KINDS:  # relations, memberships, stances, figures, events (store.kinds)
        rows = [kind.values(doc, i, published, record) for i, record in enumerate(getattr(analysis, kind.table))]
        db.executemany(kind.insert_sql(), rows)
    if analysis.relations:  # each relation is also listed under each of its actors (once when a = b)
        db.execute(_RELATION_ACTORS, {"doc": doc})


_RELATION_ACTORS = (
    "INSERT INTO relation_actors (actor_id, published, relation_id)"
    " SELECT a, published, id FROM relations WHERE document_id = :doc"
    " UNION ALL SELECT b, published, id FROM relations WHERE document_id = :doc AND b != a ORDER BY 3, 1"
)
