"""The JSON of the analysis answers (balance, discourse, changes, claims): one serialiser shared by the CLI's
``--json`` and the web API (``/api/balance/{actor}``, ``/api/discourse``, ``/api/changes``, ``/api/claims``), so
both print the same object for the same question.

Contract:
- :func:`as_json` turns a result of :mod:`multivector.analysis` (``BalanceReport``, ``Discourse``, ``Changes``,
  ``Claims``) into plain JSON data: its ``to_dict()`` with tuples as lists. Every number comes with the records
  behind it, each with ``evidence``, ``span_start`` / ``span_end`` in the body of ``document_id``, ``published`` and
  ``title`` (docs/analysis.md).
- :func:`network_text` writes one discourse network as GraphML or GEXF text (the bytes of ``--export``).
"""

from __future__ import annotations

from typing import Any

NETWORK_FORMATS = ("graphml", "gexf")


def plain(value: Any) -> Any:
    """Tuples as lists, recursively, so the data compares equal to what JSON reads back."""
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    return value


def as_json(result: Any) -> dict[str, Any]:
    """The JSON object of an analysis result (what ``multivector balance ... --json`` prints)."""
    return plain(result.to_dict())


def network_text(result: Any, network: str, fmt: str) -> str:
    """One network of a ``Discourse`` (affiliation, congruence, conflict, coevaluation, camps) as GraphML or GEXF."""
    import networkx as nx

    graph = result.graph(network)
    if fmt == "graphml":
        return "\n".join(nx.generate_graphml(graph)) + "\n"
    if fmt == "gexf":
        return "\n".join(nx.generate_gexf(graph)) + "\n"
    raise ValueError(f"bad network format {fmt!r}: use one of {', '.join(NETWORK_FORMATS)}")
