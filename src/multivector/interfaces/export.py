"""Exports of a corpus for other tools: Gephi (GraphML, GEXF), spreadsheets and pandas (CSV, JSON Lines) and
event-data pipelines (a GDELT-like TSV).

Contract (every function reads a corpus and writes files; nothing is fetched, nothing in the corpus changes):
- :func:`export_graphml` / :func:`export_gexf`: the actor network of :func:`actor_graph` through networkx's writers.
  Nodes: ``label`` (name), ``kind``, ``mentions``, ``documents``. Edges (one per actor pair): ``relation_type``
  (the most frequent type), ``types``, ``polarity`` (majority sign), ``weight`` (supporting sentences),
  ``positive``/``negative``/``neutral`` counts, ``score``, ``documents``, ``speakers``, and the time interval
  ``start``/``end``: first and last publication date of the edge's evidence as full ISO dates (a date known to the
  month or year spans the whole period). In GEXF the intervals make a dynamic graph Gephi's timeline can play.
- :func:`export_csv` writes a directory with one CSV per record table and :func:`export_jsonl` one ``.jsonl`` file
  per table (:data:`TABLES`): every row carries ``document_id``, its ``position`` in the document, the record's
  fields, and ``span_start``/``span_end`` instead of ``span``.
- :func:`export_events_tsv`: one row per relation mention, GDELT-like columns :data:`EVENT_COLUMNS`; tabs and
  newlines inside evidence become spaces so every row is one line.
Each returns the path(s) written.
"""

from __future__ import annotations

import calendar
import csv
import json
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Any

import networkx as nx

from multivector.analysis.graph import build_actor_graph
from multivector.records import Analysis
from multivector.store import Corpus

FORMATS = ("graphml", "gexf", "csv", "jsonl", "events-tsv")
DEFAULT_OUT = {
    "graphml": "multivector.graphml",
    "gexf": "multivector.gexf",
    "csv": "multivector-csv",
    "jsonl": "multivector-jsonl",
    "events-tsv": "multivector-events.tsv",
}
TABLES = (
    "documents", "speakers", "actors", "people", "relations", "relation_mentions", "memberships", "stances",
    "stance_mentions", "figures", "events",
)  # fmt: skip
EVENT_COLUMNS = (
    "date", "actor1", "actor2", "type", "quad_class", "score", "polarity", "modality", "speaker", "source",
    "document_id", "title", "span_start", "span_end", "evidence",
)  # fmt: skip
_RECORD_FIELDS = {
    "speakers": ("name", "role"),
    "actors": ("id", "name", "kind", "mentions"),
    "people": ("name", "role", "mentions"),
    "relations": ("a", "b", "type", "polarity", "score", "modality", "quad_class", "speaker", "count", "evidence"),
    "memberships": ("member", "org", "status", "evidence"),
    "stances": ("speaker", "target", "polarity", "modality", "count", "evidence"),
    "figures": ("value", "unit", "subject", "evidence"),
    "events": ("date", "what", "evidence"),
}
_RECORD_FIELDS["relation_mentions"] = _RECORD_FIELDS["relations"]
_RECORD_FIELDS["stance_mentions"] = _RECORD_FIELDS["stances"]
_DOCUMENT_FIELDS = ("id", "title", "published", "outlet", "language", "authors", "speakers", "source", "name")


# -- reading ---------------------------------------------------------------------------------------------------------


def iter_analyses(corpus: Corpus) -> Iterator[Analysis]:
    """Every stored analysis, newest first, one at a time (the corpus may be larger than memory)."""
    for row in corpus.docs(limit=None):
        yield corpus.get(row["id"])


def mention_rows(analysis: Analysis) -> list[dict[str, Any]]:
    """The relation mentions of one analysis (its claims when it has none) as rows with document context."""
    rows = []
    for relation in analysis.relation_mentions or analysis.relations:
        row = asdict(relation)
        start, end = _span(row.pop("span"))
        row.update(span_start=start, span_end=end, document_id=analysis.id, published=analysis.published,
                   title=analysis.title, source=analysis.source)  # fmt: skip
        rows.append(row)
    return rows


def _span(span: list[int] | None) -> tuple[int, int]:
    start, end = (list(span or []) + [0, 0])[:2]
    return int(start), int(end)


# -- graphs ----------------------------------------------------------------------------------------------------------


def actor_graph(corpus: Corpus) -> nx.Graph:
    """The whole corpus's actor network with Gephi-friendly attribute names and full-date intervals."""
    mentions = [row for analysis in iter_analyses(corpus) for row in mention_rows(analysis)]
    graph = build_actor_graph(corpus.actors(limit=None), mentions)
    for _, data in graph.nodes(data=True):
        data["label"] = data.pop("name")
    for a, b, data in graph.edges(data=True):
        # GEXF reserves an edge's "type" for directed/undirected, so the relation type gets its own name.
        data["relation_type"] = data.pop("type")
        data["label"] = f"{a} - {b}: {data['relation_type']}"
        if "start" in data:
            data["start"], data["end"] = period_start(data["start"]), period_end(data["end"])
    _node_intervals(graph)
    return graph


def _node_intervals(graph: nx.Graph) -> None:
    """A node lives from its first edge's start to its last edge's end (when any of its edges is dated)."""
    for node in graph.nodes:
        starts = [d["start"] for _, _, d in graph.edges(node, data=True) if "start" in d]
        ends = [d["end"] for _, _, d in graph.edges(node, data=True) if "end" in d]
        if starts:
            graph.nodes[node]["start"], graph.nodes[node]["end"] = min(starts), max(ends)


def period_start(iso: str) -> str:
    """'2024' -> '2024-01-01', '2024-05' -> '2024-05-01', a full date unchanged."""
    parts = iso.split("-")
    return "-".join(parts + ["01"] * (3 - len(parts)))


def period_end(iso: str) -> str:
    """'2024' -> '2024-12-31', '2024-02' -> '2024-02-29', a full date unchanged."""
    parts = iso.split("-")
    if len(parts) == 1:
        return f"{parts[0]}-12-31"
    if len(parts) == 2:
        year, month = int(parts[0]), int(parts[1])
        return f"{iso}-{calendar.monthrange(year, month)[1]:02d}"
    return iso


def export_graphml(corpus: Corpus, out: Path) -> Path:
    nx.write_graphml(actor_graph(corpus), out, encoding="utf-8")
    return out


def export_gexf(corpus: Corpus, out: Path) -> Path:
    nx.write_gexf(actor_graph(corpus), out, encoding="utf-8")
    return out


# -- record tables ---------------------------------------------------------------------------------------------------


def table_rows(analysis: Analysis) -> dict[str, list[dict[str, Any]]]:
    """Every record table's rows for one analysis (see the module docstring)."""
    document = {
        "id": analysis.id, "title": analysis.title, "published": analysis.published, "outlet": analysis.outlet,
        "language": analysis.language, "authors": "; ".join(analysis.authors),
        "speakers": "; ".join(s.name for s in analysis.speakers), "source": analysis.source, "name": analysis.name,
    }  # fmt: skip
    tables: dict[str, list[dict[str, Any]]] = {"documents": [document]}
    for table, fields in _RECORD_FIELDS.items():
        rows = []
        for position, record in enumerate(getattr(analysis, table)):
            data = asdict(record)
            row = {"document_id": analysis.id, "position": position, **{f: data.get(f) for f in fields}}
            if "span" in data:
                row["span_start"], row["span_end"] = _span(data["span"])
            rows.append(row)
        tables[table] = rows
    return tables


def _columns(table: str) -> list[str]:
    if table == "documents":
        return list(_DOCUMENT_FIELDS)
    spans = [] if table in {"speakers", "actors", "people"} else ["span_start", "span_end"]
    return ["document_id", "position", *_RECORD_FIELDS[table], *spans]


def export_csv(corpus: Corpus, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    paths = {table: out / f"{table}.csv" for table in TABLES}
    handles = {table: path.open("w", encoding="utf-8", newline="") for table, path in paths.items()}
    try:
        writers = {table: csv.DictWriter(handles[table], fieldnames=_columns(table)) for table in TABLES}
        for writer in writers.values():
            writer.writeheader()
        for analysis in iter_analyses(corpus):
            for table, rows in table_rows(analysis).items():
                writers[table].writerows(rows)
    finally:
        for handle in handles.values():
            handle.close()
    return list(paths.values())


def export_jsonl(corpus: Corpus, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    paths = {table: out / f"{table}.jsonl" for table in TABLES}
    handles = {table: path.open("w", encoding="utf-8") for table, path in paths.items()}
    try:
        for analysis in iter_analyses(corpus):
            for table, rows in table_rows(analysis).items():
                for row in rows:
                    handles[table].write(json.dumps(row, ensure_ascii=False) + "\n")
    finally:
        for handle in handles.values():
            handle.close()
    return list(paths.values())


# -- events ----------------------------------------------------------------------------------------------------------


def event_row(row: dict[str, Any]) -> dict[str, Any]:
    """One relation mention as a GDELT-like event row."""
    return {
        "date": row.get("published") or "",
        "actor1": row["a"],
        "actor2": row["b"],
        "type": row.get("type"),
        "quad_class": row.get("quad_class"),
        "score": row.get("score"),
        "polarity": row.get("polarity"),
        "modality": row.get("modality"),
        "speaker": row.get("speaker") or "",
        "source": row.get("source") or "",
        "document_id": row["document_id"],
        "title": _one_line(row.get("title") or ""),
        "span_start": row.get("span_start"),
        "span_end": row.get("span_end"),
        "evidence": _one_line(row.get("evidence") or ""),
    }


def _one_line(text: str) -> str:
    return " ".join(text.split())


def export_events_tsv(corpus: Corpus, out: Path) -> Path:
    """Plain tab-separated lines (no quoting: no field contains a tab or a newline), header first."""
    with out.open("w", encoding="utf-8", newline="") as handle:
        handle.write("\t".join(EVENT_COLUMNS) + "\n")
        for analysis in iter_analyses(corpus):
            for row in mention_rows(analysis):
                values = event_row(row)
                handle.write(
                    "\t".join(_one_line(str(values[c] if values[c] is not None else "")) for c in EVENT_COLUMNS)
                )
                handle.write("\n")
    return out


def export(corpus: Corpus, format: str, out: Path | None = None) -> Path | list[Path]:
    """Write ``format`` (one of :data:`FORMATS`) to ``out`` (a file, or a directory for csv/jsonl)."""
    if format not in FORMATS:
        raise ValueError(f"unknown format {format!r}: choose one of {', '.join(FORMATS)}")
    out = Path(out or DEFAULT_OUT[format])
    out.parent.mkdir(parents=True, exist_ok=True)
    writers = {
        "graphml": export_graphml, "gexf": export_gexf, "csv": export_csv, "jsonl": export_jsonl,
        "events-tsv": export_events_tsv,
    }  # fmt: skip
    return writers[format](corpus, out)
