"""The corpus schema (SQLite), version :data:`SCHEMA_VERSION`.

Contract: the DDL below is the whole schema. ``PRAGMA user_version`` and the ``meta`` row ``schema_version`` both
hold the version; ``meta.application`` is ``multivector`` so a foreign SQLite file is recognised and refused.
Tables are meant to be read directly too (sqlite3, Datasette): readable names, foreign keys to ``documents(id)``
and ``actors(id)``, and one index per filtered column. Full-text search lives in two FTS5 tables kept in sync by
triggers: ``documents_fts`` (external content: title and body of ``documents``) and ``evidence_fts`` (the
evidence of every extracted record, with the record's table and id).

Bump SCHEMA_VERSION and add a step to ``MIGRATIONS`` whenever the DDL changes meaning.
"""

from __future__ import annotations

SCHEMA_VERSION = 1
APPLICATION = "multivector"

#: Tables whose rows carry evidence, in the order they are written; also the `kind` values of evidence_fts.
EVIDENCE_TABLES = ("relations", "memberships", "stances", "figures", "events")

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

DDL = f"""
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

-- Record tables repeat their document's `published` date (documents never change once stored), so that the
-- usual "newest first" listings and date filters walk one index instead of sorting every match.
CREATE TABLE relations (
    id          INTEGER PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    published   TEXT,                      -- = documents.published
    a           TEXT NOT NULL REFERENCES actors (id),
    b           TEXT NOT NULL REFERENCES actors (id),
    type        TEXT NOT NULL,
    polarity    TEXT NOT NULL CHECK (polarity IN ('+', '-', '0')),
    score       REAL NOT NULL,
    modality    TEXT NOT NULL,
    quad_class  INTEGER NOT NULL DEFAULT 0,
    evidence    TEXT NOT NULL,
    span_start  INTEGER NOT NULL,
    span_end    INTEGER NOT NULL,
    speaker     TEXT REFERENCES speaker_names (name)
);
CREATE INDEX relations_document ON relations (document_id, position);
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

CREATE TABLE memberships (
    id          INTEGER PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    published   TEXT,
    member      TEXT NOT NULL REFERENCES actors (id),
    org         TEXT NOT NULL REFERENCES actors (id),
    status      TEXT NOT NULL DEFAULT 'unknown',
    evidence    TEXT NOT NULL,
    span_start  INTEGER NOT NULL,
    span_end    INTEGER NOT NULL
);
CREATE INDEX memberships_document ON memberships (document_id, position);
CREATE INDEX memberships_published ON memberships (published DESC, id);
CREATE INDEX memberships_member ON memberships (member, published DESC, id);
CREATE INDEX memberships_org ON memberships (org, published DESC, id);

CREATE TABLE stances (
    id          INTEGER PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    published   TEXT,
    speaker     TEXT NOT NULL REFERENCES speaker_names (name),
    target      TEXT NOT NULL REFERENCES actors (id),
    polarity    TEXT NOT NULL CHECK (polarity IN ('+', '-', '0')),
    modality    TEXT NOT NULL,
    evidence    TEXT NOT NULL,
    span_start  INTEGER NOT NULL,
    span_end    INTEGER NOT NULL
);
CREATE INDEX stances_document ON stances (document_id, position);
CREATE INDEX stances_published ON stances (published DESC, id);
CREATE INDEX stances_target ON stances (target, published DESC, id);
CREATE INDEX stances_speaker ON stances (speaker, published DESC, id);

CREATE TABLE figures (
    id          INTEGER PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    published   TEXT,
    value       REAL NOT NULL,
    unit        TEXT NOT NULL,
    subject     TEXT NOT NULL,
    evidence    TEXT NOT NULL,
    span_start  INTEGER NOT NULL,
    span_end    INTEGER NOT NULL
);
CREATE INDEX figures_document ON figures (document_id, position);
CREATE INDEX figures_published ON figures (published DESC, id);
CREATE INDEX figures_unit ON figures (unit, published DESC, id);

CREATE TABLE events (
    id          INTEGER PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    date        TEXT NOT NULL,             -- YYYY-MM-DD | YYYY-MM | YYYY
    what        TEXT NOT NULL,
    evidence    TEXT NOT NULL,
    span_start  INTEGER NOT NULL,
    span_end    INTEGER NOT NULL
);
CREATE INDEX events_document ON events (document_id, position);
CREATE INDEX events_date ON events (date DESC, id);

-- Full-text search, Porter-stemmed ("sanction" finds "sanctions"), diacritics folded.
-- evidence_fts rowid = record id * 8 + the index of the record's table in EVIDENCE_TABLES.
CREATE VIRTUAL TABLE documents_fts USING fts5 (
    title, body, content = 'documents', content_rowid = 'number', tokenize = 'porter unicode61 remove_diacritics 2'
);
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

CREATE VIRTUAL TABLE evidence_fts USING fts5 (
    evidence, kind UNINDEXED, record_id UNINDEXED, document_id UNINDEXED,
    tokenize = 'porter unicode61 remove_diacritics 2'
);
{_EVIDENCE_TRIGGERS}
"""

#: MIGRATIONS[n] turns a version-n corpus into version n+1 (none yet: version 1 is the first).
MIGRATIONS: dict[int, str] = {}
