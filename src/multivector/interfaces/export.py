"""Exports of a corpus for other tools: Gephi (GraphML, GEXF), spreadsheets and pandas (CSV, JSON Lines) and
event-data pipelines (a GDELT-like TSV).

Contract (every function reads a corpus and writes files; nothing is fetched, nothing in the corpus changes):
- :func:`export_graphml` / :func:`export_gexf`: the actor network of :func:`actor_graph` through networkx's writers.
  Nodes: ``label`` (name), ``kind``, ``mentions``, ``documents``. Edges: per actor pair, one for its mentions without
  a direction (``directed`` false, written from the smaller actor id to the larger) and one per direction its
  mentions have (``directed`` true, written source -> target: the actor that acts, the one acted upon), so at most
  three. Each edge: ``relation_type`` (the most frequent type), ``types``, ``polarity`` (majority sign), ``weight``
  (supporting sentences), ``positive``/``negative``/``neutral`` counts, ``score``, ``documents``, ``speakers``,
  ``modality`` (the most frequent) and ``modalities`` ("asserted:3;negated:1"), ``confidence`` (mean over the
  mentions that have one; absent when none has), and the time interval ``start``/``end``: first and last
  publication date of the edge's evidence as full ISO dates (a date known to the month or year spans the whole
  period). GraphML holds a directed multigraph (networkx ``MultiDiGraph``; undirected edges are told by
  ``directed``); GEXF a mixed one, as Gephi reads it: edges are undirected by default and a directed one has
  ``type="directed"`` (networkx's GEXF reader refuses mixed graphs: read the GraphML in Python). In GEXF the
  intervals make a dynamic graph Gephi's timeline can play.
- :func:`export_csv` writes a directory with one CSV per record table and :func:`export_jsonl` one ``.jsonl`` file
  per table (:data:`TABLES`): every row carries ``document_id``, its ``position`` in the document, the record's
  fields, and ``span_start``/``span_end`` instead of ``span``. The documents table carries the ``body``, so every
  span can be checked: ``body[span_start:span_end] == evidence``. A list (authors, speakers) is a JSON list in
  JSON Lines and "a; b" in CSV, as `query --json` / `query --csv` write them (console.csv_cell, docs/format.md).
- :func:`export_events_tsv`: one row per relation mention, GDELT-like columns :data:`EVENT_COLUMNS`; tabs and
  newlines inside evidence become spaces so every row is one line, and a field with a double quote is quoted as
  csv and pandas read it by default (``pd.read_csv(path, sep="\t")``). ``actor1``/``actor2`` are the mention's
  a/b, or its source/target when it has a direction (``directed`` 1).
- :func:`export_datasette`: Datasette metadata for the corpus file (``datasette corpus.db -m metadata.json``):
  ``_search`` on the documents table uses documents_fts, the evidence of every record is searchable in
  evidence_fts, and canned queries search evidence with its document and the documents by relevance.
- ``actors``: the graph, CSV, JSON Lines and events exports can be narrowed to actors: one actor keeps the relation
  mentions that involve it, several the mentions between them (:func:`keeps`).
Each returns the path(s) written.
"""

from __future__ import annotations

import calendar
import csv
import json
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Any

import networkx as nx
from networkx.readwrite.gexf import GEXFWriter

from multivector.analysis.graph import build_actor_graph, pair_key
from multivector.interfaces.console import csv_cell
from multivector.records import Analysis
from multivector.store import Corpus
from multivector.store.kinds import KINDS

#: Called once per document read, by a progress bar (or None).
Advance = Callable[[], None] | None
FORMATS = ("graphml", "gexf", "csv", "jsonl", "events-tsv", "datasette")
DEFAULT_OUT = {
    "graphml": "multivector.graphml",
    "gexf": "multivector.gexf",
    "csv": "multivector-csv",
    "jsonl": "multivector-jsonl",
    "events-tsv": "multivector-events.tsv",
    "datasette": "metadata.json",
}
#: The files of the csv / jsonl exports: documents, speakers, actors, people, then each record kind (store.kinds)
#: followed by its mention table when it has one.
TABLES = (
    "documents", "speakers", "actors", "people",
    *(table for kind in KINDS for table in (kind.table, kind.mentions) if table),
)  # fmt: skip
EVENT_COLUMNS = (
    "date", "actor1", "actor2", "type", "quad_class", "score", "polarity", "modality", "speaker", "source",
    "document_id", "title", "span_start", "span_end", "evidence", "directed", "confidence", "resolved_from",
)  # fmt: skip
_RECORD_FIELDS = {
    "speakers": ("name", "role"),
    "actors": ("id", "name", "kind", "mentions"),
    "people": ("name", "role", "mentions"),
    **{kind.table: kind.export_fields for kind in KINDS},  # relations, memberships, ... (store.kinds)
}
_RECORD_FIELDS |= {kind.mentions: kind.export_fields for kind in KINDS if kind.mentions}
_DOCUMENT_FIELDS = ("id", "title", "published", "outlet", "language", "authors", "speakers", "source", "name", "body")


# -- reading ---------------------------------------------------------------------------------------------------------


def iter_analyses(corpus: Corpus, actors: list[str] | None = None, advance: Advance = None) -> Iterator[Analysis]:
    """Every stored analysis, newest first, one at a time (the corpus may be larger than memory); with ``actors``,
    those that hold a relation :func:`keeps` keeps (one actor: documents that mention it; several: documents with a
    relation between two of them, found by the store's ``actors`` filter). ``advance`` is called after each
    document (a progress bar's, console.progress)."""
    for row in _documents(corpus, actors):
        yield corpus.get(row["id"])
        if advance is not None:
            advance()


def documents_to_export(corpus: Corpus, actors: list[str] | None = None) -> int:
    """How many documents :func:`iter_analyses` reads (the progress bar's total)."""
    return corpus.count() if not actors else len(_documents(corpus, actors))


def _documents(corpus: Corpus, actors: list[str] | None) -> list[Any]:
    """The document rows (newest first) an export narrowed to ``actors`` reads."""
    wanted = sorted(set(actors or ()))
    if len(wanted) <= 1:
        return corpus.docs(limit=None, **({"actor": wanted[0]} if wanted else {}))
    between = {row["document_id"] for row in corpus.relations(actors=wanted, limit=None)}
    return [row for row in corpus.docs(limit=None) if row["id"] in between] if between else []


def keeps(actors: list[str] | None, a: str, b: str) -> bool:
    """Whether a relation between ``a`` and ``b`` is exported when the export is narrowed to ``actors``: one actor,
    the relations that involve it; several, those between two different actors of them."""
    if not actors:
        return True
    wanted = set(actors)
    if len(wanted) == 1:
        return a in wanted or b in wanted
    return a != b and a in wanted and b in wanted


def mention_rows(analysis: Analysis, actors: list[str] | None = None) -> list[dict[str, Any]]:
    """The relation mentions of one analysis (its claims when it has none) as rows with document context; ``source``
    and ``target`` are the relation's direction, ``document_source`` the document's path or URL. ``actors``: only
    the mentions :func:`keeps` keeps."""
    rows = []
    for relation in analysis.relation_mentions or analysis.relations:
        if not keeps(actors, relation.a, relation.b):
            continue
        row = asdict(relation)
        start, end = _span(row.pop("span"))
        row.update(span_start=start, span_end=end, document_id=analysis.id, published=analysis.published,
                   title=analysis.title, document_source=analysis.source)  # fmt: skip
        rows.append(row)
    return rows


def _span(span: list[int] | None) -> tuple[int, int]:
    start, end = (list(span or []) + [0, 0])[:2]
    return int(start), int(end)


# -- graphs ----------------------------------------------------------------------------------------------------------


def actor_graph(corpus: Corpus, actors: list[str] | None = None, advance: Advance = None) -> nx.MultiDiGraph:
    """The whole corpus's actor network with Gephi-friendly attribute names and full-date intervals: a directed
    multigraph whose edges say with ``directed`` whether their mentions have a direction (module docstring).
    ``actors``: one actor's network, or the network among several (:func:`keeps`)."""
    mentions = [row for analysis in iter_analyses(corpus, actors, advance) for row in mention_rows(analysis, actors)]
    return directed_actor_graph(corpus.actors(limit=None), mentions)


def directed_actor_graph(actors: list[dict[str, Any]], mentions: list[dict[str, Any]]) -> nx.MultiDiGraph:
    """Relation mention rows (a, b, source, target, modality, confidence, ...) folded into the export's multigraph:
    each edge aggregates, with :func:`build_actor_graph`, the mentions of one pair and one direction (or none)."""
    known = {row["id"]: row for row in actors}
    groups: dict[tuple[str, str, bool], list[dict[str, Any]]] = defaultdict(list)
    for row in mentions:
        if row["a"] == row["b"]:  # a self-loop says nothing about the system of actors
            continue
        direction = _direction(row)
        groups[(*direction, True) if direction else (*pair_key(row["a"], row["b"]), False)].append(row)
    graph = nx.MultiDiGraph()
    for (u, v, directed), rows in sorted(groups.items()):
        folded = build_actor_graph([known[x] for x in (u, v) if x in known], [{**row, "a": u, "b": v} for row in rows])
        for node in (u, v):
            if node not in graph:
                attributes = dict(folded.nodes[node])
                graph.add_node(node, label=attributes.pop("name"), **attributes)
        data = dict(folded.edges[u, v])
        # GEXF reserves an edge's "type" for directed/undirected, so the relation type gets its own name.
        data["relation_type"] = data.pop("type")
        data["label"] = f"{u} {'->' if directed else '-'} {v}: {data['relation_type']}"
        data["directed"] = directed
        modalities = Counter(row.get("modality") or "asserted" for row in rows).most_common()
        data["modality"] = modalities[0][0]
        data["modalities"] = ";".join(f"{name}:{count}" for name, count in modalities)
        confidences = [float(row["confidence"]) for row in rows if row.get("confidence") is not None]
        if confidences:
            data["confidence"] = round(sum(confidences) / len(confidences), 3)
        if "start" in data:
            data["start"], data["end"] = period_start(data["start"]), period_end(data["end"])
        graph.add_edge(u, v, key=f"{u}{'->' if directed else '--'}{v}", **data)
    _node_intervals(graph)
    return graph


def _direction(row: dict[str, Any]) -> tuple[str, str] | None:
    """(source, target) of a directed mention; None for a symmetric one. A missing end is the pair's other actor."""
    source, target = row.get("source"), row.get("target")
    pair = (row["a"], row["b"])
    if source and not target and source in pair:
        target = pair[1] if source == pair[0] else pair[0]
    if target and not source and target in pair:
        source = pair[1] if target == pair[0] else pair[0]
    return (source, target) if source and target and source != target else None


def _node_intervals(graph: nx.MultiDiGraph) -> None:
    """A node lives from its first edge's start to its last edge's end (when any of its edges is dated)."""
    for node in graph.nodes:
        edges = [d for *_, d in graph.in_edges(node, data=True)] + [d for *_, d in graph.out_edges(node, data=True)]
        dated = [d for d in edges if "start" in d]
        if dated:
            graph.nodes[node]["start"] = min(d["start"] for d in dated)
            graph.nodes[node]["end"] = max(d["end"] for d in dated)


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


def export_graphml(corpus: Corpus, out: Path, actors: list[str] | None = None, advance: Advance = None) -> Path:
    nx.write_graphml(actor_graph(corpus, actors, advance), out, encoding="utf-8")
    return out


def export_gexf(corpus: Corpus, out: Path, actors: list[str] | None = None, advance: Advance = None) -> Path:
    """A mixed graph, as Gephi reads one: edges undirected by default, directed ones with ``type="directed"``."""
    graph = actor_graph(corpus, actors, advance)
    for _, _, key, data in graph.edges(keys=True, data=True):
        data["id"] = key  # "RUS->KAZ", "KAZ--RUS": stable edge ids
        if data["directed"]:
            data["type"] = "directed"  # networkx writes an edge's "type" as the GEXF edge type
    writer = GEXFWriter(encoding="utf-8")
    writer.add_graph(graph)
    writer.graph_element.set("defaultedgetype", "undirected")
    writer.write(out)
    return out


# -- record tables ---------------------------------------------------------------------------------------------------


def table_rows(analysis: Analysis, actors: list[str] | None = None) -> dict[str, list[dict[str, Any]]]:
    """Every record table's rows for one analysis (see the module docstring); lists stay lists (the CSV writer joins
    them). ``actors`` narrows the relation tables (:func:`keeps`); positions stay those of the document."""
    document = {
        "id": analysis.id, "title": analysis.title, "published": analysis.published, "outlet": analysis.outlet,
        "language": analysis.language, "authors": list(analysis.authors),
        "speakers": [s.name for s in analysis.speakers], "source": analysis.source, "name": analysis.name,
        "body": analysis.body,
    }  # fmt: skip
    tables: dict[str, list[dict[str, Any]]] = {"documents": [document]}
    for table, fields in _RECORD_FIELDS.items():
        rows = []
        for position, record in enumerate(getattr(analysis, table)):
            if table in _RELATION_TABLES and not keeps(actors, record.a, record.b):
                continue
            data = asdict(record)
            row = {"document_id": analysis.id, "position": position, **{f: data.get(f) for f in fields}}
            if "span" in data:
                row["span_start"], row["span_end"] = _span(data["span"])
            rows.append(row)
        tables[table] = rows
    return tables


_RELATION_TABLES = {"relations", "relation_mentions"}


def _columns(table: str) -> list[str]:
    if table == "documents":
        return list(_DOCUMENT_FIELDS)
    spans = [] if table in {"speakers", "actors", "people"} else ["span_start", "span_end"]
    return ["document_id", "position", *_RECORD_FIELDS[table], *spans]


def export_csv(corpus: Corpus, out: Path, actors: list[str] | None = None, advance: Advance = None) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    paths = {table: out / f"{table}.csv" for table in TABLES}
    handles = {table: path.open("w", encoding="utf-8", newline="") for table, path in paths.items()}
    try:
        writers = {table: csv.DictWriter(handles[table], fieldnames=_columns(table)) for table in TABLES}
        for writer in writers.values():
            writer.writeheader()
        for analysis in iter_analyses(corpus, actors, advance):
            for table, rows in table_rows(analysis, actors).items():
                writers[table].writerows({key: csv_cell(value) for key, value in row.items()} for row in rows)
    finally:
        for handle in handles.values():
            handle.close()
    return list(paths.values())


def export_jsonl(corpus: Corpus, out: Path, actors: list[str] | None = None, advance: Advance = None) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    paths = {table: out / f"{table}.jsonl" for table in TABLES}
    handles = {table: path.open("w", encoding="utf-8") for table, path in paths.items()}
    try:
        for analysis in iter_analyses(corpus, actors, advance):
            for table, rows in table_rows(analysis, actors).items():
                for row in rows:
                    handles[table].write(json.dumps(row, ensure_ascii=False) + "\n")
    finally:
        for handle in handles.values():
            handle.close()
    return list(paths.values())


# -- events ----------------------------------------------------------------------------------------------------------


def event_row(row: dict[str, Any]) -> dict[str, Any]:
    """One relation mention as a GDELT-like event row (actor1 -> actor2 when the mention has a direction)."""
    direction = _direction(row)
    actor1, actor2 = direction or (row["a"], row["b"])
    return {
        "date": row.get("published") or "",
        "actor1": actor1,
        "actor2": actor2,
        "type": row.get("type"),
        "quad_class": row.get("quad_class"),
        "score": row.get("score"),
        "polarity": row.get("polarity"),
        "modality": row.get("modality"),
        "speaker": row.get("speaker") or "",
        "source": row.get("document_source") or "",  # the document's path or URL, as in GDELT's SOURCEURL
        "document_id": row["document_id"],
        "title": _one_line(row.get("title") or ""),
        "span_start": row.get("span_start"),
        "span_end": row.get("span_end"),
        "evidence": _one_line(row.get("evidence") or ""),
        "directed": 1 if direction else 0,
        "confidence": row.get("confidence"),
        "resolved_from": row.get("resolved_from"),
    }


def _one_line(text: str) -> str:
    return " ".join(text.split())


def export_events_tsv(corpus: Corpus, out: Path, actors: list[str] | None = None, advance: Advance = None) -> Path:
    """Tab-separated lines, header first: one line per row (no field holds a tab or a line break) and csv's minimal
    quoting, so a field with a double quote reads back with the defaults of pandas and the csv module."""
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(EVENT_COLUMNS)
        for analysis in iter_analyses(corpus, actors, advance):
            for row in mention_rows(analysis, actors):
                values = event_row(row)
                writer.writerow(_one_line(str(csv_cell(values[c]))) for c in EVENT_COLUMNS)
    return out


# -- Datasette -------------------------------------------------------------------------------------------------------

#: Canned queries of the Datasette metadata: evidence and documents by full-text relevance, with their context.
DATASETTE_QUERIES = {
    "search_evidence": {
        "title": "Search the evidence",
        "description": 'Every record whose evidence matches, best first: words, "a phrase", prefix*, OR, NOT.',
        "sql": (
            "select e.kind, e.record_id, e.document_id, d.title, d.published,"
            " snippet(evidence_fts, 0, '**', '**', '…', 24) as evidence"
            " from evidence_fts e join documents d on d.id = e.document_id"
            " where evidence_fts match :q order by rank limit 200"
        ),
    },
    "search_documents": {
        "title": "Search the documents",
        "description": "Documents whose title or body matches, best first, with a snippet of the body.",
        "sql": (
            "select d.id, d.title, d.published, d.outlet, snippet(documents_fts, 1, '**', '**', '…', 24) as snippet"
            " from documents_fts join documents d on d.number = documents_fts.rowid"
            " where documents_fts match :q order by rank limit 200"
        ),
    },
}


def datasette_metadata(database: str) -> dict[str, Any]:
    """Datasette metadata for a corpus file whose Datasette name (the file name without .db) is ``database``.

    Datasette finds a table's full-text index by itself when the index's DDL says ``content="table"``, as a schema-5
    corpus's documents_fts does (store.schema.DOCUMENTS_FTS_DDL), so ``_search`` works without this file; it still
    names ``fts_table`` and ``fts_pk`` (documents.number, the rowid) so that a corpus file from before says the same,
    adds descriptions and label columns, and the canned queries. evidence_fts is searched as a table of its own
    (Datasette detects an FTS table for itself)."""
    return {
        "title": "multivector corpus",
        "description": "Expert interviews and analysis articles with the actors, relations, stances, figures and"
        " events they contain, each record with its evidence (docs/corpus.md).",
        "databases": {
            database: {
                "tables": {
                    "documents": {
                        "fts_table": "documents_fts", "fts_pk": "number", "label_column": "title",
                        "description": "One row per article; ?_search= searches titles and bodies.",
                    },
                    "evidence_fts": {
                        "description": "The evidence of every record (kind: its table, record_id: its id there);"
                        " ?_search= searches it.",
                    },
                    "actors": {"label_column": "name"},
                },
                "queries": DATASETTE_QUERIES,
            }
        },
    }  # fmt: skip


def export_datasette(corpus: Corpus, out: Path, actors: list[str] | None = None, advance: Advance = None) -> Path:
    """The metadata file for ``datasette CORPUS.db --metadata OUT`` (SQLite corpora only)."""
    if corpus.url:
        raise ValueError("the datasette export is for an SQLite corpus file (Datasette does not read PostgreSQL)")
    out.write_text(json.dumps(datasette_metadata(Path(corpus.path).stem), ensure_ascii=False, indent=2) + "\n",
                   encoding="utf-8")  # fmt: skip
    return out


def export(
    corpus: Corpus, format: str, out: Path | None = None, *, actors: list[str] | None = None, advance: Advance = None
) -> Path | list[Path]:
    """Write ``format`` (one of :data:`FORMATS`) to ``out`` (a file, or a directory for csv/jsonl); ``actors``
    (canonical ids) narrows the relations to those of one actor or between several (:func:`keeps`)."""
    if format not in FORMATS:
        raise ValueError(f"unknown format {format!r}: choose one of {', '.join(FORMATS)}")
    out = Path(out or DEFAULT_OUT[format])
    out.parent.mkdir(parents=True, exist_ok=True)
    writers = {
        "graphml": export_graphml, "gexf": export_gexf, "csv": export_csv, "jsonl": export_jsonl,
        "events-tsv": export_events_tsv, "datasette": export_datasette,
    }  # fmt: skip
    return writers[format](corpus, out, actors or None, advance)
