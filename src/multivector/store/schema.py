"""The corpus schema (SQLite, and PostgreSQL: :data:`POSTGRES_DDL`), version :data:`SCHEMA_VERSION`.

PostgreSQL gets the same tables, columns and indexes, translated by :func:`postgres_ddl`, with full-text search as
stored tsvector columns and GIN indexes (:data:`POSTGRES_FTS`) in place of the FTS5 tables and their triggers; its
version lives in ``meta`` only. The record tables come from the kinds registry (store.kinds).

Contract: the DDL below is the whole schema. ``PRAGMA user_version`` and the ``meta`` row ``schema_version`` both
hold the version; ``meta.application`` is ``multivector`` so a foreign SQLite file is recognised and refused.
Tables are meant to be read directly too (sqlite3, Datasette): readable names, foreign keys to ``documents(id)``
and ``actors(id)``, and one index per filtered column. Full-text search lives in two FTS5 tables kept in sync by
triggers: ``documents_fts`` (external content: title and body of ``documents``) and ``evidence_fts`` (the
evidence of every extracted record, with the record's table and id).

Version 2 adds the sentence-level mention tables (``relation_mentions``, ``stance_mentions``: one row per supporting
sentence, read from each document's analysis JSON, its claims when it has no mention list) and the aggregate tables
the web pages read instead of looping over mentions (``relation_pairs``, ``relation_edges``, ``pair_speakers``,
``actor_years``, ``stance_counts``, ``speaker_totals``), plus the ``meta`` row ``generation`` that every stored
document bumps (a cheap "has the corpus changed?" stamp for caches). :func:`fold_statements` is the one definition of
how a document's rows reach those tables: ``Corpus.add`` runs it for the new document in its transaction, and the
migration from version 1 runs it over every document.

Version 3 gives both full-text tables prefix indexes (:data:`PREFIX_LENGTHS`); the migration from version 2 rebuilds
them from the tables they index.

Version 4 carries the records' direction, confidence and reference fields: ``relations`` and ``relation_mentions``
get ``source``, ``target`` (the acting and the acted-upon actor, both NULL for a symmetric relation), ``confidence``
and ``resolved_from``; ``stances`` and ``stance_mentions`` get ``confidence`` and ``resolved_from``; ``memberships``
gets ``modality`` and ``confidence``; ``relations`` and ``stances`` get ``count`` (supporting sentences). New columns
go at the end of each table, so a migrated table and a new one have the same columns in the same order. The
migration from version 3 adds the columns to the claim tables and fills them from each document's analysis JSON
(:data:`_BACKFILL`), and re-creates and refills the two mention tables (:func:`mention_statements`). Where the stored
JSON has no such key (an analysis made before the records had these fields) ``confidence`` is NULL (unknown: a
``min_confidence`` filter never matches it), direction and ``resolved_from`` are NULL, membership ``modality`` is
'asserted' and ``count`` is 1. A document may hold several claims on one actor pair (one per polarity, say): no table
is keyed by pair and document.

Version 5 adds the analysis rollups (:data:`ROLLUP_DDL`): ``relation_months`` and ``stance_months``, the claim
tables summed per actor, other actor (or stance target), month, polarity and modality, which ``multivector balance``
reads instead of every claim of a frequent actor (store.analytics). ``Corpus.add`` adds each new document's claims to
them in the document's transaction (:func:`rollup_statements`), as it does the running totals; a document already
stored is never added again, so nothing is counted twice. The migration from version 4 creates and fills them from
the claim tables (on both backends: ``MIGRATIONS[4]``, ``POSTGRES_MIGRATIONS[4]``). On SQLite, version 5 also
declares ``documents_fts`` with ``content="documents"`` (:data:`DOCUMENTS_FTS_DDL`), the spelling Datasette's
detect_fts recognises, so ``_search`` works on the documents table without a metadata file; the migration rebuilds
it from ``documents`` with the same columns and prefix indexes (evidence_fts keeps its own content: unchanged).

Bump SCHEMA_VERSION and add a step to ``MIGRATIONS`` (and ``POSTGRES_MIGRATIONS``) whenever the DDL changes meaning.
"""

from __future__ import annotations

import re

from multivector.store.kinds import BY_TABLE, EVIDENCE_TABLES, KINDS, table_ddl

SCHEMA_VERSION = 5
APPLICATION = "multivector"

#: EVIDENCE_TABLES (store.kinds): tables whose rows carry evidence, in the order they are written; also the `kind`
#: values of evidence_fts.
_RECORD_DDL = {kind.table: table_ddl(kind) for kind in KINDS}
#: Every table of a corpus on both backends (SQLite adds its two full-text tables: SQLITE_TABLES).
TABLES = frozenset(
    {"meta", "documents", "source_files", "speaker_names", "speakers", "actors", "document_actors", "actor_months"}
    | {
        "people",
        "relation_actors",
        *(kind.table for kind in KINDS),
        *(kind.mentions for kind in KINDS if kind.mentions),
    }
    | {"relation_pairs", "relation_edges", "pair_speakers", "actor_years", "stance_counts", "speaker_totals"}
    | {"relation_months", "stance_months"}
)
SQLITE_TABLES = TABLES | {"documents_fts", "evidence_fts"}

_EVIDENCE_TRIGGERS = "\n".join(
    f"""
CREATE TRIGGER {table}_fts_insert AFTER INSERT ON {table} BEGIN
    INSERT INTO evidence_fts (rowid, evidence, kind, record_id, document_id)
    VALUES (new.id * 8 + {k}, new.evidence, '{table}', new.id, new.document_id);
END;
CREATE TRIGGER {table}_fts_delete AFTER DELETE ON {table} BEGIN
    DELETE FROM evidence_fts WHERE rowid = old.id * 8 + {k};
END;"""
    for k, table in enumerate(EVIDENCE_TABLES)
)

MENTION_DDL = """
-- Schema 2. Every sentence-level mention (the analysis JSON's relation_mentions / stance_mentions, its claims when
-- it has none), newest first by the indexes; x, y = the actor pair in sorted order (undirected).
CREATE TABLE relation_mentions (
    id          INTEGER PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    published   TEXT,
    a           TEXT NOT NULL,
    b           TEXT NOT NULL,
    x           TEXT NOT NULL,
    y           TEXT NOT NULL,
    type        TEXT NOT NULL,
    polarity    TEXT NOT NULL,
    score       REAL NOT NULL,
    modality    TEXT,
    quad_class  INTEGER NOT NULL DEFAULT 0,
    count       INTEGER NOT NULL DEFAULT 1,
    speaker     TEXT,
    evidence    TEXT NOT NULL,
    span_start  INTEGER NOT NULL,
    span_end    INTEGER NOT NULL,
    source        TEXT,
    target        TEXT,
    confidence    REAL,
    resolved_from TEXT
);
-- Schema 4 added source, target, confidence and resolved_from: as in relations.
CREATE INDEX relation_mentions_document ON relation_mentions (document_id, position);
CREATE INDEX relation_mentions_pair ON relation_mentions (x, y, type, polarity, published DESC, document_id, position);
CREATE INDEX relation_mentions_y ON relation_mentions (y, published DESC);
CREATE INDEX relation_mentions_speaker ON relation_mentions (speaker, published DESC);
CREATE INDEX relation_mentions_published ON relation_mentions (published DESC);

CREATE TABLE stance_mentions (
    id          INTEGER PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    published   TEXT,
    speaker     TEXT NOT NULL,
    target      TEXT NOT NULL,
    polarity    TEXT NOT NULL,
    modality    TEXT NOT NULL,
    count       INTEGER NOT NULL DEFAULT 1,
    evidence    TEXT NOT NULL,
    span_start  INTEGER NOT NULL,
    span_end    INTEGER NOT NULL,
    confidence    REAL,
    resolved_from TEXT
);
-- Schema 4 added confidence and resolved_from: as in stances.
CREATE INDEX stance_mentions_document ON stance_mentions (document_id, position);
CREATE INDEX stance_mentions_target ON stance_mentions (target, speaker, published DESC, document_id, position);
CREATE INDEX stance_mentions_speaker ON stance_mentions (speaker, published DESC, document_id, position);
CREATE INDEX stance_mentions_published ON stance_mentions (published DESC);
"""

TOTALS_DDL = """
-- Running totals over the mention tables, kept by Corpus.add in the document's transaction.
CREATE TABLE relation_pairs (              -- per actor pair, relation type and polarity
    x         TEXT NOT NULL,
    y         TEXT NOT NULL,
    type      TEXT NOT NULL,
    polarity  TEXT NOT NULL,
    mentions  INTEGER NOT NULL,
    documents INTEGER NOT NULL,
    score_sum REAL NOT NULL,
    first     TEXT,                        -- earliest / latest publication date of the evidence (NULL: undated)
    last      TEXT,
    PRIMARY KEY (x, y, type, polarity)
) WITHOUT ROWID;
CREATE INDEX relation_pairs_mentions ON relation_pairs (mentions DESC);
CREATE INDEX relation_pairs_y ON relation_pairs (y);

CREATE TABLE relation_edges (              -- per actor pair: distinct documents cannot be summed from the above
    x         TEXT NOT NULL,
    y         TEXT NOT NULL,
    mentions  INTEGER NOT NULL,
    documents INTEGER NOT NULL,
    PRIMARY KEY (x, y)
) WITHOUT ROWID;
CREATE INDEX relation_edges_y ON relation_edges (y);

CREATE TABLE pair_speakers (
    x        TEXT NOT NULL,
    y        TEXT NOT NULL,
    speaker  TEXT NOT NULL,
    mentions INTEGER NOT NULL,
    PRIMARY KEY (x, y, speaker)
) WITHOUT ROWID;
CREATE INDEX pair_speakers_rank ON pair_speakers (x, y, mentions DESC, speaker);

CREATE TABLE actor_years (                 -- dated relation mentions per actor (a and b), year and polarity
    actor    TEXT NOT NULL,
    year     TEXT NOT NULL,
    polarity TEXT NOT NULL,
    mentions INTEGER NOT NULL,
    PRIMARY KEY (actor, year, polarity)
) WITHOUT ROWID;

CREATE TABLE stance_counts (               -- mentions = sentences, weight = sum of their `count`
    speaker  TEXT NOT NULL,
    target   TEXT NOT NULL,
    polarity TEXT NOT NULL,
    mentions INTEGER NOT NULL,
    weight   INTEGER NOT NULL,
    PRIMARY KEY (speaker, target, polarity)
) WITHOUT ROWID;
CREATE INDEX stance_counts_target ON stance_counts (target, speaker);

CREATE TABLE speaker_totals (              -- documents they speak in (speakers table), stance mentions they hold
    name      TEXT PRIMARY KEY,
    documents INTEGER NOT NULL DEFAULT 0,
    stances   INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE INDEX speaker_totals_documents ON speaker_totals (documents DESC, name);
CREATE INDEX speaker_totals_stances ON speaker_totals (stances DESC, name);
"""

AGGREGATE_DDL = MENTION_DDL + TOTALS_DDL

#: Schema 5. Monthly sums of the claim tables per actor: what `balance` reads instead of every claim of a frequent
#: actor (store.analytics). ``month`` is 'YYYY-MM', 'YYYY' (year only) or '' (undated); ``modality`` NULL reads as
#: 'asserted'; ``weight`` sums the claims' confidence (UNKNOWN_CONFIDENCE when NULL); ``records`` counts them.
ROLLUP_DDL = """
-- Schema 5. Relation claims summed under each of their two actors (actor, other; self-relations left out), and
-- stance claims under every actor their document mentions (actor) and their target, per month, polarity, modality.
CREATE TABLE relation_months (
    actor    TEXT NOT NULL,
    other    TEXT NOT NULL,
    month    TEXT NOT NULL,
    polarity TEXT NOT NULL,
    modality TEXT NOT NULL,
    records  INTEGER NOT NULL,
    weight   REAL NOT NULL,
    PRIMARY KEY (actor, other, month, polarity, modality)
) WITHOUT ROWID;

CREATE TABLE stance_months (
    actor    TEXT NOT NULL,
    target   TEXT NOT NULL,
    month    TEXT NOT NULL,
    polarity TEXT NOT NULL,
    modality TEXT NOT NULL,
    records  INTEGER NOT NULL,
    weight   REAL NOT NULL,
    PRIMARY KEY (actor, target, month, polarity, modality)
) WITHOUT ROWID;
"""
ROLLUP_TABLES = ("relation_months", "stance_months")
#: The weight of a claim stored without a confidence (records.Relation's default; store.analytics reads it too).
UNKNOWN_CONFIDENCE = 0.5
_ROLLUP_MONTH = "coalesce(substr({p}, 1, 7), '')"
_ROLLUP_WEIGHT = f"coalesce({{t}}.confidence, {UNKNOWN_CONFIDENCE})"
_ROLLUP_UPSERT = (
    " ON CONFLICT ({keys}) DO UPDATE SET records = {table}.records + excluded.records,"
    " weight = {table}.weight + excluded.weight"
)


def rollup_statements(one_document: bool) -> list[str]:
    """SQL that adds one document's claims (its id bound as ``:doc``), or every document's, to the rollup tables:
    ``Corpus.add`` runs it in the document's transaction, the migration from version 4 over the whole corpus."""
    fresh = "document_id = :doc" if one_document else "1 = 1"
    sides = " UNION ALL ".join(
        f"SELECT {mine} AS actor, {other} AS other, {_ROLLUP_MONTH.format(p='published')} AS month, polarity,"
        f" coalesce(modality, 'asserted') AS modality, {_ROLLUP_WEIGHT.format(t='relations')} AS weight"
        f" FROM relations WHERE {fresh} AND a != b"
        for mine, other in (("a", "b"), ("b", "a"))
    )
    keys = "actor, other, month, polarity, modality"
    relation = (
        f"INSERT INTO relation_months ({keys}, records, weight) SELECT {keys}, count(*), sum(weight)"
        f" FROM ({sides}) AS sides GROUP BY {keys} ORDER BY {keys}"
        + _ROLLUP_UPSERT.format(keys=keys, table="relation_months")
    )
    keys = "actor, target, month, polarity, modality"
    stance = (
        f"INSERT INTO stance_months ({keys}, records, weight) SELECT da.actor_id, s.target,"
        f" {_ROLLUP_MONTH.format(p='s.published')}, s.polarity, coalesce(s.modality, 'asserted'), count(*),"
        f" sum({_ROLLUP_WEIGHT.format(t='s')}) FROM stances s JOIN document_actors da ON da.document_id = s.document_id"
        f" WHERE {'s.document_id = :doc' if one_document else '1 = 1'} GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5"
        + _ROLLUP_UPSERT.format(keys=keys, table="stance_months")
    )
    return [relation, stance]


#: Tables an earlier, hand-run rollup build (store.analytics.build_rollups, before schema 5) left in a corpus.
_OLD_ROLLUPS = ("analysis_relation_months", "analysis_stance_months", "analysis_meta")

#: Prefix lengths (in characters) with their own FTS5 index: ``trade*`` reads one precomputed list instead of merging
#: the lists of every word that starts with "trade" (95 -> 32 ms on 100,000 documents; see benchmarks/RESULTS.md).
#: FTS5 uses a prefix index only for a prefix of exactly that length; longer prefixes match few words and are fast
#: without one. Each length costs about one more copy of the word index on disk.
PREFIX_LENGTHS = (2, 3, 4, 5, 6)
_PREFIXES = " ".join(map(str, PREFIX_LENGTHS))
_TOKENIZE = f"tokenize = 'porter unicode61 remove_diacritics 2', prefix = '{_PREFIXES}'"

#: documents_fts, an external-content index of documents' title and body. ``content="documents"`` is written as
#: Datasette's detect_fts looks for it (``content="<table>"``, double quotes, no spaces), so that Datasette offers
#: ``_search`` on the documents table with no metadata file; FTS5 reads the option the same way quoted either way.
DOCUMENTS_FTS_DDL = f"""CREATE VIRTUAL TABLE documents_fts USING fts5 (
    title, body, content="documents", content_rowid='number', {_TOKENIZE}
);
"""

FTS_TABLES_DDL = f"""
-- Full-text search, Porter-stemmed ("sanction" finds "sanctions"), diacritics folded, prefix-indexed.
-- evidence_fts rowid = record id * 8 + the index of the record's table in EVIDENCE_TABLES.
{DOCUMENTS_FTS_DDL}CREATE VIRTUAL TABLE evidence_fts USING fts5 (
    evidence, kind UNINDEXED, record_id UNINDEXED, document_id UNINDEXED, {_TOKENIZE}
);
"""

#: Schema 4's indexes for its filters: direction (source, target) and modality, in the listings' date order, and
#: confidence, which the min_confidence filter counts on before it decides how to plan (queries._Where.at_least).
SCHEMA4_INDEXES = """
CREATE INDEX relations_source ON relations (source, published DESC, id);
CREATE INDEX relations_target ON relations (target, published DESC, id);
CREATE INDEX relations_modality ON relations (modality, published DESC, id);
CREATE INDEX relations_confidence ON relations (confidence);
CREATE INDEX stances_modality ON stances (modality, published DESC, id);
CREATE INDEX stances_confidence ON stances (confidence);
CREATE INDEX memberships_modality ON memberships (modality, published DESC, id);
CREATE INDEX memberships_confidence ON memberships (confidence);
"""

#: The tables and their indexes (full-text search and running totals apart: see DDL).
TABLES_DDL = f"""
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- One row per article, keyed by the content hash of its body (Analysis.id). `number` is the stable integer
-- key the full-text index refers to (an implicit rowid could be renumbered by VACUUM).
CREATE TABLE documents (
    number      INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,
    source      TEXT NOT NULL,
    name        TEXT NOT NULL,
    title       TEXT,
    published   TEXT,                      -- ISO date at the precision known: YYYY-MM-DD | YYYY-MM | YYYY
    outlet      TEXT,
    language    TEXT,
    authors     TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(authors)),
    body        TEXT NOT NULL,
    analysis    TEXT NOT NULL CHECK (json_valid(analysis)),  -- Analysis.to_dict() without the body
    ingested_at TEXT NOT NULL
);
CREATE INDEX documents_published ON documents (published DESC, id);
CREATE INDEX documents_outlet ON documents (outlet);

-- The bytes of each local file that produced a document, so a re-run skips them without re-analysing.
CREATE TABLE source_files (
    sha256      TEXT PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    source      TEXT NOT NULL
);
CREATE INDEX source_files_document ON source_files (document_id);

-- Every person name that speaks somewhere (speakers, relations.speaker, stances.speaker), with its casefolded
-- form: the speaker filter finds names here first, then uses the indexes on the name columns.
CREATE TABLE speaker_names (
    name   TEXT PRIMARY KEY,
    folded TEXT NOT NULL
);

CREATE TABLE speakers (
    id          INTEGER PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    name        TEXT NOT NULL REFERENCES speaker_names (name),
    role        TEXT
);
CREATE INDEX speakers_document ON speakers (document_id);
CREATE INDEX speakers_name ON speakers (name, document_id);

-- Canonical actors across the corpus; `documents` and `mentions` are running totals over document_actors.
CREATE TABLE actors (
    id        TEXT PRIMARY KEY,
    name      TEXT NOT NULL,
    kind      TEXT NOT NULL,
    documents INTEGER NOT NULL DEFAULT 0,
    mentions  INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX actors_kind ON actors (kind, documents);
CREATE INDEX actors_documents ON actors (documents);

CREATE TABLE document_actors (
    document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    actor_id    TEXT NOT NULL REFERENCES actors (id),
    mentions    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (document_id, actor_id)
) WITHOUT ROWID;
CREATE INDEX document_actors_actor ON document_actors (actor_id, document_id);

-- document_actors summed per actor and publication month ('YYYY-MM', 'YYYY' when only the year is known, '' when
-- undated): actors counted over a date range read this instead of every document in the range.
CREATE TABLE actor_months (
    actor_id  TEXT NOT NULL REFERENCES actors (id),
    month     TEXT NOT NULL,
    documents INTEGER NOT NULL DEFAULT 0,
    mentions  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (actor_id, month)
) WITHOUT ROWID;
CREATE INDEX actor_months_month ON actor_months (month);

CREATE TABLE people (
    id          INTEGER PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    name        TEXT NOT NULL,
    role        TEXT,
    mentions    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX people_document ON people (document_id);
CREATE INDEX people_name ON people (name COLLATE NOCASE);

-- Record tables (store.kinds) repeat their document's `published` date (documents never change once stored), so
-- that the usual "newest first" listings and date filters walk one index instead of sorting every match.
{_RECORD_DDL["relations"]}CREATE INDEX relations_document ON relations (document_id, position);
CREATE INDEX relations_published ON relations (published DESC, id);
CREATE INDEX relations_type ON relations (type, published DESC, id);
CREATE INDEX relations_speaker ON relations (speaker, published DESC, id);
CREATE INDEX relations_a ON relations (a);
CREATE INDEX relations_b ON relations (b);

-- Each relation under each of its actors (a and b; once when a = b): the actor filter's ordered index.
CREATE TABLE relation_actors (
    actor_id    TEXT NOT NULL REFERENCES actors (id),
    published   TEXT,                      -- = relations.published (may be NULL)
    relation_id INTEGER NOT NULL REFERENCES relations (id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX relation_actors_order ON relation_actors (actor_id, published DESC, relation_id);
CREATE INDEX relation_actors_relation ON relation_actors (relation_id);

{_RECORD_DDL["memberships"]}CREATE INDEX memberships_document ON memberships (document_id, position);
CREATE INDEX memberships_published ON memberships (published DESC, id);
CREATE INDEX memberships_member ON memberships (member, published DESC, id);
CREATE INDEX memberships_org ON memberships (org, published DESC, id);

{_RECORD_DDL["stances"]}CREATE INDEX stances_document ON stances (document_id, position);
CREATE INDEX stances_published ON stances (published DESC, id);
CREATE INDEX stances_target ON stances (target, published DESC, id);
CREATE INDEX stances_speaker ON stances (speaker, published DESC, id);

{_RECORD_DDL["figures"]}CREATE INDEX figures_document ON figures (document_id, position);
CREATE INDEX figures_published ON figures (published DESC, id);
CREATE INDEX figures_unit ON figures (unit, published DESC, id);

{_RECORD_DDL["events"]}CREATE INDEX events_document ON events (document_id, position);
CREATE INDEX events_date ON events (date DESC, id);

{SCHEMA4_INDEXES}"""

#: The whole SQLite schema.
DDL = f"""{TABLES_DDL}
{FTS_TABLES_DDL}
CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
    INSERT INTO documents_fts (rowid, title, body) VALUES (new.number, new.title, new.body);
END;
CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
    INSERT INTO documents_fts (documents_fts, rowid, title, body) VALUES ('delete', old.number, old.title, old.body);
END;
CREATE TRIGGER documents_fts_update AFTER UPDATE ON documents BEGIN
    INSERT INTO documents_fts (documents_fts, rowid, title, body) VALUES ('delete', old.number, old.title, old.body);
    INSERT INTO documents_fts (rowid, title, body) VALUES (new.number, new.title, new.body);
END;
{_EVIDENCE_TRIGGERS}
{AGGREGATE_DDL}
{ROLLUP_DDL}"""


_MENTION_FIELD = "j.value ->> '{}'".format
#: Where a document's mention list is in its analysis JSON: its claims stand in when it has no mention list.
_MENTION_LIST = "CASE WHEN json_array_length(d.analysis, '$.{0}_mentions') > 0 THEN '$.{0}_mentions' ELSE '$.{0}s' END"
_FIRST = (
    "first = CASE WHEN relation_pairs.first IS NULL OR excluded.first < relation_pairs.first THEN excluded.first"
    " ELSE relation_pairs.first END"
)
_LAST = (
    "last = CASE WHEN relation_pairs.last IS NULL OR excluded.last > relation_pairs.last THEN excluded.last"
    " ELSE relation_pairs.last END"
)


def mention_statements(one_document: bool) -> list[str]:
    """SQL that copies documents' mentions (their claims when they have none) from the analysis JSON into the
    mention tables: the first step of :func:`fold_statements`, and what the migration from version 3 re-runs."""
    f = _MENTION_FIELD
    document_filter = "d.id = :doc" if one_document else "1"
    return [
        "INSERT INTO relation_mentions (document_id, position, published, a, b, x, y, type, polarity, score, modality,"
        " quad_class, count, speaker, evidence, span_start, span_end, source, target, confidence, resolved_from)"
        f" SELECT d.id, j.key, d.published, {f('a')}, {f('b')}, min({f('a')}, {f('b')}), max({f('a')}, {f('b')}),"
        f" coalesce({f('type')}, ''), coalesce({f('polarity')}, '0'), coalesce({f('score')}, 0), {f('modality')},"
        f" coalesce({f('quad_class')}, 0), coalesce({f('count')}, 1), {f('speaker')}, coalesce({f('evidence')}, ''),"
        f" coalesce(j.value ->> '$.span[0]', 0), coalesce(j.value ->> '$.span[1]', 0), {f('source')}, {f('target')},"
        f" {f('confidence')}, {f('resolved_from')}"
        f" FROM documents d, json_each(d.analysis, {_MENTION_LIST.format('relation')}) j"
        f" WHERE {document_filter} ORDER BY d.number, j.key",
        "INSERT INTO stance_mentions (document_id, position, published, speaker, target, polarity, modality, count,"
        " evidence, span_start, span_end, confidence, resolved_from)"
        f" SELECT d.id, j.key, d.published, {f('speaker')}, {f('target')}, coalesce({f('polarity')}, '0'),"
        f" coalesce({f('modality')}, 'asserted'), coalesce({f('count')}, 1), coalesce({f('evidence')}, ''),"
        f" coalesce(j.value ->> '$.span[0]', 0), coalesce(j.value ->> '$.span[1]', 0), {f('confidence')},"
        f" {f('resolved_from')}"
        f" FROM documents d, json_each(d.analysis, {_MENTION_LIST.format('stance')}) j"
        f" WHERE {document_filter} ORDER BY d.number, j.key",
    ]


def fold_statements(one_document: bool) -> list[str]:
    """SQL that copies documents' mentions into the mention tables and adds them to every aggregate table.

    ``one_document``: only the document whose id is bound as ``:doc`` (what ``Corpus.add`` runs, in the document's
    transaction, right after inserting it); otherwise every document at once (the migration from version 1).
    """
    return [*mention_statements(one_document), *total_statements(one_document)]


def total_statements(one_document: bool) -> list[str]:
    """SQL that adds the mention rows of one document (bound as ``:doc``), or of all, to the aggregate tables.
    Both backends run it (PostgreSQL through store.dialect): upserts name their conflict target and qualify the
    columns they update."""
    fresh = "document_id = :doc" if one_document else "1 = 1"
    return [
        "INSERT INTO relation_pairs (x, y, type, polarity, mentions, documents, score_sum, first, last)"
        " SELECT x, y, type, polarity, count(*), count(DISTINCT document_id), sum(score), min(published),"
        f" max(published) FROM relation_mentions WHERE {fresh} GROUP BY x, y, type, polarity ORDER BY x, y, type,"
        " polarity ON CONFLICT (x, y, type, polarity) DO UPDATE SET"
        " mentions = relation_pairs.mentions + excluded.mentions,"
        " documents = relation_pairs.documents + excluded.documents,"
        f" score_sum = relation_pairs.score_sum + excluded.score_sum, {_FIRST}, {_LAST}",
        "INSERT INTO relation_edges (x, y, mentions, documents)"
        f" SELECT x, y, count(*), count(DISTINCT document_id) FROM relation_mentions WHERE {fresh} GROUP BY x, y"
        " ORDER BY x, y ON CONFLICT (x, y) DO UPDATE SET mentions = relation_edges.mentions + excluded.mentions,"
        " documents = relation_edges.documents + excluded.documents",
        "INSERT INTO pair_speakers (x, y, speaker, mentions)"
        f" SELECT x, y, speaker, count(*) FROM relation_mentions WHERE {fresh} AND speaker IS NOT NULL"
        " AND speaker != '' GROUP BY x, y, speaker ORDER BY x, y, speaker"
        " ON CONFLICT (x, y, speaker) DO UPDATE SET mentions = pair_speakers.mentions + excluded.mentions",
        "INSERT INTO actor_years (actor, year, polarity, mentions)"
        " SELECT actor, year, polarity, count(*) FROM (SELECT x AS actor, substr(published, 1, 4) AS year, polarity"
        f" FROM relation_mentions WHERE {fresh} AND published IS NOT NULL UNION ALL SELECT y, substr(published, 1, 4),"
        f" polarity FROM relation_mentions WHERE {fresh} AND published IS NOT NULL AND x != y) AS dated"
        " GROUP BY actor, year, polarity ORDER BY actor, year, polarity"
        " ON CONFLICT (actor, year, polarity) DO UPDATE SET mentions = actor_years.mentions + excluded.mentions",
        "INSERT INTO stance_counts (speaker, target, polarity, mentions, weight)"
        f" SELECT speaker, target, polarity, count(*), sum(count) FROM stance_mentions WHERE {fresh}"
        " GROUP BY speaker, target, polarity ORDER BY speaker, target, polarity"
        " ON CONFLICT (speaker, target, polarity) DO UPDATE SET mentions = stance_counts.mentions + excluded.mentions,"
        " weight = stance_counts.weight + excluded.weight",
        "INSERT INTO speaker_totals (name, documents, stances)"
        f" SELECT name, count(DISTINCT document_id), 0 FROM speakers WHERE {fresh} GROUP BY name ORDER BY name"
        " ON CONFLICT (name) DO UPDATE SET documents = speaker_totals.documents + excluded.documents",
        "INSERT INTO speaker_totals (name, documents, stances)"
        f" SELECT speaker, 0, count(*) FROM stance_mentions WHERE {fresh} GROUP BY speaker ORDER BY speaker"
        " ON CONFLICT (name) DO UPDATE SET stances = speaker_totals.stances + excluded.stances",
    ]


#: Schema 4's columns of the claim tables, as the migration from version 3 appends them (the DDL above lists them
#: last, in this order, with the same definitions).
SCHEMA4_COLUMNS: dict[str, tuple[str, ...]] = {
    kind.table: tuple(f"{c.name} {c.definition}" for c in kind.added_in(4)) for kind in KINDS if kind.added_in(4)
}

#: Fills schema 4's claim columns of a version-3 corpus from each document's analysis JSON (a claim's `position` is
#: its index in the JSON list). A key the JSON lacks leaves the column's default (NULL, 'asserted' or 1).
_BACKFILL = {table: tuple(c.name for c in BY_TABLE[table].added_in(4)) for table in SCHEMA4_COLUMNS}


def _backfill(table: str, columns: tuple[str, ...]) -> str:
    field = "j.value ->> '{}'".format
    value = {"modality": f"coalesce({field('modality')}, 'asserted')", "count": f"coalesce({field('count')}, 1)"}
    value["confidence"] = f"min(max({field('confidence')}, 0.0), 1.0)"  # NULL stays NULL; Corpus.add refuses these
    values = ", ".join(f"{c} = {value.get(c, field(c))}" for c in columns)
    return (
        f"UPDATE {table} SET {values} FROM documents d, json_each(d.analysis, '$.{table}') j"
        f" WHERE {table}.document_id = d.id AND {table}.position = j.key"
    )


#: MIGRATIONS[n] turns a version-n corpus into version n+1.
MIGRATIONS: dict[int, str] = {
    1: AGGREGATE_DDL
    + "".join(statement + ";\n" for statement in fold_statements(one_document=False))
    # mention speakers join the speaker filter's names (lower(): SQLite has no casefold; new documents get casefold)
    + "INSERT OR IGNORE INTO speaker_names (name, folded)"
    " SELECT DISTINCT speaker, lower(speaker) FROM relation_mentions WHERE speaker IS NOT NULL;\n"
    + "INSERT OR REPLACE INTO meta (key, value) VALUES ('generation', '0');\n",
    # version 3: the full-text tables get prefix indexes; both are rebuilt from the tables they index
    2: "DROP TABLE documents_fts;\nDROP TABLE evidence_fts;\n"
    + FTS_TABLES_DDL
    + "INSERT INTO documents_fts (documents_fts) VALUES ('rebuild');\n"
    + "".join(
        f"INSERT INTO evidence_fts (rowid, evidence, kind, record_id, document_id)"
        f" SELECT id * 8 + {k}, evidence, '{table}', id, document_id FROM {table} ORDER BY id;\n"
        for k, table in enumerate(EVIDENCE_TABLES)
    ),
    # version 4: new claim columns filled from the analysis JSON, their indexes, and the mention tables made again
    # with their new columns (dropped and refilled: nothing refers to a mention row's id)
    3: "".join(f"ALTER TABLE {table} ADD COLUMN {c};\n" for table, columns in SCHEMA4_COLUMNS.items() for c in columns)
    + "".join(_backfill(table, columns) + ";\n" for table, columns in _BACKFILL.items())
    + SCHEMA4_INDEXES
    + "DROP TABLE relation_mentions;\nDROP TABLE stance_mentions;\n"
    + MENTION_DDL
    + "".join(statement + ";\n" for statement in mention_statements(one_document=False)),
    # version 5: the analysis rollups, filled from the claim tables (a hand-built copy from before is dropped), and
    # documents_fts declared as Datasette detects it, rebuilt with the same columns, prefixes and content (its
    # triggers live on documents and stay)
    4: "".join(f"DROP TABLE IF EXISTS {table};\n" for table in _OLD_ROLLUPS)
    + ROLLUP_DDL
    + "".join(statement + ";\n" for statement in rollup_statements(one_document=False))
    + "DROP TABLE documents_fts;\n"
    + DOCUMENTS_FTS_DDL
    + "INSERT INTO documents_fts (documents_fts) VALUES ('rebuild');\n",
}


# -- PostgreSQL ------------------------------------------------------------------------------------------------------

#: Full-text search on PostgreSQL: a stored tsvector column (English stemming, as FTS5's Porter) on documents (title
#: and body) and on every evidence table, each with a GIN index; queries use ``tsv @@ to_tsquery('english', ...)``.
POSTGRES_FTS = "".join(
    f"ALTER TABLE {table} ADD COLUMN tsv tsvector GENERATED ALWAYS AS (to_tsvector('english', {text})) STORED;\n"
    f"CREATE INDEX {table}_tsv ON {table} USING gin (tsv);\n"
    for table, text in (
        ("documents", "coalesce(title, '') || ' ' || body"),
        *((t, "evidence") for t in EVIDENCE_TABLES),
    )
)
#: SQLite's instr() (the speaker filter's substring test), so that both backends run the same SQL.
POSTGRES_FUNCTIONS = (
    "CREATE OR REPLACE FUNCTION instr(haystack text, needle text) RETURNS integer LANGUAGE sql IMMUTABLE"
    " AS 'SELECT strpos(haystack, needle)';\n"
)


def postgres_ddl(sqlite_ddl: str) -> str:
    """SQLite DDL in PostgreSQL's words: identity keys, BIGINT and DOUBLE PRECISION, TEXT compared byte-wise (the
    "C" collation sorts as SQLite does), no json_valid checks, no WITHOUT ROWID, lower() for COLLATE NOCASE.
    (store.dialect adds NULLS LAST to every DESC when the statements run.)"""
    text = re.sub(r"--[^\n]*", "", sqlite_ddl)
    text = text.replace("INTEGER PRIMARY KEY", "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY")
    text = re.sub(r"\bINTEGER\b", "BIGINT", text)
    text = re.sub(r"\bREAL\b", "DOUBLE PRECISION", text)
    text = re.sub(r"\bTEXT\b", 'TEXT COLLATE "C"', text)
    text = re.sub(r" CHECK \(json_valid\(\w+\)\)", "", text)
    text = text.replace(") WITHOUT ROWID;", ");")
    text = re.sub(r"\((\w+) COLLATE NOCASE\)", r"(lower(\1))", text)
    return text


#: The whole PostgreSQL schema (the same tables, columns and indexes; full-text search by tsvector columns).
POSTGRES_DDL = postgres_ddl(TABLES_DDL + AGGREGATE_DDL + ROLLUP_DDL) + POSTGRES_FTS + POSTGRES_FUNCTIONS
#: POSTGRES_MIGRATIONS[n] turns a version-n PostgreSQL corpus into version n+1 (PostgreSQL corpora start at 4). The
#: statements run through store.dialect (placeholders, NULLS LAST) like every other.
POSTGRES_MIGRATIONS: dict[int, str] = {
    4: postgres_ddl(ROLLUP_DDL) + "".join(statement + ";\n" for statement in rollup_statements(one_document=False)),
}
