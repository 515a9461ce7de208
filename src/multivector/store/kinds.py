"""The record kinds of a corpus, listed once: relations, memberships, stances, figures, events.

Contract: :data:`KINDS` is the one list of the extracted record kinds. Everything that names a kind's table, its
columns or its filters is derived from it: the tables' DDL (:func:`table_ddl`, for SQLite and PostgreSQL), the
columns schema 4 added (``store.schema.SCHEMA4_COLUMNS``), the rows ``Corpus.add`` writes (:meth:`Kind.values`), the
columns the queries return (:attr:`Kind.listing`) and their typed rows (``store.reads.record_row``), the CLI's table
columns (:attr:`Kind.table_columns`) and the export's per-record fields (:attr:`Kind.export_fields`). Adding a column
is one :class:`Column` here (plus a schema version and a migration step in ``store.schema`` when it changes a stored
corpus).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


def confidence(value: Any) -> float | None:
    """A record's confidence as stored: a number in [0, 1] (None stays None); anything else is a ValueError."""
    if value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"bad confidence {value!r}: expected a number in [0, 1]") from exc
    if not 0.0 <= number <= 1.0:  # also refuses NaN
        raise ValueError(f"bad confidence {value!r}: expected a number in [0, 1]")
    return number


def _count(value: Any) -> int:
    return 1 if value is None else int(value)


def _asserted(value: Any) -> str:
    return value or "asserted"


def _span(record: Any) -> tuple[int, int]:
    span = record.span
    try:
        start, end = span
        return int(start), int(end)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"bad span {span!r}: expected [start, end]") from exc


@dataclass(frozen=True)
class Column:
    """One column of a record table: its name, its SQL definition (SQLite's words; :func:`table_ddl` translates),
    the schema version that added it, and how a record's attribute of the same name becomes the stored value."""

    name: str
    definition: str
    since: int = 1
    convert: Callable[[Any], Any] | None = None


@dataclass(frozen=True)
class Kind:
    """One record kind: its table (also the Analysis attribute and the query name), its own columns (after the
    common ``id, document_id, position[, published]``), the filters its query takes, and the derived views."""

    table: str
    columns: tuple[Column, ...]
    filters: tuple[str, ...]
    listing: tuple[str, ...]  # the columns a query returns, before the document context
    table_columns: tuple[str, ...]  # the CLI's table view
    export_fields: tuple[str, ...]  # the CSV / JSONL export's fields
    dated: bool = True  # carries its document's `published` (events have their own `date` instead)
    evidence: bool = True  # has an `evidence` sentence (searched through the full-text index)
    notes: str = ""  # comment lines written above the table's DDL
    mentions: str = ""  # the table of its sentence-level mentions (and the Analysis attribute), when it has one

    @property
    def column_names(self) -> tuple[str, ...]:
        """Every stored column but ``id``, in table order."""
        return ("document_id", "position", *(("published",) if self.dated else ()), *(c.name for c in self.columns))

    def added_in(self, version: int) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.since == version)

    def insert_sql(self, placeholder: str = "?") -> str:
        names = self.column_names
        return f"INSERT INTO {self.table} ({', '.join(names)}) VALUES ({', '.join([placeholder] * len(names))})"

    def values(self, document_id: str, position: int, published: str | None, record: Any) -> tuple[Any, ...]:
        """The row ``Corpus.add`` stores for one record (ValueError for a bad span or confidence)."""
        start, end = _span(record)
        row: list[Any] = [document_id, position, *((published,) if self.dated else ())]
        for column in self.columns:
            if column.name == "span_start":
                row.append(start)
            elif column.name == "span_end":
                row.append(end)
            else:
                value = getattr(record, column.name)
                row.append(column.convert(value) if column.convert else value)
        return tuple(row)


_SPAN = (Column("evidence", "TEXT NOT NULL"), Column("span_start", "INTEGER NOT NULL"),
         Column("span_end", "INTEGER NOT NULL"))  # fmt: skip
_CONFIDENCE = "REAL CHECK (confidence BETWEEN 0 AND 1)"
_POLARITY = "TEXT NOT NULL CHECK (polarity IN ('+', '-', '0'))"
_DOCUMENT_FILTERS = ("speaker", "since", "until", "search", "document", "limit", "offset")

RELATIONS = Kind(
    "relations",
    columns=(
        Column("a", "TEXT NOT NULL REFERENCES actors (id)"),
        Column("b", "TEXT NOT NULL REFERENCES actors (id)"),
        Column("type", "TEXT NOT NULL"),
        Column("polarity", _POLARITY),
        Column("score", "REAL NOT NULL"),
        Column("modality", "TEXT NOT NULL"),
        Column("quad_class", "INTEGER NOT NULL DEFAULT 0"),
        *_SPAN,
        Column("speaker", "TEXT REFERENCES speaker_names (name)"),
        Column("source", "TEXT", since=4),
        Column("target", "TEXT", since=4),
        Column("confidence", _CONFIDENCE, since=4, convert=confidence),
        Column("resolved_from", "TEXT", since=4),
        Column("count", "INTEGER NOT NULL DEFAULT 1", since=4, convert=_count),
    ),
    filters=(
        "actor", "actors", "polarity", "type", "modality", "source", "target", "min_confidence", *_DOCUMENT_FILTERS
    ),
    listing=("id", "a", "b", "type", "polarity", "score", "modality", "quad_class", "speaker", "source", "target",
             "confidence", "resolved_from", "count", "evidence", "span_start", "span_end"),
    table_columns=("published", "a", "type", "polarity", "b", "direction", "modality", "confidence", "speaker",
                   "evidence"),
    export_fields=("a", "b", "type", "polarity", "score", "modality", "quad_class", "speaker", "count", "source",
                   "target", "confidence", "resolved_from", "evidence"),
    notes="Schema 4 added the last five columns (comments stay outside the column list, where ALTER TABLE keeps them"
    " intact): source, target = the acting and the acted-upon actor, one of a and b each, both NULL for a symmetric"
    " relation; confidence in [0, 1], NULL when the analysis predates confidence; resolved_from = the referring"
    ' expression a party was resolved from ("the two countries"); count = the sentences supporting the claim in its'
    " document. published = documents.published (records repeat it so that listings walk one index).",
    mentions="relation_mentions",
)  # fmt: skip

MEMBERSHIPS = Kind(
    "memberships",
    columns=(
        Column("member", "TEXT NOT NULL REFERENCES actors (id)"),
        Column("org", "TEXT NOT NULL REFERENCES actors (id)"),
        Column("status", "TEXT NOT NULL DEFAULT 'unknown'"),
        *_SPAN,
        Column("modality", "TEXT NOT NULL DEFAULT 'asserted'", since=4, convert=_asserted),
        Column("confidence", _CONFIDENCE, since=4, convert=confidence),
    ),
    filters=("actor", "actors", "status", "modality", "min_confidence", *_DOCUMENT_FILTERS),
    listing=("id", "member", "org", "status", "modality", "confidence", "evidence", "span_start", "span_end"),
    table_columns=("published", "member", "org", "status", "modality", "confidence", "evidence"),
    export_fields=("member", "org", "status", "modality", "confidence", "evidence"),
    notes="Schema 4 added modality ('negated': the text says the state is not a member) and confidence (as in"
    " relations).",
)

STANCES = Kind(
    "stances",
    columns=(
        Column("speaker", "TEXT NOT NULL REFERENCES speaker_names (name)"),
        Column("target", "TEXT NOT NULL REFERENCES actors (id)"),
        Column("polarity", _POLARITY),
        Column("modality", "TEXT NOT NULL"),
        *_SPAN,
        Column("confidence", _CONFIDENCE, since=4, convert=confidence),
        Column("resolved_from", "TEXT", since=4),
        Column("count", "INTEGER NOT NULL DEFAULT 1", since=4, convert=_count),
    ),
    filters=("actor", "polarity", "modality", "min_confidence", *_DOCUMENT_FILTERS),
    listing=("id", "speaker", "target", "polarity", "modality", "confidence", "resolved_from", "count", "evidence",
             "span_start", "span_end"),
    table_columns=("published", "speaker", "target", "polarity", "modality", "confidence", "evidence"),
    export_fields=("speaker", "target", "polarity", "modality", "count", "confidence", "resolved_from", "evidence"),
    notes='Schema 4 added confidence, resolved_from (the expression the target was resolved from: "it") and count.',
    mentions="stance_mentions",
)  # fmt: skip

FIGURES = Kind(
    "figures",
    columns=(Column("value", "REAL NOT NULL"), Column("unit", "TEXT NOT NULL"), Column("subject", "TEXT NOT NULL"),
             *_SPAN),
    filters=("actor", "unit", *_DOCUMENT_FILTERS),
    listing=("id", "value", "unit", "subject", "evidence", "span_start", "span_end"),
    table_columns=("published", "value", "unit", "subject", "evidence"),
    export_fields=("value", "unit", "subject", "evidence"),
)  # fmt: skip

EVENTS = Kind(
    "events",
    columns=(Column("date", "TEXT NOT NULL"), Column("what", "TEXT NOT NULL"), *_SPAN),
    filters=("actor", *_DOCUMENT_FILTERS),
    listing=("id", "date", "what", "evidence", "span_start", "span_end"),
    table_columns=("date", "what", "evidence", "document_id"),
    export_fields=("date", "what", "evidence"),
    dated=False,
    notes="date: YYYY-MM-DD | YYYY-MM | YYYY (the event's own date; since/until compare it).",
)

#: Every record kind, in the order ``Corpus.add`` writes them (also the order of ``evidence_fts``' table index).
KINDS: tuple[Kind, ...] = (RELATIONS, MEMBERSHIPS, STANCES, FIGURES, EVENTS)
BY_TABLE: dict[str, Kind] = {kind.table: kind for kind in KINDS}
#: Tables whose rows carry an evidence sentence (all of them today).
EVIDENCE_TABLES: tuple[str, ...] = tuple(kind.table for kind in KINDS if kind.evidence)

_COMMON = (
    "id INTEGER PRIMARY KEY",
    "document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE",
    "position INTEGER NOT NULL",
)


def table_ddl(kind: Kind) -> str:
    """``CREATE TABLE`` for one kind, in SQLite's words (``store.dialect`` translates it for PostgreSQL)."""
    lines = [
        *_COMMON,
        *(("published TEXT",) if kind.dated else ()),
        *(f"{c.name} {c.definition}" for c in kind.columns),
    ]
    notes = "".join(f"-- {line}\n" for line in _wrap(kind.notes))
    body = ",\n".join(f"    {line}" for line in lines)
    return f"{notes}CREATE TABLE {kind.table} (\n{body}\n);\n"


def _wrap(text: str, width: int = 110) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + len(word) < width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines
