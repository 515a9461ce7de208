"""Corpus-wide summary numbers: documents, outlets, experts, time span.

Contract: :func:`corpus_summary` runs a few fixed aggregate queries (no user input reaches the SQL) over an open
corpus connection and returns ``{"documents", "outlets": [{"outlet", "documents"}], "experts": [{"name",
"documents"}], "first", "last", "undated"}``; :func:`expert_names` lists every speaker with their document count.
"""

from __future__ import annotations

import sqlite3
from typing import Any


def corpus_summary(conn: sqlite3.Connection, *, top: int = 15) -> dict[str, Any]:
    documents, first, last, undated = conn.execute(
        "SELECT count(*), min(published), max(published), sum(published IS NULL) FROM documents"
    ).fetchone()
    outlets = conn.execute(
        "SELECT outlet, count(*) FROM documents WHERE outlet IS NOT NULL GROUP BY outlet"
        " ORDER BY count(*) DESC, outlet LIMIT ?",
        (top,),
    ).fetchall()
    outlet_total = conn.execute("SELECT count(DISTINCT outlet) FROM documents").fetchone()[0]
    experts = expert_names(conn)
    return {
        "documents": documents,
        "first": first,
        "last": last,
        "undated": undated or 0,
        "outlets": [{"outlet": name, "documents": count} for name, count in outlets],
        "outlet_count": outlet_total,
        "experts": experts[:top],
        "expert_count": len(experts),
    }


def expert_names(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Every speaker (interviewee or quoted expert) with the number of documents they speak in, most first (from the
    running totals in ``speaker_totals``: one indexed walk, not a GROUP BY over every document's speakers)."""
    rows = conn.execute(
        "SELECT name, documents FROM speaker_totals WHERE documents > 0 ORDER BY documents DESC, name"
    ).fetchall()
    return [{"name": name, "documents": count} for name, count in rows]


def speaker_exists(conn: sqlite3.Connection, name: str) -> bool:
    """True when someone of exactly this name speaks in the corpus or holds a stance or relation claim."""
    return conn.execute("SELECT 1 FROM speaker_names WHERE name = ?", (name,)).fetchone() is not None


def speaker_documents(conn: sqlite3.Connection, name: str) -> list[dict[str, Any]]:
    """Documents in which this exact speaker speaks, newest first."""
    rows = conn.execute(
        "SELECT DISTINCT d.id, d.title, d.published, d.outlet FROM speakers s JOIN documents d ON d.id = s.document_id"
        " WHERE s.name = ? ORDER BY d.published DESC, d.id",
        (name,),
    ).fetchall()
    return [{"id": r[0], "title": r[1], "published": r[2], "outlet": r[3]} for r in rows]
