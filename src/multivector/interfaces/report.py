"""The self-contained HTML report: one file with the actor network, the stance matrix, the timeline and the most
cited relations with their evidence, that opens offline in any browser.

Contract:
- :func:`render_report` returns the HTML; :func:`write_report` writes it to a file. Everything is inline: the
  stylesheet and the scripts of the web app (``web/static``), and the data, as JSON inside
  ``<script type="application/json" id="mv-data">`` with ``<``, ``>`` and ``&`` written as ``\\u003c``, ``\\u003e``,
  ``\\u0026`` so no article text can close the script element. The page references no external URL.
- The HTML parts are rendered by Jinja with autoescape, so article text is shown as text.
- The graph keeps the ``max_nodes`` most connected actors, with the web app's communities and directed-claim counts;
  each edge embeds at most ``evidence_per_edge`` sentences, each with its modality and its claim's direction and
  confidence (the panel filters them by modality and confidence). The network is drawn by the vendored Cytoscape.js
  (``web/static/vendor``), inlined like the app's own scripts.
- The balance section shows, for the ``balance_states`` most-mentioned states, their balance over the power centres
  (weights, shares, index, leaning, the most confident claims behind each centre) and the camps of experts with
  their strongest agreements and disagreements (docs/analysis.md), computed by :mod:`multivector.analysis` through
  the same serialiser as ``multivector balance --json`` and ``discourse --json``.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from multivector import __version__
from multivector.analysis import graph as graphs
from multivector.analysis import mentions, overview, stances, timeline
from multivector.interfaces.web import views
from multivector.interfaces.web.app import doc_title
from multivector.store import Corpus

WEB = Path(__file__).resolve().parent / "web"
#: The vendored network library, in load order (see web/static/vendor/README.md).
VENDOR_SCRIPTS = ("cytoscape.min.js", "layout-base.js", "cose-base.js", "cytoscape-fcose.js")


def safe_json(data: Any) -> str:
    """JSON that is inert inside a <script> element: no '<', '>' or '&' survives literally."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def report_data(
    corpus: Corpus, *, max_nodes: int = 80, evidence_per_edge: int = 12, top: int = 25, balance_states: int = 4
) -> dict[str, Any]:
    """Everything the report shows, computed from the corpus."""
    conn = corpus.connection
    relation_rows = mentions.relation_mentions(conn)
    actors = corpus.actors(limit=None)
    graph = graphs.graph_data(graphs.build_actor_graph(actors, relation_rows), max_nodes=max_nodes)
    claims = corpus.relations(limit=None)
    views.add_directions(corpus, graph, {}, claims)
    views.add_communities(graph)
    names = {row["id"]: row["name"] for row in actors}
    matrix = stances.stance_matrix(mentions.stance_mentions(conn), max_actors=30).to_dict()
    matrix["actor_names"] = {actor: names.get(actor, actor) for actor in matrix["actors"]}
    docs = corpus.docs(limit=None)
    return {
        "summary": overview.corpus_summary(conn),
        "graph": graph,
        "evidence": _edge_evidence(relation_rows, graph, evidence_per_edge, claims),
        "top_relations": graphs.top_relations(relation_rows, limit=top),
        "names": names,
        "matrix": matrix,
        "timeline": timeline.layout(timeline.timeline_items(corpus.events(limit=None), docs), width=1100),
        "actors": [row for row in actors if row["documents"]],
        "documents": docs,
        "balances": balances(corpus, actors, balance_states),
        "discourse": _camps(corpus),
    }


def balances(corpus: Corpus, actors: list[dict[str, Any]], count: int) -> list[dict[str, Any]]:
    """The balance (JSON of ``multivector balance``, two claims per centre) of the ``count`` most-mentioned states."""
    from multivector.analysis.balance import balance
    from multivector.interfaces.analysis_json import as_json

    states = sorted((row for row in actors if row["kind"] == "state" and row["mentions"]),
                    key=lambda row: (-row["mentions"], row["id"]))[:count]  # fmt: skip
    return [as_json(balance(corpus, row["id"], evidence=2)) | {"name": row["name"]} for row in states]


def _camps(corpus: Corpus) -> dict[str, Any]:
    """The camps of experts and their strongest ties (JSON of ``multivector discourse``)."""
    from multivector.analysis.discourse import discourse
    from multivector.interfaces.analysis_json import as_json

    data = as_json(discourse(corpus))
    return {
        "camps": [camp for camp in data["camps"] if len(camp) > 1],
        "alone": [camp[0] for camp in data["camps"] if len(camp) == 1],
        "congruence": sorted(data["congruence"], key=lambda t: (-t["weight"], t["a"], t["b"]))[:10],
        "conflict": sorted(data["conflict"], key=lambda t: (-t["weight"], t["a"], t["b"]))[:10],
        "experts": len(data["experts"]),
    }


def _edge_evidence(
    rows: list[dict[str, Any]], graph: dict[str, Any], per_edge: int, claims: list[dict[str, Any]]
) -> dict[str, list[dict]]:
    """Evidence rows per shown edge, keyed 'SOURCE|TARGET' as the script looks them up; each row carries its
    modality and its claim's direction (source, target) and confidence."""
    by_claim = {}
    for claim in claims:
        by_claim.setdefault((claim["document_id"], graphs.pair_key(claim["a"], claim["b"]), claim["type"]), claim)
    shown = {(edge["source"], edge["target"]) for edge in graph["edges"]}
    evidence: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        key = graphs.pair_key(row["a"], row["b"])
        bucket = evidence[f"{key[0]}|{key[1]}"]
        if key in shown and len(bucket) < per_edge:
            claim = by_claim.get((row["document_id"], key, row.get("type")), {})
            bucket.append({k: row.get(k) for k in ("evidence", "document_id", "title", "published", "type",
                                                   "polarity", "modality", "speaker", "span_start")}
                          | {k: claim.get(k) for k in ("source", "target", "confidence")})  # fmt: skip
    return {key: value for key, value in evidence.items() if value}


def render_report(corpus: Corpus, **options: Any) -> str:
    data = report_data(corpus, **options)
    env = Environment(loader=FileSystemLoader(WEB / "templates"), autoescape=select_autoescape(default=True))
    env.filters["polarity_class"] = lambda p: {"+": "pos", "-": "neg"}.get(p or "", "neu")
    env.globals["doc_title"] = doc_title
    embedded = {"graph": data["graph"], "evidence": data["evidence"]}
    return env.get_template("report.html").render(
        **data,
        css=Markup(_static("style.css")),
        vendor_js=Markup("\n".join(_static(f"vendor/{name}") for name in VENDOR_SCRIPTS)),
        network_js=Markup(_static("network.js")),
        report_js=Markup(_static("report.js")),
        data_json=Markup(safe_json(embedded)),
        version=__version__,
        generated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
    )


def _static(name: str) -> str:
    text = (WEB / "static" / name).read_text(encoding="utf-8")
    if "</script" in text.lower() or "</style" in text.lower():  # would end the inline element early
        raise ValueError(f"{name} cannot be inlined")
    return text


def write_report(corpus: Corpus, out: str | Path, **options: Any) -> Path:
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_report(corpus, **options), encoding="utf-8")
    return out
