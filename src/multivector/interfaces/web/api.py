"""The JSON API under /api (described at /api/openapi.json). Read-only; limits are capped at
:data:`~multivector.interfaces.web.app.MAX_LIMIT`; unknown ids give 404 and malformed filters 400."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query
from fastapi.responses import JSONResponse

from multivector.interfaces.web import views
from multivector.interfaces.web.app import cap, open_corpus
from multivector.store import Corpus

router = APIRouter(prefix="/api", tags=["api"])
CorpusDep = Annotated[Corpus, Depends(open_corpus)]
Since = Annotated[str | None, Query(description="ISO date prefix, inclusive: 2023, 2023-05 or 2023-05-14")]
Until = Annotated[str | None, Query(description="ISO date prefix, inclusive")]
Limit = Annotated[int, Query(description="page size, capped at 500")]


def _json(data: Any) -> JSONResponse:
    """Views already return JSON-ready data: skip FastAPI's generic encoder, which walks every value again (it took
    longer than computing a cached view)."""
    return JSONResponse(data)


def _blank(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


@router.get("/overview")
def api_overview(corpus: CorpusDep) -> dict[str, Any]:
    """Documents, outlets, experts, time span, top actors and most-cited relations."""
    return _json(views.overview_view(corpus))


@router.get("/graph")
def api_graph(
    corpus: CorpusDep,
    since: Since = None,
    until: Until = None,
    speaker: str | None = None,
    type: str | None = None,
    max_nodes: Annotated[int, Query(description="keep the most connected actors, capped at 500")] = 80,
) -> dict[str, Any]:
    """The actor network: nodes (actors) and edges (actor pairs with evidence counts, polarity, first/last date)."""
    return _json(views.graph_view(
        corpus, since=_blank(since), until=_blank(until), speaker=_blank(speaker), type=_blank(type),
        max_nodes=cap(max_nodes),
    ))  # fmt: skip


@router.get("/edge")
def api_edge(
    corpus: CorpusDep,
    a: str,
    b: str,
    since: Since = None,
    until: Until = None,
    speaker: str | None = None,
    type: str | None = None,
    limit: Limit = 50,
) -> dict[str, Any]:
    """The evidence sentences behind the relation between two actors (either order)."""
    return _json(views.edge_view(
        corpus, a, b, since=_blank(since), until=_blank(until), speaker=_blank(speaker), type=_blank(type),
        limit=cap(limit),
    ))  # fmt: skip


@router.get("/actors")
def api_actors(corpus: CorpusDep, kind: str | None = None, limit: Limit = 50, offset: int = 0) -> list[dict[str, Any]]:
    """Actors, most documented first."""
    return corpus.actors(kind=_blank(kind), limit=cap(limit), offset=max(0, offset))


@router.get("/actors/{actor_id}")
def api_actor(corpus: CorpusDep, actor_id: str) -> dict[str, Any]:
    """One actor: partners, relations per year, memberships, what each expert says about it."""
    return _json(views.actor_view(corpus, actor_id))


@router.get("/experts")
def api_experts(corpus: CorpusDep) -> list[dict[str, Any]]:
    """Every speaker with their number of documents and stance mentions."""
    return _json(views.experts_view(corpus))


@router.get("/experts/{name:path}")
def api_expert(corpus: CorpusDep, name: str) -> dict[str, Any]:
    """One expert: stance row, quotes, relation claims, documents and figures."""
    return _json(views.expert_view(corpus, name))


@router.get("/matrix")
def api_matrix(corpus: CorpusDep, actors: Annotated[int, Query(description="columns, capped at 500")] = 30):
    """Experts x actors stance counts; experts ordered by cosine-similarity clustering."""
    return _json(views.matrix_view(corpus, max_actors=cap(actors)))


@router.get("/timeline")
def api_timeline(corpus: CorpusDep) -> dict[str, Any]:
    """Dated events and publication dates, laid out on one axis."""
    return _json(views.timeline_view(corpus))


@router.get("/documents")
def api_documents(
    corpus: CorpusDep, since: Since = None, until: Until = None, actor: str | None = None, limit: Limit = 50,
    offset: int = 0,
) -> list[dict[str, Any]]:  # fmt: skip
    """Documents, newest first."""
    return corpus.docs(
        since=_blank(since), until=_blank(until), actor=_blank(actor), limit=cap(limit), offset=max(0, offset)
    )


@router.get("/documents/{doc_id}")
def api_document(corpus: CorpusDep, doc_id: str) -> dict[str, Any]:
    """The full analysis of one document (the JSON of docs/format.md)."""
    return _json(corpus.get(doc_id).to_dict())


@router.get("/relations")
def api_relations(
    corpus: CorpusDep,
    actor: str | None = None,
    speaker: str | None = None,
    since: Since = None,
    until: Until = None,
    polarity: str | None = None,
    type: str | None = None,
    limit: Limit = 50,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Relation claims (one per actor pair and document), newest first."""
    return corpus.relations(
        actor=_blank(actor), speaker=_blank(speaker), since=_blank(since), until=_blank(until),
        polarity=_blank(polarity), type=_blank(type), limit=cap(limit), offset=max(0, offset),
    )  # fmt: skip


@router.get("/stances")
def api_stances(
    corpus: CorpusDep, actor: str | None = None, speaker: str | None = None, limit: Limit = 50, offset: int = 0
) -> list[dict[str, Any]]:
    """Stance claims (one per speaker, target and document), newest first."""
    return corpus.stances(actor=_blank(actor), speaker=_blank(speaker), limit=cap(limit), offset=max(0, offset))


@router.get("/events")
def api_events(corpus: CorpusDep, since: Since = None, until: Until = None, limit: Limit = 50, offset: int = 0):
    """Dated events, latest first (since/until compare the event's own date)."""
    return corpus.events(since=_blank(since), until=_blank(until), limit=cap(limit), offset=max(0, offset))


@router.get("/figures")
def api_figures(corpus: CorpusDep, unit: str | None = None, limit: Limit = 50, offset: int = 0):
    """Cited figures, newest documents first."""
    return corpus.figures(unit=_blank(unit), limit=cap(limit), offset=max(0, offset))


@router.get("/search")
def api_search(corpus: CorpusDep, q: str, limit: Limit = 20) -> list[dict[str, Any]]:
    """Full-text search over bodies and evidence; matches in snippets are wrapped in U+27E6 / U+27E7."""
    if not q.strip():
        raise HTTPException(400, "empty query")
    return _json(views.search_view(corpus, q, limit=cap(limit)))
